import { DeliveryStatus } from '@cde/contracts';

/** Outcomes after which an unchanged item is not sent again (the original's 200, 400 and 1). */
export const FINAL_STATUSES: ReadonlySet<number> = new Set([
  DeliveryStatus.Accepted,
  DeliveryStatus.Rejected,
  DeliveryStatus.FailedItem,
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
  if (stored.status === DeliveryStatus.Pending && stored.sentHash === hash) return 'skip';
  return 'update';
}
