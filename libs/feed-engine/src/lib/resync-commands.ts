import { randomUUID } from 'node:crypto';
import {
  SchedulingCode,
  SyncCode,
  type CdeEvent,
  type FeedName,
  type ResyncCommand,
  type ResyncOptions,
} from '@cde/contracts';
import type { SyncJob, SyncJobRepository } from '@cde/platform/feed-state';
import type { Logger } from 'pino';
import type { FeedReader, FeedRuntimeSettings } from './feed-definition';
import type { EventSink } from './sync-job-runner';
import { reconcileSpec, serializeSpec, sortedIds, type SyncJobSpec } from './sync-job-spec';

export interface ResyncFeed {
  readonly feed: FeedName;
  readonly reader: FeedReader;
  readonly settings: FeedRuntimeSettings;
}

/**
 * Turns a `resync` command (every option of the original's `saas:resync`) into a durable sync job, inside the
 * consumer's handler call, so the command's offset is committed only once the job exists: a crash right after
 * loses nothing, and the job resumes from its last wave. One resync per feed at a time: a second is refused
 * naming the one under way.
 */
export class ResyncCommands {
  constructor(
    private readonly jobs: SyncJobRepository,
    private readonly events: EventSink,
    private readonly logger: Logger,
    private readonly service: string,
  ) {}

  /** Records the job (or the refusal); returns the job recorded, if any. */
  async accept(feed: ResyncFeed, command: ResyncCommand): Promise<SyncJob | undefined> {
    const options = command.options;
    const invalid = validate(options);
    if (invalid) return this.refuse(feed.feed, command, SchedulingCode.InvalidCommand, invalid);
    const running = (await this.jobs.open(feed.feed)).find((j) => j.kind === 'resync');
    if (running) {
      const holder = `job ${running.id} (${running.reason}) requested by ${running.requestedBy ?? 'unknown'} at ${running.createdAt}, ${running.state}${running.leaseOwner ? ` on ${running.leaseOwner}` : ''}`;
      return this.refuse(
        feed.feed,
        command,
        SyncCode.Locked,
        `operation skipped - process locked by "${holder}"`,
        holder,
      );
    }
    if (options.continueResync) {
      const [last] = await this.jobs.latest(feed.feed, 'resync');
      const by = { commandId: command.commandId, requestedBy: command.requestedBy };
      if (last && last.state === 'failed' && (await this.jobs.reopen(last.id, by))) {
        this.logger.info(
          { feed: feed.feed, operation: 'full sync', jobId: last.id },
          `continuing resync ${last.commandId ?? last.id} after source id ${last.afterId ?? '-'}`,
        );
        return { ...last, ...by, state: 'pending' };
      }
    }
    const spec = await this.specOf(feed, command);
    if (spec === undefined) return undefined;
    return this.jobs.add({
      feed: feed.feed,
      kind: 'resync',
      reason: `resync ${command.commandId}${options.byIds ? ` of ${options.byIds.length} ids` : ''}`,
      spec: serializeSpec(spec),
      commandId: command.commandId,
      requestedBy: command.requestedBy,
    });
  }

  private async specOf(feed: ResyncFeed, command: ResyncCommand): Promise<SyncJobSpec | undefined> {
    const o = command.options;
    const common = {
      ...(o.dryRun ? { dryRun: true } : {}),
      ...(o.batchSize === undefined ? {} : { batchSize: o.batchSize }),
      ...(o.threadCount === undefined ? {} : { threadCount: o.threadCount }),
    };
    if (o.byIds) {
      const { ids, unknown } = await feed.reader.resolveIds(o.byIds, o.idType ?? 'sku');
      if (unknown.length > 0) {
        this.logger.warn(
          { feed: feed.feed, operation: 'partial sync', code: SchedulingCode.UnknownIds },
          `ids not found: ${unknown.join(', ')}`,
        );
      }
      // `--by-ids` bypasses the hash, as in the original.
      return { scope: { ids: sortedIds(ids) }, force: true, ...common };
    }
    if (o.reconcile) return { ...reconcileSpec(o.reconcile), ...common };
    if (o.noReindex && feed.settings.mode === 'legacy') return { scope: { stored: true }, ...common };
    if (o.noReindex) {
      this.logger.warn(
        { feed: feed.feed, operation: 'full sync' },
        '--no-reindex is ignored for immediate feeds: new, changed and failed items are sent',
      );
    }
    return {
      scope: { all: true },
      ...(o.force ? { force: true } : {}),
      ...(o.cleanupFeed ? { cleanupFeed: true } : {}),
      ...common,
    };
  }

  private async refuse(
    feed: FeedName,
    command: ResyncCommand,
    code: string,
    reason: string,
    holder?: string,
  ): Promise<undefined> {
    this.logger.warn({ feed, operation: 'full sync', code }, reason);
    const event: CdeEvent = {
      type: 'resync.refused',
      eventId: randomUUID(),
      at: new Date().toISOString(),
      service: this.service,
      feed,
      commandId: command.commandId,
      code,
      reason,
      ...(holder ? { holder } : {}),
    };
    await this.events.emit(event);
    return undefined;
  }
}

/** What is wrong with the options, in the original's words; undefined when they are usable. */
export function validate(options: ResyncOptions): string | undefined {
  if (options.byIds && options.byIds.length === 0) return '--by-ids needs at least one id';
  if (options.byIds && options.continueResync) return '--by-ids and --continue-resync cannot be combined';
  if (options.byIds && options.cleanupFeed) return '--by-ids and --cleanup-feed cannot be combined';
  if (
    options.reconcile &&
    (options.byIds || options.cleanupFeed || options.continueResync || options.noReindex)
  )
    return 'a reconciliation walks the whole feed: it takes none of --by-ids, --cleanup-feed, --continue-resync, --no-reindex';
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
