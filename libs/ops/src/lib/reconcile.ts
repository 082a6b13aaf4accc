import {
  FEED_MINIMAL_PAYLOAD,
  FEEDS,
  type FeedName,
  type ReconcileRequest,
  type UnknownReceiverItem,
} from '@cde/contracts';
import { feedIdOf, FeedIdentityError } from '@cde/feed-engine';

/** A feed-state row as a reconciliation compares it. */
export interface StateDelivery {
  readonly feedId: string;
  readonly isDeleted: boolean;
  /** The original's status: 200 delivered, 0 on its way, 1/400 rejected, 2 retrying. */
  readonly status: number;
}

/** What the receiver's copy says against the feed state, and the request that repairs it. */
export interface ReceiverDiff {
  readonly request: ReconcileRequest;
  /** Identities compared: the union of the feed state's and the receiver's. */
  readonly checked: number;
  /** Recorded as delivered, but the receiver lacks them or holds them deleted. */
  readonly missing: number;
  /** Recorded as deleted and delivered, but live at the receiver. */
  readonly undeleted: number;
  /** Live at the receiver, unknown to the feed state. */
  readonly unknown: number;
  /** Receiver items without a usable identity (not compared). */
  readonly unidentified: number;
}

/** The receiver's item as the read API returns it (the item's fields; `deleted` says whether it is a delete). */
export type ReceiverItem = Readonly<Record<string, unknown>>;

const DELIVERED = 200;

/**
 * Compares the receiver's copy of a feed with the feed state. Only delivered rows (status 200) are judged: an item on
 * its way, retrying or rejected is the delivery path's business, not a contradiction. Items the receiver holds
 * live and the state does not know are handed over with their minimal payload, so a delete can be built for them.
 */
export function receiverDiff(
  feed: FeedName,
  state: readonly StateDelivery[],
  receiver: readonly ReceiverItem[],
): ReceiverDiff {
  const identity = FEEDS[feed].identity;
  const held = new Map<string, ReceiverItem>();
  let unidentified = 0;
  for (const item of receiver) {
    try {
      held.set(feedIdOf(feed, identity, item), item);
    } catch (error) {
      if (!(error instanceof FeedIdentityError)) throw error;
      unidentified++;
    }
  }
  const resend: string[] = [];
  let missing = 0;
  let undeleted = 0;
  const known = new Set<string>();
  for (const row of state) {
    known.add(row.feedId);
    if (row.status !== DELIVERED) continue;
    const there = held.get(row.feedId);
    const live = there !== undefined && there['deleted'] !== true;
    if (!row.isDeleted && !live) {
      missing++;
      resend.push(row.feedId);
    } else if (row.isDeleted && live) {
      undeleted++;
      resend.push(row.feedId);
    }
  }
  const unknown: UnknownReceiverItem[] = [];
  for (const [feedId, item] of held) {
    if (known.has(feedId) || item['deleted'] === true) continue;
    unknown.push({ feedId, item: minimalOf(item, FEED_MINIMAL_PAYLOAD[feed]) });
  }
  const checked = new Set([...known, ...held.keys()]).size;
  return {
    request: { resend, unknown },
    checked,
    missing,
    undeleted,
    unknown: unknown.length,
    unidentified,
  };
}

/** The fields a delete of the item carries (the feed's minimal payload): small enough for a command. */
function minimalOf(item: ReceiverItem, fields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) if (item[field] !== undefined) out[field] = item[field];
  return out;
}
