import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { CdeEvent, FeedName, ResyncCommand, ResyncOptions, SyncCounters } from '@cde/contracts';
import type { FeedStateRepository, SyncLock } from '@cde/platform/feed-state';
import { formatElapsed } from '@cde/platform/observability';
import type { Logger } from 'pino';
import type { FeedDefinition, FeedRuntimeSettings } from './feed-definition';
import type { FeedMetrics } from './feed-metrics';
import type { FeedProcessor, SyncResult } from './feed-processor';
import type { LegacyFeedSender } from './legacy-sender';

/** Where progress and results go: `cde.events`. */
export interface EventSink {
  emit(event: CdeEvent): Promise<void>;
}

/** Log codes of the resync paths. */
export const ResyncCodes = {
  /** `--by-ids` values that match no entity (the original's CDE03-10). */
  unknownIds: 'CDE03-10',
  /** A resync is already running for the feed. */
  locked: 'CDE04-20',
  /** A batch failed during a full resync; the resync stops and can be continued. */
  batchFailed: 'CDE04-10',
  /** Invalid options. */
  invalid: 'CDE03-09',
} as const;

/** The original's warning for --cleanup-feed. */
export const CLEANUP_WARNING =
  'Cleaning up the feed state before a full resync: every item is sent again, and deletes of items that vanished ' +
  'since the last sync will never be propagated. Use it only after the data space at the SaaS was cleaned up.';

export interface ResyncDependencies {
  readonly definition: FeedDefinition;
  readonly settings: FeedRuntimeSettings;
  readonly processor: FeedProcessor;
  readonly legacySender?: LegacyFeedSender;
  readonly state: FeedStateRepository;
  readonly events: EventSink;
  readonly logger: Logger;
  readonly service: string;
  /** Minimum time between progress events and log lines. */
  readonly progressIntervalMs?: number;
  /** Times completed resyncs (dry runs excepted). */
  readonly metrics?: FeedMetrics;
}

interface Totals {
  processed: number;
  synced: number;
  skipped: number;
  deleted: number;
  failed: number;
}

/**
 * Runs a `resync` command for one feed with every option of the original's `saas:resync`: full (keyset
 * pagination over the source table, `--thread-count` batches at a time, checkpointed for `--continue-resync`),
 * `--by-ids` with `--id-type` (hash bypass), `--dry-run`, `--cleanup-feed`, `--no-reindex`, `--batch-size`,
 * `--force`. One resync per feed at a time: a second is refused naming the holder.
 */
export class ResyncRunner {
  constructor(private readonly deps: ResyncDependencies) {}

  get feed(): FeedName {
    return this.deps.definition.feed;
  }

  async run(command: ResyncCommand): Promise<void> {
    const { state, logger } = this.deps;
    const feed = this.feed;
    const options = command.options;
    const invalid = validate(options);
    if (invalid) {
      await this.emit({
        type: 'resync.refused',
        commandId: command.commandId,
        code: ResyncCodes.invalid,
        reason: invalid,
      });
      logger.warn({ feed, operation: 'full sync', code: ResyncCodes.invalid }, invalid);
      return;
    }
    const holder = `resync(${command.commandId}) by ${this.deps.service} pid ${process.pid} on ${hostname()}`;
    const lock = await state.acquireSyncLock(feed, holder);
    if (!('release' in lock)) {
      const reason = `operation skipped - process locked by "${lock.heldBy}"`;
      logger.warn({ feed, operation: 'full sync', code: ResyncCodes.locked }, reason);
      await this.emit({
        type: 'resync.refused',
        commandId: command.commandId,
        code: ResyncCodes.locked,
        reason,
        holder: lock.heldBy,
      });
      return;
    }
    await this.runLocked(command, lock, holder);
  }

  private async runLocked(command: ResyncCommand, lock: SyncLock, holder: string): Promise<void> {
    const { logger } = this.deps;
    const feed = this.feed;
    const options = command.options;
    const started = Date.now();
    const totals: Totals = { processed: 0, synced: 0, skipped: 0, deleted: 0, failed: 0 };
    const operation = options.byIds ? 'partial sync' : 'full sync';
    const label = this.deps.settings.mode === 'legacy' ? `${operation} (legacy)` : operation;
    const timed = options.dryRun
      ? undefined
      : this.deps.metrics?.startSync(feed, options.byIds ? 'partial_sync' : 'full_sync');
    try {
      await this.emit({ type: 'resync.started', commandId: command.commandId, options, holder });
      logger.info({ feed, operation: label }, 'Initialize');
      if (options.cleanupFeed && !options.dryRun) {
        logger.warn({ feed, operation: label, code: 'CDE04-22' }, CLEANUP_WARNING);
        await this.deps.state.truncate(feed);
      }
      if (options.noReindex && this.deps.settings.mode === 'legacy') {
        await this.resendStored(command, totals, started);
      } else {
        if (options.noReindex) {
          logger.warn(
            { feed, operation: label },
            '--no-reindex is ignored for immediate feeds: new, changed and failed items are sent',
          );
        }
        if (options.byIds) await this.syncByIds(command, totals, started);
        else await this.syncAll(command, totals, started);
      }
      if (this.deps.legacySender && !options.dryRun)
        await this.deps.legacySender.sendPending(Number.MAX_SAFE_INTEGER);
      timed?.();
      const counters = this.counters(totals, started);
      logger.info(
        { feed, operation: label, elapsed: formatElapsed(counters.elapsedMs) },
        `Complete: processed ${totals.processed}, synced ${totals.synced}`,
      );
      await this.emit({
        type: 'resync.finished',
        commandId: command.commandId,
        status: 'complete',
        dryRun: options.dryRun,
        ...counters,
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      logger.error(
        {
          feed,
          operation: label,
          code: ResyncCodes.batchFailed,
          elapsed: formatElapsed(Date.now() - started),
        },
        `resync failed: ${message}`,
      );
      await this.emit({
        type: 'resync.finished',
        commandId: command.commandId,
        status: 'failed',
        dryRun: options.dryRun,
        error: message,
        ...this.counters(totals, started),
      });
    } finally {
      await lock.release();
      logger.debug({ feed, holder }, 'sync lock released');
    }
  }

  /** `--by-ids`: the listed entities only, bypassing the hash. */
  private async syncByIds(command: ResyncCommand, totals: Totals, started: number): Promise<void> {
    const options = command.options;
    const { ids, unknown } = await this.deps.definition.reader.resolveIds(
      options.byIds ?? [],
      options.idType ?? 'sku',
    );
    if (unknown.length > 0) {
      this.deps.logger.warn(
        { feed: this.feed, operation: 'partial sync', code: ResyncCodes.unknownIds },
        `ids not found: ${unknown.join(', ')}`,
      );
    }
    const batchSize = options.batchSize ?? this.deps.settings.batchSize;
    for (let i = 0; i < ids.length; i += batchSize) {
      this.add(totals, await this.sync(ids.slice(i, i + batchSize), 'partial sync', true, options.dryRun));
      await this.progress(command, totals, started, false);
    }
  }

  /** Full resync: keyset pages of `batchSize` ids, `threadCount` pages at a time, a checkpoint after each wave. */
  private async syncAll(command: ResyncCommand, totals: Totals, started: number): Promise<void> {
    const { definition, state } = this.deps;
    const options = command.options;
    const batchSize = options.batchSize ?? this.deps.settings.batchSize;
    const threads = Math.max(1, options.threadCount ?? 1);
    let after = '0';
    if (options.continueResync) {
      const checkpoint = await state.loadCheckpoint(this.feed);
      if (checkpoint && !checkpoint.completed) {
        after = checkpoint.lastSourceId;
        totals.processed = checkpoint.processed;
        this.deps.logger.info(
          { feed: this.feed, operation: 'full sync' },
          `continuing resync ${checkpoint.commandId} after source id ${after}`,
        );
      }
    }
    const persistCheckpoint = async (lastSourceId: string, completed: boolean): Promise<void> => {
      if (options.dryRun) return;
      await state.saveCheckpoint(this.feed, {
        commandId: command.commandId,
        lastSourceId,
        options: JSON.stringify(options),
        processed: totals.processed,
        completed,
      });
    };

    for (let wave = 0; ; wave++) {
      const pages: string[][] = [];
      let cursor = after;
      for (let t = 0; t < threads; t++) {
        const ids = await definition.reader.listEntityIds(cursor, batchSize);
        if (ids.length === 0) break;
        pages.push(ids);
        cursor = ids[ids.length - 1]!;
      }
      const last = pages.length > 0 ? cursor : null;
      // Entities the feed state knows in this range but the source no longer has: their items become deletes.
      const vanished = await this.vanishedIds(after, last, new Set(pages.flat()));
      const work = vanished.length > 0 ? [...pages, vanished] : pages;
      const results = await Promise.all(
        work.map((ids) => this.sync(ids, 'full sync', options.force, options.dryRun)),
      );
      for (const r of results) this.add(totals, r);
      if (last === null) break;
      after = last;
      await persistCheckpoint(after, false);
      await this.progress(command, totals, started, false);
    }
    await persistCheckpoint(after, true);
  }

  private async vanishedIds(
    after: string,
    upTo: string | null,
    present: ReadonlySet<string>,
  ): Promise<string[]> {
    const out: string[] = [];
    let cursor = after;
    for (;;) {
      const ids = await this.deps.state.sourceIdsBetween(this.feed, cursor, upTo, 1000);
      for (const id of ids) if (!present.has(id)) out.push(id);
      if (ids.length < 1000) return out;
      cursor = ids[ids.length - 1]!;
    }
  }

  /** `--no-reindex` on a legacy feed: resend every stored item as it is, without reading the Commerce DB. */
  private async resendStored(command: ResyncCommand, totals: Totals, started: number): Promise<void> {
    const { state } = this.deps;
    const batchSize = command.options.batchSize ?? this.deps.settings.batchSize;
    let after = '';
    for (;;) {
      const rows = await state.page(this.feed, after, batchSize);
      if (rows.length === 0) break;
      totals.processed += rows.length;
      // Clearing sent_hash hands the rows to the legacy sender, which publishes them and marks them sent.
      if (!command.options.dryRun)
        await state.markUnpublished(
          this.feed,
          rows.map((r) => r.feedId),
        );
      totals.synced += rows.length;
      after = rows[rows.length - 1]!.feedId;
      await this.progress(command, totals, started, false);
    }
  }

  private sync(
    ids: readonly string[],
    operation: string,
    force: boolean,
    dryRun: boolean,
  ): Promise<SyncResult> {
    return this.deps.processor.sync({ ids, operation, force, dryRun });
  }

  private add(totals: Totals, r: SyncResult): void {
    totals.processed += r.processed;
    totals.synced += r.synced;
    totals.skipped += r.skipped;
    totals.deleted += r.deleted;
    totals.failed += r.failed;
  }

  private lastProgress = 0;

  private async progress(
    command: ResyncCommand,
    totals: Totals,
    started: number,
    force: boolean,
  ): Promise<void> {
    const interval = this.deps.progressIntervalMs ?? 5_000;
    if (!force && Date.now() - this.lastProgress < interval) return;
    this.lastProgress = Date.now();
    const counters = this.counters(totals, started);
    this.deps.logger.info(
      {
        feed: this.feed,
        operation: command.options.byIds ? 'partial sync' : 'full sync',
        elapsed: formatElapsed(counters.elapsedMs),
      },
      `Progress processed ${totals.processed}, synced ${totals.synced}`,
    );
    await this.emit({ type: 'resync.progress', commandId: command.commandId, ...counters });
  }

  private counters(totals: Totals, started: number): SyncCounters {
    return { ...totals, elapsedMs: Date.now() - started };
  }

  private async emit(
    event: DistributiveOmit<CdeEvent, 'eventId' | 'at' | 'service' | 'feed'>,
  ): Promise<void> {
    await this.deps.events.emit({
      ...event,
      eventId: randomUUID(),
      at: new Date().toISOString(),
      service: this.deps.service,
      feed: this.feed,
    });
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

function validate(options: ResyncOptions): string | undefined {
  if (options.byIds && options.byIds.length === 0) return '--by-ids needs at least one id';
  if (options.byIds && options.continueResync) return '--by-ids and --continue-resync cannot be combined';
  if (options.byIds && options.cleanupFeed) return '--by-ids and --cleanup-feed cannot be combined';
  if (
    options.threadCount !== undefined &&
    (!Number.isInteger(options.threadCount) || options.threadCount < 1 || options.threadCount > 32)
  ) {
    return '--thread-count must be an integer from 1 to 32';
  }
  if (
    options.batchSize !== undefined &&
    (!Number.isInteger(options.batchSize) || options.batchSize < 1 || options.batchSize > 10_000)
  ) {
    return '--batch-size must be an integer from 1 to 10000';
  }
  return undefined;
}
