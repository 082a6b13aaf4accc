import type { FeedItemMessage } from '@cde/contracts';
import type { FeedProcessor } from '@cde/feed-engine';
import type { CdcRow } from '@cde/platform/cdc';
import {
  catalogQuery,
  openScratchCatalog,
  oracleCount,
  shopRows,
  type ScratchCatalog,
  type ScratchCatalogSource,
} from '@cde/testing/commerce-db';
import {
  changeEvent,
  collectEvery,
  expectSameItems,
  feedUnderTest,
  MemorySink,
  openScratchFeedState,
  type FeedUnderTest,
  type ScratchFeedState,
} from '@cde/testing/feeds';
import type { AssembledStockStatus } from './assemble-stock-status-items';
import { STOCK_STATUS_FEED } from './stock-status.feed';
import { RESERVATION_SUMS_SQL } from './stock-status.reader';

/** The default-scope inventory settings, Magento's config.xml defaults where no row is stored. */
const CONFIG_SQL = `(SELECT
    COALESCE(MAX(IF(path = 'cataloginventory/item_options/manage_stock', value, NULL)), 1) AS manage,
    COALESCE(MAX(IF(path = 'cataloginventory/item_options/backorders', value, NULL)), 0) AS backorders,
    COALESCE(MAX(IF(path = 'cataloginventory/item_options/min_qty', value, NULL)), 0) AS min_qty,
    COALESCE(MAX(IF(path = 'cataloginventory/item_options/notify_stock_qty', value, NULL)), 1) AS notify
  FROM core_config_data WHERE scope = 'default')`;

/** Per stock × product: qty, any source in stock, reservations, with the effective settings. */
const MSI_QUANTITIES = `SELECT l.stock_id, p.entity_id, p.sku,
    SUM(IF(si.status = 1, si.quantity, 0)) AS qty, MAX(si.status = 1) AS any_in_stock,
    COALESCE((SELECT SUM(r.quantity) FROM inventory_reservation r
               WHERE r.stock_id = l.stock_id AND r.sku = p.sku), 0) AS reserved
  FROM catalog_product_entity p
  JOIN inventory_source_item si ON si.sku = p.sku
  JOIN inventory_source s ON s.source_code = si.source_code AND s.enabled = 1
  JOIN inventory_source_stock_link l ON l.source_code = si.source_code
  JOIN inventory_stock st ON st.stock_id = l.stock_id
 WHERE p.type_id IN ('simple', 'virtual', 'downloadable', 'giftcard')
 GROUP BY l.stock_id, p.entity_id, p.sku`;

const LEGACY_QUANTITIES = `SELECT 1 AS stock_id, p.entity_id, p.sku, COALESCE(ci.qty, 0) AS qty,
    ci.is_in_stock = 1 AS any_in_stock, 0 AS reserved
  FROM catalog_product_entity p
  JOIN cataloginventory_stock_item ci ON ci.product_id = p.entity_id AND ci.stock_id = 1
 WHERE p.type_id IN ('simple', 'virtual', 'downloadable', 'giftcard')`;

/**
 * The expected items straight from SQL, by Magento's rules written as SQL: effective settings from the stock item
 * unless it uses the config value; index salable = not managed, or a source in stock and qty above the threshold
 * or backorders; salable also needs backorders or qty + reservations above the threshold; quantity for sale
 * qty + reservations − threshold when the index says salable, else 0.
 */
async function oracle(catalog: ScratchCatalog, msi: boolean): Promise<Map<string, AssembledStockStatus>> {
  const found = await shopRows(
    catalog,
    `SELECT e.*, e.manage = 0 OR (e.any_in_stock = 1 AND (e.qty > e.min_qty OR e.backorders = 1)) AS index_salable
       FROM (SELECT q.stock_id, q.entity_id, q.sku, q.qty, q.reserved, q.any_in_stock,
                    IF(COALESCE(ci.use_config_manage_stock, 1) = 1, c.manage, ci.manage_stock) <> 0 AS manage,
                    IF(COALESCE(ci.use_config_backorders, 1) = 1, c.backorders, ci.backorders) <> 0 AS backorders,
                    IF(COALESCE(ci.use_config_min_qty, 1) = 1, c.min_qty, ci.min_qty) AS min_qty,
                    IF(COALESCE(ci.use_config_notify_stock_qty, 1) = 1, c.notify, COALESCE(ci.notify_stock_qty, 0))
                      AS notify
               FROM (${msi ? MSI_QUANTITIES : LEGACY_QUANTITIES}) q
               CROSS JOIN ${CONFIG_SQL} c
               LEFT JOIN cataloginventory_stock_item ci ON ci.product_id = q.entity_id AND ci.stock_id = 1) e`,
  );
  const expected = new Map<string, AssembledStockStatus>();
  for (const r of found) {
    const manage = Number(r['manage']) === 1;
    const backorders = Number(r['backorders']) === 1;
    const indexSalable = Number(r['index_salable']) === 1;
    const [qty, reserved, minQty] = [Number(r['qty']), Number(r['reserved']), Number(r['min_qty'])];
    expected.set(`${String(r['stock_id'])}|${String(r['sku'])}`, {
      stockId: String(r['stock_id']),
      sku: String(r['sku']),
      productId: Number(r['entity_id']),
      qty,
      qtyForSale: indexSalable ? Math.round((qty + reserved - minQty) * 10_000) / 10_000 + 0 : 0,
      isSalable: !manage || (indexSalable && (backorders || qty + reserved > minQty)),
      infiniteStock: !manage || (backorders && minQty === 0),
      lowStock: manage && qty < Number(r['notify']),
    });
  }
  return expected;
}

/** Per-item overrides and config rows, so every rule meets real rows (ids spread over the catalog). */
async function varySettings(catalog: ScratchCatalog): Promise<void> {
  await catalog.shop.query(
    `UPDATE cataloginventory_stock_item SET use_config_backorders = 0, backorders = 1 WHERE product_id % 11 = 0;
     UPDATE cataloginventory_stock_item SET use_config_min_qty = 0, min_qty = -5 WHERE product_id % 22 = 0;
     UPDATE cataloginventory_stock_item SET use_config_manage_stock = 0, manage_stock = 0 WHERE product_id % 13 = 0;
     UPDATE cataloginventory_stock_item SET use_config_min_qty = 0, min_qty = 7.5 WHERE product_id % 7 = 0;
     UPDATE cataloginventory_stock_item SET use_config_notify_stock_qty = 0, notify_stock_qty = 100000
      WHERE product_id % 5 = 0;
     UPDATE cataloginventory_stock_item SET qty = 3, is_in_stock = 1 WHERE product_id % 17 = 0;
     UPDATE cataloginventory_stock_item SET is_in_stock = 0 WHERE product_id % 9 = 1;
     DELETE FROM core_config_data WHERE path LIKE 'cataloginventory/item_options/%';
     INSERT INTO core_config_data (scope, scope_id, path, value)
       VALUES ('default', 0, 'cataloginventory/item_options/notify_stock_qty', '4'),
              ('websites', 1, 'cataloginventory/item_options/min_qty', '99');`,
  );
}

/** MSI rows the generator does not make: a disabled source with stock, compensated and open reservations. */
async function varyMsi(catalog: ScratchCatalog): Promise<void> {
  await catalog.shop.query(
    `INSERT INTO inventory_source (source_code, name, enabled, country_id, postcode)
       VALUES ('closed', 'Closed warehouse', 0, 'US', '10000');
     INSERT INTO inventory_source_stock_link (stock_id, source_code, priority) VALUES (1, 'closed', 9);
     INSERT INTO inventory_source_item (source_code, sku, quantity, status)
       SELECT 'closed', sku, 1000, 1 FROM catalog_product_entity WHERE entity_id % 3 = 0 AND type_id = 'simple';
     INSERT INTO inventory_reservation (stock_id, sku, quantity, metadata)
       SELECT 1, sku, -2, '{"event_type":"order_placed"}' FROM catalog_product_entity WHERE entity_id % 4 = 0
       UNION ALL
       SELECT 1, sku, 2, '{"event_type":"shipment_created"}' FROM catalog_product_entity WHERE entity_id % 8 = 0;`,
  );
}

const SOURCES: readonly [string, ScratchCatalogSource, boolean][] = [
  ['the Magento 2.4.8 dump (no MSI)', { dump: '2.4.8' }, false],
  ['a generated small catalog with MSI', { profile: 'small' }, true],
];

describe.each(SOURCES)('inventoryStockStatus on %s', (_name, source, msi) => {
  let catalog: ScratchCatalog;
  let feed: FeedUnderTest<AssembledStockStatus>;
  const all = async (): Promise<AssembledStockStatus[]> =>
    (await collectEvery(feed.reader, 97)).map((c) => c.item);
  const keyOf = (i: AssembledStockStatus): string => `${i.stockId}|${i.sku}`;

  beforeAll(async () => {
    catalog = await openScratchCatalog(source, 'stock_status');
    feed = feedUnderTest(STOCK_STATUS_FEED, catalog.db);
  });

  afterAll(async () => {
    await catalog.drop();
  });

  it('makes the items the SQL oracle computes, as shipped', async () => {
    const items = await all();
    expect(items.length).toBeGreaterThan(0);
    expectSameItems(items, keyOf, await oracle(catalog, msi));
  });

  it("holds as many items as the shared SQL count (./dev up's check) says", async () => {
    expect(await all()).toHaveLength(await oracleCount(catalogQuery(catalog), 'inventoryStockStatus'));
  });

  it('still equals the oracle with per-item overrides, config rows and (MSI) disabled sources and reservations', async () => {
    await varySettings(catalog);
    if (msi) await varyMsi(catalog);
    const items = await all();
    expectSameItems(items, keyOf, await oracle(catalog, msi));
    // Every rule meets rows: salable and not, infinite, low, a quantity for sale below the quantity.
    expect(new Set(items.map((i) => i.isSalable))).toEqual(new Set([true, false]));
    expect(items.some((i) => i.infiniteStock)).toBe(true);
    expect(items.some((i) => i.lowStock)).toBe(true);
    expect(items.some((i) => i.qtyForSale < i.qty)).toBe(true);
    if (msi) expect(new Set(items.map((i) => i.stockId)).size).toBeGreaterThan(1);
    // The shared SQL count too, with (MSI) a disabled source holding stock.
    expect(items).toHaveLength(await oracleCount(catalogQuery(catalog), 'inventoryStockStatus'));
  });

  if (msi) {
    it('sums reservations through their (stock_id, sku) index, not a scan of the table', async () => {
      const ids = (await shopRows(catalog, 'SELECT entity_id FROM catalog_product_entity LIMIT 100')).map(
        (r) => r['entity_id'] as number,
      );
      const plan = await shopRows(catalog, `EXPLAIN ${RESERVATION_SUMS_SQL}`, [ids]);
      expect(plan.find((row) => row['table'] === 'r')).toMatchObject({
        type: 'ref',
        key: 'INVENTORY_RESERVATION_STOCK_ID_SKU_QUANTITY',
      });
    });
  }
});

describe('inventoryStockStatus on the engine: exactly the affected items', () => {
  const sink = new MemorySink();
  let catalog: ScratchCatalog;
  let state: ScratchFeedState;
  let processor: FeedProcessor;
  let feed: FeedUnderTest<AssembledStockStatus>;

  beforeAll(async () => {
    catalog = await openScratchCatalog({ profile: 'small' }, 'stock_engine');
    state = await openScratchFeedState('stock_state');
    feed = feedUnderTest(STOCK_STATUS_FEED, catalog.db);
    processor = state.processor(feed, sink);
    await processor.sync({ ids: await feed.reader.listEntityIds('0', 100_000), operation: 'full sync' });
    sink.take();
  });

  afterAll(async () => {
    await state.close();
    await catalog.drop();
  });

  const syncChange = async (
    table: string,
    before: CdcRow | null,
    after: CdcRow | null,
  ): Promise<FeedItemMessage[]> => {
    const source = feed.sources.find((s) => s.table === table)!;
    const ids = await source.affectedIds(changeEvent(table, before, after));
    await processor.sync({ ids, operation: 'partial sync' });
    return sink.take();
  };

  /** A simple product with a source item in both stocks. */
  const twoStockProduct = async (offset: number): Promise<{ id: number; sku: string }> => {
    const [row] = await shopRows(
      catalog,
      `SELECT p.entity_id, p.sku FROM catalog_product_entity p
         JOIN inventory_source_item si ON si.sku = p.sku JOIN inventory_source_stock_link l USING (source_code)
        WHERE p.type_id = 'simple' GROUP BY p.entity_id
       HAVING COUNT(DISTINCT l.stock_id) = 2 AND SUM(l.stock_id = 2 AND si.status = 1 AND si.quantity > 5) > 0
        ORDER BY p.entity_id LIMIT 1 OFFSET ?`,
      [offset],
    );
    return { id: Number(row?.['entity_id']), sku: String(row?.['sku']) };
  };

  it('an order’s reservation republishes that SKU in that stock alone; the same state again, nothing', async () => {
    const product = await twoStockProduct(0);
    const reservation = { stock_id: 2, sku: product.sku, quantity: '-1.0000', metadata: '{}' };
    await catalog.shop.query('INSERT INTO inventory_reservation SET ?', [reservation]);
    const sent = await syncChange('inventory_reservation', null, reservation);
    expect(sent.map((m) => [m.item['stockId'], m.item['sku'], m.deleted])).toEqual([
      ['2', product.sku, false],
    ]);
    expect(await syncChange('inventory_reservation', null, reservation)).toEqual([]);
  });

  it('a source item change republishes the stocks of that source', async () => {
    const product = await twoStockProduct(1);
    await catalog.shop.query(
      "UPDATE inventory_source_item SET quantity = quantity + 5 WHERE sku = ? AND source_code = 'default'",
      [product.sku],
    );
    const row = { source_code: 'default', sku: product.sku };
    const sent = await syncChange('inventory_source_item', row, { ...row, quantity: 'changed' });
    expect(sent.map((m) => m.item['stockId'])).toEqual(expect.arrayContaining(['1']));
    expect(sent.every((m) => m.item['sku'] === product.sku && !m.deleted)).toBe(true);
  });

  it('a renamed SKU: its items under the new SKU and the deletes of the old identities in every stock', async () => {
    const product = await twoStockProduct(2);
    const renamed = `${product.sku}-renamed`;
    await catalog.shop.query(
      `UPDATE catalog_product_entity SET sku = ? WHERE entity_id = ?;
       UPDATE inventory_source_item SET sku = ? WHERE sku = ?`,
      [renamed, product.id, renamed, product.sku],
    );
    const sent = await syncChange(
      'catalog_product_entity',
      { entity_id: product.id, sku: product.sku },
      { entity_id: product.id, sku: renamed },
    );
    const deletes = sent
      .filter((m) => m.deleted)
      .map((m) => `${String(m.item['stockId'])}|${String(m.item['sku'])}`);
    const upserts = sent
      .filter((m) => !m.deleted)
      .map((m) => `${String(m.item['stockId'])}|${String(m.item['sku'])}`);
    expect(deletes.sort()).toEqual([`1|${product.sku}`, `2|${product.sku}`]);
    expect(upserts.sort()).toEqual([`1|${renamed}`, `2|${renamed}`]);
  });

  it('a deleted product: its items deleted in every stock', async () => {
    const product = await twoStockProduct(3);
    await catalog.shop.query('DELETE FROM catalog_product_entity WHERE entity_id = ?', [product.id]);
    const sent = await syncChange(
      'catalog_product_entity',
      { entity_id: product.id, sku: product.sku },
      null,
    );
    expect(sent.map((m) => [m.item['stockId'], m.deleted]).sort()).toEqual([
      ['1', true],
      ['2', true],
    ]);
  });
});
