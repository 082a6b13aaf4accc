import { createHash } from 'node:crypto';
import type { FeedName, SyncJobKind } from '@cde/contracts';
import type { DataSource } from 'typeorm';

export type SyncJobState = 'pending' | 'running' | 'done' | 'failed' | 'cancelled';

/** Lower runs first: a live change's fan-out must not wait behind a catalog-wide sync. */
export const SYNC_JOB_PRIORITY: Readonly<Record<SyncJobKind, number>> = {
  'fan-out': 0,
  resync: 1,
  onboarding: 2,
};

/** Counters a job accumulates, as the original logs a sync: processed source ids, synced items… */
export interface SyncJobCounters {
  readonly processed: number;
  readonly synced: number;
  readonly skipped: number;
  readonly deleted: number;
  readonly failed: number;
}

/** A job as stored; `spec` is the engine's JSON (what to sync and how), opaque here. */
export interface SyncJob extends SyncJobCounters {
  readonly id: string;
  readonly feed: FeedName;
  readonly kind: SyncJobKind;
  readonly reason: string;
  readonly spec: string;
  readonly commandId: string | null;
  readonly requestedBy: string | null;
  readonly state: SyncJobState;
  /** Which listing of the spec the job is in, and the last source id it finished there (null: none yet). */
  readonly queryIndex: number;
  readonly afterId: string | null;
  readonly total: number | null;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly leaseOwner: string | null;
  readonly sourceCommitTime: string | null;
  readonly traceId: string | null;
  readonly createdAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
}

export interface NewSyncJob {
  readonly feed: FeedName;
  readonly kind: SyncJobKind;
  readonly reason: string;
  readonly spec: string;
  readonly commandId?: string;
  readonly requestedBy?: string;
  /** At most one job with this key may ever exist (a feed's onboarding). */
  readonly singleton?: string;
  readonly sourceCommitTime?: Date | null;
  readonly traceId?: string;
}

/** Where a running job got to: saved after every wave, with the lease renewed. */
export interface SyncJobProgress extends SyncJobCounters {
  readonly queryIndex: number;
  readonly afterId: string | null;
  readonly total?: number | null;
}

interface RawJob {
  id: string | number;
  feed: string;
  kind: string;
  reason: string;
  spec: string;
  command_id: string | null;
  requested_by: string | null;
  state: string;
  query_index: number | string;
  after_id: string | null;
  total: number | string | null;
  processed: number | string;
  synced: number | string;
  skipped: number | string;
  deleted: number | string;
  failed: number | string;
  attempts: number | string;
  last_error: string | null;
  lease_owner: string | null;
  source_commit_time: string | null;
  trace_id: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

const JOB_COLUMNS =
  'id, feed, kind, reason, spec, command_id, requested_by, state, query_index, after_id, total, processed, synced, ' +
  'skipped, deleted, failed, attempts, last_error, lease_owner, source_commit_time, trace_id, created_at, ' +
  'started_at, finished_at';

function toJob(r: RawJob): SyncJob {
  return {
    id: String(r.id),
    feed: r.feed as FeedName,
    kind: r.kind as SyncJobKind,
    reason: r.reason,
    spec: r.spec,
    commandId: r.command_id,
    requestedBy: r.requested_by,
    state: r.state as SyncJobState,
    queryIndex: Number(r.query_index),
    afterId: r.after_id,
    total: r.total === null ? null : Number(r.total),
    processed: Number(r.processed),
    synced: Number(r.synced),
    skipped: Number(r.skipped),
    deleted: Number(r.deleted),
    failed: Number(r.failed),
    attempts: Number(r.attempts),
    lastError: r.last_error,
    leaseOwner: r.lease_owner,
    sourceCommitTime: r.source_commit_time,
    traceId: r.trace_id,
    createdAt: r.created_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
  };
}

/** Jobs still to finish: waiting, or running (a lapsed lease makes a running job claimable again). */
const OPEN_STATES = "('pending', 'running')";

/** A job no runner holds: waiting, stepped aside (lease released), or left by a runner that died (lease lapsed). */
const CLAIMABLE =
  "(state = 'pending' OR (state = 'running' AND (lease_until IS NULL OR lease_until < current_timestamp(3))))";

/**
 * The sync jobs of a feed state (`cde_sync_job`): plain SQL, every write guarded so two replicas never run the
 * same job at once (a job is claimed with a lease and only its lease owner may record progress).
 */
export class SyncJobRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Records a job. An identical job (same feed, kind and spec) still waiting to start is not added again, and a
   * singleton that exists already (in any state) is not either: both return undefined.
   */
  async add(job: NewSyncJob): Promise<SyncJob | undefined> {
    const specHash = createHash('sha1').update(`${job.feed}\0${job.kind}\0${job.spec}`).digest('hex');
    if (job.singleton === undefined) {
      const [waiting] = await this.dataSource.query<{ id: string | number }[]>(
        `SELECT id FROM cde_sync_job WHERE feed = ? AND spec_hash = ? AND state = 'pending' AND after_id IS NULL
          AND query_index = 0 LIMIT 1`,
        [job.feed, specHash],
      );
      if (waiting) return undefined;
    }
    const result = await this.dataSource.query<{ insertId?: number | string; affectedRows?: number }>(
      `INSERT IGNORE INTO cde_sync_job
         (feed, kind, priority, reason, spec, spec_hash, command_id, requested_by, singleton, source_commit_time, trace_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        job.feed,
        job.kind,
        SYNC_JOB_PRIORITY[job.kind],
        job.reason.slice(0, 512),
        job.spec,
        specHash,
        job.commandId ?? null,
        job.requestedBy ?? null,
        job.singleton ?? null,
        job.sourceCommitTime ?? null,
        job.traceId ?? null,
      ],
    );
    if (!result.affectedRows) return undefined;
    return this.get(String(result.insertId));
  }

  async get(id: string): Promise<SyncJob | undefined> {
    const [row] = await this.dataSource.query<RawJob[]>(
      `SELECT ${JOB_COLUMNS} FROM cde_sync_job WHERE id = ?`,
      [id],
    );
    return row ? toJob(row) : undefined;
  }

  /**
   * Claims the feed's most urgent runnable job for `owner` (a pending one, or a running one whose lease lapsed
   * because its runner died) and returns it, or undefined when there is none or another runner won the race.
   */
  async claimNext(
    feed: FeedName,
    owner: string,
    leaseMs: number,
    options: {
      readonly excludeKinds?: readonly SyncJobKind[];
      /** Jobs recorded by these requesters wait (a reconciliation after a binlog loss, until capture streams). */
      readonly excludeRequestedBy?: readonly string[];
    } = {},
  ): Promise<SyncJob | undefined> {
    const excluded = options.excludeKinds ?? [];
    const requesters = options.excludeRequestedBy ?? [];
    const [candidate] = await this.dataSource.query<{ id: string | number }[]>(
      `SELECT id FROM cde_sync_job
        WHERE feed = ? AND ${CLAIMABLE}
          ${excluded.length > 0 ? 'AND kind NOT IN (?)' : ''}
          ${requesters.length > 0 ? 'AND (requested_by IS NULL OR requested_by NOT IN (?))' : ''}
        ORDER BY priority, id LIMIT 1`,
      [feed, ...(excluded.length > 0 ? [excluded] : []), ...(requesters.length > 0 ? [requesters] : [])],
    );
    if (!candidate) return undefined;
    const result = await this.dataSource.query<{ affectedRows?: number }>(
      `UPDATE cde_sync_job
          SET state = 'running', lease_owner = ?, lease_until = current_timestamp(3) + INTERVAL ? MICROSECOND,
              started_at = COALESCE(started_at, current_timestamp(3))
        WHERE id = ? AND ${CLAIMABLE}`,
      [owner, leaseMs * 1000, candidate.id],
    );
    return result.affectedRows ? this.get(String(candidate.id)) : undefined;
  }

  /** Renews a held job's lease (a long wave keeps it); false when the lease was lost. */
  async renew(id: string, owner: string, leaseMs: number): Promise<boolean> {
    const result = await this.dataSource.query<{ affectedRows?: number }>(
      `UPDATE cde_sync_job SET lease_until = current_timestamp(3) + INTERVAL ? MICROSECOND
        WHERE id = ? AND lease_owner = ? AND state = 'running'`,
      [leaseMs * 1000, id, owner],
    );
    return Boolean(result.affectedRows);
  }

  /** Saves progress and renews the lease; false when the lease was lost (another runner took the job over). */
  async saveProgress(
    id: string,
    owner: string,
    leaseMs: number,
    progress: SyncJobProgress,
  ): Promise<boolean> {
    const result = await this.dataSource.query<{ affectedRows?: number }>(
      `UPDATE cde_sync_job
          SET query_index = ?, after_id = ?, total = COALESCE(?, total), processed = ?, synced = ?, skipped = ?,
              deleted = ?, failed = ?, attempts = 0, last_error = NULL,
              lease_until = current_timestamp(3) + INTERVAL ? MICROSECOND
        WHERE id = ? AND lease_owner = ? AND state = 'running'`,
      [
        progress.queryIndex,
        progress.afterId,
        progress.total ?? null,
        progress.processed,
        progress.synced,
        progress.skipped,
        progress.deleted,
        progress.failed,
        leaseMs * 1000,
        id,
        owner,
      ],
    );
    return Boolean(result.affectedRows);
  }

  /** A wave failed: counts the attempt, keeps the error, and renews the lease while the runner backs off. */
  async recordFailure(id: string, owner: string, leaseMs: number, error: string): Promise<number> {
    await this.dataSource.query(
      `UPDATE cde_sync_job SET attempts = attempts + 1, last_error = ?,
              lease_until = current_timestamp(3) + INTERVAL ? MICROSECOND
        WHERE id = ? AND lease_owner = ? AND state = 'running'`,
      [error.slice(0, 4000), leaseMs * 1000, id, owner],
    );
    return (await this.get(id))?.attempts ?? 0;
  }

  /** Ends a job (done, failed or cancelled) if `owner` still holds it. */
  async finish(
    id: string,
    owner: string,
    state: Exclude<SyncJobState, 'pending' | 'running'>,
    error?: string,
  ): Promise<boolean> {
    const result = await this.dataSource.query<{ affectedRows?: number }>(
      `UPDATE cde_sync_job SET state = ?, last_error = COALESCE(?, last_error), lease_owner = NULL, lease_until = NULL,
              finished_at = current_timestamp(3)
        WHERE id = ? AND lease_owner = ? AND state = 'running'`,
      [state, error?.slice(0, 4000) ?? null, id, owner],
    );
    return Boolean(result.affectedRows);
  }

  /**
   * Puts a failed job back in line from where it stopped (`--continue-resync`), now answering to the command
   * that asked for it (its progress events carry that command's id).
   */
  async reopen(
    id: string,
    by: { readonly commandId: string; readonly requestedBy: string },
  ): Promise<boolean> {
    const result = await this.dataSource.query<{ affectedRows?: number }>(
      `UPDATE cde_sync_job SET state = 'pending', attempts = 0, finished_at = NULL, command_id = ?, requested_by = ?
        WHERE id = ? AND state = 'failed'`,
      [by.commandId, by.requestedBy, id],
    );
    return Boolean(result.affectedRows);
  }

  /** Gives up a held job without finishing it (shutdown): it waits for the next runner, from where it got to. */
  async release(id: string, owner: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE cde_sync_job SET lease_until = NULL WHERE id = ? AND lease_owner = ? AND state = 'running'`,
      [id, owner],
    );
  }

  /** The feed's jobs still to finish, most urgent first. */
  async open(feed?: FeedName): Promise<SyncJob[]> {
    const rows = await this.dataSource.query<RawJob[]>(
      `SELECT ${JOB_COLUMNS} FROM cde_sync_job WHERE state IN ${OPEN_STATES} ${feed ? 'AND feed = ?' : ''}
        ORDER BY priority, id LIMIT 1000`,
      feed ? [feed] : [],
    );
    return rows.map(toJob);
  }

  /** The feed's onboarding (its first full sync), if it was ever scheduled. */
  async onboarding(feed: FeedName): Promise<SyncJob | undefined> {
    const [row] = await this.dataSource.query<RawJob[]>(
      `SELECT ${JOB_COLUMNS} FROM cde_sync_job WHERE singleton = ?`,
      [`onboarding:${feed}`],
    );
    return row ? toJob(row) : undefined;
  }

  /**
   * The feed's onboarding while no runner holds it (not started yet, stepped aside, or left by a runner that died),
   * with its saved place; undefined once it is done, or while a runner is on it.
   */
  async idleOnboarding(feed: FeedName): Promise<SyncJob | undefined> {
    const [row] = await this.dataSource.query<RawJob[]>(
      `SELECT ${JOB_COLUMNS} FROM cde_sync_job WHERE feed = ? AND kind = 'onboarding' AND ${CLAIMABLE}
        ORDER BY id LIMIT 1`,
      [feed],
    );
    return row ? toJob(row) : undefined;
  }

  /** The latest jobs of a kind for a feed, newest first (status views, `--continue-resync`). */
  async latest(feed: FeedName, kind: SyncJobKind, limit = 1): Promise<SyncJob[]> {
    const rows = await this.dataSource.query<RawJob[]>(
      `SELECT ${JOB_COLUMNS} FROM cde_sync_job WHERE feed = ? AND kind = ? ORDER BY id DESC LIMIT ?`,
      [feed, kind, limit],
    );
    return rows.map(toJob);
  }

  /** Finished jobs older than this are deleted (the table is a work queue, not an archive). */
  async cleanup(olderThan: Date): Promise<number> {
    const result = await this.dataSource.query<{ affectedRows?: number }>(
      `DELETE FROM cde_sync_job WHERE state IN ('done', 'cancelled') AND singleton IS NULL AND finished_at < ?`,
      [olderThan],
    );
    return result.affectedRows ?? 0;
  }
}
