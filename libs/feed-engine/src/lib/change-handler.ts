import type { FeedName } from '@cde/contracts';
import {
  CdcDecodeError,
  decodeChangeEvent,
  parseTableTopic,
  type ChangeEvent,
  type RawCdcMessage,
} from '@cde/platform/cdc';
import type { PoisonMessage } from '@cde/platform/kafka';
import { annotateActiveSpan, formatElapsed } from '@cde/platform/observability';
import type { Logger } from 'pino';
import { partsOf, type Affected, type ConnectedFeed } from './feed-definition';
import type { FeedMetrics } from './feed-metrics';
import type { FeedProcessor } from './feed-processor';
import { commerceReadErrorOf } from './schema-error';
import type { SchemaErrorWatch } from './schema-error-watch';
import { sortedIds, specOfFanOut, type SyncJobSpec } from './sync-job-spec';

export interface ChangeBatchResult {
  readonly poison: PoisonMessage[];
  readonly affected: Partial<Record<FeedName, number>>;
}

/** A feed as the change handler drives it. */
export interface ChangeFeed {
  readonly processor: FeedProcessor;
  readonly connected: ConnectedFeed;
  readonly tables: readonly string[];
}

/** Where the handler records what is too large for it: a background sync job (durable before the offset commits). */
export interface FanOutQueue {
  enqueue(
    feed: FeedName,
    fanOut: { readonly reason: string; readonly spec: SyncJobSpec; readonly sourceCommitTime: Date | null },
  ): Promise<void>;
  /**
   * Change capture read rows of these tables in a snapshot (not an incremental one cde asked for): after the feed's
   * initial load that means its binlog position was lost, and the changes in the gap were never seen.
   */
  snapshotRead?(feed: FeedName, tables: readonly string[]): Promise<void>;
}

/**
 * Entities one handler call syncs itself. A change reaching more (a category with its products, a store, the
 * configuration) is recorded as a background sync job instead, so no handler call grows with the catalog.
 */
export const INLINE_ENTITIES = 1_000;

/**
 * Turns a batch of Debezium messages into one coalesced sync per feed: each change maps to the affected entity
 * ids of every feed that listens to its table; the ids of the whole batch are synced together (a multi-table
 * product save collapses into one read). Fan-outs are recorded as jobs. Undecodable messages are returned as
 * poison (the consumer hands them to the transport's dead-letter topic), never retried.
 */
export class ChangeBatchHandler {
  private readonly feedsByTable = new Map<string, ChangeFeed[]>();

  constructor(
    feeds: readonly ChangeFeed[],
    private readonly queue: FanOutQueue,
    private readonly logger: Logger,
    private readonly metrics?: FeedMetrics,
    private readonly schemaErrors?: SchemaErrorWatch,
  ) {
    for (const feed of feeds) {
      for (const table of feed.tables) {
        const list = this.feedsByTable.get(table) ?? [];
        list.push(feed);
        this.feedsByTable.set(table, list);
      }
    }
  }

  /** The Commerce tables whose topics the service must consume. */
  get tables(): string[] {
    return [...this.feedsByTable.keys()];
  }

  async handle(messages: readonly RawCdcMessage[]): Promise<ChangeBatchResult> {
    const started = Date.now();
    const poison: PoisonMessage[] = [];
    const ids = new Map<ChangeFeed, Set<string>>();
    const fanOuts = new Map<ChangeFeed, Map<string, { reason: string; spec: SyncJobSpec }>>();
    const snapshots = new Map<ChangeFeed, Set<string>>();
    let latestCommit: Date | null = null;

    for (const message of messages) {
      try {
        const decoded = decodeChangeEvent(message);
        if (decoded.kind !== 'change') continue;
        const { table } = parseTableTopic(message.topic);
        for (const feed of this.feedsByTable.get(table) ?? []) {
          if (decoded.op === 'r' && decoded.source.snapshot !== 'incremental')
            snapshots.set(feed, (snapshots.get(feed) ?? new Set<string>()).add(table));
          const affected = partsOf(await this.affectedOf(feed, table, decoded));
          for (const fanOut of affected.fanOuts) {
            const spec = specOfFanOut(fanOut);
            const list = fanOuts.get(feed) ?? new Map<string, { reason: string; spec: SyncJobSpec }>();
            list.set(JSON.stringify(spec), { reason: `${table}: ${fanOut.reason}`, spec });
            fanOuts.set(feed, list);
          }
          const set = ids.get(feed) ?? new Set<string>();
          for (const id of affected.ids) set.add(id);
          ids.set(feed, set);
        }
        if (!latestCommit || decoded.commitTime > latestCommit) latestCommit = decoded.commitTime;
      } catch (error) {
        if (!(error instanceof CdcDecodeError)) throw error;
        this.logger.error({ code: error.code, operation: 'partial sync' }, error.message);
        poison.push({ offset: message.offset ?? '', code: error.code, reason: error.reason });
        this.metrics?.onPoison(message.topic, 1);
      }
    }

    annotateActiveSpan({
      ...(latestCommit ? { 'cde.source.commit_time': latestCommit.toISOString() } : {}),
      'cde.poison': poison.length,
    });
    for (const [feed, tables] of snapshots) await this.queue.snapshotRead?.(feed.processor.feed, [...tables]);
    const affected: Partial<Record<FeedName, number>> = {};
    for (const [feed, jobs] of fanOuts) {
      for (const { reason, spec } of jobs.values())
        await this.queue.enqueue(feed.processor.feed, { reason, spec, sourceCommitTime: latestCommit });
    }
    for (const [feed, set] of ids) {
      if (set.size === 0) continue;
      affected[feed.processor.feed] = set.size;
      if (set.size > INLINE_ENTITIES) {
        await this.queue.enqueue(feed.processor.feed, {
          reason: `${set.size} entities changed in one batch`,
          spec: { scope: { ids: sortedIds(set) } },
          sourceCommitTime: latestCommit,
        });
        continue;
      }
      await this.syncInline(feed.processor, [...set], latestCommit, started);
    }
    return { poison, affected };
  }

  /**
   * The entities a change reaches; mapping may read the Commerce DB (a child's parents), so a schema or grant error there
   * holds the batch back like one of the sync.
   */
  private async affectedOf(feed: ChangeFeed, table: string, event: ChangeEvent): Promise<Affected> {
    try {
      return await feed.connected.affected(table, event);
    } catch (error) {
      const schema = commerceReadErrorOf(feed.processor.feed, error);
      if (!schema) throw error;
      this.schemaErrors?.failed(schema, 'partial sync');
      throw schema;
    }
  }

  /** Syncs the ids in batches of the feed's size, so memory stays bounded by the batch. */
  private async syncInline(
    processor: FeedProcessor,
    all: readonly string[],
    sourceCommitTime: Date | null,
    started: number,
  ): Promise<void> {
    const timed = this.metrics?.startSync(processor.feed, 'partial_sync');
    const total = { processed: 0, synced: 0, skipped: 0, deleted: 0 };
    const size = Math.max(1, processor.batchSize);
    for (let i = 0; i < all.length; i += size) {
      const result = await processor.sync({
        ids: all.slice(i, i + size),
        operation: 'partial sync',
        sourceCommitTime,
      });
      total.processed += result.processed;
      total.synced += result.synced;
      total.skipped += result.skipped;
      total.deleted += result.deleted;
    }
    timed?.();
    this.logger.info(
      { feed: processor.feed, operation: 'partial sync', elapsed: formatElapsed(Date.now() - started) },
      `Complete: processed ${total.processed}, synced ${total.synced}, skipped ${total.skipped}, deleted ${total.deleted}`,
    );
  }
}
