import { isFanOut } from '@cde/feed-engine';
import type { CdcRow } from '@cde/platform/cdc';
import type { CommerceDb, SqlParam } from '@cde/platform/commerce-db';
import { changeEvent, expandAffected } from '@cde/testing/feeds';
import { StockStatusChanges } from './stock-status-changes';
import { STOCK_STATUS_FEED } from './stock-status.feed';
import { StockStatusReader } from './stock-status.reader';

type Handler = (sql: string, params: readonly SqlParam[]) => object[];

/** A Commerce DB that answers each query with the handler's rows and remembers what was asked. */
function fakeDb(handler: Handler): {
  db: CommerceDb;
  queries: { sql: string; params: readonly SqlParam[] }[];
} {
  const queries: { sql: string; params: readonly SqlParam[] }[] = [];
  const db = {
    query: (sql: string, params: readonly SqlParam[] = []) => {
      queries.push({ sql, params });
      return Promise.resolve(handler(sql.replace(/\s+/g, ' '), params));
    },
  };
  return { db: db as unknown as CommerceDb, queries };
}

/** Product 7 is SKU "hot", product 8 "cold"; products 7 and 8 hold items of source "eu". */
const catalog = fakeDb((sql, params) => {
  if (sql.includes('FROM catalog_product_entity WHERE sku IN')) {
    const skus = (params[0] as readonly string[]).map((s) => s.toLowerCase());
    return [
      { id: 7, sku: 'hot' },
      { id: 8, sku: 'cold' },
    ].filter((p) => skus.includes(p.sku));
  }
  if (sql.includes('FROM inventory_source_item si'))
    return (params[0] as string[]).includes('eu') ? [{ id: 7 }, { id: 8 }] : [];
  if (sql.includes('type_id IN')) return [{ id: 7 }, { id: 8 }, { id: 9 }];
  return [];
});

async function affected(table: string, before: CdcRow | null, after: CdcRow | null): Promise<string[]> {
  const { db } = catalog;
  const result = await STOCK_STATUS_FEED.connect(db).affected(table, changeEvent(table, before, after));
  return (await expandAffected(db, new StockStatusReader(db), result)).sort();
}

describe('STOCK_STATUS_FEED sources', () => {
  it('subscribes to the source items, reservations, stocks, links, stock items, products and config', () => {
    expect([...STOCK_STATUS_FEED.tables].sort()).toEqual([
      'catalog_product_entity',
      'cataloginventory_stock_item',
      'core_config_data',
      'inventory_reservation',
      'inventory_source',
      'inventory_source_item',
      'inventory_source_stock_link',
      'inventory_stock',
    ]);
  });

  it('maps an order’s reservation and a source item change to exactly the product of their SKU', async () => {
    expect(
      await affected('inventory_reservation', null, { stock_id: 1, sku: 'HOT', quantity: '-1.0000' }),
    ).toEqual(['7']);
    expect(
      await affected(
        'inventory_source_item',
        { source_code: 'eu', sku: 'hot', quantity: '3.0000', status: 1 },
        { source_code: 'eu', sku: 'hot', quantity: '2.0000', status: 1 },
      ),
    ).toEqual(['7']);
    // A source item moved to another SKU touches both.
    expect(
      await affected(
        'inventory_source_item',
        { source_code: 'eu', sku: 'hot' },
        { source_code: 'eu', sku: 'cold' },
      ),
    ).toEqual(['7', '8']);
    // A SKU with no catalog product has no item.
    expect(
      await affected('inventory_reservation', null, { stock_id: 1, sku: 'ghost', quantity: '-1' }),
    ).toEqual([]);
  });

  it('maps a product’s insert, delete and SKU change to it, and ignores updates of columns no item shows', async () => {
    expect(
      await affected('catalog_product_entity', { entity_id: 7, sku: 'hot' }, { entity_id: 7, sku: 'hotter' }),
    ).toEqual(['7']);
    expect(await affected('catalog_product_entity', { entity_id: 7, sku: 'hot' }, null)).toEqual(['7']);
    expect(
      await affected(
        'catalog_product_entity',
        { entity_id: 7, sku: 'hot', has_options: 0 },
        { entity_id: 7, sku: 'hot', has_options: 1 },
      ),
    ).toEqual([]);
  });

  it('maps a stock item change of shown columns to its product', async () => {
    expect(
      await affected(
        'cataloginventory_stock_item',
        { product_id: 7, qty: '1.0000' },
        { product_id: 7, qty: '2.0000' },
      ),
    ).toEqual(['7']);
    expect(
      await affected(
        'cataloginventory_stock_item',
        { product_id: 7, qty: '1.0000', low_stock_date: null },
        { product_id: 7, qty: '1.0000', low_stock_date: '2026-01-01' },
      ),
    ).toEqual([]);
  });

  it('sends a source enabled or disabled, or a stock ↔ source link change, to the products of that source in the background', async () => {
    const { db } = catalog;
    const changes = new StockStatusChanges(db);
    const link = changes.onStockSourceLink(
      changeEvent('inventory_source_stock_link', null, { stock_id: 2, source_code: 'eu' }),
    );
    expect(isFanOut(link)).toBe(true);
    expect(
      await affected('inventory_source_stock_link', { stock_id: 2, source_code: 'eu', priority: 1 }, null),
    ).toEqual(['7', '8']);
    expect(
      await affected(
        'inventory_source',
        { source_code: 'eu', enabled: 1 },
        { source_code: 'eu', enabled: 0 },
      ),
    ).toEqual(['7', '8']);
    // Priority and a source's name show nowhere; a new source holds nothing yet.
    expect(
      await affected(
        'inventory_source_stock_link',
        { stock_id: 2, source_code: 'eu', priority: 1 },
        { stock_id: 2, source_code: 'eu', priority: 2 },
      ),
    ).toEqual([]);
    expect(
      await affected('inventory_source', { source_code: 'eu', name: 'a' }, { source_code: 'eu', name: 'b' }),
    ).toEqual([]);
    expect(await affected('inventory_source', null, { source_code: 'us', enabled: 1 })).toEqual([]);
  });

  it('syncs everything for a deleted stock (its links go by cascade) and for an inventory setting', async () => {
    expect(await affected('inventory_stock', { stock_id: 2, name: 'EU' }, null)).toEqual(['7', '8', '9']);
    expect(await affected('inventory_stock', null, { stock_id: 3, name: 'new' })).toEqual([]);
    expect(
      await affected('core_config_data', null, {
        path: 'cataloginventory/item_options/backorders',
        scope: 'default',
        scope_id: 0,
      }),
    ).toEqual(['7', '8', '9']);
    expect(
      await affected('core_config_data', null, {
        path: 'web/secure/base_url',
        scope: 'default',
        scope_id: 0,
      }),
    ).toEqual([]);
  });
});
