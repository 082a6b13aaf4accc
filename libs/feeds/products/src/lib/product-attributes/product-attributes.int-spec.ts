import type { FeedProcessor } from '@cde/feed-engine';
import {
  catalogQuery,
  openScratchCatalog,
  oracleCount,
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
  type ScratchFeedState,
  type FeedUnderTest,
} from '@cde/testing/feeds';
import type { RowDataPacket } from 'mysql2/promise';
import type { AssembledProductAttribute } from './assemble-product-attribute-items';
import { PRODUCT_ATTRIBUTES_FEED } from './product-attributes.feed';

interface OracleRow extends RowDataPacket {
  attribute_id: number;
  attribute_code: string;
  store_view_code: string;
  store_code: string;
  website_code: string;
  backend_type: string;
  frontend_input: string | null;
  label: string | null;
  multi: number;
  is_required: number;
  is_unique: number;
  is_global: number;
  is_visible: number;
  is_searchable: number;
  is_filterable: number;
  is_comparable: number;
  used_in_product_listing: number;
  used_for_sort_by: number;
  is_visible_on_front: number;
  is_filterable_in_search: number;
  search_weight: number;
  is_used_for_price_rules: number;
  is_user_defined: number;
  is_boolean: number;
  is_numeric: number;
}

/** The expected items straight from SQL, one query, the original's rules written as SQL CASEs. */
async function oracle(catalog: ScratchCatalog): Promise<Map<string, Record<string, unknown>>> {
  const [rows] = await catalog.shop.query<OracleRow[]>(`
    SELECT a.attribute_id, a.attribute_code, s.code AS store_view_code, g.code AS store_code, w.code AS website_code,
           a.backend_type, a.frontend_input, COALESCE(l.value, a.frontend_label) AS label,
           a.frontend_input IN ('multiline', 'multiselect') AS multi,
           a.is_required, a.is_unique, c.is_global, c.is_visible, c.is_searchable, c.is_filterable, c.is_comparable,
           c.used_in_product_listing, c.used_for_sort_by, c.is_visible_on_front, c.is_filterable_in_search,
           c.search_weight, c.is_used_for_price_rules, a.is_user_defined,
           (a.frontend_input = 'boolean' AND a.backend_type = 'int')
             OR a.attribute_code IN ('is_redeemable', 'use_config_is_redeemable', 'use_config_lifetime',
                'use_config_email_template', 'use_config_allow_message', 'allow_message', 'has_options') AS is_boolean,
           (a.frontend_input IN ('price', 'weight', 'text') AND a.backend_type IN ('decimal', 'int'))
             OR COALESCE(a.frontend_class, '') IN ('validate-number', 'validate-digits')
             OR a.attribute_code = 'required_options' AS is_numeric
      FROM eav_attribute a
      JOIN eav_entity_type t ON t.entity_type_id = a.entity_type_id
      JOIN catalog_eav_attribute c ON c.attribute_id = a.attribute_id
      JOIN store s ON s.store_id <> 0
      JOIN store_group g ON g.group_id = s.group_id
      JOIN store_website w ON w.website_id = s.website_id
      LEFT JOIN eav_attribute_label l ON l.attribute_id = a.attribute_id AND l.store_id = s.store_id
     WHERE t.entity_type_code = 'catalog_product'`);
  const [options] = await catalog.shop.query<RowDataPacket[]>(`
    SELECT o.attribute_id, s.code AS store_view_code, COALESCE(sv.value, dv.value) AS label
      FROM eav_attribute_option o
      JOIN eav_attribute_option_value dv ON dv.option_id = o.option_id AND dv.store_id = 0
      JOIN store s ON s.store_id <> 0
      LEFT JOIN eav_attribute_option_value sv ON sv.option_id = o.option_id AND sv.store_id = s.store_id
     WHERE COALESCE(sv.value, dv.value) <> ''
     ORDER BY o.option_id`);
  const optionLabels = new Map<string, string[]>();
  for (const o of options) {
    const key = `${String(o['attribute_id'])}|${String(o['store_view_code'])}`;
    optionLabels.set(key, [...(optionLabels.get(key) ?? []), String(o['label'])]);
  }
  const expected = new Map<string, Record<string, unknown>>();
  for (const r of rows) {
    const key = `${r.attribute_code}|${r.store_view_code}`;
    if (expected.has(key)) throw new Error(`oracle: two rows for ${key}`);
    const boolean = Number(r.is_boolean) === 1;
    expected.set(key, {
      id: String(r.attribute_id),
      storeCode: r.store_code,
      websiteCode: r.website_code,
      storeViewCode: r.store_view_code,
      attributeCode: r.attribute_code,
      attributeType: 'catalog_product',
      dataType: r.backend_type,
      multi: Number(r.multi) === 1,
      ...(r.label !== null ? { label: r.label } : {}),
      ...(r.frontend_input !== null ? { frontendInput: r.frontend_input } : {}),
      required: r.is_required !== 0,
      unique: r.is_unique !== 0,
      global: r.is_global !== 0,
      visible: r.is_visible !== 0,
      searchable: r.is_searchable !== 0,
      filterable: r.is_filterable !== 0,
      visibleInCompareList: r.is_comparable !== 0,
      visibleInListing: r.used_in_product_listing !== 0,
      sortable: r.used_for_sort_by !== 0,
      visibleInSearch: r.is_visible_on_front !== 0,
      filterableInSearch: r.is_filterable_in_search !== 0,
      searchWeight: Number(r.search_weight),
      usedForRules: r.is_used_for_price_rules !== 0,
      boolean,
      systemAttribute: r.is_user_defined !== 0,
      numeric: !boolean && Number(r.is_numeric) === 1,
      attributeOptions: optionLabels.get(`${r.attribute_id}|${r.store_view_code}`) ?? null,
    });
  }
  return expected;
}

const collectAll = async (
  feed: FeedUnderTest<AssembledProductAttribute>,
): Promise<AssembledProductAttribute[]> => (await collectEvery(feed.reader, 50)).map((c) => c.item);

const SOURCES: readonly [string, ScratchCatalogSource][] = [
  ['the Magento 2.4.8 dump', { dump: '2.4.8' }],
  ['a generated small catalog', { profile: 'small' }],
];

describe.each(SOURCES)('productAttributes feed on %s', (_name, source) => {
  let catalog: ScratchCatalog;
  let feed: FeedUnderTest<AssembledProductAttribute>;

  beforeAll(async () => {
    catalog = await openScratchCatalog(source, 'product_attributes');
    feed = feedUnderTest(PRODUCT_ATTRIBUTES_FEED, catalog.db);
  });

  afterAll(async () => {
    await catalog.drop();
  });

  it('makes one item per product attribute × store view, every field as the SQL oracle computes it', async () => {
    const expected = await oracle(catalog);
    const items = await collectAll(feed);
    expectSameItems(items, (i) => `${i.attributeCode}|${i.storeViewCode}`, expected);
    // Real content, not an empty match: the install's system attributes are there in every store view.
    const [[stores]] = await catalog.shop.query<RowDataPacket[]>(
      'SELECT COUNT(*) AS n FROM store WHERE store_id > 0',
    );
    expect(items.filter((i) => i.attributeCode === 'sku')).toHaveLength(Number(stores?.['n']));
    expect(items.find((i) => i.attributeCode === 'price')).toMatchObject({
      dataType: 'decimal',
      numeric: true,
    });
  });

  it("holds as many items as the shared SQL count (./dev up's check) says", async () => {
    expect(await collectAll(feed)).toHaveLength(
      await oracleCount(catalogQuery(catalog), 'productAttributes'),
    );
  });

  it('keeps labels and option labels with accents intact, per store view with fallback', async () => {
    const [[color]] = await catalog.shop.query<RowDataPacket[]>(
      `SELECT a.attribute_id FROM eav_attribute a JOIN eav_entity_type t USING (entity_type_id)
        WHERE t.entity_type_code = 'catalog_product' AND a.attribute_code = 'color'`,
    );
    const id = String(color?.['attribute_id']);
    await catalog.shop.query(
      `INSERT INTO eav_attribute_label (attribute_id, store_id, value) VALUES (?, 1, 'Côr preferída');
       INSERT INTO eav_attribute_option (attribute_id, sort_order) VALUES (?, 99);
       INSERT INTO eav_attribute_option_value (option_id, store_id, value) VALUES (LAST_INSERT_ID(), 0, 'Azul-marinho ção');`,
      [id, id],
    );
    const items = (await feed.reader.collect([id])).map((c) => c.item);
    const byView = new Map(items.map((i) => [i.storeViewCode, i]));
    expect(byView.get('default')?.label).toBe('Côr preferída');
    for (const item of items) expect(item.attributeOptions).toContain('Azul-marinho ção');
    const expected = await oracle(catalog);
    for (const item of items) expect(item).toEqual(expected.get(`color|${item.storeViewCode}`));
  });

  it('maps label, option and store changes to the attributes they touch', async () => {
    const [[row]] = await catalog.shop.query<RowDataPacket[]>(
      `SELECT o.option_id, o.attribute_id FROM eav_attribute_option o ORDER BY o.option_id LIMIT 1`,
    );
    const sources = new Map(feed.sources.map((s) => [s.table, s]));
    const attributeId = String(row?.['attribute_id']);
    expect(
      await sources.get('eav_attribute_option_value')?.affectedIds(
        changeEvent('eav_attribute_option_value', null, {
          value_id: 1,
          option_id: Number(row?.['option_id']),
          store_id: 1,
          value: 'x',
        }),
      ),
    ).toEqual([attributeId]);
    expect(
      await sources
        .get('eav_attribute_label')
        ?.affectedIds(
          changeEvent(
            'eav_attribute_label',
            { attribute_label_id: 1, attribute_id: 93, store_id: 1, value: 'a' },
            null,
          ),
        ),
    ).toEqual(['93']);
    const all = await sources
      .get('store')
      ?.affectedIds(changeEvent('store', null, { store_id: 9, code: 'new', group_id: 1, website_id: 1 }));
    expect(all).toEqual(await feed.reader.listEntityIds('0', 100_000));
    expect(
      await sources
        .get('store')
        ?.affectedIds(
          changeEvent(
            'store',
            { store_id: 1, code: 'default', name: 'A' },
            { store_id: 1, code: 'default', name: 'B' },
          ),
        ),
    ).toEqual([]);
  });

  it('resolves attributes by code (the default) or by id, and names unknown values', async () => {
    const byCode = await feed.reader.resolveIds(['sku', 'name', 'no_such_attribute'], 'sku');
    expect(byCode.unknown).toEqual(['no_such_attribute']);
    expect(byCode.ids).toHaveLength(2);
    const byId = await feed.reader.resolveIds([...byCode.ids, '999999'], 'id');
    expect(byId).toEqual({ ids: byCode.ids, unknown: ['999999'] });
  });
});

describe('productAttributes feed on the engine', () => {
  const sink = new MemorySink();
  let catalog: ScratchCatalog;
  let state: ScratchFeedState;
  let processor: FeedProcessor;

  beforeAll(async () => {
    catalog = await openScratchCatalog({ dump: '2.4.8' }, 'product_attributes_engine');
    state = await openScratchFeedState('product_attributes_state');
    processor = state.processor(feedUnderTest(PRODUCT_ATTRIBUTES_FEED, catalog.db), sink);
  });

  afterAll(async () => {
    await state.close();
    await catalog.drop();
  });

  it('sends a label change, then the deletes of an attribute that is gone', async () => {
    await catalog.shop.query(
      `INSERT INTO eav_attribute (entity_type_id, attribute_code, backend_type, frontend_input, frontend_label, is_user_defined)
       VALUES (4, 'cde_fabric', 'varchar', 'select', 'Tecido', 1);
       INSERT INTO catalog_eav_attribute (attribute_id, is_global, is_filterable) VALUES (LAST_INSERT_ID(), 0, 1);`,
    );
    const [[row]] = await catalog.shop.query<RowDataPacket[]>(
      `SELECT attribute_id FROM eav_attribute WHERE attribute_code = 'cde_fabric'`,
    );
    const id = String(row?.['attribute_id']);
    await processor.sync({ ids: [id], operation: 'partial sync' });
    expect(sink.take().map((m) => [m.deleted, m.item['label'], m.item['global']])).toEqual([
      [false, 'Tecido', false],
    ]);

    await catalog.shop.query(
      `UPDATE eav_attribute SET frontend_label = 'Tecido & Acabamento' WHERE attribute_id = ?`,
      [id],
    );
    await processor.sync({ ids: [id], operation: 'partial sync' });
    expect(sink.take().map((m) => m.item['label'])).toEqual(['Tecido & Acabamento']);
    await processor.sync({ ids: [id], operation: 'partial sync' });
    expect(sink.take()).toEqual([]);

    await catalog.shop.query('DELETE FROM eav_attribute WHERE attribute_id = ?', [id]);
    await processor.sync({ ids: [id], operation: 'partial sync' });
    const deletes = sink.take();
    expect(
      deletes.map((m) => [m.deleted, m.item['attributeCode'], m.item['storeViewCode'], m.item['deleted']]),
    ).toEqual([[true, 'cde_fabric', 'default', true]]);
    expect(deletes[0]?.item).toMatchObject({
      websiteCode: 'base',
      storeCode: 'main_website_store',
      attributeType: 'catalog_product',
    });
  });
});
