import { setTimeout as sleep } from 'node:timers/promises';
import type { Connection } from 'mysql2/promise';
import { IdAllocator } from '../generator/sales-ids';
import { SeededRandom } from '../generator/seeded-random';
import {
  changePrice,
  changeStock,
  changeStoreViewName,
  createProduct,
  deleteProduct,
  moveCategory,
  unassignWebsite,
} from './catalog-changes';
import { invoiceOrder, placeOrder } from './sales-changes';
import { shipOrder } from './shipment-changes';
import { REFRESH_EVERY, WorkloadDb } from './workload-db';
import { isSkip, type ChangeHandler } from './workload-types';

export type ChangeKind =
  | 'price'
  | 'stock'
  | 'store-view-name'
  | 'category-move'
  | 'new-product'
  | 'delete-product'
  | 'website-unassign'
  | 'new-order'
  | 'invoice'
  | 'shipment';

export interface ChangeRecord {
  /** 1, 2, 3… in commit order. */
  readonly seq: number;
  readonly kind: ChangeKind;
  /** Changed entities: product, category or order ids, plus the SKU where a changed row is keyed by SKU (MSI). */
  readonly entityIds: readonly (number | string)[];
  readonly tables: readonly string[];
  readonly storeId?: number;
  /** Taken right after COMMIT returned. */
  readonly committedAt: Date;
}

export interface ChangeWorkloadOptions {
  /** Changes start at least 1/ratePerSecond apart; a slow change delays the next ones (no catch-up bursts). */
  readonly ratePerSecond: number;
  readonly maxChanges: number;
  readonly maxDurationMs: number;
  readonly seed?: number;
  /** Relative weights; kinds left out keep their default weight, a weight of 0 disables a kind. */
  readonly mix?: Partial<Record<ChangeKind, number>>;
  readonly onChange?: (record: ChangeRecord) => void;
  readonly signal?: AbortSignal;
  /** Why kinds were skipped and what was found; silent by default. */
  readonly log?: (line: string) => void;
}

/** A shop's day in proportions: many price and stock updates and orders, few deletes and moves. */
export const DEFAULT_CHANGE_MIX: Readonly<Record<ChangeKind, number>> = {
  price: 25,
  stock: 25,
  'store-view-name': 8,
  'category-move': 5,
  'new-product': 5,
  'delete-product': 2,
  'website-unassign': 3,
  'new-order': 15,
  invoice: 7,
  shipment: 5,
};

/** Warm-up order: every enabled kind runs once first, orders before their invoices before their shipments. */
export const CHANGE_KINDS: readonly ChangeKind[] = [
  'price',
  'stock',
  'store-view-name',
  'category-move',
  'new-product',
  'delete-product',
  'website-unassign',
  'new-order',
  'invoice',
  'shipment',
];

/** Consecutive failed changes after which the workload gives up. */
const MAX_CONSECUTIVE_ERRORS = 10;

/**
 * Makes Magento-like writes against a Commerce database (ours or a real dump) at a steady rate, each change in
 * its own transaction, and returns what it committed and when. Discovers what exists first (tables, attributes,
 * store views, MSI, sequences, sample ids) and skips — with a logged reason — kinds the database cannot take.
 * Stops at maxChanges, maxDurationMs or abort, whichever comes first.
 */
export async function runChangeWorkload(
  connection: Connection,
  options: ChangeWorkloadOptions,
): Promise<ChangeRecord[]> {
  if (!(options.ratePerSecond > 0)) throw new Error('ratePerSecond must be positive');
  const started = Date.now();
  const deadline = started + options.maxDurationMs;
  const log = options.log ?? (() => undefined);
  const seed = options.seed ?? 20261122;
  const random = new SeededRandom(seed);
  const db = await WorkloadDb.discover(connection, random.fork(1), log);
  const runToken = `${started.toString(36)}${seed.toString(36)}`;
  const mix = new ChangeMix(options.mix, random);
  if (mix.enabled.length === 0) return [];
  const changes = new ChangeTransactions(connection, db, handlersOf(runToken), log, options.onChange);
  const { records } = changes;

  const intervalMs = 1000 / options.ratePerSecond;
  let nextStart = Date.now();
  let refreshedAt = 0;
  // Bounded: every pass either records a change, counts an error (at most MAX_CONSECUTIVE_ERRORS in a row) or stops.
  for (
    let pass = 0;
    records.length < options.maxChanges && pass < options.maxChanges * (MAX_CONSECUTIVE_ERRORS + 1);
    pass++
  ) {
    if (options.signal?.aborted) break;
    const wait = nextStart - Date.now();
    if (nextStart > deadline) break;
    if (wait > 0) {
      try {
        await sleep(wait, undefined, options.signal ? { signal: options.signal } : undefined);
      } catch {
        break; // aborted
      }
    }
    // Spaced from this change's start, so a slow change never lets the next ones burst to catch up.
    nextStart = Date.now() + intervalMs;
    if (records.length - refreshedAt >= REFRESH_EVERY) {
      await db.refresh();
      refreshedAt = records.length;
    }
    if (!(await changes.runFirstPossible(mix.next()))) {
      log('workload: no change kind can run on this database; stopping');
      break;
    }
  }
  log(`workload: ${records.length} changes in ${Date.now() - started} ms`);
  return records;
}

function handlersOf(runToken: string): Readonly<Record<ChangeKind, ChangeHandler>> {
  return {
    price: changePrice,
    stock: changeStock,
    'store-view-name': changeStoreViewName,
    'category-move': moveCategory,
    'new-product': (d, seq) => createProduct(d, seq, runToken),
    'delete-product': deleteProduct,
    'website-unassign': unassignWebsite,
    'new-order': placeOrder,
    invoice: invoiceOrder,
    shipment: shipOrder,
  };
}

/** Which kind of change comes next: every enabled kind once first, then by weight. */
class ChangeMix {
  readonly enabled: readonly ChangeKind[];
  private readonly weights: readonly number[];
  private readonly warmUp: ChangeKind[];

  constructor(
    mix: ChangeWorkloadOptions['mix'],
    private readonly random: SeededRandom,
  ) {
    const weights = CHANGE_KINDS.map((k) => Math.max(0, mix?.[k] ?? DEFAULT_CHANGE_MIX[k]));
    this.weights = weights;
    this.enabled = CHANGE_KINDS.filter((_, i) => weights[i]! > 0);
    this.warmUp = [...this.enabled];
  }

  /** The chosen kind, then the other enabled kinds in random order, to try until one can run here. */
  next(): ChangeKind[] {
    const { enabled } = this;
    const first = this.warmUp.shift() ?? this.pick();
    return [
      first,
      ...this.random.sample(
        enabled.filter((k) => k !== first),
        enabled.length,
      ),
    ];
  }

  private pick(): ChangeKind {
    const total = this.weights.reduce((a, w) => a + w, 0);
    let x = this.random.next() * total;
    for (const [i, k] of CHANGE_KINDS.entries()) {
      x -= this.weights[i]!;
      if (x < 0) return k;
    }
    return this.enabled[this.enabled.length - 1]!;
  }
}

/** Runs changes, each in its own transaction, and records the committed ones. */
class ChangeTransactions {
  readonly records: ChangeRecord[] = [];
  private readonly skipped = new Map<ChangeKind, string>();
  private lastCommit = 0;
  private consecutiveErrors = 0;

  constructor(
    private readonly connection: Connection,
    private readonly db: WorkloadDb,
    private readonly handlers: Readonly<Record<ChangeKind, ChangeHandler>>,
    private readonly log: (line: string) => void,
    private readonly onChange: ((record: ChangeRecord) => void) | undefined,
  ) {}

  /**
   * Tries the kinds in order until one runs: true when one committed, or failed (the slot is used; the next slot
   * tries again); false when every kind skipped. Too many failures in a row throw.
   */
  async runFirstPossible(order: readonly ChangeKind[]): Promise<boolean> {
    const { connection, db, log } = this;
    for (const kind of order) {
      const seq = this.records.length + 1;
      try {
        await connection.beginTransaction();
        const result = await this.handlers[kind](db, seq);
        if (isSkip(result)) {
          await connection.rollback();
          if (this.skipped.get(kind) !== result.skip) log(`workload: ${kind} skipped: ${result.skip}`);
          this.skipped.set(kind, result.skip);
          continue;
        }
        await connection.commit();
        this.lastCommit = Math.max(Date.now(), this.lastCommit);
        const record: ChangeRecord = {
          seq,
          kind,
          entityIds: result.entityIds,
          tables: result.tables,
          ...(result.storeId !== undefined ? { storeId: result.storeId } : {}),
          committedAt: new Date(this.lastCommit),
        };
        this.records.push(record);
        this.onChange?.(record);
        this.consecutiveErrors = 0;
        return true;
      } catch (error) {
        await connection.rollback().catch(() => undefined);
        this.consecutiveErrors++;
        log(`workload: ${kind} failed: ${error instanceof Error ? error.message : String(error)}`);
        if (this.consecutiveErrors >= MAX_CONSECUTIVE_ERRORS) throw error;
        // Someone else inserted sales rows: start allocating after theirs.
        if (error instanceof Error && 'code' in error && error.code === 'ER_DUP_ENTRY') {
          db.ids = await IdAllocator.load(connection);
        }
        return true;
      }
    }
    return false;
  }
}
