import { FEED_NAMES, FEEDS, parseFeedName, type FeedName } from '@cde/contracts';
import { dbConfigFrom, dbEnvShape, type DbConnectionConfig } from '@cde/platform/mariadb';
import {
  logEnvSchema,
  tracingConfigFrom,
  tracingEnvSchema,
  type LogLevel,
  type TracingConfig,
} from '@cde/platform/observability';
import { parseEnv } from '@cde/platform/service';
import { z } from 'zod';
import {
  applyFaultPatch,
  faultPatchSchema,
  MAX_HOLD_MS,
  NO_FAULTS,
  type FaultSwitches,
} from './faults/fault-switches';

const MIB = 1024 * 1024;

const RECEIVER_DB_ENV = {
  host: 'CDE_RECEIVER_DB_HOST',
  port: 'CDE_RECEIVER_DB_PORT',
  user: 'CDE_RECEIVER_DB_USER',
  password: 'CDE_RECEIVER_DB_PASSWORD',
  database: 'CDE_RECEIVER_DB_NAME',
} as const;

/**
 * `CDE_RECEIVER_MAX_BATCH_ITEMS`: `<n>` for every feed and/or `<feed>=<n>` per feed, comma separated; feeds
 * not named keep their default (500 prices, 100 the others, as Commerce Services accepts).
 */
const batchLimits = z
  .string()
  .default('')
  .transform((text, ctx) => {
    const limits: Record<FeedName, number> = Object.fromEntries(
      FEED_NAMES.map((feed) => [feed, FEEDS[feed].defaultBatchSize]),
    ) as Record<FeedName, number>;
    for (const part of text
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean)) {
      const [name, raw] = part.includes('=') ? part.split('=').map((s) => s.trim()) : [undefined, part];
      const value = Number(raw);
      const feed = name === undefined ? undefined : parseFeedName(name);
      if (!Number.isInteger(value) || value < 1 || value > 100_000 || (name !== undefined && !feed)) {
        ctx.addIssue({ code: 'custom', message: `"${part}" is not <n> or <feed>=<n> with a known feed` });
        continue;
      }
      for (const f of feed === undefined ? FEED_NAMES : [feed]) limits[f] = value;
    }
    return limits;
  });

/** `CDE_RECEIVER_FAULTS`: the fault switches at boot, as the JSON body of `PUT /api/faults`. */
const bootFaults = z
  .string()
  .default('')
  .transform((text, ctx) => {
    if (text.trim() === '') return { switches: NO_FAULTS, seed: undefined };
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'is not JSON' });
      return z.NEVER;
    }
    const patch = faultPatchSchema.safeParse(json);
    if (!patch.success) {
      ctx.addIssue({ code: 'custom', message: z.prettifyError(patch.error) });
      return z.NEVER;
    }
    return { switches: applyFaultPatch(NO_FAULTS, patch.data), seed: patch.data.seed };
  });

/** Everything commerce-services reads: its server, its database, the logging level and tracing. */
export const receiverEnvSchema = logEnvSchema.pick({ CDE_LOG_LEVEL: true }).extend({
  CDE_RECEIVER_HOST: z.string().min(1).default('127.0.0.1'),
  CDE_RECEIVER_PORT: z.coerce.number().int().min(0).max(65_535).default(8090),
  /** The one data space this receiver serves; other environment ids in a feed path get 404. */
  CDE_RECEIVER_ENVIRONMENT_ID: z
    .string()
    .regex(/^[^/]+$/, 'must not contain "/"')
    .default('local'),
  CDE_RECEIVER_API_KEY: z.string().min(1),
  /** PEM (SPKI) public key the `x-gw-signature` JWTs are verified with. */
  CDE_RECEIVER_PUBLIC_KEY_FILE: z.string().min(1),
  CDE_RECEIVER_MAX_BATCH_ITEMS: batchLimits,
  CDE_RECEIVER_MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(20 * MIB),
  /** Ingestion requests per second over all feeds; 0 = unlimited. */
  CDE_RECEIVER_RATE_LIMIT: z.coerce.number().int().min(0).default(2),
  /**
   * How long a request held by the `hang` switch waits before the server answers 504 itself; below Node's own
   * 300 s request timeout, so the answer is ours.
   */
  CDE_RECEIVER_HANG_TIMEOUT_MS: z.coerce.number().int().min(1).max(MAX_HOLD_MS).default(120_000),
  CDE_RECEIVER_FAULTS: bootFaults,
  CDE_RECEIVER_FAULT_SEED: z.coerce.number().int().optional(),
  CDE_RECEIVER_REQUEST_LOG_SIZE: z.coerce.number().int().min(1).max(1_000_000).default(10_000),
  ...dbEnvShape(RECEIVER_DB_ENV, { user: 'cde_receiver', database: 'commerce_services' }),
  ...tracingEnvSchema.shape,
});

export type ReceiverDbConfig = DbConnectionConfig;

export interface ReceiverConfig {
  readonly service: 'commerce-services';
  readonly host: string;
  readonly port: number;
  readonly environmentId: string;
  readonly apiKey: string;
  readonly publicKeyFile: string;
  readonly maxBatchItems: Readonly<Record<FeedName, number>>;
  readonly maxBodyBytes: number;
  readonly rateLimit: number;
  readonly hangTimeoutMs: number;
  readonly faults: FaultSwitches;
  /** Seed of the fault random source; a fixed default keeps runs reproducible. */
  readonly faultSeed: number;
  readonly requestLogSize: number;
  readonly db: ReceiverDbConfig;
  readonly logLevel: LogLevel;
  /** OpenTelemetry tracing of ingestion requests (OTLP/HTTP); off unless an endpoint is set. */
  readonly tracing: TracingConfig;
}

/** The only place commerce-services reads its environment; validated once at boot with one readable error. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ReceiverConfig {
  const e = parseEnv('commerce-services', receiverEnvSchema, env);
  return {
    service: 'commerce-services',
    host: e.CDE_RECEIVER_HOST,
    port: e.CDE_RECEIVER_PORT,
    environmentId: e.CDE_RECEIVER_ENVIRONMENT_ID,
    apiKey: e.CDE_RECEIVER_API_KEY,
    publicKeyFile: e.CDE_RECEIVER_PUBLIC_KEY_FILE,
    maxBatchItems: e.CDE_RECEIVER_MAX_BATCH_ITEMS,
    maxBodyBytes: e.CDE_RECEIVER_MAX_BODY_BYTES,
    rateLimit: e.CDE_RECEIVER_RATE_LIMIT,
    hangTimeoutMs: e.CDE_RECEIVER_HANG_TIMEOUT_MS,
    faults: e.CDE_RECEIVER_FAULTS.switches,
    faultSeed: e.CDE_RECEIVER_FAULTS.seed ?? e.CDE_RECEIVER_FAULT_SEED ?? 1,
    requestLogSize: e.CDE_RECEIVER_REQUEST_LOG_SIZE,
    db: dbConfigFrom(RECEIVER_DB_ENV, e),
    logLevel: e.CDE_LOG_LEVEL,
    tracing: tracingConfigFrom(e),
  };
}
