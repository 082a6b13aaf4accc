import { STALE_ITEM_STATUS } from './ingestion-protocol';

/**
 * What the `status` column of a feed-state row holds: the original's vocabulary (0 pending, 200 accepted, 400
 * rejected, 1 listed as failed by the receiver, 2 a failed delivery) plus 409, an item the receiver refused as older
 * than the version it holds. Every reader of that column (status, failed items, the dashboard, the exporter's
 * outcomes) judges it with these, so "retrying" means one thing everywhere.
 */
export const DeliveryStatus = {
  Pending: 0,
  FailedItem: 1,
  FailedDelivery: 2,
  Accepted: 200,
  Rejected: 400,
  Stale: STALE_ITEM_STATUS,
} as const;

/** Where a delivery stands: not sent yet, accepted, rejected for good (until it changes), or sent again by itself. */
export type DeliveryState = 'pending' | 'accepted' | 'rejected' | 'retrying';

const REJECTED: readonly number[] = [DeliveryStatus.Rejected, DeliveryStatus.FailedItem];

/** The delivery state of a stored status: anything but pending, accepted and rejected is retried (2, 409, …). */
export function deliveryStateOf(status: number): DeliveryState {
  if (status === DeliveryStatus.Pending) return 'pending';
  if (status === DeliveryStatus.Accepted) return 'accepted';
  if (REJECTED.includes(status)) return 'rejected';
  return 'retrying';
}

/** The same rules as SQL conditions on the `status` column, for counts and filters in the database. */
export const DELIVERY_STATE_SQL: Readonly<Record<DeliveryState, string>> = {
  pending: `status = ${DeliveryStatus.Pending}`,
  accepted: `status = ${DeliveryStatus.Accepted}`,
  rejected: `status IN (${REJECTED.join(', ')})`,
  retrying: `status NOT IN (${[DeliveryStatus.Pending, DeliveryStatus.Accepted, ...REJECTED].join(', ')})`,
};
