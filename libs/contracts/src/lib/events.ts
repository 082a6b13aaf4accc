import type { ResyncOptions } from './commands';
import type { FeedName } from './feeds';

interface EventBase {
  readonly eventId: string;
  readonly at: string;
  /** The service that emits it (`scopes-feed`, `exporter`, …). */
  readonly service: string;
  readonly feed: FeedName;
  readonly commandId?: string;
}

/** Counters of a sync, as the original logs them: processed source ids, synced (published) items. */
export interface SyncCounters {
  readonly processed: number;
  readonly synced: number;
  /** Items whose hash and final status were unchanged. */
  readonly skipped: number;
  readonly deleted: number;
  readonly failed: number;
  readonly elapsedMs: number;
}

export interface ResyncStarted extends EventBase {
  readonly type: 'resync.started';
  readonly options: ResyncOptions;
  readonly holder: string;
  readonly total?: number | null;
}

export interface ResyncProgress extends EventBase, SyncCounters {
  readonly type: 'resync.progress';
  readonly total?: number | null;
}

export interface ResyncFinished extends EventBase, SyncCounters {
  readonly type: 'resync.finished';
  readonly status: 'complete' | 'failed';
  readonly dryRun: boolean;
  readonly error?: string;
}

/** A resync that did not start: another holds the feed, or the request is invalid. */
export interface ResyncRefused extends EventBase {
  readonly type: 'resync.refused';
  readonly code: string;
  readonly reason: string;
  /** The resync already under way, e.g. `job 12 (resync cmd-…) requested by cli:ops@host at …, running on …`. */
  readonly holder?: string;
}

/** The kinds of background sync: a feed's first full sync, an operator's resync, a change reaching many entities. */
export type SyncJobKind = 'onboarding' | 'resync' | 'fan-out';

interface SyncJobEventBase extends EventBase {
  readonly jobId: string;
  readonly kind: SyncJobKind;
  /** What asked for it, in words ("first start of the feed", "store_website 2 deleted"). */
  readonly reason: string;
  /** Entities to go through, when known (progress and ETA). */
  readonly total: number | null;
}

/** A background sync (onboarding or fan-out; resyncs report as resync.*) started or resumed. */
export interface SyncStarted extends SyncJobEventBase {
  readonly type: 'sync.started';
  readonly holder: string;
}

export interface SyncProgress extends SyncJobEventBase, SyncCounters {
  readonly type: 'sync.progress';
}

export interface SyncFinished extends SyncJobEventBase, SyncCounters {
  readonly type: 'sync.finished';
  readonly status: 'complete' | 'failed';
  readonly error?: string;
}

/** An item that exhausted its delivery attempts; visible and retryable on demand. */
export interface ItemParked extends EventBase {
  readonly type: 'item.parked';
  readonly feedId: string;
  readonly sourceEntityId: string;
  readonly attempts: number;
  readonly lastError: string;
}

/** Audit of one delivered batch (exporter). */
export interface BatchDelivered extends EventBase {
  readonly type: 'export.batch-delivered';
  readonly items: number;
  readonly failedItems: number;
  readonly statusCode: number;
  readonly requestId: string | null;
  readonly bytes: number;
  readonly latencyMs: number;
}

/** Value of a message on `cde.events` (key: the feed). */
export type CdeEvent =
  | ResyncStarted
  | ResyncProgress
  | ResyncFinished
  | ResyncRefused
  | SyncStarted
  | SyncProgress
  | SyncFinished
  | ItemParked
  | BatchDelivered;
