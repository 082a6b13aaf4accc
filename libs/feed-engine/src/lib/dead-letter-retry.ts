import { randomUUID } from 'node:crypto';
import { ExportCode, SyncCode, type FeedDeadLetterMessage, type FeedName } from '@cde/contracts';
import type { FeedStateRepository } from '@cde/platform/feed-state';
import { backoffDelay, mayRetry, type RetryPolicy } from '@cde/util/retry';
import type { Logger } from 'pino';
import type { FeedMetrics } from './feed-metrics';
import type { FeedProcessor, SyncRequest } from './feed-processor';
import type { EventSink } from './sync-job-runner';

/**
 * Failed deliveries are retried 5 s, 10 s, 20 s … 2 min after they failed, without end (a transient failure is
 * never final; the original retries every 5 minutes); past `maxAttempts` each further failure is logged as an
 * error. No jitter: the due time follows from the message alone, so a redelivered message waits for the same
 * moment. The cap keeps one handler call well inside the transport's handler timeout.
 */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 5_000, maxDelayMs: 120_000 };

/** When a failed delivery is due for its retry: its backoff after `failedAt`. */
export function retryDueAt(
  message: Pick<FeedDeadLetterMessage, 'failedAt' | 'attempts'>,
  policy: RetryPolicy,
): number {
  return Date.parse(message.failedAt) + backoffDelay(message.attempts, { ...policy, jitter: undefined });
}

export type RetryDecision = 'retry' | 'park' | 'moot';

/**
 * What to do with a failed delivery: park a final rejection (400, listed as failed: resending unchanged data
 * cannot succeed), retry anything else with its current content however often it failed, or drop it when a newer
 * version has been published since (its own outcome will follow). An item refused as stale is always read again.
 */
export function decideRetry(
  message: Pick<FeedDeadLetterMessage, 'attempts' | 'feedHash'> &
    Partial<Pick<FeedDeadLetterMessage, 'code'>>,
  current: { sentHash: string | null } | undefined,
): RetryDecision {
  // Refused as stale: the newer version the receiver holds may carry older content (two syncs of one entity raced),
  // so the entity is read again and its current state sent with a newer version, whatever was published since.
  if (message.code === ExportCode.ItemStale) return 'retry';
  if (current && current.sentHash !== null && current.sentHash !== message.feedHash) return 'moot';
  return message.code === ExportCode.Rejected ? 'park' : 'retry';
}

/**
 * Consumes a feed's dead-letter topic: after an increasing delay it re-assembles the **current** item from the
 * Commerce DB (never the old payload) and publishes it again; after the budget the item is parked with its last
 * error and an `item.parked` event.
 */
export class DeadLetterRetry {
  constructor(
    private readonly feed: FeedName,
    private readonly processor: FeedProcessor,
    private readonly state: FeedStateRepository,
    private readonly events: EventSink,
    private readonly logger: Logger,
    private readonly service: string,
    private readonly policy: RetryPolicy = DEFAULT_RETRY_POLICY,
    private readonly metrics?: FeedMetrics,
    private readonly sleep: (ms: number) => Promise<void> = (ms) =>
      new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  /** Messages of one partition, in order; waits for each to be due (bounded by the delay cap). */
  async handle(messages: readonly FeedDeadLetterMessage[]): Promise<void> {
    for (const message of messages) {
      const wait = retryDueAt(message, this.policy) - Date.now();
      if (wait > 0) await this.sleep(Math.min(wait, this.policy.maxDelayMs));
      const current = (await this.state.findByFeedIds(this.feed, [message.feedId])).get(message.feedId);
      const decision = decideRetry(message, current);
      if (decision === 'moot') continue;
      if (decision === 'park') {
        await this.state.park(this.feed, message.feedId, `${message.code} ${message.reason}`);
        this.metrics?.onParked(this.feed);
        this.logger.warn(
          {
            feed: this.feed,
            operation: 'retry failed items',
            code: SyncCode.Parked,
            traceId: message.traceId,
          },
          `item ${message.feedId} parked, rejected by the receiver: ${message.reason}`,
        );
        await this.events.emit({
          type: 'item.parked',
          eventId: randomUUID(),
          at: new Date().toISOString(),
          service: this.service,
          feed: this.feed,
          feedId: message.feedId,
          sourceEntityId: message.sourceEntityId,
          attempts: message.attempts,
          lastError: `${message.code} ${message.reason}`,
        });
        continue;
      }
      if (!mayRetry(message.attempts, this.policy)) {
        this.logger.error(
          {
            feed: this.feed,
            operation: 'retry failed items',
            code: SyncCode.StillFailing,
            traceId: message.traceId,
            attempts: message.attempts,
          },
          `item ${message.feedId} failed ${message.attempts} deliveries (${message.code} ${message.reason}); retried again`,
        );
      }
      await this.retry({
        ids: [message.sourceEntityId],
        operation: 'retry failed items',
        force: true,
        onlyFeedIds: [message.feedId],
        attempt: message.attempts,
        traceId: message.traceId,
        ...(message.heldVersion === undefined ? {} : { versionFloor: message.heldVersion }),
      });
    }
  }

  /** `retry-parked`: the parked items (all, or the listed ones) go out again with their current content. */
  async retryParked(feedIds?: readonly string[]): Promise<number> {
    const parked = (await this.state.listParked(this.feed, 10_000)).filter(
      (r) => !feedIds || feedIds.includes(r.feedId),
    );
    for (const row of parked) {
      await this.retry({
        ids: [row.sourceEntityId],
        operation: 'retry failed items',
        force: true,
        onlyFeedIds: [row.feedId],
      });
    }
    this.logger.info(
      { feed: this.feed, operation: 'retry failed items' },
      `retried ${parked.length} parked items`,
    );
    return parked.length;
  }

  private async retry(request: SyncRequest): Promise<void> {
    const timed = this.metrics?.startSync(this.feed, 'retry');
    await this.processor.sync(request);
    timed?.();
  }
}
