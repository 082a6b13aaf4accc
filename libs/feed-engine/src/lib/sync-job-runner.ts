import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { SyncCode, type FeedName } from '@cde/contracts';
import type { CommerceDb } from '@cde/platform/commerce-db';
import {
  storedTime,
  type FeedStateRepository,
  type SyncJob,
  type SyncJobRepository,
} from '@cde/platform/feed-state';
import { formatElapsed } from '@cde/platform/observability';
import { backoffDelay, mayRetry, type RetryPolicy } from '@cde/util/retry';
import type { Logger } from 'pino';
import type { FeedReader, FeedRuntimeSettings } from './feed-definition';
import type { FeedMetrics } from './feed-metrics';
import type { FeedProcessor } from './feed-processor';
import type { LegacyFeedSender } from './legacy-sender';
import { commerceReadErrorOf } from './schema-error';
import type { SchemaErrorWatch } from './schema-error-watch';
import { addCounters, SyncJobReporter, zeroCounters, type Counters, type EventSink } from './sync-job-events';
import { parseSpec, type SyncJobSpec } from './sync-job-spec';
import { fanOutReach, listPage, type Reach } from './sync-job-listing';
import { ReconcileGate } from './reconcile-gate';
import { WaveReads } from './wave-reads';
import { Permits } from './permits';

export type { EventSink } from './sync-job-events';

/** One feed as the runner drives it. */
export interface JobFeed {
  readonly feed: FeedName;
  readonly reader: FeedReader;
  readonly processor: FeedProcessor;
  readonly settings: FeedRuntimeSettings;
  readonly legacySender?: LegacyFeedSender;
}

export interface SyncJobRunnerOptions {
  readonly service: string;
  readonly feeds: readonly JobFeed[];
  readonly jobs: SyncJobRepository;
  readonly state: FeedStateRepository;
  readonly db: CommerceDb;
  readonly events: EventSink;
  readonly logger: Logger;
  readonly metrics?: FeedMetrics;
  /** Counts and tells schema errors and missing grants (CDE04-29, CDE04-30) once; a wave failing with one is not logged again per retry. */
  readonly schemaErrors?: SchemaErrorWatch;
  /** Pages synced at once per wave when a job does not say (`--thread-count`); default 2. */
  readonly threads?: number;
  /**
   * Jobs syncing at once across all feeds of the service; default 2. A job holds one slot for its wave and the one
   * ahead, and hands it over between waves while another job waits for one, so concurrent jobs take turns.
   */
  readonly concurrency?: number;
  /** A job not renewed for this long is taken over by another runner (its holder died); default 30 s. */
  readonly leaseMs?: number;
  /** How often an idle lane looks for jobs other replicas recorded; default 2 s. */
  readonly pollMs?: number;
  /** Minimum time between progress events and log lines of a job; default 5 s. */
  readonly progressIntervalMs?: number;
  /**
   * Whether change capture is streaming, so that every change after a page is read will reach the service:
   * onboarding waits for it (the low watermark of the initial load). Default: always.
   */
  readonly captureReady?: () => Promise<boolean>;
  /**
   * Whether change capture streams now, asked again at every look for jobs: a reconciliation after a binlog loss
   * (requested by `binlog-loss`) waits for it, or changes committed before the connector recovers would be
   * missed (its low watermark). Default: always.
   */
  readonly reconcileReady?: () => Promise<boolean>;
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/**
 * A failed wave is retried from its checkpoint after 2 s, 4 s … 1 min. A resync that fails `maxAttempts` waves in a
 * row stops (`--continue-resync` resumes it); other kinds retry on.
 */
const FAILED_WAVE_RETRY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 2_000, maxDelayMs: 60_000 };

/** Where the job stands after one wave. */
interface WaveCursor {
  readonly queryIndex: number;
  readonly afterId: string | null;
  /** The job's listings are exhausted. */
  readonly done: boolean;
}

/** What one wave did and where the job stands after it. */
interface WaveResult extends WaveCursor {
  readonly result: Counters;
}

/** A wave listed and syncing: its place is known at once, what it did once its batches finish. */
interface StartedWave extends WaveCursor {
  readonly result: Promise<Counters>;
}

/** Pages synced at once: the job's `--thread-count`, else the runner's, else 2. */
function threadsOf(spec: SyncJobSpec, threads: number | undefined): number {
  return Math.max(1, spec.threadCount ?? threads ?? 2);
}

/** Waits for work to end, whatever its outcome (its failure is reported elsewhere or not at all). */
async function settled(work: Promise<unknown> | undefined): Promise<void> {
  await work?.catch(() => undefined);
}

/** A job's run ended early: its lease went to another runner, or the service is stopping, or a fan-out came first. */
class Yielded extends Error {}

const defaultSleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

/**
 * Runs a service's background syncs: each feed has a lane that claims the feed's most urgent job (fan-outs of
 * live changes first, then resyncs, then onboarding), syncs it wave by wave — `threads` keyset pages of the
 * batch size at once — and saves its place and counters after every wave, renewing its lease. A killed runner's
 * job is taken over once the lease lapses and resumes from the last wave; a long job steps aside for a newer
 * fan-out between waves. Memory stays bounded by a wave, whatever the catalog size.
 */
export class SyncJobRunner {
  private readonly owner = `${hostname()}/${process.pid}/${randomBytes(3).toString('hex')}`;
  private readonly stopping = new AbortController();
  private readonly lanes: Promise<void>[] = [];
  private readonly wakers = new Map<FeedName, () => void>();
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  /** The service's job slots (`concurrency`). */
  private readonly slots: Permits;

  private readonly report: SyncJobReporter;
  /** Holds reconciliations after a binlog loss until change capture streams again. */
  private readonly gate: ReconcileGate;

  constructor(private readonly options: SyncJobRunnerOptions) {
    this.report = new SyncJobReporter(options, this.holder);
    this.gate = new ReconcileGate(options.reconcileReady, options.jobs, options.logger);
    this.leaseMs = options.leaseMs ?? 30_000;
    this.pollMs = options.pollMs ?? 2_000;
    this.sleep = options.sleep ?? defaultSleep;
    this.slots = new Permits(Math.max(1, options.concurrency ?? 2));
  }

  /** Who holds the jobs this runner claims (logs, events, refusals). */
  get holder(): string {
    return `${this.options.service} on ${this.owner}`;
  }

  start(): void {
    for (const feed of this.options.feeds) this.lanes.push(this.lane(feed));
  }

  /** A job was recorded for the feed: its lane looks at once instead of at its next poll. */
  wake(feed: FeedName): void {
    this.wakers.get(feed)?.();
  }

  /** Ends the lanes after their current wave (bounded); held jobs are released for the next runner. */
  async stop(timeoutMs: number): Promise<void> {
    this.stopping.abort();
    for (const wake of this.wakers.values()) wake();
    await Promise.race([
      Promise.allSettled(this.lanes),
      new Promise((resolve) => setTimeout(resolve, timeoutMs).unref()),
    ]);
  }

  /** Runs the feed's claimable jobs one after another until none is left (tests, and one-off tools). */
  async runUntilIdle(feedName: FeedName, maxJobs = 1_000): Promise<number> {
    const feed = this.options.feeds.find((f) => f.feed === feedName);
    if (!feed) throw new Error(`the runner has no feed ${feedName}`);
    let ran = 0;
    for (; ran < maxJobs; ran++) {
      const job = await this.options.jobs.claimNext(feed.feed, this.owner, this.leaseMs);
      if (!job) break;
      await this.run(feed, job);
    }
    return ran;
  }

  private get stopped(): boolean {
    return this.stopping.signal.aborted;
  }

  private async lane(feed: JobFeed): Promise<void> {
    let gateLogged = false;
    while (!this.stopped) {
      let job: SyncJob | undefined;
      try {
        const ready = (await this.options.captureReady?.()) ?? true;
        if (!ready && !gateLogged) {
          gateLogged = true;
          this.options.logger.info(
            { feed: feed.feed, operation: 'full sync' },
            'onboarding waits until change capture is streaming (the connector has stored its start position)',
          );
        }
        job = await this.options.jobs.claimNext(feed.feed, this.owner, this.leaseMs, {
          excludeKinds: ready ? [] : ['onboarding'],
          excludeRequestedBy: await this.gate.excluded(feed.feed),
        });
      } catch (error) {
        this.options.logger.error(
          { feed: feed.feed, code: SyncCode.BackgroundTaskFailed, err: error },
          `could not look for sync jobs: ${String(error)}`,
        );
      }
      if (job && !(await this.gate.mayRun(job))) {
        await this.options.jobs.release(job.id, this.owner).catch(() => undefined);
        job = undefined;
      }
      if (!job) {
        await this.idle(feed.feed);
        continue;
      }
      await this.run(feed, job);
    }
  }

  private idle(feed: FeedName): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, this.pollMs);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wakers.set(feed, done);
    }).finally(() => this.wakers.delete(feed));
  }

  private async run(feed: JobFeed, job: SyncJob): Promise<void> {
    const log = this.options.logger;
    const started = Date.now();
    let spec: SyncJobSpec;
    try {
      spec = parseSpec(job.spec);
    } catch (error) {
      await this.options.jobs.finish(job.id, this.owner, 'failed', String(error));
      return;
    }
    const operation = operationOf(feed, job, spec);
    const counters: Counters = {
      processed: job.processed,
      synced: job.synced,
      skipped: job.skipped,
      deleted: job.deleted,
      failed: job.failed,
    };
    const progress = { queryIndex: job.queryIndex, afterId: job.afterId, total: job.total };
    let reach: Reach;
    const timed = spec.dryRun ? undefined : this.options.metrics?.startSync(feed.feed, metricOf(job));
    // A wave can outlast a third of the lease on a loaded machine: keep the lease while it runs.
    const renewal = setInterval(
      () => {
        this.options.jobs.renew(job.id, this.owner, this.leaseMs).catch(() => undefined);
      },
      Math.max(1_000, Math.floor(this.leaseMs / 3)),
    );
    try {
      if (job.kind === 'fan-out') reach = await fanOutReach(feed.feed, feed.reader, this.options.jobs);
      if (progress.total === null) progress.total = reach === null ? 0 : await this.totalOf(feed, spec);
      await this.report.started(feed.feed, job, spec, progress.total);
      log.info(
        { feed: feed.feed, operation, jobId: job.id },
        job.afterId === null && job.queryIndex === 0
          ? `Initialize: ${job.reason}${progress.total === null ? '' : ` (${progress.total} entities)`}`
          : `Resume after source id ${job.afterId ?? '-'}: ${job.reason}`,
      );
      if (reach !== undefined)
        log.info(
          { feed: feed.feed, operation, jobId: job.id },
          reach === null
            ? 'Leaves every entity to the onboarding, which has yet to start and reads them after this change'
            : `Syncs the entities up to source id ${reach}; the onboarding reads the later ones after this change`,
        );
      if (spec.cleanupFeed && !spec.dryRun && job.processed === 0 && job.afterId === null) {
        log.warn({ feed: feed.feed, operation, code: SyncCode.CleanupFeed }, CLEANUP_WARNING);
        await this.options.state.truncate(feed.feed);
      }
      // A reconciliation first forgets what the receiver contradicts; the walk below then decides those afresh.
      if (spec.reconcile && !spec.dryRun && job.processed === 0 && job.afterId === null)
        await this.options.state.forgetDelivered(feed.feed, spec.reconcile.resend);
      await this.runWaves(feed, job, spec, operation, { progress, counters, started, reach });
      if (spec.reconcile && spec.reconcile.unknown.length > 0) {
        // Counted as a sync counts deletes: sent (synced) and deleted.
        const deletes = await feed.processor.deleteUnknown(spec.reconcile.unknown, {
          operation,
          dryRun: spec.dryRun ?? false,
          ...(job.traceId ? { traceId: job.traceId } : {}),
        });
        counters.synced += deletes;
        counters.deleted += deletes;
      }
      if (feed.legacySender && !spec.dryRun) await feed.legacySender.sendPending(Number.MAX_SAFE_INTEGER);
      await this.options.jobs.saveProgress(job.id, this.owner, this.leaseMs, { ...progress, ...counters });
      await this.options.jobs.finish(job.id, this.owner, 'done');
      timed?.();
      log.info(
        { feed: feed.feed, operation, jobId: job.id, elapsed: formatElapsed(Date.now() - started) },
        `Complete: processed ${counters.processed}, synced ${counters.synced}, skipped ${counters.skipped}, deleted ${counters.deleted}`,
      );
      await this.report.finished(
        feed.feed,
        job,
        spec,
        { counters, total: progress.total, started },
        'complete',
      );
    } catch (error) {
      if (error instanceof Yielded) {
        await this.options.jobs.release(job.id, this.owner).catch(() => undefined);
        log.debug({ feed: feed.feed, jobId: job.id, why: error.message }, 'sync job stepped aside');
        return;
      }
      await this.failed(feed, job, spec, counters, progress.total, started, operation, error);
    } finally {
      clearInterval(renewal);
    }
  }

  /**
   * The job's waves, one ahead (see startWave), until its listings are exhausted; its place and counters are saved
   * after every wave. They hold one of the service's slots, the wave ahead included. Throws Yielded when it steps
   * aside.
   */
  private async runWaves(
    feed: JobFeed,
    job: SyncJob,
    spec: SyncJobSpec,
    operation: string,
    at: {
      readonly progress: { queryIndex: number; afterId: string | null; total: number | null };
      readonly counters: Counters;
      readonly started: number;
      readonly reach: Reach;
    },
  ): Promise<void> {
    const { progress, counters, started, reach } = at;
    let lastProgress = Date.now();
    // At most `threads` batches of the job sync at once, across the wave that finishes and the one after it.
    const permits = new Permits(threadsOf(spec, this.options.threads));
    if (this.stopped) throw new Yielded('stopping');
    // One of the service's slots for the job's waves: the wave ahead only overlaps this job's own batches.
    let releaseSlot = await this.slots.acquire();
    try {
      let current = await this.startWave(feed, job, spec, { ...progress, reach }, operation, permits);
      // Why the job steps aside once the wave ahead is recorded (a waiting fan-out, the service stopping).
      let stepAside: string | undefined;
      for (;;) {
        // One wave ahead: the next wave is listed while this one syncs and its batches start as this one's finish,
        // so reading them overlaps the assembly of this wave's last batches instead of waiting for all of them.
        // Not while another job waits for a slot: this job then hands its slot over once this wave is done.
        let ahead: StartedWave | undefined;
        try {
          if (!current.done && !this.stopped && stepAside === undefined && !this.slots.contended)
            ahead = await this.startWave(feed, job, spec, { ...current, reach }, operation, permits);
        } catch (error) {
          await settled(current.result);
          throw error;
        }
        let result: Counters;
        try {
          result = await current.result;
        } catch (error) {
          await settled(ahead?.result);
          throw error;
        }
        addCounters(counters, result);
        progress.queryIndex = current.queryIndex;
        progress.afterId = current.afterId;
        if (current.done) break;
        if (
          !(await this.options.jobs.saveProgress(job.id, this.owner, this.leaseMs, {
            ...progress,
            ...counters,
          }))
        ) {
          await settled(ahead?.result);
          throw new Yielded('lease lost');
        }
        if (Date.now() - lastProgress >= (this.options.progressIntervalMs ?? 5_000)) {
          lastProgress = Date.now();
          await this.report.progress(feed.feed, job, operation, counters, progress.total, {
            started,
            processed: job.processed,
          });
        }
        if (stepAside === undefined && job.kind !== 'fan-out' && (await this.fanOutWaiting(feed.feed)))
          stepAside = 'a fan-out is waiting';
        if (stepAside === undefined && this.stopped) stepAside = 'stopping';
        if (ahead !== undefined) {
          // The wave ahead has started: it is recorded before the job steps aside.
          current = ahead;
          continue;
        }
        if (stepAside !== undefined) throw new Yielded(stepAside);
        // Another job waited for a slot: it takes this one's turn, and this job queues for the next one.
        releaseSlot();
        releaseSlot = await this.slots.acquire();
        if (this.stopped) throw new Yielded('stopping');
        current = await this.startWave(feed, job, spec, { ...current, reach }, operation, permits);
      }
    } finally {
      releaseSlot();
    }
  }

  /**
   * Lists one wave (up to `threads` pages, plus the deletes of entities the state has in that range) and starts
   * syncing it; its batches wait for the job's permits, so they start as the previous wave's finish.
   */
  private async startWave(
    feed: JobFeed,
    job: SyncJob,
    spec: SyncJobSpec,
    at: { queryIndex: number; afterId: string | null; reach: Reach },
    operation: string,
    permits: Permits,
  ): Promise<StartedWave> {
    const batchSize = spec.batchSize ?? feed.settings.batchSize;
    const threads = threadsOf(spec, this.options.threads);
    const scope = spec.scope;
    if ('stored' in scope) {
      const stored = await this.resendStored(feed, spec, at, batchSize);
      return { ...stored, result: Promise.resolve(stored.result) };
    }
    let { queryIndex, afterId } = at;
    const pages: string[][] = [];
    while (pages.length < threads) {
      const ids = await listPage(
        feed.reader,
        this.options.db,
        scope,
        { queryIndex, afterId, reach: at.reach },
        batchSize,
      );
      if (ids === undefined) break;
      if (ids.length === 0) {
        // This listing is exhausted; a job with several listings moves on to the next one.
        if ('queries' in scope && queryIndex + 1 < scope.queries.length) {
          queryIndex++;
          afterId = null;
          continue;
        }
        break;
      }
      pages.push(ids);
      afterId = ids[ids.length - 1] ?? afterId;
    }
    // The last wave has no page: everything after the cursor that the state still holds has vanished.
    const done = pages.length === 0;
    const end = done ? null : afterId;
    // A full sync also finds what the state holds but the source no longer lists: their items become deletes
    // (within its reach: the onboarding finds the later ones).
    const vanished =
      'all' in scope && at.reach !== null
        ? await this.vanishedIds(
            feed.feed,
            at.afterId,
            done ? (at.reach ?? null) : end,
            new Set(pages.flat()),
          )
        : [];
    if (done && vanished.length === 0)
      return { queryIndex, afterId, done, result: Promise.resolve(zeroCounters()) };
    const reads = new WaveReads();
    const request = {
      operation,
      force: spec.force ?? false,
      dryRun: spec.dryRun ?? false,
      sourceCommitTime: job.sourceCommitTime ? storedTime(job.sourceCommitTime) : null,
      ...(job.traceId ? { traceId: job.traceId } : {}),
      wave: reads,
    };
    const result = (async () => {
      const results = await Promise.all(
        [...pages, ...(vanished.length > 0 ? [vanished] : [])].map((ids) =>
          permits.run(() => feed.processor.sync({ ...request, ids })),
        ),
      );
      const total = zeroCounters();
      for (const r of results) addCounters(total, r);
      return total;
    })();
    // Awaited by the job's loop, after the next wave is listed: a failure meanwhile is not an unhandled rejection.
    result.catch(() => undefined);
    return { queryIndex, afterId, done, result };
  }

  private async vanishedIds(
    feed: FeedName,
    after: string | null,
    upTo: string | null,
    present: ReadonlySet<string>,
  ): Promise<string[]> {
    const out: string[] = [];
    let cursor = after ?? '0';
    for (let n = 0; n < 100_000; n++) {
      const ids = await this.options.state.sourceIdsBetween(feed, cursor, upTo, 1000);
      for (const id of ids) if (!present.has(id)) out.push(id);
      const last = ids[ids.length - 1];
      if (ids.length < 1000 || last === undefined) break;
      cursor = last;
    }
    return out;
  }

  /** `--no-reindex` on a legacy feed: resend every stored item as it is, without reading the Commerce DB. */
  private async resendStored(
    feed: JobFeed,
    spec: SyncJobSpec,
    at: { queryIndex: number; afterId: string | null },
    batchSize: number,
  ): Promise<WaveResult> {
    const rows = await this.options.state.page(feed.feed, at.afterId ?? '', batchSize);
    if (rows.length === 0) return { result: zeroCounters(), queryIndex: 0, afterId: at.afterId, done: true };
    // Clearing sent_hash hands the rows to the legacy sender, which publishes them and marks them sent.
    if (!spec.dryRun)
      await this.options.state.markUnpublished(
        feed.feed,
        rows.map((r) => r.feedId),
      );
    const result = zeroCounters();
    result.processed = rows.length;
    result.synced = rows.length;
    return { result, queryIndex: 0, afterId: rows[rows.length - 1]?.feedId ?? null, done: false };
  }

  private async totalOf(feed: JobFeed, spec: SyncJobSpec): Promise<number | null> {
    if ('ids' in spec.scope) return spec.scope.ids.length;
    if ('all' in spec.scope && feed.reader.countEntities) return feed.reader.countEntities();
    if ('stored' in spec.scope) return (await this.options.state.deliverySummary(feed.feed)).items;
    return null;
  }

  private async fanOutWaiting(feed: FeedName): Promise<boolean> {
    return (await this.options.jobs.open(feed)).some((j) => j.kind === 'fan-out' && j.state === 'pending');
  }

  private async failed(
    feed: JobFeed,
    job: SyncJob,
    spec: SyncJobSpec,
    counters: Counters,
    total: number | null,
    started: number,
    operation: string,
    error: unknown,
  ): Promise<void> {
    // A listing or a count reads the Commerce DB too: its schema and grant errors are told like a sync's.
    const schema = commerceReadErrorOf(feed.feed, error);
    if (schema) this.options.schemaErrors?.failed(schema, operation);
    const failure: unknown = schema ?? error;
    const message = failure instanceof Error ? failure.message : String(failure);
    const attempts = await this.options.jobs
      .recordFailure(job.id, this.owner, this.leaseMs, message)
      .catch(() => job.attempts + 1);
    const final = job.kind === 'resync' && !mayRetry(attempts, FAILED_WAVE_RETRY);
    // A schema or grant error was told once (CDE04-29, CDE04-30); its retries are not news, only a resync that gives up is.
    const level = schema && !final ? 'debug' : 'error';
    this.options.logger[level](
      {
        feed: feed.feed,
        operation,
        jobId: job.id,
        code: SyncCode.WaveFailed,
        attempt: attempts,
        elapsed: formatElapsed(Date.now() - started),
        err: error,
      },
      final
        ? `sync failed ${attempts} times in a row and stops (continue it with --continue-resync): ${message}`
        : `sync wave failed, retried from its last checkpoint: ${message}`,
    );
    if (final) {
      await this.options.jobs.finish(job.id, this.owner, 'failed', message).catch(() => undefined);
      await this.report.finished(feed.feed, job, spec, { counters, total, started }, 'failed', message);
      return;
    }
    // Back off, then let the lane claim it again (from the last saved wave); the lease is released at once.
    await this.sleep(backoffDelay(attempts, FAILED_WAVE_RETRY), this.stopping.signal);
    await this.options.jobs.release(job.id, this.owner).catch(() => undefined);
  }
}

/** The original's warning for --cleanup-feed. */
export const CLEANUP_WARNING =
  'Cleaning up the feed state before a full resync: every item is sent again, and deletes of items that vanished ' +
  'since the last sync will never be propagated. Use it only after the data space at the SaaS was cleaned up.';

/** The original's operation names: a full sync walks the feed, a partial one the entities a change reached. */
function operationOf(feed: JobFeed, job: SyncJob, spec: SyncJobSpec): string {
  const base = job.kind === 'fan-out' || 'ids' in spec.scope ? 'partial sync' : 'full sync';
  return feed.settings.mode === 'legacy' ? `${base} (legacy)` : base;
}

function metricOf(job: SyncJob): 'full_sync' | 'partial_sync' {
  return job.kind === 'fan-out' ? 'partial_sync' : 'full_sync';
}
