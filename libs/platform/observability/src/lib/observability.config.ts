import { z } from 'zod';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** How much a service logs (`CDE_LOG_LEVEL`), and whether payloads go to the logs (the original's switch). */
export const logEnvSchema = z.object({
  CDE_LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /** `1`: log the (redacted) payloads of what is sent; never secrets. */
  EXPORTER_EXTENDED_LOG: z.enum(['0', '1']).default('0'),
});

export interface LogConfig {
  readonly level: LogLevel;
  readonly extendedLog: boolean;
}

export function logConfigFrom(env: z.infer<typeof logEnvSchema>): LogConfig {
  return { level: env.CDE_LOG_LEVEL, extendedLog: env.EXPORTER_EXTENDED_LOG === '1' };
}

/** Where a service serves `/metrics` and `/health` (see `MetricsServer`). */
export const metricsEnvSchema = z.object({
  /** `0.0.0.0` in a pod, so the probes and Prometheus reach it. */
  CDE_METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  /** 0 picks a free port (tests); unset or empty: the service's own default port. */
  CDE_METRICS_PORT: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.coerce.number().int().min(0).max(65_535).optional(),
  ),
});

export interface MetricsConfig {
  readonly host: string;
  /** 0: a free port, logged once listening. */
  readonly port: number;
}

export function metricsConfigFrom(env: z.infer<typeof metricsEnvSchema>, defaultPort: number): MetricsConfig {
  return { host: env.CDE_METRICS_HOST, port: env.CDE_METRICS_PORT ?? defaultPort };
}
