import type { RowDataPacket } from 'mysql2/promise';
import { eventually, Pipeline } from './pipeline-harness';
import { expectedProductNames, receivedProductNames } from './products-oracle';

export interface NameRow {
  readonly valueId: number;
  readonly sku: string;
  readonly original: string;
}

export interface OracleComparison {
  readonly converged: boolean;
  readonly receiver: number;
  readonly sql: number;
  /** A few keys (`sku@store view`) whose name differs, for a red run to explain itself. */
  readonly differing: readonly string[];
}

/**
 * The pipeline of the products fault scenarios: the products feed alone, its items exported in batches of
 * `exportBatchSize` (the feed's default when not given; small, a burst of renames is several requests).
 */
export function productsPipeline(exportBatchSize?: number): Pipeline {
  return new Pipeline({
    feedService: 'products-feed',
    feeds: ['products'],
    feedServiceEnv: { CDE_FEEDS: 'products' },
    ...(exportBatchSize === undefined
      ? {}
      : { exporterEnv: { CDE_EXPORT_BATCH_SIZES: `products=${exportBatchSize}` } }),
  });
}

/**
 * The steps the products fault scenarios share: rename products (one change event per UPDATE), put their names back
 * at the end, and compare the receiver with the SQL oracle (I1), then the feed state for nothing parked or retrying
 * (I5). It reads `pipeline.shop` at each call, so a scenario that restarts the database can reconnect it.
 */
export class ProductsScenario {
  /** Original store-level names by value_id, restored by {@link restoreNames}. */
  private readonly originals = new Map<number, string>();

  constructor(private readonly pipeline: Pipeline) {}

  /** Starts the pipeline and waits for its initial sync: the receiver equals the oracle and the feed is settled. */
  async start(): Promise<void> {
    await this.pipeline.start();
    const initial = await this.converge(300_000);
    expect(initial).toMatchObject({ converged: true });
    await this.pipeline.waitSettled('products', 120_000);
  }

  /**
   * Switches the receiver's faults off, puts the names back, lets what that sends arrive (nothing of the file may be on its way when its processes stop)
   * and stops the pipeline.
   */
  async finish(): Promise<void> {
    await this.pipeline.resetFaults().catch(() => undefined);
    await this.restoreNames();
    if (this.pipeline.feedServiceReplicas.length > 0)
      await this.pipeline.waitSettled('products', 180_000).catch(() => undefined);
    await this.pipeline.stop();
  }

  /** The store-level name rows of `count` products, from the `offset`-th on, remembered for the restore. */
  async nameRows(count: number, offset: number): Promise<NameRow[]> {
    const [rows] = await this.pipeline.shop.query<RowDataPacket[]>(
      `SELECT v.value_id, v.value, e.sku FROM catalog_product_entity_varchar v
         JOIN catalog_product_entity e ON e.entity_id = v.entity_id
         JOIN eav_attribute a ON a.attribute_id = v.attribute_id AND a.attribute_code = 'name'
          AND a.entity_type_id = (SELECT entity_type_id FROM eav_entity_type WHERE entity_type_code = 'catalog_product')
        WHERE v.store_id = 0 ORDER BY v.entity_id LIMIT ? OFFSET ?`,
      [count, offset],
    );
    return rows.map((r) => {
      const valueId = Number(r['value_id']);
      if (!this.originals.has(valueId)) this.originals.set(valueId, String(r['value']));
      return { valueId, sku: String(r['sku']), original: this.originals.get(valueId)! };
    });
  }

  /** One UPDATE per product, `spacingMs` apart (0: back to back), each its own change event. */
  async rename(rows: readonly NameRow[], label: string, spacingMs = 0): Promise<void> {
    for (const row of rows) {
      await this.pipeline.shop.query(
        'UPDATE catalog_product_entity_varchar SET value = ? WHERE value_id = ?',
        [`${row.original} (${label})`, row.valueId],
      );
      if (spacingMs > 0) await new Promise((resolve) => setTimeout(resolve, spacingMs));
    }
  }

  /** Puts every renamed product's name back. */
  async restoreNames(): Promise<void> {
    for (const [valueId, value] of this.originals) {
      await this.pipeline.shop.query(
        'UPDATE catalog_product_entity_varchar SET value = ? WHERE value_id = ?',
        [value, valueId],
      );
    }
  }

  /** Polls until the receiver's live products equal SQL's, for up to `timeoutMs`; returns the last comparison. */
  async converge(timeoutMs: number): Promise<OracleComparison> {
    let last: OracleComparison = { converged: false, receiver: 0, sql: 0, differing: [] };
    await eventually(
      async () => {
        const expected = await expectedProductNames(this.pipeline.shop);
        const actual = receivedProductNames(await this.pipeline.items('products'));
        const differing = [...expected]
          .filter(([k, name]) => actual.get(k) !== name)
          .map(([k]) => k.replace('\u0000', '@'));
        last = {
          converged: expected.size === actual.size && differing.length === 0,
          receiver: actual.size,
          sql: expected.size,
          differing: differing.slice(0, 5),
        };
        return last.converged;
      },
      timeoutMs,
      2_000,
    );
    return last;
  }

  /** I1 and I5: the receiver equals the oracle, then the feed is settled with nothing parked or retrying. */
  async expectOracleAndNothingOpen(timeoutMs: number): Promise<void> {
    const result = await this.converge(timeoutMs);
    expect(result).toMatchObject({ converged: true, receiver: result.sql });
    await this.pipeline.waitSettled('products', 120_000);
    expect(await this.pipeline.parkedOrRetrying('products')).toBe(0);
  }

  /**
   * Waits until the receiver accepted at least one products item since `since` (a burst is part-way delivered), for
   * up to `timeoutMs`; returns how many it had then.
   */
  async arrivedSince(since: Date, timeoutMs: number): Promise<number> {
    let arrived = 0;
    const some = await eventually(
      async () => {
        arrived = (await this.pipeline.receivedSince('products', since)).length;
        return arrived > 0;
      },
      timeoutMs,
      100,
    );
    if (!some) throw new Error(`no products item arrived within ${timeoutMs} ms of ${since.toISOString()}`);
    return arrived;
  }
}

export const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
