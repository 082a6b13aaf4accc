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

/**
 * Turns snapshot reads after the initial load into what ADR 9 asks for a lost binlog position: a loud, coded
 * record (CDE04-28), a count (`cde_feed_binlog_loss_total`) and a reconciliation of the feed, as a durable job —
 * a full sync that deletes what the database no longer has and sends what changed in the gap.
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

  async snapshotRead(feed: FeedName, tables: readonly string[]): Promise<void> {
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
      reason: `binlog loss: change capture took a new snapshot (${tables.join(', ')})`,
      spec: serializeSpec(reconcileSpec({ resend: [], unknown: [] })),
      requestedBy: 'binlog-loss',
    });
    this.metrics?.onBinlogLoss(feed);
    this.logger.error(
      { feed, operation: 'full sync', code: SyncCode.BinlogLoss, tables, ...(job ? { jobId: job.id } : {}) },
      `change capture took a new snapshot of ${tables.join(', ')} after the initial load of ${feed}: its binlog ` +
        `position was lost and changes in the gap were never seen; reconciliation ${job ? `job ${job.id} started` : 'already waiting'}`,
    );
    if (job) this.wake(feed);
  }
}
