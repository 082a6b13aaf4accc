import { randomUUID } from 'node:crypto';
import type { FeedItemMessage, FeedName } from '@cde/contracts';
import type { FeedStateRepository } from '@cde/platform/feed-state';
import type { Logger } from 'pino';
import type { FeedItemSink } from './feed-definition';
import { formatElapsed } from '@cde/platform/observability';

/**
 * Legacy mode's sender: items are stored whole by the processor and published here on a schedule, oldest first,
 * in pages of the batch size, like the original's `saas_data_exporter` cron (but every few seconds).
 */
export class LegacyFeedSender {
  constructor(
    private readonly feed: FeedName,
    private readonly batchSize: number,
    private readonly state: FeedStateRepository,
    private readonly sink: FeedItemSink,
    private readonly logger: Logger,
  ) {}

  /** Publishes what is waiting, bounded by `maxBatches` pages; returns how many items went out. */
  async sendPending(maxBatches = 100): Promise<number> {
    const started = Date.now();
    let sent = 0;
    for (let batch = 0; batch < maxBatches; batch++) {
      const rows = await this.state.listUnpublished(this.feed, this.batchSize);
      if (rows.length === 0) break;
      const traceId = randomUUID();
      const messages: FeedItemMessage[] = rows.map((r) => ({
        feed: this.feed,
        feedId: r.feedId,
        feedHash: r.feedHash,
        sourceEntityId: r.sourceEntityId,
        deleted: r.isDeleted,
        item: r.feedData,
        producedAt: new Date().toISOString(),
        traceId,
        attempt: 0,
      }));
      await this.sink.publish(this.feed, messages);
      await this.state.markPublished(
        this.feed,
        messages.map((m) => ({ feedId: m.feedId, hash: m.feedHash, producedAt: new Date(m.producedAt) })),
      );
      sent += rows.length;
      if (rows.length < this.batchSize) break;
    }
    if (sent > 0) {
      this.logger.info(
        { feed: this.feed, operation: 'partial sync (legacy)', elapsed: formatElapsed(Date.now() - started) },
        `sent ${sent} items`,
      );
    }
    return sent;
  }
}
