import type { FeedName } from '@cde/contracts';
import type { FeedStateDbConfig } from '@cde/platform/feed-state';
import { HANDLER_TIMEOUT_MS, SHUTDOWN_TIMEOUT_MS } from '@cde/platform/kafka';
import type { ServiceConfig } from '@cde/platform/service';
import type { RetryPolicy } from '@cde/util/retry';
import type { BreakerSettings } from './circuit-breaker';
import type { RateLimits } from './rate-control';
import type { RedactionRules } from './redaction';

/** The exporter's settings, parsed and validated once at boot by the app (apps/exporter/src/app.config.ts). */
export interface ExporterConfig extends ServiceConfig {
  readonly service: 'exporter';
  /** Feeds exported by this deployment (CDE_FEEDS). */
  readonly feeds: readonly FeedName[];
  /** Put before every topic name; empty in production. */
  readonly topicPrefix: string;
  readonly feedState: FeedStateDbConfig;
  readonly receiver: {
    readonly baseUrl: string;
    readonly environmentId: string;
    readonly apiKey: string;
    /** PKCS#8 PEM of the merchant's private key. */
    readonly privateKeyFile: string;
    readonly requestTimeoutMs: number;
  };
  /** Items per request, per exported feed. */
  readonly batchSizes: Readonly<Partial<Record<FeedName, number>>>;
  /** Bytes of item JSON per request at most: a batch is cut short before it would pass them. */
  readonly maxRequestBytes: number;
  readonly lingerMs: number;
  /**
   * Requests of one batch within one handler call, and the (fully jittered) backoff between them; a batch that
   * still fails is deferred to a rerun of its call, never dead-lettered (a transient failure is never final).
   */
  readonly retry: RetryPolicy;
  /** When a feed's deliveries pause for a receiver that is down, and how it is probed. */
  readonly breaker: BreakerSettings;
  readonly rate: RateLimits;
  /** How long one handler call may keep starting requests before what is left is deferred to a rerun. */
  readonly callBudgetMs: number;
  /** How long in-flight requests may finish on shutdown before they are aborted. */
  readonly shutdownGraceMs: number;
  readonly redaction: RedactionRules;
}

/**
 * Problems with settings that are valid one by one but not together, or not with the transport's handler and
 * shutdown timeouts; empty when usable. A call runs at most its budget, then lets in-flight requests finish (one
 * request timeout) and records outcomes.
 */
export function exporterConfigProblems(config: ExporterConfig): string[] {
  const problems: string[] = [];
  const worstCall = config.callBudgetMs + config.receiver.requestTimeoutMs + 30_000;
  if (worstCall > HANDLER_TIMEOUT_MS) {
    problems.push(
      `CDE_EXPORT_CALL_BUDGET_MS + CDE_EXPORT_REQUEST_TIMEOUT_MS + 30 s must stay under the handler timeout of ${HANDLER_TIMEOUT_MS} ms`,
    );
  }
  if (config.retry.baseDelayMs > config.retry.maxDelayMs) {
    problems.push('CDE_EXPORT_RETRY_BASE_MS must not exceed CDE_EXPORT_RETRY_MAX_MS');
  }
  if (config.breaker.openMs > config.breaker.maxOpenMs) {
    problems.push('CDE_EXPORT_BREAKER_OPEN_MS must not exceed CDE_EXPORT_BREAKER_MAX_OPEN_MS');
  }
  if (config.shutdownGraceMs >= SHUTDOWN_TIMEOUT_MS) {
    problems.push(`CDE_EXPORT_SHUTDOWN_GRACE_MS must be under ${SHUTDOWN_TIMEOUT_MS} ms`);
  }
  if (config.feeds.length === 0) problems.push('no feed to export');
  return problems;
}
