import { ExportCode, type FeedName } from '@cde/contracts';
import { BatchHeldBackError, type BatchOutcome, type KafkaBatch } from '@cde/platform/kafka';
import type { Logger } from 'pino';
import type { DeliveryService } from './delivery.service';
import type { ExportMetrics } from './export.metrics';
import type { ExportTopics } from './export-topics';
import { FeedAccumulator } from './feed-accumulator';
import { readFeedItems, type ExportItem } from './feed-item-reader';
import { PartitionProgress } from './partition-progress';
import type { ItemResult, PendingItem } from './pending-item';
import { redactItem, type RedactionRules } from './redaction';

/**
 * Thrown by a handler call that could not settle every item (time budget, shutdown): the transport commits
 * nothing and runs the batch again; items settled meanwhile are remembered and not sent twice. Held back on
 * purpose, so a feed paused by an outage longer than the stall timeout is not taken for a stalled consumer.
 */
export class DeliveryDeferredError extends BatchHeldBackError {
  override readonly name = 'DeliveryDeferredError';
  readonly code = ExportCode.Deferred;

  constructor(
    readonly feed: FeedName,
    readonly deferred: number,
    readonly reason: string,
  ) {
    super(
      `${ExportCode.Deferred} ${deferred} items of ${feed} deferred to a rerun of their batch: ${reason}`,
    );
  }
}

export interface ExportServiceOptions {
  readonly topics: ExportTopics;
  readonly batchSizes: Readonly<Partial<Record<FeedName, number>>>;
  /** Bytes per request at most, counted as the items' message bytes (a little more than their JSON). */
  readonly maxRequestBytes: number;
  readonly lingerMs: number;
  readonly callBudgetMs: number;
  /** Handler calls the consumer runs at once (partitionsConsumedConcurrently). */
  readonly maxCalls: number;
  readonly redaction: RedactionRules;
  readonly delivery: Pick<DeliveryService, 'deliver' | 'drain'>;
  readonly metrics: ExportMetrics;
  readonly logger: Logger;
  readonly now?: () => number;
}

/**
 * The handler behind `@OnKafkaBatch`: reads a feed topic-partition batch into items, hands them to the feed's
 * accumulator (shared by the partitions, so concurrent tails share requests) and resolves once every item is
 * settled: its outcome is in the feed state or it is on the dead-letter topic. Only then does the transport
 * commit (I5, I6). Awaiting the deliveries is the backpressure: consumption pauses instead of buffering.
 */
export class ExportService {
  private readonly accumulators = new Map<FeedName, FeedAccumulator<PendingItem>>();
  private readonly progress = new PartitionProgress();
  private activeCalls = 0;
  private draining = false;
  private readonly now: () => number;

  constructor(private readonly options: ExportServiceOptions) {
    this.now = options.now ?? Date.now;
    for (const feed of options.topics.feeds) {
      const batchSize = options.batchSizes[feed];
      if (batchSize === undefined) throw new Error(`no batch size for feed ${feed}`);
      this.accumulators.set(
        feed,
        new FeedAccumulator<PendingItem>({
          batchSize,
          maxBytes: options.maxRequestBytes,
          sizeOf: (pending) => pending.export.bytes,
          lingerMs: options.lingerMs,
          calls: () => ({ active: this.activeCalls, max: options.maxCalls }),
          dispatch: (batch, started) => options.delivery.deliver(feed, batch, started),
        }),
      );
    }
  }

  async exportBatch(batch: KafkaBatch): Promise<BatchOutcome> {
    const { topic, partition } = batch;
    const feed = this.options.topics.feedOf(topic);
    const accumulator = feed === undefined ? undefined : this.accumulators.get(feed);
    if (feed === undefined || accumulator === undefined)
      throw new Error(`topic ${topic} is not an exported feed`);
    if (this.draining) throw new DeliveryDeferredError(feed, batch.messages.length, 'shutting down');

    const paths = this.options.redaction[feed];
    const read = readFeedItems(feed, batch.messages, {
      settled: this.progress.settledOffsets(topic, partition),
      ...(paths === undefined || paths.length === 0 ? {} : { prepare: (item) => redactItem(item, paths) }),
    });
    if (read.items.length === 0) {
      this.progress.forget(topic, partition);
      return { poison: read.poison };
    }

    this.activeCalls++;
    try {
      const deadline = this.now() + this.options.callBudgetMs;
      const results = await this.submit(accumulator, topic, partition, read.items, deadline);
      let deferred = 0;
      let reason = '';
      let failure: { error: unknown } | undefined;
      results.forEach((result, i) => {
        const item = read.items[i];
        if (item === undefined) return;
        if (result.status === 'rejected') {
          failure ??= { error: result.reason };
        } else if (result.value.kind === 'settled') {
          this.progress.markSettled(topic, partition, item.offsets);
        } else {
          deferred++;
          reason = result.value.reason;
          this.progress.markDeferred(topic, partition, item.feedId, item.feedHash, result.value.failures);
        }
      });
      if (failure !== undefined) throw failure.error;
      if (deferred > 0) {
        this.options.logger.warn(
          { feed, operation: 'export', code: ExportCode.Deferred, topic, partition, deferred },
          `${deferred} of ${read.items.length} items deferred to a rerun of the batch: ${reason}`,
        );
        throw new DeliveryDeferredError(feed, deferred, reason);
      }
      this.progress.forget(topic, partition);
      if (read.superseded > 0)
        this.options.metrics.items.inc({ feed, outcome: 'superseded' }, read.superseded);
      return { poison: read.poison };
    } finally {
      this.activeCalls--;
    }
  }

  /** Stops taking work, sends the tails (they are deferred at once) and lets in-flight requests finish. */
  async drain(graceMs: number): Promise<void> {
    this.draining = true;
    for (const accumulator of this.accumulators.values()) accumulator.flush();
    await this.options.delivery.drain(graceMs);
  }

  private submit(
    accumulator: FeedAccumulator<PendingItem>,
    topic: string,
    partition: number,
    items: readonly ExportItem[],
    deadline: number,
  ): Promise<PromiseSettledResult<ItemResult>[]> {
    const pending: PendingItem[] = [];
    const results = items.map(
      (item) =>
        new Promise<ItemResult>((resolve, reject) => {
          pending.push({
            export: item,
            deadline,
            priorFailures: this.progress.failuresOf(topic, partition, item.feedId, item.feedHash),
            settle: resolve,
            fail: reject,
          });
        }),
    );
    accumulator.add(pending);
    return Promise.allSettled(results);
  }
}
