import {
  FEED_NAMES,
  FEEDS,
  feedsOfService,
  type ExportMode,
  type FeedName,
  type FeedServiceName,
} from '@cde/contracts';
import { commerceDbConfigFrom, commerceDbEnvSchema, type CommerceDbConfig } from '@cde/platform/commerce-db';
import { feedStateDbConfigFrom, feedStateEnvSchema, type FeedStateDbConfig } from '@cde/platform/feed-state';
import { z } from 'zod';
import type { RetryPolicy } from '@cde/util/retry';
import type { FeedRuntimeSettings } from './feed-definition';

/** `feed=value,feed=value` lists (CDE_FEED_MODES, CDE_FEED_BATCH_SIZES), feed names case-insensitive. */
function feedMap<T extends z.ZodType>(valueSchema: T) {
  return z
    .string()
    .default('')
    .transform((text, ctx) => {
      const out: Partial<Record<FeedName, z.infer<T>>> = {};
      for (const part of text
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean)) {
        const [name, raw] = part.split('=').map((s) => s.trim());
        const feed = FEED_NAMES.find((f) => f.toLowerCase() === (name ?? '').toLowerCase());
        const value = valueSchema.safeParse(raw);
        if (!feed || !value.success) {
          ctx.addIssue({
            code: 'custom',
            message: `"${part}" is not <feed>=<value> with a known feed and a valid value`,
          });
          continue;
        }
        out[feed] = value.data;
      }
      return out;
    });
}

/**
 * Where each feed service serves /metrics and /health when CDE_METRICS_PORT is unset: one port apiece, so
 * `./dev up` runs them side by side (the exporter has 9464).
 */
export const DEFAULT_METRICS_PORTS: Readonly<Record<FeedServiceName, number>> = {
  'scopes-feed': 9465,
  'products-feed': 9466,
  'prices-feed': 9467,
  'orders-feed': 9468,
  'inventory-feed': 9469,
};

const schema = commerceDbEnvSchema.extend(feedStateEnvSchema.shape).extend({
  /** Consumer group; defaults to the service name (one group per deployable). */
  CDE_CONSUMER_GROUP: z
    .string()
    .regex(/^[A-Za-z0-9._-]+$/)
    .optional(),
  CDE_KAFKA_BROKERS: z
    .string()
    .min(1)
    .default('127.0.0.1:9092')
    .transform((s) => s.split(',').map((b) => b.trim())),
  /** Feeds this deployment runs (default: all of the service's), so a hot feed can get its own Deployment. */
  FEEDS: z.string().default(''),
  CDE_FEED_MODES: feedMap(z.enum(['immediate', 'legacy'])),
  CDE_FEED_BATCH_SIZES: feedMap(z.coerce.number().int().min(1).max(10_000)),
  CDE_LEGACY_SEND_INTERVAL_MS: z.coerce.number().int().min(100).default(5_000),
  CDE_CLEANUP_INTERVAL_MS: z.coerce.number().int().min(1_000).default(3_600_000),
  CDE_PARTITIONS_CONSUMED_CONCURRENTLY: z.coerce.number().int().min(1).max(64).default(2),
  CDE_COMMAND_MAX_AGE_MS: z.coerce.number().int().min(1_000).default(600_000),
  /** Failed deliveries (from the feed's dead-letter topic) before an item is parked, and the delays between. */
  CDE_DLT_RETRY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(5),
  CDE_DLT_RETRY_BASE_MS: z.coerce.number().int().min(0).default(5_000),
  CDE_DLT_RETRY_MAX_MS: z.coerce.number().int().min(0).max(240_000).default(120_000),
  CDE_METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  /** 0 picks a free port (tests); unset: the service's DEFAULT_METRICS_PORTS entry. */
  CDE_METRICS_PORT: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.coerce.number().int().min(0).max(65_535).optional(),
  ),
  CDE_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  EXPORTER_EXTENDED_LOG: z.enum(['0', '1']).default('0'),
  /** Kafka Connect's REST API and the connector: onboarding waits until the connector streams. */
  CDE_CONNECT_URL: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.url({ protocol: /^https?$/ }).optional(),
  ),
  CDE_CONNECTOR_NAME: z.string().min(1).default('commerce-connector'),
  /** Background syncs (onboarding, resyncs, fan-outs): pages synced at once per wave, and waves at once. */
  CDE_SYNC_THREADS: z.coerce.number().int().min(1).max(32).default(2),
  CDE_SYNC_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(2),
});

export interface FeedServiceConfig {
  readonly service: FeedServiceName;
  readonly feeds: readonly FeedName[];
  readonly settings: Readonly<Partial<Record<FeedName, FeedRuntimeSettings>>>;
  readonly kafkaBrokers: readonly string[];
  readonly consumerGroup: string;
  readonly commerceDb: CommerceDbConfig;
  readonly feedState: FeedStateDbConfig;
  readonly legacySendIntervalMs: number;
  readonly cleanupIntervalMs: number;
  readonly partitionsConsumedConcurrently: number;
  readonly retryPolicy: RetryPolicy;
  readonly commandMaxAgeMs: number;
  /** `/metrics`, `/health`, `/health/live`, `/health/ready`; port 0 picks a free one. */
  readonly metrics: { readonly host: string; readonly port: number };
  readonly logLevel: z.infer<typeof schema>['CDE_LOG_LEVEL'];
  readonly extendedLog: boolean;
  /** Where to ask whether change capture streams before onboarding; unset: do not ask. */
  readonly connect?: { readonly url: string; readonly connector: string };
  readonly sync: { readonly threads: number; readonly concurrency: number };
}

/** Parses and validates a feed service's environment once, at boot, with one readable error. */
export function parseFeedServiceConfig(service: FeedServiceName, env: NodeJS.ProcessEnv): FeedServiceConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw new Error(`invalid ${service} configuration:\n${z.prettifyError(parsed.error)}`);
  const e = parsed.data;
  const own = feedsOfService(service);
  const requested = e.FEEDS.split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  const feeds =
    requested.length === 0
      ? own
      : requested.map((name) => own.find((f) => f.toLowerCase() === name.toLowerCase()) ?? name);
  const foreign = feeds.filter((f) => !own.includes(f as FeedName));
  if (foreign.length > 0)
    throw new Error(
      `invalid ${service} configuration: FEEDS names feeds ${service} does not run: ${foreign.join(', ')} (it runs ${own.join(', ')})`,
    );
  const settings: Partial<Record<FeedName, FeedRuntimeSettings>> = {};
  for (const feed of feeds as FeedName[]) {
    const mode: ExportMode = e.CDE_FEED_MODES[feed] ?? FEEDS[feed].defaultMode;
    settings[feed] = {
      mode,
      batchSize: e.CDE_FEED_BATCH_SIZES[feed] ?? FEEDS[feed].defaultBatchSize,
      extendedLog: e.EXPORTER_EXTENDED_LOG === '1',
    };
  }
  return {
    service,
    feeds: feeds as FeedName[],
    settings,
    kafkaBrokers: e.CDE_KAFKA_BROKERS,
    consumerGroup: e.CDE_CONSUMER_GROUP ?? service,
    commerceDb: commerceDbConfigFrom(e),
    feedState: feedStateDbConfigFrom(e),
    legacySendIntervalMs: e.CDE_LEGACY_SEND_INTERVAL_MS,
    cleanupIntervalMs: e.CDE_CLEANUP_INTERVAL_MS,
    partitionsConsumedConcurrently: e.CDE_PARTITIONS_CONSUMED_CONCURRENTLY,
    retryPolicy: {
      maxAttempts: e.CDE_DLT_RETRY_MAX_ATTEMPTS,
      baseDelayMs: e.CDE_DLT_RETRY_BASE_MS,
      maxDelayMs: e.CDE_DLT_RETRY_MAX_MS,
    },
    commandMaxAgeMs: e.CDE_COMMAND_MAX_AGE_MS,
    metrics: { host: e.CDE_METRICS_HOST, port: e.CDE_METRICS_PORT ?? DEFAULT_METRICS_PORTS[service] },
    logLevel: e.CDE_LOG_LEVEL,
    extendedLog: e.EXPORTER_EXTENDED_LOG === '1',
    ...(e.CDE_CONNECT_URL ? { connect: { url: e.CDE_CONNECT_URL, connector: e.CDE_CONNECTOR_NAME } } : {}),
    sync: { threads: e.CDE_SYNC_THREADS, concurrency: e.CDE_SYNC_CONCURRENCY },
  };
}
