import { randomUUID } from 'node:crypto';
import type { FeedItemMessage, FeedName } from '@cde/contracts';
import type { FeedStateRepository, FeedStateRow } from '@cde/platform/feed-state';
import type { Logger } from 'pino';
import { outgoingFeedItem, type FeedItemSink } from './feed-definition';
import {
  activeTraceId,
  fanIn,
  formatElapsed,
  inSpan,
  remoteSpanContext,
  tracingEnabled,
} from '@cde/platform/observability';

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
      await this.sendPage(rows);
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

  /**
   * One page in a span that continues the traces its items were stored in: the first stored `traceparent` is its
   * parent, the others are links (as for any batch that gathers many traces, ADR 0017).
   */
  private sendPage(rows: readonly FeedStateRow[]): Promise<void> {
    const { parent, links, traces } = fanIn(
      tracingEnabled()
        ? rows.map((r) => (r.traceParent ? remoteSpanContext({ traceparent: r.traceParent }) : undefined))
        : [],
    );
    return inSpan(
      `send pending ${this.feed}`,
      {
        parent,
        links,
        attributes: { 'cde.feed': this.feed, 'cde.items': rows.length, 'cde.traces': traces },
      },
      async () => {
        const traceId = activeTraceId() ?? randomUUID();
        // The feed state's clock, shared by every replica: producedAt orders an item's publishes for its outcomes.
        const producedAt = (await this.state.clock()).toISOString();
        const messages: FeedItemMessage[] = rows.map((r) => ({
          feed: this.feed,
          feedId: r.feedId,
          feedHash: r.feedHash,
          sourceEntityId: r.sourceEntityId,
          deleted: r.isDeleted,
          item: r.feedData,
          producedAt,
          traceId,
          attempt: 0,
        }));
        await this.sink.publish(this.feed, messages.map(outgoingFeedItem));
        await this.state.markPublished(
          this.feed,
          messages.map((m) => ({ feedId: m.feedId, hash: m.feedHash, producedAt: new Date(m.producedAt) })),
        );
      },
    );
  }
}
