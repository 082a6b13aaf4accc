import { FEED_NAMES, FEEDS, type FeedName } from '@cde/contracts';
import { exporterConfigProblems, parseRedactionRules, type ExporterConfig } from '@cde/export';
import { feedStateDbConfigFrom, feedStateEnvSchema } from '@cde/platform/feed-state';
import { parseEnv, serviceConfigFrom, serviceEnvSchema } from '@cde/platform/service';
import { z } from 'zod';

const int = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

function feedOf(name: string): FeedName | undefined {
  return FEED_NAMES.find((f) => f.toLowerCase() === name.trim().toLowerCase());
}

/** What only the exporter reads. */
const exporterOwnEnvSchema = z.object({
  /** Feeds this deployment exports (default all), so a hot feed can get an exporter of its own. */
  CDE_FEEDS: z
    .string()
    .default('')
    .transform((text, ctx) => {
      const names = text
        .split(',')
        .map((n) => n.trim())
        .filter(Boolean);
      const feeds = names.map((n) => feedOf(n));
      const unknown = names.filter((_, i) => feeds[i] === undefined);
      if (unknown.length > 0)
        ctx.addIssue({ code: 'custom', message: `unknown feeds: ${unknown.join(', ')}` });
      return feeds.length === 0 ? [...FEED_NAMES] : [...new Set(feeds.filter((f) => f !== undefined))];
    }),
  /** Put before the name of every topic the exporter reads or writes (tests, or tenants sharing a cluster). */
  CDE_EXPORT_TOPIC_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9._-]*$/)
    .default(''),
  CDE_EXPORT_BASE_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:8090'),
  CDE_EXPORT_ENVIRONMENT_ID: z.string().min(1),
  CDE_EXPORT_API_KEY: z.string().min(1),
  CDE_EXPORT_PRIVATE_KEY_FILE: z.string().min(1),
  /** `prices=400,products=50`. */
  CDE_EXPORT_BATCH_SIZES: z
    .string()
    .default('')
    .transform((text, ctx) => {
      const sizes: Partial<Record<FeedName, number>> = {};
      for (const part of text
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean)) {
        const [name = '', raw = ''] = part.split('=');
        const feed = feedOf(name);
        const size = Number(raw.trim());
        if (feed === undefined || !Number.isInteger(size) || size < 1 || size > 10_000) {
          ctx.addIssue({ code: 'custom', message: `"${part}" is not <feed>=<batch size 1..10000>` });
          continue;
        }
        sizes[feed] = size;
      }
      return sizes;
    }),
  CDE_EXPORT_LINGER_MS: int(0, 5_000, 200),
  /** Bytes of item JSON per request at most (before gzip), under the receiver's body limit (the bundled one: 20 MiB). */
  CDE_EXPORT_MAX_REQUEST_BYTES: int(1_024, 1_073_741_824, 16 * 1_048_576),
  CDE_EXPORT_REQUEST_TIMEOUT_MS: int(100, 120_000, 30_000),
  /** Requests of one batch within one handler call, the first included, before it is deferred (429s do not count). */
  CDE_EXPORT_RETRY_MAX_ATTEMPTS: int(1, 21, 5),
  CDE_EXPORT_RETRY_BASE_MS: int(1, 60_000, 1_000),
  CDE_EXPORT_RETRY_MAX_MS: int(1, 300_000, 30_000),
  /** Transient failures in a row that pause a feed's deliveries (its circuit opens). */
  CDE_EXPORT_BREAKER_FAILURES: int(1, 1_000, 5),
  /** How long an open circuit waits before its first probe; doubled after each failed probe up to the max. */
  CDE_EXPORT_BREAKER_OPEN_MS: int(100, 600_000, 5_000),
  CDE_EXPORT_BREAKER_MAX_OPEN_MS: int(100, 600_000, 60_000),
  CDE_EXPORT_MAX_RPS: z.coerce.number().positive().max(10_000).default(2),
  CDE_EXPORT_CONCURRENCY: int(1, 64, 2),
  /** Share added to the spacing of requests so uneven delays do not bunch them up at the receiver. */
  CDE_EXPORT_RATE_HEADROOM: z.coerce.number().min(0).max(0.5).default(0.05),
  CDE_EXPORT_DEFAULT_RETRY_AFTER_MS: int(0, 600_000, 1_000),
  CDE_EXPORT_CALL_BUDGET_MS: int(1_000, 240_000, 120_000),
  CDE_EXPORT_SHUTDOWN_GRACE_MS: int(0, 24_000, 10_000),
  /** `products:description,orders:customerEmail` (dotted paths allowed). */
  CDE_EXPORT_REDACT_FIELDS: z
    .string()
    .default('')
    .transform((text, ctx) => {
      try {
        return parseRedactionRules(text);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message : String(error) });
        return {};
      }
    }),
});

/** Everything the exporter reads: the common service groups, the feed state and its own settings. */
export const exporterEnvSchema = serviceEnvSchema({ partitionsConsumedConcurrently: 4 })
  .extend(feedStateEnvSchema.shape)
  .extend(exporterOwnEnvSchema.shape);

/** The only place the exporter reads its environment; validated once at boot, with one readable error. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ExporterConfig {
  const e = parseEnv('exporter', exporterEnvSchema, env);
  const config: ExporterConfig = {
    ...serviceConfigFrom('exporter', e),
    feeds: e.CDE_FEEDS,
    topicPrefix: e.CDE_EXPORT_TOPIC_PREFIX,
    feedState: feedStateDbConfigFrom(e),
    receiver: {
      baseUrl: e.CDE_EXPORT_BASE_URL,
      environmentId: e.CDE_EXPORT_ENVIRONMENT_ID,
      apiKey: e.CDE_EXPORT_API_KEY,
      privateKeyFile: e.CDE_EXPORT_PRIVATE_KEY_FILE,
      requestTimeoutMs: e.CDE_EXPORT_REQUEST_TIMEOUT_MS,
    },
    batchSizes: Object.fromEntries(
      e.CDE_FEEDS.map((feed) => [feed, e.CDE_EXPORT_BATCH_SIZES[feed] ?? FEEDS[feed].defaultBatchSize]),
    ),
    maxRequestBytes: e.CDE_EXPORT_MAX_REQUEST_BYTES,
    lingerMs: e.CDE_EXPORT_LINGER_MS,
    retry: {
      maxAttempts: e.CDE_EXPORT_RETRY_MAX_ATTEMPTS,
      baseDelayMs: e.CDE_EXPORT_RETRY_BASE_MS,
      maxDelayMs: e.CDE_EXPORT_RETRY_MAX_MS,
      // Batches of many partitions fail on the same outage: spread their retries over the whole delay.
      jitter: 'full',
    },
    breaker: {
      failureThreshold: e.CDE_EXPORT_BREAKER_FAILURES,
      openMs: e.CDE_EXPORT_BREAKER_OPEN_MS,
      maxOpenMs: e.CDE_EXPORT_BREAKER_MAX_OPEN_MS,
    },
    rate: {
      maxRps: e.CDE_EXPORT_MAX_RPS,
      maxConcurrency: e.CDE_EXPORT_CONCURRENCY,
      defaultRetryAfterMs: e.CDE_EXPORT_DEFAULT_RETRY_AFTER_MS,
      headroom: e.CDE_EXPORT_RATE_HEADROOM,
    },
    callBudgetMs: e.CDE_EXPORT_CALL_BUDGET_MS,
    shutdownGraceMs: e.CDE_EXPORT_SHUTDOWN_GRACE_MS,
    redaction: e.CDE_EXPORT_REDACT_FIELDS,
  };
  const problems = exporterConfigProblems(config);
  if (problems.length > 0)
    throw new Error(`invalid exporter configuration:\n${problems.map((p) => `✖ ${p}`).join('\n')}`);
  return config;
}
