import { deliveryStateOf, type FeedName } from '@cde/contracts';
import { usageError } from './exit-codes';

/** Where a feed-state row stands in delivery: its status, retries and last error. */
export interface DeliveryRecord {
  readonly sourceEntityId: string;
  readonly status: number;
  readonly parked: boolean;
  readonly attempts: number;
  /** `CDEgg-nn reason` as the exporter or the retry wrote it. */
  readonly errors: string | null;
  readonly requestId: string | null;
  readonly modifiedAt: string;
}

/** A feed-state row that did not reach the receiver for good: rejected, waiting for a retry, or parked. */
export interface FailedItem extends DeliveryRecord {
  readonly feed: FeedName;
  readonly feedId: string;
  /** Identity fields of the item (from its stored payload). */
  readonly identity: Readonly<Record<string, unknown>>;
}

export type FailedState = 'parked' | 'retrying' | 'rejected';

export function failedStateOf(item: Pick<FailedItem, 'status' | 'parked'>): FailedState {
  if (item.parked) return 'parked';
  // A failed delivery (2) or a stale refusal (409) goes out again by itself.
  return deliveryStateOf(item.status) === 'retrying' ? 'retrying' : 'rejected';
}

/** `cde failed list|retry|park` filters. */
export interface FailedFilter {
  readonly codes?: readonly string[];
  /** Only items whose last change is at least this old. */
  readonly olderThanMs?: number;
  /** feedIds, source entity ids or identity values (e.g. a SKU). */
  readonly ids?: readonly string[];
  readonly state?: FailedState;
}

const UNITS: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `--older-than 30m`, `2h`, `1d`, `45s`. */
export function parseAge(value: string): number {
  const match = /^(\d+(?:\.\d+)?)([smhd])$/.exec(value.trim());
  const unit = match ? UNITS[match[2] ?? ''] : undefined;
  if (!match || unit === undefined)
    throw usageError(`--older-than must look like 45s, 30m, 2h or 1d, got "${value}"`);
  return Number(match[1]) * unit;
}

export function parseFailedState(value: string): FailedState {
  if (value === 'parked' || value === 'retrying' || value === 'rejected') return value;
  throw usageError(`--state must be parked, retrying or rejected, got "${value}"`);
}

/** The error code an item failed with: the `CDEgg-nn` its errors start with, if any. */
export function errorCodeOf(errors: string | null): string | null {
  return /^(CDE\d{2}-\d{2})\b/.exec(errors ?? '')?.[1] ?? null;
}

export function matchesFilter(item: FailedItem, filter: FailedFilter, now: number): boolean {
  if (filter.state && failedStateOf(item) !== filter.state) return false;
  if (filter.codes && filter.codes.length > 0) {
    const code = errorCodeOf(item.errors);
    if (code === null || !filter.codes.includes(code)) return false;
  }
  if (filter.olderThanMs !== undefined && now - Date.parse(item.modifiedAt) < filter.olderThanMs)
    return false;
  if (filter.ids && filter.ids.length > 0) {
    const keys = [item.feedId, item.sourceEntityId, ...Object.values(item.identity).map((v) => String(v))];
    if (!filter.ids.some((id) => keys.includes(id))) return false;
  }
  return true;
}

/**
 * `failed retry`: every selected item is parked first (if it is not) and then retried through the owning service's
 * retry-parked path, so a retry never depends on an item's place in the dead-letter backoff, and an item parked
 * while the command travels is retried, not dropped.
 */
export function planRetry(items: readonly FailedItem[]): { toPark: string[]; toRetry: string[] } {
  return {
    toPark: items.filter((i) => !i.parked).map((i) => i.feedId),
    toRetry: items.map((i) => i.feedId),
  };
}
