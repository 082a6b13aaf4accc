import {
  createKafka,
  kafkaAccessFailureOf,
  KafkaBatchTransport,
  type KafkaBatchTransportOptions,
  type KafkaServiceName,
} from '@cde/platform/kafka';
import { createLogger, PinoNestLogger, startTracing, withTracingShutdown } from '@cde/platform/observability';
import type { DynamicModule, INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Logger } from 'pino';
import type { ServiceConfig } from './service.config';
import type { ServiceContext } from './service.tokens';

/** A service as `runService` starts it: what main.ts names, and what its integration tests boot. */
export interface ServiceDefinition<C extends ServiceConfig> {
  /** Named when the service cannot start, before its config is read. */
  readonly name: KafkaServiceName;
  /** The app's one validated config (`app.config.ts`). */
  readonly loadConfig: () => C;
  /** The root module, built from the context every service has. */
  readonly root: (context: ServiceContext<C>) => DynamicModule;
  /** Transport options that follow from the config: topics a new group reads from their end, its dead-letter topic. */
  readonly transport?: (config: C) => Partial<KafkaBatchTransportOptions>;
  /** Fields of the "<service> consuming" log line. */
  readonly logFields?: (config: C) => Record<string, unknown>;
}

/** What a test may put in place of the defaults. */
export interface StartServiceOverrides<C extends ServiceConfig> {
  readonly config?: C;
  readonly logger?: Logger;
  /** Shorter timeouts, a faster retry. */
  readonly transport?: Partial<KafkaBatchTransportOptions>;
  /** false: Nest's own messages are not logged. */
  readonly nestLogs?: boolean;
}

/**
 * Starts a service the same way for every app: its config, one logger and one Kafka client, the root module on
 * the batch transport (its consumer group, concurrency and fetch size from the config), shutdown hooks. Resolves
 * once it consumes.
 */
export async function startService<C extends ServiceConfig>(
  definition: ServiceDefinition<C>,
  overrides: StartServiceOverrides<C> = {},
): Promise<INestMicroservice> {
  const config = overrides.config ?? definition.loadConfig();
  // Before anything logs or consumes: records and spans of the start already carry the trace context.
  const tracing = startTracing(config.tracing, config.service);
  const logger = overrides.logger ?? createLogger({ service: config.service, level: config.log.level });
  tracing.reportTo(logger);
  const kafka = createKafka({
    brokers: config.kafka.brokers,
    clientId: config.service,
    logger,
    security: config.kafka.security,
  });
  const root = definition.root({ config, logger, kafka });
  const app = await NestFactory.createMicroservice(
    tracing.enabled ? withTracingShutdown(root, tracing) : root,
    {
      strategy: new KafkaBatchTransport({
        kafka,
        service: config.service,
        groupId: config.kafka.consumerGroup,
        logger,
        partitionsConsumedConcurrently: config.kafka.partitionsConsumedConcurrently,
        maxBytesPerPartition: config.kafka.maxBytesPerPartition,
        maxMessageBytes: config.kafka.maxMessageBytes,
        ensureTopics: config.kafka.ensureTopics,
        ...definition.transport?.(config),
        ...overrides.transport,
      }),
      logger: overrides.nestLogs === false ? false : new PinoNestLogger(logger),
    },
  );
  app.enableShutdownHooks();
  await app.listen();
  logger.info(definition.logFields?.(config) ?? {}, `${config.service} consuming`);
  return app;
}

/** The whole of a service's main.ts: start it, or say why not on stderr and exit 1. */
export function runService<C extends ServiceConfig>(definition: ServiceDefinition<C>): void {
  startService(definition).catch((error: unknown) => {
    // Kafka refusing the credentials or the ACLs is named by its code (CDE11-14/15), so it is not taken for a bug.
    const access = kafkaAccessFailureOf(error);
    process.stderr.write(
      `${definition.name} failed to start: ${access ? `${access.code} ${access.reason}\n` : ''}${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  });
}
