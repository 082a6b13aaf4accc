import type { FeedName } from './feeds';

/** How `--by-ids` values are read: SKUs (default, as the original), product entity ids, or the feed's own ids. */
export type ResyncIdType = 'sku' | 'productId' | 'id';

/** The options of the original's `saas:resync`, one for one. */
export interface ResyncOptions {
  /** Partial resync of these entities; bypasses the hash (forces a resend). */
  readonly byIds?: readonly string[];
  readonly idType?: ResyncIdType;
  /** Collect and log payloads; publish nothing, write nothing. */
  readonly dryRun: boolean;
  /** Empty the feed state first so everything is resent (deletes of vanished items are then never sent). */
  readonly cleanupFeed: boolean;
  /** Resend the stored state without re-reading the Commerce DB (legacy feeds; ignored for immediate feeds, as in the original). */
  readonly noReindex: boolean;
  /** Resume an interrupted full resync from its checkpoint. */
  readonly continueResync: boolean;
  readonly threadCount?: number;
  readonly batchSize?: number;
  /** Resync even items that look synchronized (bypasses the hash for the whole feed). */
  readonly force: boolean;
  /** A full sync that also repairs what the receiver holds against the feed state (`cde reconcile`). */
  readonly reconcile?: ReconcileRequest;
}

/** An item the receiver holds that the feed state does not know, with the identity fields a delete needs. */
export interface UnknownReceiverItem {
  readonly feedId: string;
  readonly item: Readonly<Record<string, unknown>>;
}

/**
 * What the receiver's copy says against the feed state, found before a reconciliation. The reconciliation then
 * walks the feed like a full sync (items the database no longer yields are deleted, changed ones sent).
 */
export interface ReconcileRequest {
  /**
   * feedIds whose state the receiver contradicts: recorded as delivered but missing or deleted there, or
   * recorded as deleted but live there. Their stored hash is forgotten, so the sync decides them afresh.
   */
  readonly resend: readonly string[];
  /** Items only the receiver holds: deleted there unless the database still yields them. */
  readonly unknown: readonly UnknownReceiverItem[];
}

interface CommandBase {
  readonly commandId: string;
  readonly requestedAt: string;
  /** Who asked: `cli:<user>@<host>`, `dashboard:<user>`, `test`. */
  readonly requestedBy: string;
}

export interface ResyncCommand extends CommandBase {
  readonly type: 'resync';
  readonly feed: FeedName;
  readonly options: ResyncOptions;
}

/** Retry parked items (all of the feed's, or the listed feedIds) with their current content. */
export interface RetryParkedCommand extends CommandBase {
  readonly type: 'retry-parked';
  readonly feed: FeedName;
  readonly feedIds?: readonly string[];
}

/** Value of a message on `cde.commands` (key: the feed, so one feed's commands stay in order). */
export type CdeCommand = ResyncCommand | RetryParkedCommand;
