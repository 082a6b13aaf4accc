import { SyncCode, type FeedName } from '@cde/contracts';
import type { SyncJob, SyncJobRepository } from '@cde/platform/feed-state';
import type { Logger } from 'pino';
import type { FeedMetrics } from './feed-metrics';
import { parseSpec, reconcileSpec, serializeSpec } from './sync-job-spec';

/**
 * A new snapshot of many tables reaches a feed over many change batches: one reconciliation covers them all, so
 * another is started only this long after the last one began here (and never while one is open anywhere).
 */
export const BINLOG_LOSS_QUIET_MS = 10 * 60_000;

/** Whether snapshot reads seen now call for a reconciliation of the feed. */
export function reconcileAfterSnapshot(input: {
  /** The feed's onboarding (its own initial load), if it was ever scheduled. */
  readonly onboarding: Pick<SyncJob, 'state'> | undefined;
  /** The feed's open jobs. */
  readonly open: readonly Pick<SyncJob, 'kind' | 'spec'>[];
  /** When this process last started one for the feed (ms), if it did. */
  readonly lastStarted: number | undefined;
  readonly now: number;
}): boolean {
  // Before the initial load is done, snapshot reads are not a loss: the load reads every row anyway.
  if (input.onboarding?.state !== 'done') return false;
  if (input.lastStarted !== undefined && input.now - input.lastStarted < BINLOG_LOSS_QUIET_MS) return false;
  return !input.open.some((j) => j.kind === 'resync' && isReconcile(j.spec));
}

function isReconcile(spec: string): boolean {
  try {
    return parseSpec(spec).reconcile !== undefined;
  } catch {
    return false;
  }
}

/** Who records the reconciliation after a binlog loss (`requested_by`): it waits for change capture to stream. */
export const BINLOG_LOSS_REQUESTER = 'binlog-loss';

/** How a lost binlog position showed itself. */
export type BinlogLossSign =
  /** Snapshot reads (`op: r`) after the initial load: the connector started over with a snapshot. */
  | { readonly kind: 'snapshot'; readonly tables: readonly string[] }
  /** The connector task FAILED because its position is gone (`snapshot.mode=no_data` does not snapshot again). */
  | { readonly kind: 'task failed'; readonly task: number; readonly trace: string; readonly cause: string };

/** The runbook an operator follows after a lost binlog position. */
export const BINLOG_PURGED_RUNBOOK = 'docs/runbooks/binlog-purged.md';

/**
 * Turns a lost binlog position into what ADR 9 asks for: a loud, coded record (CDE04-28), a count
 * (`cde_feed_binlog_loss_total`) and a reconciliation of the feed, as a durable job — a full sync that deletes what
 * the database no longer has and sends what changed in the gap. The job waits until change capture streams again
 * (the runner's gate on {@link BINLOG_LOSS_REQUESTER}), so nothing committed before the connector recovers is missed.
 */
export class BinlogLossWatch {
  private readonly lastStarted = new Map<FeedName, number>();

  constructor(
    private readonly jobs: SyncJobRepository,
    private readonly logger: Logger,
    private readonly wake: (feed: FeedName) => void,
    private readonly metrics?: FeedMetrics,
    private readonly now: () => number = Date.now,
  ) {}

  snapshotRead(feed: FeedName, tables: readonly string[]): Promise<void> {
    return this.lost(feed, { kind: 'snapshot', tables });
  }

  /** A sign of a lost position reached the feed: a reconciliation is recorded unless one is open or just began. */
  async lost(feed: FeedName, sign: BinlogLossSign): Promise<void> {
    const start = reconcileAfterSnapshot({
      onboarding: await this.jobs.onboarding(feed),
      open: await this.jobs.open(feed),
      lastStarted: this.lastStarted.get(feed),
      now: this.now(),
    });
    if (!start) return;
    this.lastStarted.set(feed, this.now());
    const job = await this.jobs.add({
      feed,
      kind: 'resync',
      reason:
        sign.kind === 'snapshot'
          ? `binlog loss: change capture took a new snapshot (${sign.tables.join(', ')})`
          : `binlog loss: connector task ${sign.task} failed, its binlog position is no longer available`,
      spec: serializeSpec(reconcileSpec({ resend: [], unknown: [] })),
      requestedBy: BINLOG_LOSS_REQUESTER,
    });
    this.metrics?.onBinlogLoss(feed);
    const started = job ? `job ${job.id} recorded` : 'already waiting';
    const context = {
      feed,
      operation: 'full sync',
      code: SyncCode.BinlogLoss,
      ...(job ? { jobId: job.id } : {}),
    };
    if (sign.kind === 'snapshot') {
      this.logger.error(
        { ...context, tables: sign.tables },
        `change capture took a new snapshot of ${sign.tables.join(', ')} after the initial load of ${feed}: its binlog ` +
          `position was lost and changes in the gap were never seen; reconciliation ${started}`,
      );
    } else {
      this.logger.error(
        { ...context, task: sign.task, trace: sign.trace, cause: sign.cause, runbook: BINLOG_PURGED_RUNBOOK },
        `the change capture connector's task ${sign.task} failed: ${sign.trace} (${sign.cause}); changes to ${feed} ` +
          `since its binlog position were never seen; reconciliation ${started}, it starts once the connector ` +
          `streams again: follow ${BINLOG_PURGED_RUNBOOK} (stop, delete offsets, resume)`,
      );
    }
    if (job) this.wake(feed);
  }
}
