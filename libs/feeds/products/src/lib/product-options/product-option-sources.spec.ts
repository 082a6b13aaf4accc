import { partsOf } from '@cde/feed-engine';
import type { CdcRow, ChangeEvent } from '@cde/platform/cdc';
import type { CommerceDb, SqlParam } from '@cde/platform/commerce-db';
import { PRODUCT_OPTION_SOURCES, ProductOptionChanges } from './product-option-sources';

const base = {
  kind: 'change' as const,
  topic: 't',
  key: {},
  source: {
    connector: 'mysql',
    name: 'commerce',
    database: 'magento',
    table: 't',
    snapshot: 'false' as const,
    position: { file: 'binlog.1', pos: 1, row: 0, serverId: 1, gtid: null },
  },
  commitTime: new Date(0),
  capturedAt: new Date(0),
};
const insert = (after: CdcRow): ChangeEvent => ({ ...base, op: 'c', before: null, after });
const update = (before: CdcRow, after: CdcRow): ChangeEvent => ({ ...base, op: 'u', before, after });
const remove = (before: CdcRow): ChangeEvent => ({ ...base, op: 'd', before, after: null });

/** A Commerce DB that records queries and answers from a function of the SQL text. */
function fakeDb(answer: (sql: string, params: readonly SqlParam[]) => object[]) {
  const calls: { sql: string; params: readonly SqlParam[] }[] = [];
  const db = {
    query: (sql: string, params: readonly SqlParam[] = []) => {
      calls.push({ sql, params });
      return Promise.resolve(answer(sql, params));
    },
  } as unknown as CommerceDb;
  return { db, calls };
}

const ATTRIBUTES = [
  { attribute_code: 'status', attribute_id: 97 },
  { attribute_code: 'price_type', attribute_id: 123 },
  { attribute_code: 'name', attribute_id: 73 },
  { attribute_code: 'links_title', attribute_id: 132 },
];

function sourcesWith(answer: (sql: string, params: readonly SqlParam[]) => object[] = () => []) {
  const fake = fakeDb((sql, params) =>
    sql.includes('attribute_code IN') ? ATTRIBUTES : answer(sql, params),
  );
  const changes = new ProductOptionChanges(fake.db);
  const affected = async (table: string, event: ChangeEvent): Promise<string[]> => {
    const mapping = PRODUCT_OPTION_SOURCES[table];
    if (!mapping) throw new Error(`no source for ${table}`);
    // Option changes reach a few products each: always ids, never a background job.
    const { ids, fanOuts } = partsOf(await mapping(event, changes));
    expect(fanOuts).toEqual([]);
    return [...ids].sort();
  };
  return { affected, calls: fake.calls };
}

describe('PRODUCT_OPTION_SOURCES', () => {
  it('maps rows that name their product directly, from before and after', async () => {
    const { affected, calls } = sourcesWith();
    expect(await affected('catalog_product_relation', remove({ parent_id: 1, child_id: 2 }))).toEqual([
      '1',
      '2',
    ]);
    expect(
      await affected(
        'catalog_product_bundle_selection',
        update({ parent_product_id: 5, selection_id: 1 }, { parent_product_id: 6, selection_id: 1 }),
      ),
    ).toEqual(['5', '6']);
    expect(
      await affected('catalog_product_super_link', insert({ link_id: 1, product_id: 11, parent_id: 10 })),
    ).toEqual(['10']);
    expect(await affected('downloadable_sample', remove({ sample_id: 3, product_id: 30 }))).toEqual(['30']);
    expect(calls).toEqual([]);
  });

  it('looks child rows up through their owner, with the deleted row’s ids', async () => {
    const { affected, calls } = sourcesWith((sql, params) =>
      sql.includes('catalog_product_option_type_value v') && JSON.stringify(params) === '[["31"]]'
        ? [{ id: 20 }]
        : sql.includes('FROM downloadable_link WHERE') && JSON.stringify(params) === '[["7"]]'
          ? [{ id: 30 }, { id: 30 }]
          : [],
    );
    expect(
      await affected(
        'catalog_product_option_type_price',
        remove({ option_type_price_id: 1, option_type_id: 31 }),
      ),
    ).toEqual(['20']);
    expect(
      await affected('downloadable_link_title', insert({ title_id: 1, link_id: 7, store_id: 0 })),
    ).toEqual(['30']);
    expect(await affected('catalog_product_option_title', insert({ option_id: 99 }))).toEqual([]);
    expect(calls.map((c) => c.params)).toEqual([[['31']], [['7']], [['99']]]);
  });

  it('ignores attribute updates that change nothing the options show', async () => {
    const { affected, calls } = sourcesWith(() => [{ id: 10 }]);
    const before = { attribute_id: 93, attribute_code: 'color', frontend_label: 'Color', is_required: 0 };
    expect(await affected('eav_attribute', update(before, { ...before, is_required: 1 }))).toEqual([]);
    expect(await affected('eav_attribute', update(before, { ...before, frontend_label: 'Colour' }))).toEqual([
      '10',
    ]);
    const cea = { attribute_id: 93, additional_data: null, is_filterable: 0 };
    expect(await affected('catalog_eav_attribute', update(cea, { ...cea, is_filterable: 1 }))).toEqual([]);
    expect(await affected('catalog_eav_attribute', update(cea, { ...cea, additional_data: '{}' }))).toEqual([
      '10',
    ]);
    expect(calls).toHaveLength(2);
  });

  it('maps a child’s status or super attribute value to its configurables, a bundle’s price type to its children', async () => {
    const { affected, calls } = sourcesWith((sql) =>
      sql.includes('FROM catalog_product_super_link WHERE product_id')
        ? [{ id: 10 }]
        : sql.includes('psa.attribute_id = ?')
          ? [{ id: 12 }]
          : sql.includes('FROM catalog_product_relation WHERE parent_id')
            ? [{ id: 51 }, { id: 52 }]
            : [],
    );
    const int = (attribute_id: number, store_id: number) => ({
      value_id: 1,
      attribute_id,
      store_id,
      entity_id: 11,
    });
    expect(await affected('catalog_product_entity_int', insert(int(97, 2)))).toEqual(['10']);
    expect(await affected('catalog_product_entity_int', insert(int(93, 0)))).toEqual(['12']);
    // A store view value of a super attribute is not read (the original takes the default one).
    expect(await affected('catalog_product_entity_int', insert(int(93, 1)))).toEqual([]);
    expect(await affected('catalog_product_entity_int', remove(int(123, 0)))).toEqual(['51', '52']);
    expect(calls.filter((c) => !c.sql.includes('attribute_code IN')).map((c) => c.params)).toEqual([
      [['11']],
      [['11'], '93'],
      [['11']],
    ]);
  });

  it('maps a selection’s name to its bundles and a links title to the product itself', async () => {
    const { affected } = sourcesWith((sql) =>
      sql.includes('catalog_product_bundle_selection') ? [{ id: 50 }] : [],
    );
    const varchar = (attribute_id: number) => ({ value_id: 1, attribute_id, store_id: 1, entity_id: 51 });
    expect(await affected('catalog_product_entity_varchar', insert(varchar(73)))).toEqual(['50']);
    expect(await affected('catalog_product_entity_varchar', insert(varchar(132)))).toEqual(['51']);
    expect(await affected('catalog_product_entity_varchar', insert(varchar(84)))).toEqual([]);
  });

  it('maps a product’s sku change or website change to the products showing it', async () => {
    const { affected, calls } = sourcesWith(() => [{ id: 2 }, { id: 3 }]);
    const product = { entity_id: 9, sku: 'a', type_id: 'simple', updated_at: 't1' };
    expect(
      await affected('catalog_product_entity', update(product, { ...product, updated_at: 't2' })),
    ).toEqual([]);
    expect(await affected('catalog_product_entity', insert(product))).toEqual([]);
    expect(await affected('catalog_product_entity', update(product, { ...product, sku: 'b' }))).toEqual([
      '2',
      '3',
    ]);
    expect(await affected('catalog_product_website', remove({ product_id: 9, website_id: 1 }))).toEqual([
      '2',
      '3',
    ]);
    expect(calls.map((c) => c.params)).toEqual([
      [['9'], ['9'], ['9']],
      [['9'], ['9'], ['9']],
    ]);
  });

  it('maps an attribute option change to the configurables whose children use it', async () => {
    const { affected, calls } = sourcesWith(() => [{ id: 10 }]);
    const option = { option_id: 160, attribute_id: 93, sort_order: 1 };
    expect(await affected('eav_attribute_option', update(option, { ...option, sort_order: 1 }))).toEqual([]);
    expect(await affected('eav_attribute_option', remove(option))).toEqual(['10']);
    expect(await affected('eav_attribute_option_swatch', insert({ swatch_id: 1, option_id: 160 }))).toEqual([
      '10',
    ]);
    expect(calls.map((c) => c.params)).toEqual([['93', '160'], [['160']]]);
  });
});
