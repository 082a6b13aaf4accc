import type { FeedName } from '@cde/contracts';
import { CdcDecodeError, decodeChangeEvent, parseTableTopic, type RawCdcMessage } from '@cde/platform/cdc';
import type { PoisonMessage } from '@cde/platform/kafka';
import type { Logger } from 'pino';
import type { FeedSource } from './feed-definition';
import type { FeedMetrics } from './feed-metrics';
import type { FeedProcessor } from './feed-processor';
import { formatElapsed } from '@cde/platform/observability';

export interface ChangeBatchResult {
  readonly poison: PoisonMessage[];
  readonly affected: Partial<Record<FeedName, number>>;
}

/**
 * Turns a batch of Debezium messages into one coalesced sync per feed: each change maps to the affected entity
 * ids of every feed that listens to its table; the ids of the whole batch are synced together (a multi-table
 * product save collapses into one read). Undecodable messages are returned as poison, never retried.
 */
export class ChangeBatchHandler {
  private readonly sourcesByTable = new Map<string, { processor: FeedProcessor; source: FeedSource }[]>();

  constructor(
    processors: readonly { processor: FeedProcessor; sources: readonly FeedSource[] }[],
    private readonly logger: Logger,
    private readonly metrics?: FeedMetrics,
  ) {
    for (const { processor, sources } of processors) {
      for (const source of sources) {
        const list = this.sourcesByTable.get(source.table) ?? [];
        list.push({ processor, source });
        this.sourcesByTable.set(source.table, list);
      }
    }
  }

  /** The Commerce tables whose topics the service must consume. */
  get tables(): string[] {
    return [...this.sourcesByTable.keys()];
  }

  async handle(messages: readonly RawCdcMessage[]): Promise<ChangeBatchResult> {
    const started = Date.now();
    const poison: PoisonMessage[] = [];
    const ids = new Map<FeedProcessor, Set<string>>();
    let latestCommit: Date | null = null;

    for (const message of messages) {
      try {
        const decoded = decodeChangeEvent(message);
        if (decoded.kind !== 'change') continue;
        const { table } = parseTableTopic(message.topic);
        for (const { processor, source } of this.sourcesByTable.get(table) ?? []) {
          const affected = await source.affectedIds(decoded);
          const set = ids.get(processor) ?? new Set<string>();
          for (const id of affected) set.add(id);
          ids.set(processor, set);
        }
        if (!latestCommit || decoded.commitTime > latestCommit) latestCommit = decoded.commitTime;
      } catch (error) {
        if (!(error instanceof CdcDecodeError)) throw error;
        this.logger.error({ code: error.code, operation: 'partial sync' }, error.message);
        poison.push({ offset: message.offset ?? '', code: error.code, reason: error.reason });
        this.metrics?.onPoison(message.topic, 1);
      }
    }

    const affected: Partial<Record<FeedName, number>> = {};
    for (const [processor, set] of ids) {
      if (set.size === 0) continue;
      // One change (a store view, a category with many products) can touch a whole catalog: sync it in
      // batches of the feed's size so memory stays bounded by the batch, not by the change.
      const all = [...set];
      const timed = this.metrics?.startSync(processor.feed, 'partial_sync');
      const total = { processed: 0, synced: 0, skipped: 0, deleted: 0 };
      const size = Math.max(1, processor.batchSize);
      for (let i = 0; i < all.length; i += size) {
        const result = await processor.sync({
          ids: all.slice(i, i + size),
          operation: 'partial sync',
          sourceCommitTime: latestCommit,
        });
        total.processed += result.processed;
        total.synced += result.synced;
        total.skipped += result.skipped;
        total.deleted += result.deleted;
      }
      timed?.();
      affected[processor.feed] = set.size;
      this.logger.info(
        { feed: processor.feed, operation: 'partial sync', elapsed: formatElapsed(Date.now() - started) },
        `Complete: processed ${total.processed}, synced ${total.synced}, skipped ${total.skipped}, deleted ${total.deleted}`,
      );
    }
    return { poison, affected };
  }
}
