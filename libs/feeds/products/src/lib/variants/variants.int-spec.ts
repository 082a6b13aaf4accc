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
  type ScratchFeedState,
  type FeedUnderTest,
} from '@cde/testing/feeds';
import { createHash } from 'node:crypto';
import type { AssembledVariant } from './assemble-variant-items';
import { VARIANTS_FEED } from './variants.feed';

const md5 = (text: string): string => createHash('md5').update(text, 'utf8').digest('hex');

/**
 * The expected variants straight from SQL: every link whose parent and child exist, one option value per super
 * attribute of the parent (by position) that the child has a default-scope value for, labelled with the option's
 * admin label; ids and uids computed in SQL (MD5, TO_BASE64).
 */
async function oracle(catalog: ScratchCatalog): Promise<Map<string, AssembledVariant>> {
  const found = await shopRows(
    catalog,
    `SELECT l.product_id, l.parent_id, c.sku AS child_sku, p.sku AS parent_sku,
            MD5(CONCAT('configurable/', p.sku, '/', c.sku)) AS id,
            e.attribute_code, i.value AS option_id,
            TO_BASE64(CONCAT('configurable/', a.attribute_id, '/', i.value)) AS uid,
            (SELECT v.value FROM eav_attribute_option_value v WHERE v.option_id = i.value AND v.store_id = 0
              ORDER BY v.value_id LIMIT 1) AS label
       FROM catalog_product_super_link l
       JOIN catalog_product_entity c ON c.entity_id = l.product_id
       JOIN catalog_product_entity p ON p.entity_id = l.parent_id
       JOIN catalog_product_super_attribute a ON a.product_id = l.parent_id
       JOIN eav_attribute e ON e.attribute_id = a.attribute_id
       JOIN catalog_product_entity_int i
         ON i.entity_id = l.product_id AND i.attribute_id = a.attribute_id AND i.store_id = 0 AND i.value IS NOT NULL
      ORDER BY l.product_id, l.parent_id, a.position, a.product_super_attribute_id`,
  );
  const expected = new Map<string, AssembledVariant>();
  for (const r of found) {
    const key = `${String(r['parent_sku'])}|${String(r['child_sku'])}`;
    const item = expected.get(key) ?? {
      id: String(r['id']),
      optionValues: [],
      parentId: String(r['parent_id']),
      productId: String(r['product_id']),
      parentSku: String(r['parent_sku']),
      productSku: String(r['child_sku']),
    };
    expected.set(key, {
      ...item,
      optionValues: [
        ...item.optionValues,
        {
          attributeCode: String(r['attribute_code']),
          uid: String(r['uid']),
          label: r['label'] === null ? null : String(r['label']),
          valueIndex: String(r['option_id']),
        },
      ],
    });
  }
  return expected;
}

const collectAll = async (feed: FeedUnderTest<AssembledVariant>): Promise<AssembledVariant[]> =>
  (await collectEvery(feed.reader, 37)).map((c) => c.item);

const SOURCES: readonly [string, ScratchCatalogSource][] = [
  ['the Magento 2.4.8 dump', { dump: '2.4.8' }],
  ['a generated small catalog', { profile: 'small' }],
];

describe.each(SOURCES)('variants feed on %s', (_name, source) => {
  let catalog: ScratchCatalog;
  let feed: FeedUnderTest<AssembledVariant>;
  const onDump = 'dump' in source ? it : it.skip;
  const onGenerated = 'dump' in source ? it.skip : it;

  beforeAll(async () => {
    catalog = await openScratchCatalog(source, 'variants');
    feed = feedUnderTest(VARIANTS_FEED, catalog.db);
  });

  afterAll(async () => {
    await catalog.drop();
  });

  it('makes one item per parent × child, every field as the SQL oracle computes it', async () => {
    const items = await collectAll(feed);
    const expected = await oracle(catalog);
    expectSameItems(items, (i) => `${i.parentSku}|${i.productSku}`, expected);
    const [links] = await shopRows(catalog, 'SELECT COUNT(*) AS n FROM catalog_product_super_link');
    expect(items).toHaveLength(Number(links?.['n']));
  });

  it("holds as many items as the shared SQL count (./dev up's check) says", async () => {
    expect(await collectAll(feed)).toHaveLength(await oracleCount(catalogQuery(catalog), 'variants'));
  });

  onDump(
    'names SKUs with spaces and accents as the original (2.4.8: one configurable with three children)',
    async () => {
      const items = await collectAll(feed);
      expect(items.map((i) => [i.productId, i.productSku, i.optionValues.map((o) => o.label)])).toEqual([
        ['21', 'Camiseta Básica Algodão-azul', ['azul']],
        ['22', 'Camiseta Básica Algodão-preto', ['preto']],
        ['23', 'Camiseta Básica Algodão-branco', ['branco']],
      ]);
      expect(items[0]).toEqual({
        id: md5('configurable/Camiseta Básica Algodão/Camiseta Básica Algodão-azul'),
        optionValues: [
          {
            attributeCode: 'color',
            uid: Buffer.from('configurable/93/4').toString('base64'),
            label: 'azul',
            valueIndex: '4',
          },
        ],
        parentId: '1',
        productId: '21',
        parentSku: 'Camiseta Básica Algodão',
        productSku: 'Camiseta Básica Algodão-azul',
      });
    },
  );

  onGenerated('uses the admin label when options have store-view labels', async () => {
    const [translated] = await shopRows(
      catalog,
      `SELECT l.product_id, v0.value AS admin, vs.value AS store
         FROM catalog_product_super_link l
         JOIN catalog_product_super_attribute a ON a.product_id = l.parent_id
         JOIN catalog_product_entity_int i ON i.entity_id = l.product_id AND i.attribute_id = a.attribute_id AND i.store_id = 0
         JOIN eav_attribute_option_value v0 ON v0.option_id = i.value AND v0.store_id = 0
         JOIN eav_attribute_option_value vs ON vs.option_id = i.value AND vs.store_id > 0 AND vs.value <> v0.value
        ORDER BY l.product_id LIMIT 1`,
    );
    expect(translated).toBeDefined();
    const items = await feed.reader.collect([String(translated?.['product_id'])]);
    const labels = items.flatMap((c) => c.item.optionValues.map((o) => o.label));
    expect(labels).toContain(translated?.['admin']);
    expect(labels).not.toContain(translated?.['store']);
    // Two super attributes (color, size), each once.
    expect(items[0]!.item.optionValues.map((o) => o.attributeCode)).toHaveLength(2);
  });

  it('maps changes of both sides to the children, and resolves SKUs of children and parents', async () => {
    const [link] = await shopRows(
      catalog,
      `SELECT l.product_id, l.parent_id, c.sku AS child_sku, p.sku AS parent_sku FROM catalog_product_super_link l
         JOIN catalog_product_entity c ON c.entity_id = l.product_id JOIN catalog_product_entity p ON p.entity_id = l.parent_id
        ORDER BY l.link_id LIMIT 1`,
    );
    const child = Number(link?.['product_id']);
    const parent = Number(link?.['parent_id']);
    const children = (
      await shopRows(
        catalog,
        'SELECT product_id FROM catalog_product_super_link WHERE parent_id = ? ORDER BY product_id',
        [parent],
      )
    ).map((r) => String(r['product_id']));
    const sources = new Map(feed.sources.map((s) => [s.table, s]));
    const affected = async (table: string, before: CdcRow | null, after: CdcRow | null): Promise<string[]> =>
      [...((await sources.get(table)?.affectedIds(changeEvent(table, before, after))) ?? [])]
        .map(Number)
        .sort((a, b) => a - b)
        .map(String);

    // A parent's SKU: its children; an update that keeps the SKU: nothing.
    expect(
      await affected(
        'catalog_product_entity',
        { entity_id: parent, sku: 'old' },
        { entity_id: parent, sku: 'new' },
      ),
    ).toEqual([String(parent), ...children].sort((a, b) => Number(a) - Number(b)));
    expect(
      await affected(
        'catalog_product_entity',
        { entity_id: parent, sku: 'same', updated_at: '2024-01-01 00:00:00' },
        { entity_id: parent, sku: 'same', updated_at: '2024-01-02 00:00:00' },
      ),
    ).toEqual([]);
    // A deleted child: itself.
    expect(await affected('catalog_product_entity', { entity_id: child, sku: 'x' }, null)).toEqual([
      String(child),
    ]);
    // An unlink: the child.
    expect(
      await affected(
        'catalog_product_super_link',
        { link_id: 1, product_id: child, parent_id: parent },
        null,
      ),
    ).toEqual([String(child)]);
    // A super attribute of the parent: all its children.
    const [attribute] = await shopRows(
      catalog,
      'SELECT attribute_id FROM catalog_product_super_attribute WHERE product_id = ?',
      [parent],
    );
    const attributeId = Number(attribute?.['attribute_id']);
    expect(
      await affected('catalog_product_super_attribute', null, {
        product_id: parent,
        attribute_id: attributeId,
      }),
    ).toEqual(children);
    // The child's value of that attribute at store 0: the child; another attribute or a store view: nothing.
    const value = (attributeIdOf: number, storeId: number): CdcRow => ({
      value_id: 1,
      entity_id: child,
      attribute_id: attributeIdOf,
      store_id: storeId,
      value: 1,
    });
    expect(await affected('catalog_product_entity_int', null, value(attributeId, 0))).toEqual([
      String(child),
    ]);
    expect(await affected('catalog_product_entity_int', null, value(attributeId, 1))).toEqual([]);
    const [status] = await shopRows(
      catalog,
      "SELECT attribute_id FROM eav_attribute WHERE attribute_code = 'status' AND entity_type_id = 4",
    );
    expect(
      await affected('catalog_product_entity_int', null, value(Number(status?.['attribute_id']), 0)),
    ).toEqual([]);
    // An admin option label: the children whose value it is; a store-view label: nothing.
    const [option] = await shopRows(
      catalog,
      'SELECT value FROM catalog_product_entity_int WHERE entity_id = ? AND attribute_id = ? AND store_id = 0',
      [child, attributeId],
    );
    const optionId = Number(option?.['value']);
    const withOption = (
      await shopRows(
        catalog,
        `SELECT DISTINCT l.product_id FROM catalog_product_super_link l
           JOIN catalog_product_super_attribute a ON a.product_id = l.parent_id AND a.attribute_id = ?
           JOIN catalog_product_entity_int i ON i.entity_id = l.product_id AND i.attribute_id = ? AND i.store_id = 0
          WHERE i.value = ? ORDER BY l.product_id`,
        [attributeId, attributeId, optionId],
      )
    ).map((r) => String(r['product_id']));
    expect(withOption).toContain(String(child));
    expect(
      await affected(
        'eav_attribute_option_value',
        { value_id: 1, option_id: optionId, store_id: 0, value: 'a' },
        { value_id: 1, option_id: optionId, store_id: 0, value: 'b' },
      ),
    ).toEqual(withOption);
    expect(
      await affected('eav_attribute_option_value', null, {
        value_id: 1,
        option_id: optionId,
        store_id: 1,
        value: 'b',
      }),
    ).toEqual([]);

    // --by-ids: a child's SKU names the child, the parent's SKU all its children; ids too; unknown values reported.
    expect(
      await feed.reader.resolveIds(
        [String(link?.['child_sku']), String(link?.['parent_sku']), 'no-such-sku'],
        'sku',
      ),
    ).toEqual({ ids: children, unknown: ['no-such-sku'] });
    expect(await feed.reader.resolveIds([String(child), '99999999'], 'productId')).toEqual({
      ids: [String(child)],
      unknown: ['99999999'],
    });
  });
});

describe('variants feed on the engine: deletes of exactly the right items', () => {
  const sink = new MemorySink();
  let catalog: ScratchCatalog;
  let state: ScratchFeedState;
  let processor: FeedProcessor;
  let feed: FeedUnderTest<AssembledVariant>;

  beforeAll(async () => {
    catalog = await openScratchCatalog({ profile: 'small' }, 'variants_engine');
    state = await openScratchFeedState('variants_state');
    feed = feedUnderTest(VARIANTS_FEED, catalog.db);
    processor = state.processor(feed, sink);
    await processor.sync({ ids: await feed.reader.listEntityIds('0', 100_000), operation: 'full sync' });
  });

  afterAll(async () => {
    await state.close();
    await catalog.drop();
  });

  const parents = async (): Promise<{ id: number; sku: string; children: string[] }[]> => {
    const found = await shopRows(
      catalog,
      `SELECT p.entity_id, p.sku, GROUP_CONCAT(l.product_id ORDER BY l.product_id) AS children
         FROM catalog_product_entity p JOIN catalog_product_super_link l ON l.parent_id = p.entity_id
        GROUP BY p.entity_id ORDER BY p.entity_id`,
    );
    return found.map((r) => ({
      id: Number(r['entity_id']),
      sku: String(r['sku']),
      children: String(r['children']).split(','),
    }));
  };

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

  it('sends every variant once, keyed by parentSku + productSku', () => {
    const first = sink.take();
    expect(first.length).toBeGreaterThan(0);
    expect(first.every((m) => !m.deleted && m.item['modifiedAt'] !== undefined)).toBe(true);
    expect(new Set(first.map((m) => m.feedId)).size).toBe(first.length);
  });

  it('an unlinked child: the delete of that one variant, nothing else', async () => {
    const [parent] = await parents();
    const child = parent!.children[0]!;
    await catalog.shop.query(
      'DELETE FROM catalog_product_super_link WHERE parent_id = ? AND product_id = ?',
      [parent!.id, child],
    );
    const sent = await syncChange(
      'catalog_product_super_link',
      { link_id: 1, product_id: Number(child), parent_id: parent!.id },
      null,
    );
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      deleted: true,
      sourceEntityId: child,
      item: { deleted: true, parentSku: parent!.sku, productId: child },
    });
  });

  it('a deleted child: the deletes of its variants', async () => {
    const [, parent] = await parents();
    const child = parent!.children[1]!;
    const [sku] = await shopRows(catalog, 'SELECT sku FROM catalog_product_entity WHERE entity_id = ?', [
      child,
    ]);
    await catalog.shop.query('DELETE FROM catalog_product_entity WHERE entity_id = ?', [child]);
    const sent = await syncChange(
      'catalog_product_entity',
      { entity_id: Number(child), sku: String(sku?.['sku']) },
      null,
    );
    expect(sent.map((m) => [m.deleted, m.item['productSku'], m.item['parentSku']])).toEqual([
      [true, sku?.['sku'], parent!.sku],
    ]);
  });

  it('a renamed parent: its variants under the new SKU, and the deletes of the old identities', async () => {
    const [, , parent] = await parents();
    const renamed = `${parent!.sku} Ação`;
    await catalog.shop.query('UPDATE catalog_product_entity SET sku = ? WHERE entity_id = ?', [
      renamed,
      parent!.id,
    ]);
    const sent = await syncChange(
      'catalog_product_entity',
      { entity_id: parent!.id, sku: parent!.sku },
      { entity_id: parent!.id, sku: renamed },
    );
    const deletes = sent.filter((m) => m.deleted);
    const upserts = sent.filter((m) => !m.deleted);
    expect(deletes.map((m) => m.item['parentSku'])).toEqual(parent!.children.map(() => parent!.sku));
    expect(upserts.map((m) => m.item['parentSku'])).toEqual(parent!.children.map(() => renamed));
    expect(upserts.map((m) => m.item['id'])).toEqual(
      upserts.map((m) => md5(`configurable/${renamed}/${String(m.item['productSku'])}`)),
    );
  });

  it('a parent deleted with its links removed first: the deletes of all its variants', async () => {
    const [, , , parent] = await parents();
    const links = await shopRows(
      catalog,
      'SELECT link_id, product_id FROM catalog_product_super_link WHERE parent_id = ?',
      [parent!.id],
    );
    await catalog.shop.query('DELETE FROM catalog_product_super_link WHERE parent_id = ?', [parent!.id]);
    await catalog.shop.query('DELETE FROM catalog_product_entity WHERE entity_id = ?', [parent!.id]);
    const sent: FeedItemMessage[] = [];
    for (const l of links)
      sent.push(
        ...(await syncChange(
          'catalog_product_super_link',
          { link_id: Number(l['link_id']), product_id: Number(l['product_id']), parent_id: parent!.id },
          null,
        )),
      );
    sent.push(
      ...(await syncChange('catalog_product_entity', { entity_id: parent!.id, sku: parent!.sku }, null)),
    );
    expect(sent.every((m) => m.deleted && m.item['parentSku'] === parent!.sku)).toBe(true);
    expect(sent.map((m) => m.sourceEntityId).sort()).toEqual([...parent!.children].sort());
  });

  it('an admin label change resends the variants carrying that option, and nothing when unchanged', async () => {
    const [parent] = await parents();
    const child = parent!.children[0]!;
    const [option] = await shopRows(
      catalog,
      `SELECT i.value, v.value_id, v.value AS label FROM catalog_product_entity_int i
         JOIN catalog_product_super_attribute a ON a.product_id = ? AND a.attribute_id = i.attribute_id
         JOIN eav_attribute_option_value v ON v.option_id = i.value AND v.store_id = 0
        WHERE i.entity_id = ? AND i.store_id = 0 ORDER BY a.position LIMIT 1`,
      [parent!.id, child],
    );
    await catalog.shop.query('UPDATE eav_attribute_option_value SET value = ? WHERE value_id = ?', [
      'Cinza-azulado',
      option?.['value_id'],
    ]);
    const row = (label: string): CdcRow => ({
      value_id: Number(option?.['value_id']),
      option_id: Number(option?.['value']),
      store_id: 0,
      value: label,
    });
    const sent = await syncChange(
      'eav_attribute_option_value',
      row(String(option?.['label'])),
      row('Cinza-azulado'),
    );
    expect(sent.length).toBeGreaterThan(0);
    for (const m of sent) {
      expect(m.deleted).toBe(false);
      expect((m.item['optionValues'] as { label: string }[]).map((o) => o.label)).toContain('Cinza-azulado');
    }
    expect(
      await syncChange('eav_attribute_option_value', row('Cinza-azulado'), row('Cinza-azulado')),
    ).toEqual([]);
  });
});
