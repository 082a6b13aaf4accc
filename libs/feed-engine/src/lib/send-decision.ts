/** Delivery outcomes stored in `status`, as the original defines them. */
export const FeedStatus = {
  /** Never delivered yet: assembled and published, or stored for the legacy sender. */
  Pending: 0,
  /** Accepted by the receiver. */
  Accepted: 200,
  /** The whole batch was rejected as bad data; not retried until the item changes. */
  Rejected: 400,
  /** 2xx, but this item was listed as failed; not retried until the item changes. */
  FailedItem: 1,
  /** Any other outcome (429, 5xx, timeouts…): retried. */
  Retryable: 2,
} as const;

export type FeedStatusCode = (typeof FeedStatus)[keyof typeof FeedStatus];

/** Outcomes after which an unchanged item is not sent again (the original's 200, 400 and 1). */
export const FINAL_STATUSES: ReadonlySet<number> = new Set([
  FeedStatus.Accepted,
  FeedStatus.Rejected,
  FeedStatus.FailedItem,
]);

export interface StoredItemState {
  readonly feedHash: string;
  /** Hash of the version last published, or null if never published. */
  readonly sentHash: string | null;
  readonly status: number;
  readonly isDeleted: boolean;
}

export type SendDecision = 'insert' | 'update' | 'skip';

/**
 * Whether a freshly assembled item must be published. Unchanged items are skipped when their outcome is final
 * (as in the original) and also while the same version is already on its way (published, outcome pending), so
 * a burst of changes that ends where it started publishes nothing (I3).
 */
export function decideSend(stored: StoredItemState | undefined, hash: string, force: boolean): SendDecision {
  if (!stored) return 'insert';
  if (force) return 'update';
  if (stored.feedHash !== hash || stored.isDeleted) return 'update';
  if (FINAL_STATUSES.has(stored.status)) return 'skip';
  if (stored.status === FeedStatus.Pending && stored.sentHash === hash) return 'skip';
  return 'update';
}
