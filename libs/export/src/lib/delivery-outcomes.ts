import { DeliveryStatus, ExportCode, type FailedItem } from '@cde/contracts';

/** What becomes of one item after a response. */
export type ItemFate =
  /** A status written to the feed state as is (200, 400, 1, or a raw per-item status). */
  | { readonly kind: 'recorded'; readonly status: number; readonly errors: string | null }
  /**
   * A status in the feed state (2, or 409 for an item refused as stale) and a message on the feed's dead-letter
   * topic: the feed service sends the item's current state again.
   */
  | {
      readonly kind: 'dead-letter';
      readonly statusCode: number;
      readonly reason: string;
      readonly code: string;
      /** The status stored meanwhile; 2 (retryable) when absent. */
      readonly status?: number;
      /** Refused as stale: the version the receiver holds. */
      readonly heldVersion?: string;
    };

/** A 2xx: every item 200, except those listed as failed, which get their status (1 when absent). */
export function acceptedFates(itemCount: number, failedItems: ReadonlyMap<number, FailedItem>): ItemFate[] {
  return Array.from({ length: itemCount }, (_, position): ItemFate => {
    const failed = failedItems.get(position);
    if (failed === undefined) return { kind: 'recorded', status: DeliveryStatus.Accepted, errors: null };
    const status = failed.status ?? DeliveryStatus.FailedItem;
    if (status === DeliveryStatus.Stale) {
      // The receiver holds a newer version: what was sent did not apply, the current state goes out again.
      return {
        kind: 'dead-letter',
        statusCode: status,
        reason: failedItemText(failed),
        code: ExportCode.ItemStale,
        status,
        ...(failed.heldVersion === undefined ? {} : { heldVersion: failed.heldVersion }),
      };
    }
    if (isRetryableItemStatus(status)) {
      return {
        kind: 'dead-letter',
        statusCode: status,
        reason: failedItemText(failed),
        code: ExportCode.ItemRetryable,
      };
    }
    return { kind: 'recorded', status, errors: failedItemText(failed) };
  });
}

/**
 * Per-item statuses the original retries: 2 (retryable), 0 (application error), 429 and 5xx. Others (1, 400, and
 * the 401/403 the original stores raw) are kept as they are and need a new version of the item.
 */
export function isRetryableItemStatus(status: number): boolean {
  return status === DeliveryStatus.Retryable || status === 0 || status === 429 || status >= 500;
}

export function failedItemText(failed: FailedItem): string {
  return failed.field === undefined ? failed.message : `${failed.field}: ${failed.message}`;
}

/** The same fate for every item: a whole batch dead-lettered, or rejected. */
export function uniformFates(itemCount: number, fate: ItemFate): ItemFate[] {
  return Array.from({ length: itemCount }, () => fate);
}

/** What to do with a batch the receiver rejected (400). */
export interface RejectionPlan {
  /** Items settled now: 400, final (the original's "data payload error"). */
  readonly rejected: ReadonlyMap<number, ItemFate>;
  /** Positions to send again, one request per group, to find the bad items and let the good ones through. */
  readonly resend: readonly (readonly number[])[];
}

/**
 * Splits a rejected batch so good neighbours of a bad item still go through. A single item is rejected for good.
 * When the receiver named the bad items, those are rejected and the rest resent together; otherwise the batch is
 * halved, and each half goes through the same plan until the bad items stand alone (about 2·log2(n) requests per
 * bad item).
 */
export function planRejection(
  itemCount: number,
  reason: string,
  named: ReadonlyMap<number, FailedItem>,
): RejectionPlan {
  const reject = (position: number): [number, ItemFate] => {
    const failed = named.get(position);
    return [
      position,
      { kind: 'recorded', status: DeliveryStatus.Rejected, errors: failed ? failedItemText(failed) : reason },
    ];
  };
  const all = Array.from({ length: itemCount }, (_, i) => i);
  if (itemCount <= 1 || named.size >= itemCount) return { rejected: new Map(all.map(reject)), resend: [] };
  if (named.size > 0) {
    return {
      rejected: new Map([...named.keys()].map(reject)),
      resend: [all.filter((position) => !named.has(position))],
    };
  }
  const mid = Math.ceil(itemCount / 2);
  return { rejected: new Map(), resend: [all.slice(0, mid), all.slice(mid)] };
}
