import { DeliveryStatus, type FeedItemMessage, type FeedName, type SyncJobKind } from '@cde/contracts';
import {
  SYNC_JOB_PRIORITY,
  type AssembledState,
  type DeliveryOutcome,
  type FeedStateRepository,
  type FeedStateRow,
  type NewSyncJob,
  type SyncJob,
  type SyncJobProgress,
  type SyncJobRepository,
  type SyncJobState,
} from '@cde/platform/feed-state';
import pino, { type Level, type Logger } from 'pino';
import {
  defineFeed,
  type FeedDefinition,
  type FeedItemSink,
  type FeedReader,
  type OutgoingFeedItem,
} from '../feed-definition';

/* In-memory stand-ins for the engine's unit specs (not exported from the lib). */

export const FEED: FeedName = 'scopesWebsite';

/** The feed state in memory: the repository calls the engine makes here, with the database's upsert rules. */
export class InMemoryFeedState {
  readonly rows = new Map<string, FeedStateRow>();
  readonly parked: string[] = [];

  findBySourceIds(_feed: FeedName, ids: readonly string[]): Promise<FeedStateRow[]> {
    return Promise.resolve([...this.rows.values()].filter((r) => ids.includes(r.sourceEntityId)));
  }

  findByFeedIds(_feed: FeedName, ids: readonly string[]): Promise<Map<string, FeedStateRow>> {
    const found = new Map<string, FeedStateRow>();
    for (const id of ids) {
      const row = this.rows.get(id);
      if (row) found.set(id, row);
    }
    return Promise.resolve(found);
  }

  saveAssembled(_feed: FeedName, states: readonly AssembledState[]): Promise<void> {
    for (const s of states) {
      this.rows.set(s.feedId, {
        feedId: s.feedId,
        sourceEntityId: s.sourceEntityId,
        feedHash: s.feedHash,
        sentHash: s.sentHash ?? this.rows.get(s.feedId)?.sentHash ?? null,
        status: DeliveryStatus.Pending,
        isDeleted: s.isDeleted,
        feedData: { ...s.feedData },
        attempts: 0,
        parked: false,
        errors: null,
        modifiedAt: new Date().toISOString(),
      });
    }
    return Promise.resolve();
  }

  sourceIdsBetween(_feed: FeedName, after: string, upTo: string | null, limit: number): Promise<string[]> {
    const ids = [...new Set([...this.rows.values()].filter((r) => !r.isDeleted).map((r) => r.sourceEntityId))]
      .filter((id) => Number(id) > Number(after) && (upTo === null || Number(id) <= Number(upTo)))
      .sort((a, b) => Number(a) - Number(b));
    return Promise.resolve(ids.slice(0, limit));
  }

  markUnpublished(_feed: FeedName, feedIds: readonly string[]): Promise<void> {
    for (const id of feedIds) {
      const row = this.rows.get(id);
      if (row) this.rows.set(id, { ...row, sentHash: null });
    }
    return Promise.resolve();
  }

  /** The shared clock; tests that pin time give the processor `now` instead. */
  clock(): Promise<Date> {
    return Promise.resolve(new Date());
  }

  forgetDelivered(_feed: FeedName, feedIds: readonly string[]): Promise<void> {
    for (const id of feedIds) {
      const row = this.rows.get(id);
      if (row) this.rows.set(id, { ...row, feedHash: '', sentHash: null, isDeleted: false });
    }
    return Promise.resolve();
  }

  truncate(): Promise<void> {
    this.rows.clear();
    return Promise.resolve();
  }

  park(_feed: FeedName, feedId: string, lastError: string): Promise<void> {
    this.parked.push(feedId);
    const row = this.rows.get(feedId);
    if (row) this.rows.set(feedId, { ...row, parked: true, errors: lastError });
    return Promise.resolve();
  }

  recordOutcomes(_feed: FeedName, outcomes: readonly DeliveryOutcome[]): Promise<number> {
    let written = 0;
    for (const o of outcomes) {
      const row = this.rows.get(o.feedId);
      if (row?.sentHash !== o.sentHash) continue;
      this.rows.set(o.feedId, { ...row, status: o.status, errors: o.errors });
      written++;
    }
    return Promise.resolve(written);
  }

  /** The engine takes the repository class; only the methods above are called. */
  asRepository(): FeedStateRepository {
    return this as unknown as FeedStateRepository;
  }
}

/** No runner holds the job: waiting, or released (in memory a lease never lapses). */
function claimable(job: SyncJob): boolean {
  return job.state === 'pending' || (job.state === 'running' && job.leaseOwner === null);
}

/** Sync jobs in memory, with the database's rules: identical waiting jobs and singletons added once, leases. */
export class InMemorySyncJobs {
  readonly jobs: (SyncJob & { singleton?: string })[] = [];
  private nextId = 1;

  add(job: NewSyncJob): Promise<SyncJob | undefined> {
    const waiting =
      job.singleton === undefined &&
      this.jobs.some(
        (j) =>
          j.feed === job.feed &&
          j.kind === job.kind &&
          j.spec === job.spec &&
          j.state === 'pending' &&
          j.afterId === null,
      );
    if (waiting || (job.singleton && this.jobs.some((j) => j.singleton === job.singleton)))
      return Promise.resolve(undefined);
    const row: SyncJob & { singleton?: string } = {
      id: String(this.nextId++),
      feed: job.feed,
      kind: job.kind,
      reason: job.reason,
      spec: job.spec,
      commandId: job.commandId ?? null,
      requestedBy: job.requestedBy ?? null,
      state: 'pending',
      queryIndex: 0,
      afterId: null,
      total: null,
      processed: 0,
      synced: 0,
      skipped: 0,
      deleted: 0,
      failed: 0,
      attempts: 0,
      lastError: null,
      leaseOwner: null,
      sourceCommitTime: null,
      traceId: job.traceId ?? null,
      createdAt: new Date().toISOString(),
      startedAt: null,
      finishedAt: null,
      ...(job.singleton ? { singleton: job.singleton } : {}),
    };
    this.jobs.push(row);
    return Promise.resolve({ ...row });
  }

  get(id: string): Promise<SyncJob | undefined> {
    const job = this.jobs.find((j) => j.id === id);
    return Promise.resolve(job ? { ...job } : undefined);
  }

  claimNext(
    feed: FeedName,
    owner: string,
    _leaseMs: number,
    options: { excludeKinds?: readonly SyncJobKind[]; excludeRequestedBy?: readonly string[] } = {},
  ): Promise<SyncJob | undefined> {
    const job = this.jobs
      .filter((j) => j.feed === feed && claimable(j))
      .filter((j) => !(options.excludeKinds ?? []).includes(j.kind))
      .filter((j) => j.requestedBy === null || !(options.excludeRequestedBy ?? []).includes(j.requestedBy))
      .sort(
        (a, b) => SYNC_JOB_PRIORITY[a.kind] - SYNC_JOB_PRIORITY[b.kind] || Number(a.id) - Number(b.id),
      )[0];
    if (!job) return Promise.resolve(undefined);
    this.update(job.id, { state: 'running', leaseOwner: owner });
    return this.get(job.id);
  }

  renew(id: string, owner: string): Promise<boolean> {
    return Promise.resolve(this.held(id, owner) !== undefined);
  }

  saveProgress(id: string, owner: string, _leaseMs: number, progress: SyncJobProgress): Promise<boolean> {
    if (!this.held(id, owner)) return Promise.resolve(false);
    const { total, ...rest } = progress;
    this.update(id, { ...rest, ...(total === undefined || total === null ? {} : { total }), attempts: 0 });
    return Promise.resolve(true);
  }

  recordFailure(id: string, owner: string, _leaseMs: number, error: string): Promise<number> {
    const job = this.held(id, owner);
    if (!job) return Promise.resolve(0);
    this.update(id, { attempts: job.attempts + 1, lastError: error });
    return Promise.resolve(job.attempts + 1);
  }

  finish(id: string, owner: string, state: SyncJobState, error?: string): Promise<boolean> {
    if (!this.held(id, owner)) return Promise.resolve(false);
    this.update(id, { state, leaseOwner: null, ...(error ? { lastError: error } : {}) });
    return Promise.resolve(true);
  }

  reopen(id: string, by: { commandId: string; requestedBy: string }): Promise<boolean> {
    const job = this.jobs.find((j) => j.id === id && j.state === 'failed');
    if (job) this.update(id, { state: 'pending', attempts: 0, ...by });
    return Promise.resolve(job !== undefined);
  }

  release(id: string, owner: string): Promise<void> {
    if (this.held(id, owner)) this.update(id, { leaseOwner: null });
    return Promise.resolve();
  }

  open(feed?: FeedName): Promise<SyncJob[]> {
    return Promise.resolve(
      this.jobs.filter((j) => (j.state === 'pending' || j.state === 'running') && (!feed || j.feed === feed)),
    );
  }

  onboarding(feed: FeedName): Promise<SyncJob | undefined> {
    const job = this.jobs.find((j) => j.singleton === `onboarding:${feed}`);
    return Promise.resolve(job ? { ...job } : undefined);
  }

  idleOnboarding(feed: FeedName): Promise<SyncJob | undefined> {
    const job = this.jobs.find((j) => j.feed === feed && j.kind === 'onboarding' && claimable(j));
    return Promise.resolve(job ? { ...job } : undefined);
  }

  latest(feed: FeedName, kind: SyncJobKind, limit = 1): Promise<SyncJob[]> {
    return Promise.resolve(
      this.jobs
        .filter((j) => j.feed === feed && j.kind === kind)
        .reverse()
        .slice(0, limit),
    );
  }

  cleanup(): Promise<number> {
    return Promise.resolve(0);
  }

  asRepository(): SyncJobRepository {
    return this as unknown as SyncJobRepository;
  }

  private held(id: string, owner: string): SyncJob | undefined {
    return this.jobs.find((j) => j.id === id && j.leaseOwner === owner && j.state === 'running');
  }

  private update(id: string, patch: Partial<SyncJob>): void {
    const index = this.jobs.findIndex((j) => j.id === id);
    const job = this.jobs[index];
    if (job) this.jobs[index] = { ...job, ...patch };
  }
}

export class RecordingSink implements FeedItemSink {
  readonly sent: FeedItemMessage[] = [];
  /** The JSON text handed over with each message of `sent`. */
  readonly json: string[] = [];
  publish(_feed: FeedName, items: readonly OutgoingFeedItem[]): Promise<void> {
    this.sent.push(...items.map((i) => i.message));
    this.json.push(...items.map((i) => i.json));
    return Promise.resolve();
  }
}

/** scopesWebsite items from a mutable source: entity id → websites it yields (identity: websiteId). */
export function websiteReader(source: Map<string, Record<string, unknown>[]>): FeedReader {
  return {
    listEntityIds: (after, limit) =>
      Promise.resolve([...source.keys()].filter((id) => Number(id) > Number(after)).slice(0, limit)),
    collect: (ids) =>
      Promise.resolve(
        ids.flatMap((id) =>
          (source.get(id) ?? []).map((item) => ({ sourceEntityId: id, item: { ...item } })),
        ),
      ),
    resolveIds: (values) => Promise.resolve({ ids: [...values], unknown: [] }),
  };
}

/** The scopesWebsite feed over `websiteReader(source)`. */
export function websiteFeed(source: Map<string, Record<string, unknown>[]>): FeedDefinition {
  return defineFeed({
    feed: FEED,
    minimalPayload: ['websiteId', 'websiteCode'],
    timestampField: 'updatedAt',
    hash: {},
    connect: () => ({ reader: websiteReader(source), changes: undefined }),
    sources: { store_website: (e) => [String((e.after ?? e.before)?.['website_id'])] },
  });
}

/** An error as mysql2 rejects a query with: code, errno, the server's text and, when given, the statement. */
export function mysqlError(code: string, errno: number, text: string, sql?: string): Error {
  return Object.assign(new Error(text), {
    code,
    errno,
    sqlState: 'HY000',
    sqlMessage: text,
    ...(sql === undefined ? {} : { sql }),
  });
}

/** A log record as pino wrote it, parsed. */
export type LogRecord = Record<string, unknown>;

/** A logger that keeps what it writes, for specs that check what was told: every record, and those with a code. */
export function recordingLogger(level: Level = 'debug'): {
  logger: Logger;
  records: LogRecord[];
  coded: (code: string) => LogRecord[];
} {
  const records: LogRecord[] = [];
  const logger = pino(
    { level },
    { write: (line: string) => void records.push(JSON.parse(line) as LogRecord) },
  );
  return { logger, records, coded: (code) => records.filter((r) => r['code'] === code) };
}

/** A Debezium update of a website row (its code from a to b), as the change consumer hands it to the engine. */
export function websiteChange(id: number) {
  return {
    topic: 'commerce.magento.store_website',
    partition: 0,
    offset: String(id),
    key: JSON.stringify({ website_id: id }),
    value: JSON.stringify({
      op: 'u',
      before: { website_id: id, code: 'a' },
      after: { website_id: id, code: 'b' },
      source: { connector: 'mysql', name: 'commerce', ts_ms: 1, snapshot: 'false', db: 'magento' },
    }),
  };
}
