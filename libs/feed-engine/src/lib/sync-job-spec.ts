import type { ReconcileRequest } from '@cde/contracts';
import type { KeysetQuery } from '@cde/platform/commerce-db';
import type { FanOut } from './feed-definition';

/** What a sync job goes through: every entity, listed ids, keyset listings, or the stored items (legacy resend). */
export type SyncScope =
  | { readonly all: true }
  | { readonly ids: readonly string[] }
  | { readonly queries: readonly KeysetQuery[] }
  | { readonly stored: true };

/** A sync job's work, stored as JSON in the feed state. */
export interface SyncJobSpec {
  readonly scope: SyncScope;
  /** Send even unchanged items (`--force`, `--by-ids`). */
  readonly force?: boolean;
  /** Collect and log; publish and write nothing. */
  readonly dryRun?: boolean;
  /** Entities per page (default: the feed's batch size). */
  readonly batchSize?: number;
  /** Pages synced at once per wave (`--thread-count`). */
  readonly threadCount?: number;
  /** Empty the feed state before the first page (`--cleanup-feed`). */
  readonly cleanupFeed?: boolean;
  /**
   * A reconciliation (`cde reconcile`, or after a binlog loss): a full sync that first forgets the stored hash of
   * the items the receiver contradicts and ends by deleting the items only the receiver holds.
   */
  readonly reconcile?: ReconcileRequest;
}

/** The spec of a reconciliation of a whole feed; `request` carries what a look at the receiver found. */
export function reconcileSpec(request: ReconcileRequest, dryRun = false): SyncJobSpec {
  return { scope: { all: true }, reconcile: request, ...(dryRun ? { dryRun: true } : {}) };
}

export function specOfFanOut(fanOut: FanOut): SyncJobSpec {
  return { scope: fanOut.fanOut === 'all' ? { all: true } : { queries: fanOut.fanOut } };
}

/** The spec as stored (stable key order, so identical jobs hash alike). */
export function serializeSpec(spec: SyncJobSpec): string {
  return JSON.stringify(spec);
}

/** Reads a stored spec; an unreadable one is an error the runner reports on the job. */
export function parseSpec(text: string): SyncJobSpec {
  const spec = JSON.parse(text) as SyncJobSpec;
  if (typeof spec !== 'object' || spec === null || typeof spec.scope !== 'object' || spec.scope === null)
    throw new Error(`not a sync job spec: ${text.slice(0, 200)}`);
  return spec;
}

/** The next page of an explicit id list after `after` (ids compare as numbers, the list is sorted). */
export function idsPage(ids: readonly string[], after: string | null, limit: number): string[] {
  const start = after === null ? 0 : ids.findIndex((id) => compareIds(id, after) > 0);
  return start < 0 ? [] : ids.slice(start, start + limit);
}

/** Numeric order of entity ids held as strings (bigint-safe). */
export function compareIds(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) {
    const x = BigInt(a);
    const y = BigInt(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Unique ids in numeric order, as an ids scope stores them. */
export function sortedIds(ids: Iterable<string>): string[] {
  return [...new Set(ids)].sort(compareIds);
}
