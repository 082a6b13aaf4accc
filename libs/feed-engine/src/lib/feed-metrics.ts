import { SyncCode, type FeedItemMessage, type FeedName } from '@cde/contracts';
import { collectProcessMetrics, metricsIn } from '@cde/platform/observability';
import { Registry, type Counter, type Gauge, type Histogram } from 'prom-client';
import type { FeedItemSink } from './feed-definition';

/** The operations `cde_feed_sync_duration_seconds` tells apart. */
export type SyncOperationLabel = 'partial_sync' | 'full_sync' | 'retry';

/** What one `FeedProcessor.sync` did to its items (dry runs are not counted). */
export interface SyncCounts {
  /** Items the feed's reader assembled, before identity checks. */
  readonly assembled: number;
  /** Unchanged hash: nothing to send. */
  readonly skipped: number;
  readonly deleted: number;
  /** Identity errors (CDE01-xx): the item cannot be sent. */
  readonly failed: number;
}

export interface FeedMetricsOptions {
  /**
   * Every series carries it as the `app` label (not `service`: the Prometheus Operator sets that one on every
   * target it scrapes, and ours would be renamed `exported_service`).
   */
  readonly service: string;
  /** Process metrics (CPU, memory, event loop); tests turn them off. */
  readonly defaultMetrics?: boolean;
  readonly now?: () => number;
}

/**
 * A feed service's Prometheus metrics, in a registry of its own (several services can share a test process).
 * The engine counts into it where the numbers arise; it never depends on how they are served.
 */
export class FeedMetrics {
  readonly registry = new Registry();
  readonly assembled: Counter<'feed'>;
  readonly published: Counter<'feed'>;
  readonly skipped: Counter<'feed'>;
  readonly deleted: Counter<'feed'>;
  readonly failed: Counter<'feed'>;
  readonly parked: Counter<'feed'>;
  readonly syncDuration: Histogram<'feed' | 'operation'>;
  readonly freshness: Gauge<'feed'>;
  readonly poison: Counter<'topic'>;
  readonly binlogLoss: Counter<'feed'>;
  readonly schemaErrors: Counter<'feed'>;
  readonly grantErrors: Counter<'feed'>;
  private readonly now: () => number;

  constructor(options: FeedMetricsOptions) {
    this.now = options.now ?? Date.now;
    this.registry.setDefaultLabels({ app: options.service });
    const metrics = metricsIn(this.registry);
    const perFeed = (name: string, help: string): Counter<'feed'> => metrics.counter(name, help, ['feed']);
    this.assembled = perFeed('cde_feed_items_assembled_total', 'Items assembled from the Commerce DB.');
    this.published = perFeed('cde_feed_items_published_total', 'Items published to cde.feed.<feed>.');
    this.skipped = perFeed('cde_feed_items_skipped_total', 'Items not sent because their hash is unchanged.');
    this.deleted = perFeed('cde_feed_items_deleted_total', 'Deletes of items that vanished from the source.');
    this.failed = perFeed('cde_feed_items_failed_total', 'Items without a valid identity (not sent).');
    this.parked = perFeed(
      'cde_feed_items_parked_total',
      'Items parked after their delivery retries were spent or the receiver rejected them.',
    );
    this.syncDuration = metrics.histogram(
      'cde_feed_sync_duration_seconds',
      'Duration of a sync: a change batch (partial_sync), a resync (full_sync, or partial_sync for --by-ids), one retried item (retry).',
      ['feed', 'operation'],
      // From one small change batch to a full resync of a large catalog.
      [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600, 14_400],
    );
    this.freshness = metrics.gauge(
      'cde_feed_freshness_seconds',
      'When the latest change was published: publish time minus its commit time in the Commerce DB.',
      ['feed'],
    );
    this.poison = metrics.counter(
      'cde_feed_poison_messages_total',
      'Messages that cannot be decoded, set aside to the service dead-letter topic.',
      ['topic'],
    );
    // Each loss starts a reconciliation of the feed (binlog-loss.ts).
    this.binlogLoss = perFeed(
      'cde_feed_binlog_loss_total',
      'Binlog positions lost after the initial load (a connector task failed on a purged binlog, or a new snapshot).',
    );
    this.schemaErrors = perFeed(
      'cde_feed_schema_errors_total',
      `Syncs that failed because the Commerce DB schema is not what the feed reads (${SyncCode.SchemaMismatch}); retried, nothing parked.`,
    );
    // A counter of its own, not a label of the one above: its alert and remedy differ, and the schema series stay as they were.
    this.grantErrors = perFeed(
      'cde_feed_grant_errors_total',
      `Syncs that failed because the feed's Commerce DB user lacks a grant (${SyncCode.MissingGrant}); retried, nothing parked.`,
    );
    if (options.defaultMetrics ?? true) collectProcessMetrics(this.registry);
  }

  onSynced(feed: FeedName, counts: SyncCounts): void {
    this.assembled.inc({ feed }, counts.assembled);
    this.skipped.inc({ feed }, counts.skipped);
    this.deleted.inc({ feed }, counts.deleted);
    this.failed.inc({ feed }, counts.failed);
  }

  /** Counts what reached the feed topic; the freshness follows the newest commit among them. */
  onPublished(feed: FeedName, messages: readonly FeedItemMessage[]): void {
    this.published.inc({ feed }, messages.length);
    let latest = -Infinity;
    for (const m of messages) {
      const committed = m.sourceCommitTime === undefined ? NaN : Date.parse(m.sourceCommitTime);
      if (committed > latest) latest = committed;
    }
    // Resyncs and retries carry no commit time: they say nothing about how fresh the feed is.
    if (Number.isFinite(latest)) this.freshness.set({ feed }, Math.max(0, (this.now() - latest) / 1000));
  }

  onParked(feed: FeedName): void {
    this.parked.inc({ feed });
  }

  onPoison(topic: string, count: number): void {
    if (count > 0) this.poison.inc({ topic }, count);
  }

  onBinlogLoss(feed: FeedName): void {
    this.binlogLoss.inc({ feed });
  }

  onSchemaError(feed: FeedName): void {
    this.schemaErrors.inc({ feed });
  }

  onGrantError(feed: FeedName): void {
    this.grantErrors.inc({ feed });
  }

  /** Starts timing a sync; the returned function records it. */
  startSync(feed: FeedName, operation: SyncOperationLabel): () => void {
    const started = this.now();
    return () => this.syncDuration.observe({ feed, operation }, (this.now() - started) / 1000);
  }

  /** The sink, counting what it publishes (immediate syncs, the legacy sender and retries alike). */
  counting(sink: FeedItemSink): FeedItemSink {
    return {
      publish: async (feed, items) => {
        await sink.publish(feed, items);
        this.onPublished(
          feed,
          items.map((i) => i.message),
        );
      },
      ...(sink.maxMessageBytes === undefined ? {} : { maxMessageBytes: sink.maxMessageBytes }),
    };
  }
}
