import { createFeedItemValidator } from '@cde/contracts';
import { WaveReads, type FeedProcessor } from '@cde/feed-engine';
import type { CdcRow, ChangeEvent } from '@cde/platform/cdc';
import type { CommerceDb, SqlParam } from '@cde/platform/commerce-db';
import {
  attributeIdsByCode,
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
  feedUnderTest,
  MemorySink,
  openScratchFeedState,
  type ScratchFeedState,
  type FeedUnderTest,
  expandAffected,
} from '@cde/testing/feeds';
import type { ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import type { AssembledProduct } from './assemble-product-items';
import { ProductReader } from './product.reader';
import { PRODUCT_SOURCES, ProductChanges } from './product-sources';
import { PRODUCTS_FEED } from './products.feed';

async function hasTable(catalog: ScratchCatalog, table: string): Promise<boolean> {
  const found = await shopRows(
    catalog,
    'SELECT 1 FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = ?',
    [table],
  );
  return found.length > 0;
}

/** The default scope's config value, read on its own (no table, no value: undefined). */
async function defaultConfig(catalog: ScratchCatalog, path: string): Promise<string | undefined> {
  if (!(await hasTable(catalog, 'core_config_data'))) return undefined;
  const [row] = await shopRows(
    catalog,
    "SELECT value FROM core_config_data WHERE path = ? AND scope = 'default' AND scope_id = 0",
    [path],
  );
  return (row?.['value'] as string | null | undefined) ?? undefined;
}

/**
 * A product EAV value in the row's store view, as SQL: the store view's row when there is one (even NULL),
 * else the default's.
 */
function eav(
  type: string,
  attributeId: number | undefined,
  entity = 'e.entity_id',
  store = 's.store_id',
): string {
  const row = (storeId: string): string =>
    `SELECT v.value FROM catalog_product_entity_${type} v
      WHERE v.entity_id = ${entity} AND v.attribute_id = ${attributeId ?? -1} AND v.store_id = ${storeId}`;
  return `IF(EXISTS(${row(store)}), (${row(store)}), (${row('0')}))`;
}

/** Every product × store view of its websites, from SQL. */
const ITEMS_SQL = `
  FROM catalog_product_entity e
  JOIN catalog_product_website cpw ON cpw.product_id = e.entity_id
  JOIN store s ON s.website_id = cpw.website_id AND s.store_id > 0
  JOIN store_group g ON g.group_id = s.group_id
  JOIN store_website w ON w.website_id = s.website_id`;

/** The database, counting the queries made through it. */
function countingDb(db: CommerceDb): { readonly db: CommerceDb; readonly queries: () => number } {
  let queries = 0;
  const counted = Object.create(db) as CommerceDb;
  counted.query = <Row extends object>(sql: string, params?: readonly SqlParam[]): Promise<Row[]> => {
    queries++;
    return db.query<Row>(sql, params);
  };
  return { db: counted, queries: () => queries };
}

const collectAll = async (feed: FeedUnderTest<AssembledProduct>): Promise<AssembledProduct[]> =>
  (await collectEvery(feed.reader, 400)).map((c) => c.item);

const key = (sku: unknown, storeViewCode: unknown): string => `${String(sku)}|${String(storeViewCode)}`;

/** A column of an oracle row as text (mysql2 types rows as any), null for NULL. */
const str = (row: RowDataPacket | undefined, column: string): string | null => {
  const value: unknown = row?.[column];
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : JSON.stringify(value).replace(/^"|"$/g, '');
};

const STATUS: Record<string, string> = { '1': 'Enabled', '2': 'Disabled' };
const VISIBILITY: Record<string, string> = {
  '1': 'Not Visible Individually',
  '2': 'Catalog',
  '3': 'Search',
  '4': 'Catalog, Search',
};

/** Each source and how much of it the comparisons must at least cover, so none passes on an empty read. */
interface Coverage {
  readonly items: number;
  readonly attributeSample: number;
  readonly categoryData: number;
  readonly gallery: number;
  readonly inStock: number;
  readonly rewrites: number;
}

const SOURCES: readonly [string, ScratchCatalogSource, Coverage][] = [
  [
    'the Magento 2.4.8 dump',
    { dump: '2.4.8' },
    { items: 20, attributeSample: 3, categoryData: 10, gallery: 10, inStock: 10, rewrites: 10 },
  ],
  [
    'the Magento 2.4.5-p1 dump (MySQL 8)',
    { dump: '2.4.5-p1' },
    { items: 10, attributeSample: 2, categoryData: 5, gallery: 5, inStock: 5, rewrites: 5 },
  ],
  [
    'a generated small catalog',
    { profile: 'small' },
    { items: 20, attributeSample: 3, categoryData: 10, gallery: 10, inStock: 10, rewrites: 10 },
  ],
];

describe.each(SOURCES)('products feed on %s', (_name, source, coverage) => {
  let catalog: ScratchCatalog;
  let items: AssembledProduct[];
  let byKey: Map<string, AssembledProduct>;
  let A: Record<string, number>;
  let webBase: string;

  beforeAll(async () => {
    catalog = await openScratchCatalog(source, 'products');
    A = await attributeIdsByCode(catalog, 'catalog_product');
    const base = await defaultConfig(catalog, 'web/unsecure/base_url');
    webBase = base ? `${base.replace(/\/$/, '')}/` : '/';
    items = await collectAll(feedUnderTest(PRODUCTS_FEED, catalog.db));
    byKey = new Map(items.map((i) => [key(i.sku, i.storeViewCode), i]));
  });

  afterAll(async () => {
    await catalog.drop();
  });

  it('makes one item per product × store view of its websites, admin excluded', async () => {
    const expected = await shopRows(
      catalog,
      `SELECT e.sku, s.code ${ITEMS_SQL} ORDER BY e.entity_id, s.store_id`,
    );
    expect(expected.length).toBeGreaterThan(coverage.items);
    expect(byKey.size).toBe(items.length);
    expect([...byKey.keys()].sort()).toEqual(expected.map((r) => key(r['sku'], r['code'])).sort());
    // Every item, completed as the engine does, is valid for the receiver's schema.
    const validate = createFeedItemValidator();
    const invalid = items
      .map((i) => ({
        key: key(i.sku, i.storeViewCode),
        result: validate('products', { ...i, deleted: false, modifiedAt: new Date().toISOString() }),
      }))
      .filter((r) => !r.result.valid);
    expect(invalid).toEqual([]);
  });

  it("holds as many items as the shared SQL count (./dev up's check) says", async () => {
    expect(items).toHaveLength(await oracleCount(catalogQuery(catalog), 'products'));
  });

  it('reads the same items with fewer queries when the batches of a wave share their store, config and attribute reads', async () => {
    const counted = countingDb(catalog.db);
    const reader = new ProductReader(counted.db);
    const ids = await reader.listEntityIds('0', 100_000);
    const batches = [ids.slice(0, Math.ceil(ids.length / 2)), ids.slice(Math.ceil(ids.length / 2))];
    const alone = (await Promise.all(batches.map((b) => reader.collect(b)))).flat();
    const aloneQueries = counted.queries();
    const wave = new WaveReads();
    const shared = (await Promise.all(batches.map((b) => reader.collect(b, wave)))).flat();
    expect(shared).toEqual(alone);
    expect(shared.length).toBe(items.length);
    expect(counted.queries() - aloneQueries).toBeLessThan(aloneQueries);
  });

  it('has the codes, names (accents, per store view), type, labels, url key, weight, tax class and dates of SQL', async () => {
    const expected = await shopRows(
      catalog,
      `SELECT e.entity_id, e.sku, e.type_id, e.created_at, e.updated_at, s.code AS view, g.code AS store,
              w.code AS website,
              ${eav('varchar', A['name'])} AS name, ${eav('int', A['status'])} AS status,
              ${eav('int', A['visibility'])} AS visibility, ${eav('varchar', A['url_key'])} AS url_key,
              ${eav('decimal', A['weight'])} AS weight, ${eav('int', A['price_type'])} AS price_type,
              (SELECT class_name FROM tax_class WHERE class_id = ${eav('int', A['tax_class_id'])}) AS tax_class
       ${ITEMS_SQL}`,
    );
    for (const r of expected) {
      const item = byKey.get(key(r['sku'], r['view']));
      const weight = str(r, 'weight');
      const urlKey = str(r, 'url_key');
      const type = str(r, 'type_id');
      expect({ key: key(r['sku'], r['view']), item }).toEqual({
        key: key(r['sku'], r['view']),
        item: expect.objectContaining({
          productId: Number(r['entity_id']),
          storeCode: str(r, 'store'),
          websiteCode: str(r, 'website'),
          name: str(r, 'name'),
          type: type === 'bundle' && str(r, 'price_type') === '1' ? 'bundle_fixed' : type,
          status: STATUS[String(r['status'])] ?? 'Disabled',
          visibility: VISIBILITY[String(r['visibility'])] ?? 'Not Visible Individually',
          taxClassId: str(r, 'tax_class') ?? 'no',
          createdAt: str(r, 'created_at'),
          updatedAt: str(r, 'updated_at'),
          ...(urlKey === null ? {} : { urlKey }),
          ...(weight === null ? {} : { weight: Number(weight) }),
        }) as unknown,
      });
    }
    if ('dump' in source && source.dump === '2.4.8') {
      expect(byKey.get(key('Camiseta Básica Algodão', 'default'))).toMatchObject({
        name: 'Camiseta Básica Algodão',
        type: 'configurable',
        status: 'Enabled',
        currency: 'BRL',
      });
      expect(items.every((i) => i.weightUnit === null || i.weightUnit === 'kgs')).toBe(true);
    } else if ('dump' in source) {
      // The 2.4.5-p1 shop sells in rupees; its configurable CS-001 has size children.
      expect(byKey.get(key('CS-001', 'default'))).toMatchObject({ type: 'configurable', currency: 'INR' });
    } else {
      // The generated catalog names some products per store view.
      const localized = await shopRows(
        catalog,
        `SELECT e.sku, s.code, v.value FROM catalog_product_entity_varchar v
           JOIN catalog_product_entity e ON e.entity_id = v.entity_id
           JOIN store s ON s.store_id = v.store_id
           JOIN catalog_product_website cpw ON cpw.product_id = e.entity_id AND cpw.website_id = s.website_id
          WHERE v.attribute_id = ? AND v.store_id > 0 LIMIT 20`,
        [A['name']],
      );
      expect(localized.length).toBeGreaterThan(0);
      for (const l of localized) expect(byKey.get(key(l['sku'], l['code']))?.name).toBe(l['value']);
    }
  });

  it('lists the user-defined attributes of a sample with the option labels of SQL, and the system ones', async () => {
    const listed = await shopRows(
      catalog,
      `SELECT a.attribute_id, a.attribute_code, a.backend_type, a.source_model,
              EXISTS(SELECT 1 FROM eav_attribute_option o WHERE o.attribute_id = a.attribute_id) AS has_options
         FROM eav_attribute a JOIN eav_entity_type t USING (entity_type_id)
        WHERE t.entity_type_code = 'catalog_product' AND a.backend_type <> 'static'
          AND (a.is_user_defined = 1 OR a.attribute_code IN ('news_from_date', 'news_to_date'))
        ORDER BY a.attribute_code`,
    );
    const labels = new Map(
      (
        await shopRows(
          catalog,
          'SELECT option_id, store_id, value FROM eav_attribute_option_value WHERE value IS NOT NULL',
        )
      ).map((r) => [`${String(r['option_id'])}/${String(r['store_id'])}`, String(r['value'])]),
    );
    const sample = await shopRows(
      catalog,
      `SELECT e.entity_id, e.sku, s.code, s.store_id, t.class_name, st.attribute_set_name ${ITEMS_SQL}
         JOIN eav_attribute_set st ON st.attribute_set_id = e.attribute_set_id
         LEFT JOIN tax_class t ON t.class_id = ${eav('int', A['tax_class_id'])}
        WHERE MOD(e.entity_id, 17) = 1 OR e.entity_id <= 3`,
    );
    expect(sample.length).toBeGreaterThan(coverage.attributeSample);
    let withValues = 0;
    for (const p of sample) {
      const expected: { attributeCode: string; value?: string[] }[] = [];
      for (const a of listed) {
        const [found] = await shopRows(
          catalog,
          `SELECT v.value FROM catalog_product_entity_${String(a['backend_type'])} v
            WHERE v.entity_id = ? AND v.attribute_id = ? AND v.store_id IN (0, ?) ORDER BY v.store_id DESC LIMIT 1`,
          [p['entity_id'], a['attribute_id'], p['store_id']],
        );
        if (!found) continue;
        const raw = found['value'] as string | null;
        if (raw === null) {
          expected.push({ attributeCode: String(a['attribute_code']) });
          continue;
        }
        const boolean = a['source_model'] === 'Magento\\Eav\\Model\\Entity\\Attribute\\Source\\Boolean';
        const value =
          !boolean && Number(a['has_options']) === 0
            ? [String(raw)]
            : String(raw)
                .split(',')
                .map((id) =>
                  boolean
                    ? ({ '0': 'no', '1': 'yes' }[id] ?? id)
                    : (labels.get(`${id}/${String(p['store_id'])}`) ?? labels.get(`${id}/0`) ?? id),
                );
        expected.push({ attributeCode: String(a['attribute_code']), value });
      }
      if (expected.some((e) => e.value && !/^\d/.test(e.value[0] ?? ''))) withValues++;
      const item = byKey.get(key(p['sku'], p['code']));
      const system = new Set(['ac_attribute_set', 'ac_tax_class', 'ac_inventory', 'ac_downloadable']);
      expect(item?.attributes?.filter((a) => !system.has(a.attributeCode))).toEqual(expected);
      expect(item?.attributes).toEqual(
        expect.arrayContaining([
          { attributeCode: 'ac_attribute_set', value: [p['attribute_set_name']] },
          { attributeCode: 'ac_tax_class', value: [(p['class_name'] as string | null) ?? 'no'] },
        ]),
      );
    }
    if ('profile' in source) expect(withValues).toBeGreaterThan(3);
  });

  it("gives categoryData of the active categories under the store view's root, with url paths of SQL", async () => {
    const category = await shopRows(
      catalog,
      `SELECT a.attribute_code, a.attribute_id FROM eav_attribute a JOIN eav_entity_type t USING (entity_type_id)
        WHERE t.entity_type_code = 'catalog_category' AND a.attribute_code IN ('url_key', 'is_active')`,
    );
    const C = Object.fromEntries(
      category.map((r) => [String(r['attribute_code']), Number(r['attribute_id'])]),
    );
    const cat = (code: string, type: string, entity: string): string =>
      `COALESCE((SELECT v.value FROM catalog_category_entity_${type} v
                  WHERE v.entity_id = ${entity} AND v.attribute_id = ${C[code]} AND v.store_id = s.store_id),
                (SELECT v.value FROM catalog_category_entity_${type} v
                  WHERE v.entity_id = ${entity} AND v.attribute_id = ${C[code]} AND v.store_id = 0))`;
    const expected = await shopRows(
      catalog,
      `SELECT e.sku, s.code, ccp.category_id, ccp.position,
              (SELECT GROUP_CONCAT(${cat('url_key', 'varchar', 'a.entity_id')} ORDER BY a.level SEPARATOR '/')
                 FROM catalog_category_entity a
                WHERE CONCAT(c.path, '/') LIKE CONCAT(a.path, '/%') AND a.level >= 2) AS url_path
       ${ITEMS_SQL}
         JOIN catalog_category_product ccp ON ccp.product_id = e.entity_id
         JOIN catalog_category_entity c ON c.entity_id = ccp.category_id AND c.level > 1
        WHERE c.path LIKE CONCAT('1/', g.root_category_id, '/%')
          AND ${cat('is_active', 'int', 'c.entity_id')} = 1
          AND ${eav('int', A['status'])} = 1 AND ${eav('int', A['visibility'])} IN (2, 3, 4)
        ORDER BY e.sku, s.code, ccp.category_id`,
    );
    expect(expected.length).toBeGreaterThan(coverage.categoryData);
    const grouped = new Map<
      string,
      { categoryId: string; categoryPath: string; productPosition: number }[]
    >();
    for (const r of expected) {
      const list = grouped.get(key(r['sku'], r['code'])) ?? [];
      list.push({
        categoryId: String(r['category_id']),
        categoryPath: String(r['url_path']),
        productPosition: Number(r['position']),
      });
      grouped.set(key(r['sku'], r['code']), list);
    }
    for (const item of items) {
      const want = grouped.get(key(item.sku, item.storeViewCode)) ?? null;
      expect({ key: key(item.sku, item.storeViewCode), categoryData: item.categoryData }).toEqual({
        key: key(item.sku, item.storeViewCode),
        categoryData: want,
      });
      if (want) expect(item.categories).toEqual(want.map((w) => w.categoryPath));
      else expect(item).not.toHaveProperty('categories');
    }
  });

  it('reads inStock and lowStock from the stock tables (MSI stocks by website when installed)', async () => {
    const msi = await hasTable(catalog, 'inventory_stock_sales_channel');
    const stockOf = msi
      ? `(SELECT c.stock_id FROM inventory_stock_sales_channel c WHERE c.type = 'website' AND c.code = w.code)`
      : '1';
    const expected = await shopRows(
      catalog,
      `SELECT e.sku, s.code, ${stockOf} AS stock_id,
              (SELECT ss.stock_status FROM cataloginventory_stock_status ss
                WHERE ss.product_id = e.entity_id AND ss.website_id = 0) AS default_status,
              (SELECT ss.qty FROM cataloginventory_stock_status ss
                WHERE ss.product_id = e.entity_id AND ss.website_id = 0) AS default_qty
       ${ITEMS_SQL}`,
    );
    const indexes = new Map<string, { salable: number; quantity: number }>();
    if (msi) {
      for (const stock of await shopRows(
        catalog,
        'SELECT DISTINCT stock_id FROM inventory_stock_sales_channel WHERE stock_id <> 1',
      )) {
        const id = Number(stock['stock_id']);
        for (const r of await shopRows(
          catalog,
          `SELECT sku, is_salable, quantity FROM inventory_stock_${id}`,
        )) {
          indexes.set(`${id}|${String(r['sku'])}`, {
            salable: Number(r['is_salable']),
            quantity: Number(r['quantity']),
          });
        }
      }
    }
    let inStock = 0;
    for (const r of expected) {
      const stock = r['stock_id'] === null ? null : Number(r['stock_id']);
      const found =
        stock === 1
          ? r['default_status'] === null
            ? undefined
            : { salable: Number(r['default_status']), quantity: Number(r['default_qty']) }
          : stock === null
            ? undefined
            : indexes.get(`${stock}|${String(r['sku'])}`);
      const item = byKey.get(key(r['sku'], r['code']));
      const enabled = item?.status === 'Enabled';
      expect({
        key: key(r['sku'], r['code']),
        inStock: item?.inStock,
        lowStock: item?.lowStock,
        buyable: item?.buyable,
      }).toEqual({
        key: key(r['sku'], r['code']),
        inStock: found?.salable === 1,
        lowStock: found !== undefined && found.quantity < 0,
        buyable: enabled && found?.salable === 1,
      });
      if (found?.salable === 1) inStock++;
    }
    expect(inStock).toBeGreaterThan(coverage.inStock);
  });

  it('lists the gallery images with absolute URLs and roles, and the product url from its rewrite', async () => {
    const mediaBase = `${webBase}media/catalog/product`;
    const gallery = await shopRows(
      catalog,
      `SELECT e.sku, s.code, m.value AS file,
              COALESCE((SELECT v.position FROM catalog_product_entity_media_gallery_value v
                         WHERE v.value_id = m.value_id AND v.entity_id = e.entity_id AND v.store_id = s.store_id),
                       (SELECT v.position FROM catalog_product_entity_media_gallery_value v
                         WHERE v.value_id = m.value_id AND v.entity_id = e.entity_id AND v.store_id = 0), 0) AS position,
              ${eav('varchar', A['image'])} AS image
       ${ITEMS_SQL}
         JOIN catalog_product_entity_media_gallery_value_to_entity te ON te.entity_id = e.entity_id
         JOIN catalog_product_entity_media_gallery m ON m.value_id = te.value_id AND m.media_type = 'image'
        ORDER BY e.sku, s.code, position, m.value_id`,
    );
    expect(gallery.length).toBeGreaterThan(coverage.gallery);
    const expected = new Map<string, { url: string; main: boolean }[]>();
    for (const g of gallery) {
      const list = expected.get(key(g['sku'], g['code'])) ?? [];
      list.push({ url: `${mediaBase}${String(g['file'])}`, main: g['file'] === g['image'] });
      expected.set(key(g['sku'], g['code']), list);
    }
    for (const item of items) {
      const want = expected.get(key(item.sku, item.storeViewCode));
      expect(
        (item.images ?? []).map((i) => ({
          url: i.resource.url,
          main: (i.resource.roles ?? []).includes('image'),
        })),
      ).toEqual(want ?? []);
      if (!want) expect(item.images).toBeNull();
    }

    const useRewrites = (await defaultConfig(catalog, 'web/seo/use_rewrites')) === '1';
    const linkBase = `${webBase}${useRewrites ? '' : 'index.php/'}`;
    const urls = await shopRows(
      catalog,
      `SELECT e.entity_id, e.sku, s.code, ${eav('varchar', A['url_key'])} AS url_key,
              (SELECT MAX(r.url_rewrite_id) FROM url_rewrite r
                WHERE r.entity_type = 'product' AND r.entity_id = e.entity_id AND r.store_id = s.store_id
                  AND r.redirect_type = 0 AND r.metadata IS NULL) AS rewrite_id
       ${ITEMS_SQL}`,
    );
    const paths = new Map(
      (
        await shopRows(
          catalog,
          "SELECT url_rewrite_id, request_path FROM url_rewrite WHERE entity_type = 'product'",
        )
      ).map((r) => [String(r['url_rewrite_id']), String(r['request_path'])]),
    );
    let rewritten = 0;
    for (const u of urls) {
      const path =
        u['rewrite_id'] === null
          ? `catalog/product/view/id/${String(u['entity_id'])}/s/${String(u['url_key'] ?? '')}/`
          : paths.get(String(u['rewrite_id']));
      if (u['rewrite_id'] !== null) rewritten++;
      expect(byKey.get(key(u['sku'], u['code']))?.url).toBe(`${linkBase}${path ?? ''}`);
    }
    expect(rewritten).toBeGreaterThan(coverage.rewrites);
  });

  it("names each child's configurable parents (the option fields' part)", async () => {
    const relations = await shopRows(
      catalog,
      `SELECT c.sku AS child, p.sku AS parent, s.code FROM catalog_product_super_link l
         JOIN catalog_product_entity c ON c.entity_id = l.product_id
         JOIN catalog_product_entity p ON p.entity_id = l.parent_id
         JOIN catalog_product_website cw ON cw.product_id = c.entity_id
         JOIN catalog_product_website pw ON pw.product_id = p.entity_id AND pw.website_id = cw.website_id
         JOIN store s ON s.website_id = cw.website_id AND s.store_id > 0`,
    );
    expect(relations.length).toBeGreaterThan(2);
    for (const r of relations) {
      expect(byKey.get(key(r['child'], r['code']))?.parents).toEqual(
        expect.arrayContaining([{ sku: str(r, 'parent'), productType: 'configurable' }]),
      );
    }
    const configurable = items.find((i) => i.type === 'configurable' && i.optionsV2 !== null);
    expect(configurable?.optionsV2?.some((o) => o.type === 'configurable')).toBe(true);
  });
});

describe('products feed changes on a generated small catalog', () => {
  let catalog: ScratchCatalog;
  let state: ScratchFeedState;
  let processor: FeedProcessor;
  let A: Record<string, number>;
  const sink = new MemorySink();

  const affected = async (table: string, event: ChangeEvent): Promise<string[]> => {
    const mapping = PRODUCT_SOURCES[table];
    if (!mapping) throw new Error(`no mapping for ${table}`);
    const result = await mapping(event, new ProductChanges(catalog.db));
    return (await expandAffected(catalog.db, new ProductReader(catalog.db), result)).sort(
      (a, b) => Number(a) - Number(b),
    );
  };
  const ids = (found: RowDataPacket[], column = 'id'): string[] =>
    [...new Set(found.map((r) => String(r[column])))].sort((a, b) => Number(a) - Number(b));

  beforeAll(async () => {
    catalog = await openScratchCatalog({ profile: 'small' }, 'products_changes');
    A = await attributeIdsByCode(catalog, 'catalog_product');
    state = await openScratchFeedState('products_state');
    processor = state.processor(feedUnderTest(PRODUCTS_FEED, catalog.db), sink);
  });

  afterAll(async () => {
    await state.close();
    await catalog.drop();
  });

  const sync = (productIds: string[]) => processor.sync({ ids: productIds, operation: 'partial sync' });

  it('publishes nothing for a price change (not in product items), only the store view whose name changed', async () => {
    const [row] = await shopRows(
      catalog,
      'SELECT product_id FROM catalog_product_website WHERE website_id = 2 ORDER BY product_id LIMIT 1',
    );
    const id = String(row?.['product_id']);
    const first = await sync([id, '3', '801']);
    expect(first.synced).toBeGreaterThan(3);
    sink.take();
    await catalog.shop.query(
      'UPDATE catalog_product_entity_decimal SET value = value + 1 WHERE entity_id IN (?, 3, 801) AND attribute_id = ?',
      [id, A['price']],
    );
    expect(await sync([id, '3', '801'])).toMatchObject({ synced: 0, deleted: 0 });
    await catalog.shop.query(
      `INSERT INTO catalog_product_entity_varchar (attribute_id, store_id, entity_id, value) VALUES (?, 2, ?, 'Produto Simples Dois')
       ON DUPLICATE KEY UPDATE value = VALUES(value)`,
      [A['name'], id],
    );
    const renamed = await sync([id]);
    expect(renamed.synced).toBe(1);
    expect(sink.take().map((m) => [m.item['storeViewCode'], m.item['name']])).toEqual([
      ['store_view_2', 'Produto Simples Dois'],
    ]);
  });

  it("sends deletes for a website's store views when the product leaves it, and for every view when it is deleted", async () => {
    const [both] = await shopRows(
      catalog,
      `SELECT product_id FROM catalog_product_website WHERE website_id = 1
         AND product_id IN (SELECT product_id FROM catalog_product_website WHERE website_id = 2)
         AND product_id NOT IN (SELECT child_id FROM catalog_product_relation)
         AND product_id NOT IN (SELECT parent_id FROM catalog_product_relation) LIMIT 1`,
    );
    const id = String(both?.['product_id']);
    await sync([id]);
    sink.take();
    await catalog.shop.query('DELETE FROM catalog_product_website WHERE product_id = ? AND website_id = 2', [
      id,
    ]);
    expect(
      await affected(
        'catalog_product_website',
        changeEvent('catalog_product_website', { product_id: Number(id), website_id: 2 }, null),
      ),
    ).toEqual([id]);
    const left = await sync([id]);
    expect(left.deleted).toBe(1);
    expect(sink.take().map((m) => [m.deleted, m.item['storeViewCode']])).toEqual([[true, 'store_view_2']]);

    await catalog.shop.query('DELETE FROM catalog_product_entity WHERE entity_id = ?', [id]);
    const gone = await sync([id]);
    expect(gone.deleted).toBe(2);
    expect(
      sink
        .take()
        .map((m) => [m.deleted, m.item['storeViewCode']])
        .sort(),
    ).toEqual([
      [true, 'default'],
      [true, 'default_es'],
    ]);
  });

  it('maps category, option, attribute, tax class, store and config changes to the products SQL names', async () => {
    const C = Object.fromEntries(
      (
        await shopRows(
          catalog,
          `SELECT a.attribute_code, a.attribute_id FROM eav_attribute a JOIN eav_entity_type t USING (entity_type_id)
            WHERE t.entity_type_code = 'catalog_category' AND a.attribute_code IN ('url_key', 'is_active')`,
        )
      ).map((r) => [String(r['attribute_code']), Number(r['attribute_id'])]),
    );
    // A level-2 category's url key: its products and its descendants'.
    const [top] = await shopRows(
      catalog,
      'SELECT entity_id, path FROM catalog_category_entity WHERE level = 2 LIMIT 1',
    );
    const tree = ids(
      await shopRows(
        catalog,
        `SELECT DISTINCT ccp.product_id AS id FROM catalog_category_product ccp
           JOIN catalog_category_entity c ON c.entity_id = ccp.category_id
          WHERE c.entity_id = ? OR c.path LIKE ?`,
        [top?.['entity_id'], `${String(top?.['path'])}/%`],
      ),
    );
    expect(tree.length).toBeGreaterThan(5);
    const urlKey = (v: string): CdcRow => ({
      entity_id: Number(top?.['entity_id']),
      attribute_id: C['url_key'] ?? 0,
      store_id: 0,
      value: v,
    });
    expect(
      await affected(
        'catalog_category_entity_varchar',
        changeEvent('catalog_category_entity_varchar', urlKey('a'), urlKey('b')),
      ),
    ).toEqual(tree);
    const own = ids(
      await shopRows(catalog, 'SELECT product_id AS id FROM catalog_category_product WHERE category_id = ?', [
        top?.['entity_id'],
      ]),
    );
    const active = (v: number): CdcRow => ({
      entity_id: Number(top?.['entity_id']),
      attribute_id: C['is_active'] ?? 0,
      store_id: 0,
      value: v,
    });
    expect(
      await affected(
        'catalog_category_entity_int',
        changeEvent('catalog_category_entity_int', active(1), active(0)),
      ),
    ).toEqual(own);

    // An option label of a select and of a multiselect attribute.
    const [select] = await shopRows(
      catalog,
      `SELECT v.value AS option_id, v.attribute_id FROM catalog_product_entity_int v JOIN eav_attribute a USING (attribute_id)
        WHERE a.frontend_input = 'select' AND a.is_user_defined = 1 AND v.value IS NOT NULL
          AND EXISTS (SELECT 1 FROM eav_attribute_option o WHERE o.option_id = v.value) LIMIT 1`,
    );
    const users = ids(
      await shopRows(
        catalog,
        'SELECT DISTINCT entity_id AS id FROM catalog_product_entity_int WHERE attribute_id = ? AND value = ?',
        [select?.['attribute_id'], select?.['option_id']],
      ),
    );
    const label: CdcRow = { value_id: 1, option_id: Number(select?.['option_id']), store_id: 0, value: 'x' };
    expect(
      await affected(
        'eav_attribute_option_value',
        changeEvent('eav_attribute_option_value', label, { ...label, value: 'y' }),
      ),
    ).toEqual(expect.arrayContaining(users));
    const [multi] = await shopRows(
      catalog,
      `SELECT SUBSTRING_INDEX(v.value, ',', 1) AS option_id FROM catalog_product_entity_varchar v JOIN eav_attribute a USING (attribute_id)
        WHERE a.frontend_input = 'multiselect' AND v.value IS NOT NULL LIMIT 1`,
    );
    const multiUsers = ids(
      await shopRows(
        catalog,
        `SELECT DISTINCT v.entity_id AS id FROM catalog_product_entity_varchar v JOIN eav_attribute a USING (attribute_id)
          WHERE a.frontend_input = 'multiselect' AND FIND_IN_SET(?, v.value)`,
        [multi?.['option_id']],
      ),
    );
    expect(multiUsers.length).toBeGreaterThan(0);
    expect(
      await affected(
        'eav_attribute_option_swatch',
        changeEvent('eav_attribute_option_swatch', null, {
          option_id: Number(multi?.['option_id']),
          store_id: 0,
          type: 0,
          value: 'x',
        }),
      ),
    ).toEqual(expect.arrayContaining(multiUsers));

    // A tax class rename: the products of the class.
    const taxed = ids(
      await shopRows(
        catalog,
        'SELECT DISTINCT entity_id AS id FROM catalog_product_entity_int WHERE attribute_id = ? AND value = 2',
        [A['tax_class_id']],
      ),
    );
    expect(
      await affected(
        'tax_class',
        changeEvent(
          'tax_class',
          { class_id: 2, class_name: 'Taxable Goods', class_type: 'PRODUCT' },
          { class_id: 2, class_name: 'Taxed', class_type: 'PRODUCT' },
        ),
      ),
    ).toEqual(taxed);

    // A user-defined attribute becoming a system one: the products with its values.
    const [attribute] = await shopRows(
      catalog,
      `SELECT attribute_id, attribute_code, entity_type_id, backend_type FROM eav_attribute
        WHERE attribute_code = 'material' AND is_user_defined = 1`,
    );
    const withMaterial = ids(
      await shopRows(
        catalog,
        'SELECT DISTINCT entity_id AS id FROM catalog_product_entity_int WHERE attribute_id = ?',
        [attribute?.['attribute_id']],
      ),
    );
    const before: CdcRow = {
      attribute_id: Number(attribute?.['attribute_id']),
      attribute_code: 'material',
      entity_type_id: Number(attribute?.['entity_type_id']),
      backend_type: 'int',
      is_user_defined: 1,
    };
    expect(
      await affected(
        'eav_attribute',
        changeEvent('eav_attribute', before, { ...before, is_user_defined: 0 }),
      ),
    ).toEqual(withMaterial);

    // A new store view on website 2: the products of website 2; config of website 2: the same.
    const website2 = ids(
      await shopRows(catalog, 'SELECT product_id AS id FROM catalog_product_website WHERE website_id = 2'),
    );
    expect(
      await affected(
        'store',
        changeEvent('store', null, {
          store_id: 9,
          code: 'new',
          website_id: 2,
          group_id: 2,
          name: 'N',
          is_active: 1,
        }),
      ),
    ).toEqual(website2);
    expect(
      await affected(
        'core_config_data',
        changeEvent('core_config_data', null, {
          scope: 'websites',
          scope_id: 2,
          path: 'currency/options/base',
          value: 'EUR',
        }),
      ),
    ).toEqual(website2);
    const all = ids(await shopRows(catalog, 'SELECT entity_id AS id FROM catalog_product_entity'));
    expect(
      await affected(
        'store_website',
        changeEvent('store_website', { website_id: 2, code: 'website_2' }, null),
      ),
    ).toEqual(all);

    // MSI source items name their product by sku; gallery videos by value id.
    const [sourceItem] = await shopRows(catalog, 'SELECT sku FROM inventory_source_item LIMIT 1');
    const [product] = await shopRows(catalog, 'SELECT entity_id FROM catalog_product_entity WHERE sku = ?', [
      sourceItem?.['sku'],
    ]);
    expect(
      await affected(
        'inventory_source_item',
        changeEvent('inventory_source_item', null, {
          source_code: 'default',
          sku: String(sourceItem?.['sku']),
          quantity: 1,
          status: 1,
        }),
      ),
    ).toEqual([String(product?.['entity_id'])]);
    const [video] = await shopRows(
      catalog,
      `SELECT v.value_id, te.entity_id FROM catalog_product_entity_media_gallery_value_video v
         JOIN catalog_product_entity_media_gallery_value_to_entity te ON te.value_id = v.value_id LIMIT 1`,
    );
    expect(
      await affected(
        'catalog_product_entity_media_gallery_value_video',
        changeEvent('catalog_product_entity_media_gallery_value_video', null, {
          value_id: Number(video?.['value_id']),
          store_id: 0,
          title: 't',
        }),
      ),
    ).toEqual([String(video?.['entity_id'])]);
  });

  it('assembles a product whose rewrite has a NULL target_path (nullable in Magento): its URL without parameters, nothing parked', async () => {
    const [rewrite] = await shopRows(
      catalog,
      `SELECT u.url_rewrite_id, u.entity_id, u.request_path, u.target_path, s.code AS store_view
         FROM url_rewrite u JOIN store s ON s.store_id = u.store_id
         JOIN catalog_product_website pw ON pw.product_id = u.entity_id AND pw.website_id = s.website_id
        WHERE u.entity_type = 'product' AND u.redirect_type = 0 AND u.metadata IS NULL
          AND u.request_path IS NOT NULL
        ORDER BY u.url_rewrite_id LIMIT 1`,
    );
    const product = String(rewrite?.['entity_id']);
    const batch = ids(
      await shopRows(
        catalog,
        'SELECT entity_id AS id FROM catalog_product_entity WHERE entity_id >= ? ORDER BY entity_id LIMIT 20',
        [product],
      ),
    );
    await catalog.shop.query('UPDATE url_rewrite SET target_path = NULL WHERE url_rewrite_id = ?', [
      rewrite?.['url_rewrite_id'],
    ]);
    try {
      const result = await processor.sync({ ids: batch, operation: 'partial sync', force: true });
      expect(result.failed).toBe(0);
      const sent = sink.take();
      expect(new Set(sent.map((m) => m.sourceEntityId))).toEqual(new Set(batch));
      const rewritten = sent.filter(
        (m) =>
          m.sourceEntityId === product &&
          m.item['storeViewCode'] === rewrite?.['store_view'] &&
          Array.isArray(m.item['urlRewrites']) &&
          (m.item['urlRewrites'] as { url: string }[]).some((r) =>
            r.url.endsWith(String(rewrite?.['request_path'])),
          ),
      );
      expect(rewritten.length).toBeGreaterThan(0);
      for (const m of rewritten) {
        const entry = (m.item['urlRewrites'] as { url: string; parameters: unknown }[]).find((r) =>
          r.url.endsWith(String(rewrite?.['request_path'])),
        );
        expect(entry?.parameters).toBeNull();
      }
      const rows = await state.repository.findBySourceIds(PRODUCTS_FEED.feed, batch);
      expect(rows.filter((r) => r.parked)).toEqual([]);
    } finally {
      await catalog.shop.query('UPDATE url_rewrite SET target_path = ? WHERE url_rewrite_id = ?', [
        rewrite?.['target_path'],
        rewrite?.['url_rewrite_id'],
      ]);
    }
  });

  it('parks only the product whose rows cannot be assembled, and syncs every other product of its batch', async () => {
    const batch = ids(
      await shopRows(
        catalog,
        'SELECT entity_id AS id FROM catalog_product_entity ORDER BY entity_id LIMIT 40',
      ),
    );
    await processor.sync({ ids: batch, operation: 'partial sync', force: true });
    const withCategories = sink.take().find((m) => Array.isArray(m.item['categoryData']));
    const broken = String(withCategories?.sourceEntityId);
    expect(batch).toContain(broken);
    // A schema change and a row the reader cannot use: a category of the product without a path.
    await catalog.shop.query('ALTER TABLE catalog_category_entity MODIFY path varchar(255) NULL');
    const [inserted] = await catalog.shop.query<ResultSetHeader>(
      `INSERT INTO catalog_category_entity (attribute_set_id, parent_id, path, position, level, children_count)
       VALUES (3, 2, NULL, 99, 2, 0)`,
    );
    const category = inserted.insertId;
    await catalog.shop.query(
      'INSERT INTO catalog_category_product (category_id, product_id, position) VALUES (?, ?, 0)',
      [category, broken],
    );
    try {
      const result = await processor.sync({ ids: batch, operation: 'partial sync', force: true });
      expect(result.failed).toBe(1);
      const sent = sink.take();
      expect(new Set(sent.map((m) => m.sourceEntityId))).toEqual(
        new Set(batch.filter((id) => id !== broken)),
      );
      const rows = await state.repository.findBySourceIds(PRODUCTS_FEED.feed, batch);
      const parked = rows.filter((r) => r.parked);
      expect(parked.length).toBeGreaterThan(0);
      for (const row of parked) {
        expect(row.sourceEntityId).toBe(broken);
        expect(row.isDeleted).toBe(false);
        expect(row.errors).toMatch(
          new RegExp(`^CDE04-26 entity ${broken} of feed products cannot be assembled: `),
        );
      }
      expect(parked).toHaveLength(rows.filter((r) => r.sourceEntityId === broken).length);
    } finally {
      await catalog.shop.query('DELETE FROM catalog_category_product WHERE category_id = ?', [category]);
      await catalog.shop.query('DELETE FROM catalog_category_entity WHERE entity_id = ?', [category]);
    }
    // Healed: the parked items are sent again, unchanged, and unparked.
    await processor.sync({ ids: [broken], operation: 'partial sync' });
    expect(sink.take().map((m) => m.sourceEntityId)).toContain(broken);
    const healed = await state.repository.findBySourceIds(PRODUCTS_FEED.feed, [broken]);
    expect(healed.filter((r) => r.parked)).toEqual([]);
  });
});
