import {
  FEED_NAMES,
  FEEDS,
  feedsOfService,
  type ExportMode,
  type FeedName,
  type FeedServiceName,
} from '@cde/contracts';
import { connectConfigFrom, connectEnvSchema, type ConnectConfig } from '@cde/platform/cdc';
import { commerceDbConfigFrom, commerceDbEnvSchema, type CommerceDbConfig } from '@cde/platform/commerce-db';
import { feedStateDbConfigFrom, feedStateEnvSchema, type FeedStateDbConfig } from '@cde/platform/feed-state';
import { parseEnv, serviceConfigFrom, serviceEnvSchema, type ServiceConfig } from '@cde/platform/service';
import type { RetryPolicy } from '@cde/util/retry';
import { z } from 'zod';
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

/** What only feed services read. */
const feedServiceOwnEnvSchema = z.object({
  /** Feeds this deployment runs (default: all of the service's), so a hot feed can get its own Deployment. */
  CDE_FEEDS: z.string().default(''),
  CDE_FEED_MODES: feedMap(z.enum(['immediate', 'legacy'])),
  /** Entities synced per batch (and items per legacy send), per feed. */
  CDE_FEED_BATCH_SIZES: feedMap(z.coerce.number().int().min(1).max(10_000)),
  CDE_LEGACY_SEND_INTERVAL_MS: z.coerce.number().int().min(100).default(5_000),
  CDE_CLEANUP_INTERVAL_MS: z.coerce.number().int().min(1_000).default(3_600_000),
  CDE_CLOCK_INTERVAL_MS: z.coerce.number().int().min(1_000).default(30_000),
  CDE_COMMAND_MAX_AGE_MS: z.coerce.number().int().min(1_000).default(600_000),
  /** Failed deliveries (from the feed's dead-letter topic) before an item is parked, and the delays between. */
  CDE_DLT_RETRY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(5),
  CDE_DLT_RETRY_BASE_MS: z.coerce.number().int().min(0).default(5_000),
  CDE_DLT_RETRY_MAX_MS: z.coerce.number().int().min(0).max(240_000).default(120_000),
  /** Background syncs (onboarding, resyncs, fan-outs): pages synced at once per wave, and waves at once. */
  CDE_SYNC_THREADS: z.coerce.number().int().min(1).max(32).default(2),
  CDE_SYNC_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(2),
});

/**
 * Everything a feed service reads: the common service groups (Kafka, logging, metrics), the Commerce DB, the feed
 * state, Kafka Connect, and its own settings. docs/configuration.md lists them all.
 */
export const feedServiceEnvSchema = serviceEnvSchema({ partitionsConsumedConcurrently: 2 })
  .extend(commerceDbEnvSchema.shape)
  .extend(feedStateEnvSchema.shape)
  .extend(connectEnvSchema.shape)
  .extend(feedServiceOwnEnvSchema.shape);

export interface FeedServiceConfig extends ServiceConfig {
  readonly service: FeedServiceName;
  readonly feeds: readonly FeedName[];
  readonly settings: Readonly<Partial<Record<FeedName, FeedRuntimeSettings>>>;
  readonly commerceDb: CommerceDbConfig;
  readonly feedState: FeedStateDbConfig;
  readonly legacySendIntervalMs: number;
  readonly cleanupIntervalMs: number;
  /** How often feeds whose items change with time alone (prices' date windows) are asked what changed. */
  readonly clockIntervalMs: number;
  readonly retryPolicy: RetryPolicy;
  readonly commandMaxAgeMs: number;
  /** Where to ask whether change capture streams before onboarding; unset: do not ask. */
  readonly connect?: ConnectConfig;
  readonly sync: { readonly threads: number; readonly concurrency: number };
}

/** Parses and validates a feed service's environment once, at boot, with one readable error. */
export function parseFeedServiceConfig(service: FeedServiceName, env: NodeJS.ProcessEnv): FeedServiceConfig {
  const e = parseEnv(service, feedServiceEnvSchema, env);
  const feeds = feedsToRun(service, e.CDE_FEEDS);
  const settings: Partial<Record<FeedName, FeedRuntimeSettings>> = {};
  for (const feed of feeds) {
    const mode: ExportMode = e.CDE_FEED_MODES[feed] ?? FEEDS[feed].defaultMode;
    settings[feed] = {
      mode,
      batchSize: e.CDE_FEED_BATCH_SIZES[feed] ?? FEEDS[feed].defaultBatchSize,
      extendedLog: e.EXPORTER_EXTENDED_LOG === '1',
    };
  }
  const connect = connectConfigFrom(e);
  return {
    ...serviceConfigFrom(service, e),
    feeds,
    settings,
    commerceDb: commerceDbConfigFrom(e),
    feedState: feedStateDbConfigFrom(e),
    legacySendIntervalMs: e.CDE_LEGACY_SEND_INTERVAL_MS,
    cleanupIntervalMs: e.CDE_CLEANUP_INTERVAL_MS,
    clockIntervalMs: e.CDE_CLOCK_INTERVAL_MS,
    retryPolicy: {
      maxAttempts: e.CDE_DLT_RETRY_MAX_ATTEMPTS,
      baseDelayMs: e.CDE_DLT_RETRY_BASE_MS,
      maxDelayMs: e.CDE_DLT_RETRY_MAX_MS,
    },
    commandMaxAgeMs: e.CDE_COMMAND_MAX_AGE_MS,
    ...(connect ? { connect } : {}),
    sync: { threads: e.CDE_SYNC_THREADS, concurrency: e.CDE_SYNC_CONCURRENCY },
  };
}

/** `CDE_FEEDS` (default: all the service's feeds); a feed of another service is refused. */
function feedsToRun(service: FeedServiceName, list: string): FeedName[] {
  const own = feedsOfService(service);
  const requested = list
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  if (requested.length === 0) return own;
  const feeds = requested.map((name) => own.find((f) => f.toLowerCase() === name.toLowerCase()) ?? name);
  const foreign = feeds.filter((f) => !own.includes(f as FeedName));
  if (foreign.length > 0)
    throw new Error(
      `invalid ${service} configuration: CDE_FEEDS names feeds ${service} does not run: ${foreign.join(', ')} (it runs ${own.join(', ')})`,
    );
  return feeds as FeedName[];
}
