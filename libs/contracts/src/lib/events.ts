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
}

export interface ResyncProgress extends EventBase, SyncCounters {
  readonly type: 'resync.progress';
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
  /** Who holds the feed's sync lock, e.g. `resync(cmd-…) by scopes-feed pid 123 on host since …`. */
  readonly holder?: string;
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
  ResyncStarted | ResyncProgress | ResyncFinished | ResyncRefused | ItemParked | BatchDelivered;
