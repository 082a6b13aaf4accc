import type { WorkloadDb } from './workload-db';

/** What one committed change touched. */
export interface ChangeOutcome {
  /** Ids of the changed entities: product, category or order ids (plus the SKU where a row is keyed by SKU). */
  readonly entityIds: readonly (number | string)[];
  readonly tables: readonly string[];
  readonly storeId?: number;
}

/** A change that could not run here, and why (nothing was written). */
export interface ChangeSkip {
  readonly skip: string;
}

/** Runs one change inside the transaction the runner opened; returns what it touched, or why it could not run. */
export type ChangeHandler = (db: WorkloadDb, seq: number) => Promise<ChangeOutcome | ChangeSkip>;

export function skip(reason: string): ChangeSkip {
  return { skip: reason };
}

export function isSkip(result: ChangeOutcome | ChangeSkip): result is ChangeSkip {
  return 'skip' in result;
}
