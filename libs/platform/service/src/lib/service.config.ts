import {
  kafkaConsumerConfigFrom,
  kafkaConsumerEnvSchema,
  type KafkaConsumerConfig,
  type KafkaConsumerDefaults,
  type KafkaServiceName,
} from '@cde/platform/kafka';
import {
  logConfigFrom,
  logEnvSchema,
  metricsConfigFrom,
  metricsEnvSchema,
  tracingConfigFrom,
  tracingEnvSchema,
  type LogConfig,
  type MetricsConfig,
  type TracingConfig,
} from '@cde/platform/observability';
import { z } from 'zod';

/**
 * Where each service serves /metrics and /health when `CDE_METRICS_PORT` is unset: one port apiece, so `./dev up`
 * runs them side by side.
 */
export const DEFAULT_METRICS_PORTS: Readonly<Record<KafkaServiceName, number>> = {
  exporter: 9464,
  'scopes-feed': 9465,
  'products-feed': 9466,
  'prices-feed': 9467,
  'orders-feed': 9468,
  'inventory-feed': 9469,
};

/** What every service started by `runService` has: its name, how it consumes, logs and serves metrics. */
export interface ServiceConfig {
  readonly service: KafkaServiceName;
  readonly kafka: KafkaConsumerConfig;
  readonly log: LogConfig;
  /** `/metrics`, `/health`, `/health/live`, `/health/ready`; port 0 picks a free one. */
  readonly metrics: MetricsConfig;
  /** OpenTelemetry tracing (OTLP/HTTP); off unless an endpoint is set. */
  readonly tracing: TracingConfig;
}

/** The variables of those common parts (`CDE_KAFKA_*`, `CDE_LOG_LEVEL`, `CDE_METRICS_*`, `OTEL_*`…), to compose. */
export function serviceEnvSchema(defaults: KafkaConsumerDefaults) {
  return kafkaConsumerEnvSchema(defaults)
    .extend(logEnvSchema.shape)
    .extend(metricsEnvSchema.shape)
    .extend(tracingEnvSchema.shape);
}

export type ServiceEnv = z.infer<ReturnType<typeof serviceEnvSchema>>;

export function serviceConfigFrom<S extends KafkaServiceName>(
  service: S,
  env: ServiceEnv,
): ServiceConfig & { readonly service: S } {
  return {
    service,
    kafka: kafkaConsumerConfigFrom(env, service),
    log: logConfigFrom(env),
    metrics: metricsConfigFrom(env, DEFAULT_METRICS_PORTS[service]),
    tracing: tracingConfigFrom(env),
  };
}

/** Parses an app's environment with its one schema, naming every problem in one readable error. */
export function parseEnv<S extends z.ZodType>(app: string, schema: S, env: NodeJS.ProcessEnv): z.output<S> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw new Error(`invalid ${app} configuration:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
