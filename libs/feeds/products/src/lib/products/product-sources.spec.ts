import type { CdcRow } from '@cde/platform/cdc';
import type { CommerceDb, SqlParam } from '@cde/platform/commerce-db';
import { changeEvent, EXPAND_PAGE as AFFECTED_PAGE, expandAffected } from '@cde/testing/feeds';
import { PRODUCT_OPTION_SOURCES } from '../product-options';
import { ProductReader } from './product.reader';
import { PRODUCT_SOURCES, ProductChanges } from './product-sources';
import { PRODUCTS_FEED } from './products.feed';

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

async function affected(
  db: CommerceDb,
  table: string,
  before: CdcRow | null,
  after: CdcRow | null,
): Promise<string[]> {
  const mapping = PRODUCT_SOURCES[table];
  if (!mapping) throw new Error(`no mapping for ${table}`);
  const result = await mapping(changeEvent(table, before, after), new ProductChanges(db));
  // A fan-out stands for the ids its background job pages through.
  return (await expandAffected(db, new ProductReader(db), result)).sort((a, b) => Number(a) - Number(b));
}

const ids = (...list: number[]): { id: number }[] => list.map((id) => ({ id }));

describe('PRODUCT_SOURCES', () => {
  const none = fakeDb(() => []);

  it('maps the product tables of the original mview to the product, ignoring bookkeeping-only updates', async () => {
    const { db } = none;
    expect(
      await affected(db, 'catalog_product_entity', { entity_id: 5, sku: 'a' }, { entity_id: 5, sku: 'b' }),
    ).toEqual(['5']);
    expect(
      await affected(
        db,
        'catalog_product_entity',
        { entity_id: 5, has_options: 0 },
        { entity_id: 5, has_options: 1 },
      ),
    ).toEqual([]);
    // updated_at is shown (updatedAt): an update of it alone still counts.
    expect(
      await affected(
        db,
        'catalog_product_entity',
        { entity_id: 5, updated_at: 'x' },
        { entity_id: 5, updated_at: 'y' },
      ),
    ).toEqual(['5']);
    expect(await affected(db, 'catalog_product_entity', { entity_id: 5 }, null)).toEqual(['5']);
    expect(await affected(db, 'catalog_product_entity_varchar', null, { entity_id: 7, value: 'x' })).toEqual([
      '7',
    ]);
    expect(await affected(db, 'catalog_product_website', { product_id: 8, website_id: 2 }, null)).toEqual([
      '8',
    ]);
    expect(await affected(db, 'catalog_category_product', null, { product_id: 9, category_id: 3 })).toEqual([
      '9',
    ]);
    expect(await affected(db, 'catalog_product_relation', null, { parent_id: 1, child_id: 2 })).toEqual([
      '1',
      '2',
    ]);
  });

  it('ignores stock item updates of columns no item shows, and maps stock status and MSI source items', async () => {
    const { db } = fakeDb((sql) => (sql.includes('WHERE sku IN') ? ids(12) : []));
    const item = (qty: number, backorders: number): CdcRow => ({
      product_id: 4,
      qty,
      backorders,
      is_in_stock: 1,
    });
    expect(await affected(db, 'cataloginventory_stock_item', item(5, 0), item(4, 0))).toEqual([]);
    expect(await affected(db, 'cataloginventory_stock_item', item(5, 0), item(5, 1))).toEqual(['4']);
    expect(
      await affected(
        db,
        'cataloginventory_stock_status',
        { product_id: 4, qty: 1 },
        { product_id: 4, qty: 0 },
      ),
    ).toEqual(['4']);
    expect(await affected(db, 'inventory_source_item', { sku: 'MH01' }, { sku: 'MH01' })).toEqual(['12']);
  });

  it('maps url rewrites of products only', async () => {
    const { db } = none;
    const row = (type: string): CdcRow => ({ entity_type: type, entity_id: 3, request_path: 'x.html' });
    expect(await affected(db, 'url_rewrite', null, row('product'))).toEqual(['3']);
    expect(await affected(db, 'url_rewrite', row('category'), null)).toEqual([]);
  });

  it('re-publishes the products of a moved category and its descendants, all products after a delete', async () => {
    const { db, queries } = fakeDb((sql, params) => {
      if (sql.startsWith('SELECT path FROM catalog_category_entity')) return [{ path: '1/2/4' }];
      if (sql.includes('c.path LIKE')) return params[1] === '1/2/4/%' && params[2] === '0' ? ids(10, 11) : [];
      if (sql.includes('FROM catalog_product_entity WHERE entity_id >')) {
        // Two pages: a full one, then the rest.
        if (params[0] === '0') return Array.from({ length: AFFECTED_PAGE }, (_, i) => ({ id: i + 1 }));
        return params[0] === String(AFFECTED_PAGE) ? ids(AFFECTED_PAGE + 1, AFFECTED_PAGE + 2) : [];
      }
      return [];
    });
    const category = (path: string, updated = 'a'): CdcRow => ({
      entity_id: 4,
      path,
      parent_id: 2,
      updated_at: updated,
    });
    expect(await affected(db, 'catalog_category_entity', category('1/3/4'), category('1/2/4'))).toEqual([
      '10',
      '11',
    ]);
    expect(await affected(db, 'catalog_category_entity', category('1/2/4'), category('1/2/4', 'b'))).toEqual(
      [],
    );
    expect(await affected(db, 'catalog_category_entity', null, category('1/2/4'))).toEqual([]);
    queries.length = 0;
    const all = await affected(db, 'catalog_category_entity', category('1/2/4'), null);
    expect(all).toHaveLength(AFFECTED_PAGE + 2);
    expect(queries).toHaveLength(2);
  });

  it('re-publishes a category tree on a url key change, the category alone on an active flag change', async () => {
    const { db } = fakeDb((sql, params) => {
      if (sql.includes("entity_type_code = 'catalog_category'")) {
        return [
          { attribute_code: params[0] === '119' ? 'url_key' : params[0] === '46' ? 'is_active' : 'name' },
        ];
      }
      if (sql.startsWith('SELECT path FROM catalog_category_entity')) return [{ path: '1/2/4' }];
      if (sql.includes('c.path LIKE')) return ids(10, 11);
      if (sql.includes('FROM catalog_category_product WHERE category_id = ?'))
        return params[0] === '4' ? ids(10) : [];
      return [];
    });
    const value = (attribute: number, v: string): CdcRow => ({
      entity_id: 4,
      attribute_id: attribute,
      store_id: 0,
      value: v,
    });
    expect(
      await affected(db, 'catalog_category_entity_varchar', value(119, 'men'), value(119, 'hommes')),
    ).toEqual(['10', '11']);
    expect(
      await affected(db, 'catalog_category_entity_varchar', value(45, 'Men'), value(45, 'Hommes')),
    ).toEqual([]);
    expect(await affected(db, 'catalog_category_entity_int', value(46, '1'), value(46, '0'))).toEqual(['10']);
  });

  it('re-publishes the products using an option whose label or swatch changed (select and multiselect)', async () => {
    const { db, queries } = fakeDb((sql, params) => {
      if (sql.includes('FROM eav_attribute_option WHERE option_id IN')) {
        return [
          { attribute_id: 93, option_id: 49 },
          { attribute_id: 140, option_id: 60 },
        ];
      }
      if (sql.includes("entity_type_code = 'catalog_product'") && sql.includes('a.backend_type')) {
        return [
          {
            attribute_code: 'x',
            backend_type: params[0] === '93' ? 'int' : 'varchar',
            frontend_input: 'select',
          },
        ];
      }
      if (sql.includes('FROM catalog_product_entity_int WHERE attribute_id = ? AND value = ?'))
        return ids(1, 2);
      if (sql.includes('FIND_IN_SET')) return ids(3);
      return [];
    });
    const label: CdcRow = { value_id: 1, option_id: 49, store_id: 0, value: 'Red' };
    expect(await affected(db, 'eav_attribute_option_value', label, { ...label, value: 'Rouge' })).toEqual([
      '1',
      '2',
      '3',
    ]);
    expect(queries.some((q) => q.sql.includes('FIND_IN_SET') && q.params[1] === '60')).toBe(true);
    expect(await affected(db, 'eav_attribute_option_swatch', null, { option_id: 49, value: '#f00' })).toEqual(
      ['1', '2', '3'],
    );
    expect(
      await affected(
        db,
        'eav_attribute_option',
        { option_id: 49, attribute_id: 93, sort_order: 1 },
        { option_id: 49, attribute_id: 93, sort_order: 2 },
      ),
    ).toEqual([]);
  });

  it('re-reads every product after a listed attribute is deleted, its products after a relevant update', async () => {
    const { db } = fakeDb((sql) => {
      if (sql.startsWith('SELECT entity_type_code FROM eav_entity_type'))
        return [{ entity_type_code: 'catalog_product' }];
      if (sql.includes('FROM catalog_product_entity WHERE entity_id >')) return ids(1, 2, 3);
      if (sql.includes('FROM catalog_product_entity_int WHERE attribute_id = ? AND entity_id')) return ids(2);
      return [];
    });
    const attribute = (over: CdcRow = {}): CdcRow => ({
      attribute_id: 93,
      entity_type_id: 4,
      attribute_code: 'color',
      backend_type: 'int',
      is_user_defined: 1,
      frontend_label: 'Color',
      ...over,
    });
    expect(await affected(db, 'eav_attribute', attribute(), null)).toEqual(['1', '2', '3']);
    expect(
      await affected(db, 'eav_attribute', attribute({ is_user_defined: 0, attribute_code: 'sku_x' }), null),
    ).toEqual([]);
    expect(await affected(db, 'eav_attribute', attribute(), attribute({ frontend_label: 'Colour' }))).toEqual(
      [],
    );
    expect(await affected(db, 'eav_attribute', attribute(), attribute({ is_user_defined: 0 }))).toEqual([
      '2',
    ]);
    expect(await affected(db, 'eav_attribute', null, attribute())).toEqual([]);
  });

  it('re-publishes the products of a tax class or attribute set whose name changed', async () => {
    const { db } = fakeDb((sql, params) => {
      if (sql.includes("a.attribute_code = 'tax_class_id'")) return [{ attribute_id: 136 }];
      if (sql.includes('FROM catalog_product_entity_int WHERE attribute_id = ? AND value = ?')) {
        return params[0] === '136' && params[1] === '2' ? ids(5) : [];
      }
      if (sql.includes('WHERE attribute_set_id = ?')) return params[0] === '4' ? ids(6) : [];
      return [];
    });
    expect(
      await affected(db, 'tax_class', { class_id: 2, class_name: 'A' }, { class_id: 2, class_name: 'B' }),
    ).toEqual(['5']);
    expect(await affected(db, 'tax_class', null, { class_id: 3, class_name: 'C' })).toEqual([]);
    expect(
      await affected(
        db,
        'eav_attribute_set',
        { attribute_set_id: 4, attribute_set_name: 'Default' },
        { attribute_set_id: 4, attribute_set_name: 'Basic' },
      ),
    ).toEqual(['6']);
  });

  it('re-publishes the products of the websites whose stores change, ignoring what no item shows', async () => {
    const { db } = fakeDb((sql, params) => {
      if (sql.includes('FROM catalog_product_website WHERE website_id = ?'))
        return params[0] === '2' ? ids(20, 21) : ids(10);
      if (sql.includes('FROM catalog_product_entity WHERE entity_id >')) return ids(10, 20, 21, 30);
      if (sql.startsWith('SELECT website_id FROM store WHERE store_id')) return [{ website_id: 2 }];
      if (sql.startsWith('SELECT website_id FROM store_website WHERE code')) return [{ website_id: 2 }];
      return [];
    });
    const store = (over: CdcRow = {}): CdcRow => ({
      store_id: 3,
      code: 'eu',
      website_id: 2,
      name: 'EU',
      is_active: 1,
      ...over,
    });
    expect(await affected(db, 'store', null, store())).toEqual(['20', '21']);
    expect(await affected(db, 'store', store(), store({ name: 'Europe', is_active: 0 }))).toEqual([]);
    expect(await affected(db, 'store', store(), store({ website_id: 1 }))).toEqual(['10', '20', '21']);
    expect(
      await affected(
        db,
        'store_group',
        { group_id: 2, website_id: 2, root_category_id: 2 },
        { group_id: 2, website_id: 2, root_category_id: 20 },
      ),
    ).toEqual(['20', '21']);
    expect(
      await affected(db, 'store_website', { website_id: 2, code: 'eu' }, { website_id: 2, code: 'europe' }),
    ).toEqual(['20', '21']);
    expect(
      await affected(db, 'store_website', { website_id: 2, name: 'a' }, { website_id: 2, name: 'b' }),
    ).toEqual([]);
    expect(await affected(db, 'store_website', { website_id: 2, code: 'eu' }, null)).toEqual([
      '10',
      '20',
      '21',
      '30',
    ]);
    expect(
      await affected(db, 'inventory_stock_sales_channel', null, { type: 'website', code: 'eu', stock_id: 2 }),
    ).toEqual(['20', '21']);
  });

  it('re-publishes by the scope of a config value the items show, and ignores other paths', async () => {
    const { db } = fakeDb((sql, params) => {
      if (sql.includes('FROM catalog_product_website WHERE website_id = ?'))
        return params[0] === '2' ? ids(20) : [];
      if (sql.includes('FROM catalog_product_entity WHERE entity_id >')) return ids(10, 20);
      if (sql.startsWith('SELECT website_id FROM store WHERE store_id')) return [{ website_id: 2 }];
      return [];
    });
    const config = (path: string, scope: string, scopeId: number, value: string): CdcRow => ({
      path,
      scope,
      scope_id: scopeId,
      value,
    });
    expect(
      await affected(db, 'core_config_data', null, config('design/theme/theme_id', 'default', 0, '3')),
    ).toEqual([]);
    expect(
      await affected(db, 'core_config_data', null, config('currency/options/base', 'websites', 2, 'EUR')),
    ).toEqual(['20']);
    expect(
      await affected(
        db,
        'core_config_data',
        null,
        config('web/unsecure/base_url', 'stores', 3, 'https://x/'),
      ),
    ).toEqual(['20']);
    expect(
      await affected(db, 'core_config_data', null, config('general/locale/weight_unit', 'default', 0, 'kgs')),
    ).toEqual(['10', '20']);
  });

  it('subscribes the products feed to every table it maps, and the option fields tables', () => {
    for (const table of Object.keys(PRODUCT_SOURCES)) expect(PRODUCTS_FEED.tables).toContain(table);
    for (const table of Object.keys(PRODUCT_OPTION_SOURCES)) expect(PRODUCTS_FEED.tables).toContain(table);
    expect(PRODUCTS_FEED.tables).toEqual(
      expect.arrayContaining(['catalog_product_bundle_selection', 'downloadable_link']),
    );
  });
});
