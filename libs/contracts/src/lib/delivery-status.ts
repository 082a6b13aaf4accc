import { STALE_ITEM_STATUS } from './ingestion-protocol';

/**
 * What the `status` column of a feed-state row holds: the original's vocabulary (0 pending, 200 accepted, 400
 * rejected, 1 listed as failed by the receiver, 2 retryable) plus 409, an item the receiver refused as older than
 * the version it holds. A per-item status the receiver gave that is not retried (401 or 403 for one item) is kept
 * as it came. Every reader of that column (the send decision, status, failed items, the dashboard, the exporter's
 * outcomes) judges it with these, so "retrying" means one thing everywhere.
 */
export const DeliveryStatus = {
  /** Never delivered yet: assembled and published, or stored for the legacy sender. */
  Pending: 0,
  /** 2xx, but this item was listed as failed; not retried until the item changes. */
  FailedItem: 1,
  /** Any transient outcome (429, 5xx, timeouts…): dead-lettered and sent again by the feed service. */
  Retryable: 2,
  /** Accepted by the receiver. */
  Accepted: 200,
  /** The whole batch was rejected as bad data; not retried until the item changes. */
  Rejected: 400,
  /** Refused as older than the version the receiver holds: sent again with a newer version. */
  Stale: STALE_ITEM_STATUS,
} as const;

/** Where a delivery stands: not sent yet, accepted, rejected (until the item changes), or sent again by itself. */
export type DeliveryState = 'pending' | 'accepted' | 'rejected' | 'retrying';

/** The statuses whose items go out again by themselves: a failed delivery (2) and a stale refusal (409). */
export const RETRYING_STATUSES: readonly number[] = [DeliveryStatus.Retryable, DeliveryStatus.Stale];

/** The delivery state of a stored status; any status the receiver gave that is not retried is a rejection. */
export function deliveryStateOf(status: number): DeliveryState {
  if (status === DeliveryStatus.Pending) return 'pending';
  if (status === DeliveryStatus.Accepted) return 'accepted';
  if (RETRYING_STATUSES.includes(status)) return 'retrying';
  return 'rejected';
}

const list = (statuses: readonly number[]): string => statuses.join(', ');

/** The same rules as SQL conditions on the `status` column, for counts and filters in the database. */
export const DELIVERY_STATE_SQL: Readonly<Record<DeliveryState, string>> = {
  pending: `status = ${DeliveryStatus.Pending}`,
  accepted: `status = ${DeliveryStatus.Accepted}`,
  retrying: `status IN (${list(RETRYING_STATUSES)})`,
  rejected: `status NOT IN (${list([DeliveryStatus.Pending, DeliveryStatus.Accepted, ...RETRYING_STATUSES])})`,
};
