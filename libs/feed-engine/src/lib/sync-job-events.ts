import { randomUUID } from 'node:crypto';
import {
  SyncCode,
  type CdeEvent,
  type FeedName,
  type ResyncOptions,
  type SyncCounters,
} from '@cde/contracts';
import type { SyncJob } from '@cde/platform/feed-state';
import { formatElapsed } from '@cde/platform/observability';
import type { Logger } from 'pino';
import type { SyncJobSpec } from './sync-job-spec';

/** Where progress and results go: `cde.events`. */
export interface EventSink {
  emit(event: CdeEvent): Promise<void>;
}

export type Counters = {
  processed: number;
  synced: number;
  skipped: number;
  deleted: number;
  failed: number;
};

export function zeroCounters(): Counters {
  return { processed: 0, synced: 0, skipped: 0, deleted: 0, failed: 0 };
}

/** Adds what a batch or a wave did to a job's counters. */
export function addCounters(total: Counters, r: Readonly<Counters>): void {
  total.processed += r.processed;
  total.synced += r.synced;
  total.skipped += r.skipped;
  total.deleted += r.deleted;
  total.failed += r.failed;
}

/** Where a job stands, for its events: its counters, the entities it walks (when known), when it started. */
export interface JobStanding {
  readonly counters: Counters;
  readonly total: number | null;
  readonly started: number;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * What a sync job tells `cde.events` and the log: a resync speaks the CLI's resync events (the command waits for
 * them), every other job the sync events the status views show. Events are information: failing to emit one never
 * stops the sync.
 */
export class SyncJobReporter {
  constructor(
    private readonly options: {
      readonly service: string;
      readonly events: EventSink;
      readonly logger: Logger;
    },
    private readonly holder: string,
  ) {}

  async started(feed: FeedName, job: SyncJob, spec: SyncJobSpec, total: number | null): Promise<void> {
    if (job.kind === 'resync') {
      await this.emit(feed, job, {
        type: 'resync.started',
        options: optionsOf(spec),
        holder: `job ${job.id} (${job.reason}) by ${this.holder}`,
        total,
      });
    } else {
      await this.emit(feed, job, { ...jobFields(job, total), type: 'sync.started', holder: this.holder });
    }
  }

  /**
   * A progress line in the log (rate and ETA) and a progress event. The counters are the job's since it began; the
   * rate is this run's (`run`: when it started and what the job had processed by then), so a job resumed after a
   * restart, a lease takeover or a step aside does not count its earlier runs' work as done in this one's time.
   */
  async progress(
    feed: FeedName,
    job: SyncJob,
    operation: string,
    c: Counters,
    total: number | null,
    run: { readonly started: number; readonly processed: number },
  ): Promise<void> {
    const elapsedMs = Date.now() - run.started;
    const rate = Math.max(0, c.processed - run.processed) / Math.max(1, elapsedMs / 1000);
    const eta = total !== null && rate > 0 ? Math.max(0, (total - c.processed) / rate) : null;
    this.options.logger.info(
      { feed, operation, jobId: job.id, elapsed: formatElapsed(elapsedMs) },
      `Progress ${c.processed}${total === null ? '' : `/${total}`}: synced ${c.synced}, skipped ${c.skipped}, deleted ${c.deleted}` +
        ` (${Math.round(rate)}/s${eta === null ? '' : `, ETA ${formatElapsed(eta * 1000)}`})`,
    );
    const counters: SyncCounters = { ...c, elapsedMs };
    if (job.kind === 'resync') await this.emit(feed, job, { type: 'resync.progress', ...counters, total });
    else await this.emit(feed, job, { ...jobFields(job, total), type: 'sync.progress', ...counters });
  }

  async finished(
    feed: FeedName,
    job: SyncJob,
    spec: SyncJobSpec,
    standing: JobStanding,
    status: 'complete' | 'failed',
    error?: string,
  ): Promise<void> {
    const counters: SyncCounters = { ...standing.counters, elapsedMs: Date.now() - standing.started };
    const failure = error === undefined ? {} : { error };
    if (job.kind === 'resync')
      await this.emit(feed, job, {
        type: 'resync.finished',
        status,
        dryRun: spec.dryRun ?? false,
        ...counters,
        ...failure,
      });
    else
      await this.emit(feed, job, {
        ...jobFields(job, standing.total),
        type: 'sync.finished',
        status,
        ...counters,
        ...failure,
      });
  }

  private async emit(
    feed: FeedName,
    job: SyncJob,
    event: DistributiveOmit<CdeEvent, 'eventId' | 'at' | 'service' | 'feed'>,
  ): Promise<void> {
    try {
      await this.options.events.emit({
        ...event,
        eventId: randomUUID(),
        at: new Date().toISOString(),
        service: this.options.service,
        feed,
        ...(job.commandId ? { commandId: job.commandId } : {}),
      });
    } catch (error) {
      // Progress events are information; the sync itself goes on.
      this.options.logger.warn(
        { feed, code: SyncCode.BackgroundTaskFailed, err: error },
        'could not emit a sync event',
      );
    }
  }
}

function jobFields(
  job: SyncJob,
  total: number | null,
): { jobId: string; kind: SyncJob['kind']; reason: string; total: number | null } {
  return { jobId: job.id, kind: job.kind, reason: job.reason, total };
}

function optionsOf(s: SyncJobSpec): ResyncOptions {
  return {
    dryRun: s.dryRun ?? false,
    cleanupFeed: s.cleanupFeed ?? false,
    noReindex: 'stored' in s.scope,
    continueResync: false,
    force: s.force ?? false,
    ...(s.threadCount === undefined ? {} : { threadCount: s.threadCount }),
    ...(s.batchSize === undefined ? {} : { batchSize: s.batchSize }),
  };
}
