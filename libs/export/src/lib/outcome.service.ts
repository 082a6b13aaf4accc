import {
  DeliveryStatus,
  ExportCode,
  type BatchDelivered,
  type FeedDeadLetterMessage,
  type FeedName,
} from '@cde/contracts';
import type { DeliveryOutcome, FeedStateRepository } from '@cde/platform/feed-state';
import type { KafkaPublisher } from '@cde/platform/kafka';
import { randomUUID } from 'node:crypto';
import type { ItemFate } from './delivery-outcomes';
import type { ExportMetrics, ItemOutcomeLabel } from './export.metrics';
import type { ExportTopics } from './export-topics';
import type { ExportItem } from './feed-item-reader';

/** The response a set of fates came from, for the audit event; absent when no response decided them. */
export interface DeliveredResponse {
  readonly statusCode: number;
  readonly requestId: string | null;
  readonly bytes: number;
  readonly latencyMs: number;
  /** Items in the request. */
  readonly items: number;
}

/**
 * Makes fates durable: statuses to the feed state (guarded by the hash sent, so an outcome for an older version
 * never marks a newer one), every item not accepted to the feed's dead-letter topic (status 2: retry; 400 and
 * failed items: final, code CDE02-09), and the audit event of the request.
 * All of it happens before the items count as settled, so offsets never pass unrecorded work (I5, I6).
 */
export class OutcomeService {
  constructor(
    private readonly state: Pick<FeedStateRepository, 'recordOutcomes'>,
    private readonly publisher: Pick<KafkaPublisher, 'publish'>,
    private readonly topics: ExportTopics,
    private readonly metrics: ExportMetrics,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Records `fates[i]` for `items[i]` (undefined: not decided by this response). Returns how many feed-state rows
   * took an outcome (fewer when newer versions were published meanwhile).
   */
  async record(
    feed: FeedName,
    items: readonly ExportItem[],
    fates: readonly (ItemFate | undefined)[],
    requestId: string | null,
    response?: DeliveredResponse,
  ): Promise<number> {
    const at = this.now();
    const outcomes: DeliveryOutcome[] = [];
    const deadLetters: FeedDeadLetterMessage[] = [];
    const counts = new Map<ItemOutcomeLabel, number>();
    items.forEach((item, i) => {
      const fate = fates[i];
      if (fate === undefined) return;
      const label = labelOf(fate);
      counts.set(label, (counts.get(label) ?? 0) + 1);
      const retryable = fate.kind === 'dead-letter';
      outcomes.push({
        feedId: item.feedId,
        sentHash: item.feedHash,
        status: retryable ? (fate.status ?? DeliveryStatus.Retryable) : fate.status,
        errors: retryable ? fate.reason : fate.errors,
        requestId,
        ...(item.producedAt === undefined ? {} : { producedAt: new Date(item.producedAt) }),
      });
      if (!retryable && fate.status === DeliveryStatus.Accepted) return;
      // Rejected and failed items go to the dead-letter topic too (I5: every rejected item is there or parked,
      // with its reason); their code tells the feed service they are final until the item changes.
      deadLetters.push({
        feed,
        feedId: item.feedId,
        sourceEntityId: item.sourceEntityId,
        feedHash: item.feedHash,
        attempts: item.attempt + 1,
        statusCode: retryable ? fate.statusCode : fate.status,
        reason: retryable ? fate.reason : (fate.errors ?? ''),
        code: retryable ? fate.code : ExportCode.Rejected,
        failedAt: at.toISOString(),
        traceId: item.traceId,
        ...(retryable && fate.heldVersion !== undefined ? { heldVersion: fate.heldVersion } : {}),
      });
    });

    const event: BatchDelivered | undefined =
      response === undefined
        ? undefined
        : {
            type: 'export.batch-delivered',
            eventId: randomUUID(),
            at: at.toISOString(),
            service: 'exporter',
            feed,
            items: response.items,
            failedItems: fates.filter(
              (f) => f !== undefined && !(f.kind === 'recorded' && f.status === DeliveryStatus.Accepted),
            ).length,
            statusCode: response.statusCode,
            requestId: response.requestId,
            bytes: response.bytes,
            latencyMs: response.latencyMs,
          };

    const [written] = await Promise.all([
      outcomes.length === 0 ? Promise.resolve(0) : this.state.recordOutcomes(feed, outcomes),
      this.publisher.publish(
        this.topics.feedDeadLetter(feed),
        deadLetters.map((m) => ({ key: m.feedId, value: m })),
      ),
      event === undefined
        ? Promise.resolve()
        : this.publisher.publish(this.topics.events, [{ key: feed, value: event }]),
    ]);
    for (const [outcome, n] of counts) this.metrics.items.inc({ feed, outcome }, n);
    items.forEach((item, i) => {
      const fate = fates[i];
      const committedAt = item.sourceCommitTime === undefined ? NaN : Date.parse(item.sourceCommitTime);
      if (
        fate?.kind === 'recorded' &&
        fate.status === DeliveryStatus.Accepted &&
        !Number.isNaN(committedAt)
      ) {
        this.metrics.freshness.observe({ feed }, Math.max(0, at.getTime() - committedAt) / 1000);
      }
    });
    return written;
  }
}

function labelOf(fate: ItemFate): ItemOutcomeLabel {
  if (fate.kind === 'dead-letter') return 'dead_lettered';
  if (fate.status === DeliveryStatus.Accepted) return 'accepted';
  if (fate.status === DeliveryStatus.Rejected) return 'rejected';
  return 'failed_item';
}
