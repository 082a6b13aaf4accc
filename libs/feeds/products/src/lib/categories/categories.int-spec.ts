import type { FeedProcessor } from '@cde/feed-engine';
import type { CdcRow } from '@cde/platform/cdc';
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
  expectSameItems,
  feedUnderTest,
  MemorySink,
  openScratchFeedState,
  type ScratchFeedState,
  type FeedUnderTest,
} from '@cde/testing/feeds';
import type { AssembledCategory } from './assemble-category-items';
import { CATEGORIES_FEED } from './categories.feed';

/**
 * The expected items straight from SQL: categories × store views under the store group's root, values store view
 * → default by COALESCE, url paths from the ancestors' url keys by path prefix, active children, the top-level
 * ancestor's status. Sort options and the image URL follow the original's documented rules on the read values.
 */
async function oracle(
  catalog: ScratchCatalog,
  mediaBaseUrl: string,
): Promise<Map<string, Record<string, unknown>>> {
  const A = await attributeIdsByCode(catalog, 'catalog_category');
  const value = (type: string, code: string, entity: string): string =>
    `COALESCE((SELECT v.value FROM catalog_category_entity_${type} v
                WHERE v.entity_id = ${entity} AND v.attribute_id = ${A[code]} AND v.store_id = s.store_id),
              (SELECT v.value FROM catalog_category_entity_${type} v
                WHERE v.entity_id = ${entity} AND v.attribute_id = ${A[code]} AND v.store_id = 0))`;
  const found = await shopRows(
    catalog,
    `SELECT c.entity_id, c.parent_id, c.path, c.level, c.position, c.created_at, c.updated_at,
            s.code AS store_view_code, g.code AS store_code, w.code AS website_code,
            ${value('varchar', 'name', 'c.entity_id')} AS name,
            ${value('text', 'description', 'c.entity_id')} AS description,
            ${value('varchar', 'meta_title', 'c.entity_id')} AS meta_title,
            ${value('text', 'meta_keywords', 'c.entity_id')} AS meta_keywords,
            ${value('text', 'meta_description', 'c.entity_id')} AS meta_description,
            ${value('varchar', 'display_mode', 'c.entity_id')} AS display_mode,
            ${value('varchar', 'url_key', 'c.entity_id')} AS url_key,
            ${value('varchar', 'image', 'c.entity_id')} AS image,
            ${value('varchar', 'default_sort_by', 'c.entity_id')} AS default_sort_by,
            ${value('text', 'available_sort_by', 'c.entity_id')} AS available_sort_by,
            ${value('int', 'is_anchor', 'c.entity_id')} AS is_anchor,
            ${value('int', 'include_in_menu', 'c.entity_id')} AS include_in_menu,
            ${value('int', 'is_active', 'c.entity_id')} AS is_active,
            (SELECT GROUP_CONCAT(${value('varchar', 'url_key', 'a.entity_id')} ORDER BY a.level SEPARATOR '/')
               FROM catalog_category_entity a
              WHERE CONCAT(c.path, '/') LIKE CONCAT(a.path, '/%') AND a.level >= 2
                AND ${value('varchar', 'url_key', 'a.entity_id')} IS NOT NULL) AS url_path,
            (SELECT GROUP_CONCAT(k.entity_id ORDER BY k.entity_id)
               FROM catalog_category_entity k
              WHERE k.parent_id = c.entity_id AND ${value('int', 'is_active', 'k.entity_id')} = 1) AS children,
            (SELECT ${value('int', 'is_active', 't.entity_id')} FROM catalog_category_entity t
              WHERE c.level >= 3 AND t.level = 2 AND c.path LIKE CONCAT(t.path, '/%')) AS top_active,
            (SELECT ${value('int', 'include_in_menu', 't.entity_id')} FROM catalog_category_entity t
              WHERE c.level >= 3 AND t.level = 2 AND c.path LIKE CONCAT(t.path, '/%')) AS top_in_menu
       FROM catalog_category_entity c
       JOIN store s ON s.store_id <> 0
       JOIN store_group g ON g.group_id = s.group_id
       JOIN store_website w ON w.website_id = s.website_id
      WHERE c.path LIKE CONCAT('%/', g.root_category_id, '/%') OR c.path LIKE CONCAT('%/', g.root_category_id)`,
  );
  const sortable = [
    'position',
    ...(
      await shopRows(
        catalog,
        `SELECT a.attribute_code FROM eav_attribute a JOIN eav_entity_type t USING (entity_type_id)
           JOIN catalog_eav_attribute ca USING (attribute_id)
          WHERE t.entity_type_code = 'catalog_product' AND ca.used_for_sort_by = 1 ORDER BY a.attribute_id`,
      )
    ).map((r) => String(r['attribute_code'])),
  ];
  const expected = new Map<string, Record<string, unknown>>();
  for (const r of found) {
    const urlPath = r['url_path'] as string | null;
    if (urlPath === null || urlPath === '') continue;
    const key = `${urlPath}|${String(r['store_view_code'])}`;
    if (expected.has(key)) throw new Error(`oracle: two categories at ${key}`);
    const available = r['available_sort_by'] as string | null;
    const valid = (available ?? '').split(',').filter((code) => sortable.includes(code));
    const options = valid.length > 0 ? valid : sortable;
    const wanted = (r['default_sort_by'] as string | null) ?? 'position';
    const optional = (field: string, v: unknown): Record<string, unknown> =>
      v === null ? {} : { [field]: v };
    const int = (field: string, v: unknown): Record<string, unknown> =>
      v === null ? {} : { [field]: Number(v) };
    const topActive = r['top_active'] as string | number | null;
    const topInMenu = r['top_in_menu'] as string | number | null;
    const image = r['image'] as string | null;
    expected.set(key, {
      categoryId: String(r['entity_id']),
      storeViewCode: r['store_view_code'],
      storeCode: r['store_code'],
      websiteCode: r['website_code'],
      name: r['name'] ?? '',
      ...optional('description', r['description']),
      ...optional('metaTitle', r['meta_title']),
      ...optional('metaKeywords', r['meta_keywords']),
      ...optional('metaDescription', r['meta_description']),
      ...optional('displayMode', r['display_mode']),
      ...optional('urlKey', r['url_key']),
      urlPath,
      image: image === null ? null : `${mediaBaseUrl}${image.replace(/^\/?(pub\/)?media\//, '')}`,
      level: Number(r['level']),
      path: r['path'],
      parentId: String(r['parent_id']),
      children: r['children'] === null ? null : String(r['children']).split(','),
      position: Number(r['position']),
      defaultSortBy: options.includes(wanted) ? wanted : options[0],
      availableSortBy: available === null || available === '' ? null : available.split(','),
      ...int('isAnchor', r['is_anchor']),
      ...int('includeInMenu', r['include_in_menu']),
      ...int('isActive', r['is_active']),
      ...(topInMenu !== null && Number(topInMenu) === 0 ? { includeInMenu: 0 } : {}),
      ...(topActive !== null && Number(topActive) === 0 ? { isActive: 0 } : {}),
      createdAt: r['created_at'],
      updatedAt: r['updated_at'],
    });
  }
  return expected;
}

const collectAll = async (feed: FeedUnderTest<AssembledCategory>): Promise<AssembledCategory[]> =>
  (await collectEvery(feed.reader, 7)).map((c) => c.item);

function expectSameAsOracle(
  items: readonly AssembledCategory[],
  expected: Map<string, Record<string, unknown>>,
): void {
  expectSameItems(
    items.map((i) => ({ ...i, createdAt: String(i.createdAt), updatedAt: String(i.updatedAt) })),
    (i) => `${i.urlPath}|${i.storeViewCode}`,
    expected,
  );
}

const SOURCES: readonly [string, ScratchCatalogSource][] = [
  ['the Magento 2.4.8 dump', { dump: '2.4.8' }],
  ['a generated small catalog', { profile: 'small' }],
];

/** The default scope's media base URL, read independently: base URL + `media/`, the root without config. */
async function mediaBaseUrlOf(catalog: ScratchCatalog): Promise<string> {
  try {
    const [base] = await shopRows(
      catalog,
      "SELECT value FROM core_config_data WHERE path = 'web/unsecure/base_url' AND scope = 'default'",
    );
    const url = base?.['value'] as string | undefined;
    return url ? `${url.replace(/\/$/, '')}/media/` : '/media/';
  } catch {
    return '/media/';
  }
}

describe.each(SOURCES)('categories feed on %s', (_name, source) => {
  let catalog: ScratchCatalog;
  let feed: FeedUnderTest<AssembledCategory>;
  let mediaBaseUrl: string;

  beforeAll(async () => {
    catalog = await openScratchCatalog(source, 'categories');
    feed = feedUnderTest(CATEGORIES_FEED, catalog.db);
    mediaBaseUrl = await mediaBaseUrlOf(catalog);
    const A = await attributeIdsByCode(catalog, 'catalog_category');
    // A third-level category under category 3 (the dump's tree is flat), with an accented name.
    const [max] = await shopRows(catalog, 'SELECT MAX(entity_id) AS id FROM catalog_category_entity');
    const [parent] = await shopRows(
      catalog,
      'SELECT path, level FROM catalog_category_entity WHERE entity_id = 3',
    );
    const id = Number(max?.['id']) + 1;
    await catalog.shop.query(
      `INSERT INTO catalog_category_entity (entity_id, attribute_set_id, parent_id, path, position, level, children_count)
       VALUES (?, 3, 3, ?, 99, ?, 0);
       INSERT INTO catalog_category_entity_varchar (attribute_id, store_id, entity_id, value)
       VALUES (?, 0, ?, 'Tênis de corrida'), (?, 0, ?, 'tenis-de-corrida');
       INSERT INTO catalog_category_entity_int (attribute_id, store_id, entity_id, value) VALUES (?, 0, ?, 1);`,
      [
        id,
        `${String(parent?.['path'])}/${id}`,
        Number(parent?.['level']) + 1,
        A['name'],
        id,
        A['url_key'],
        id,
        A['is_active'],
        id,
      ],
    );
    // An image on a category, as Magento 2.4 stores it (a path under /media).
    await catalog.shop.query(
      `INSERT INTO catalog_category_entity_varchar (attribute_id, store_id, entity_id, value) VALUES (?, 0, 3, ?)
       ON DUPLICATE KEY UPDATE value = VALUES(value)`,
      [A['image'], '/media/catalog/category/banner-ção.jpg'],
    );
  });

  afterAll(async () => {
    await catalog.drop();
  });

  it('makes one item per category × store view under its root, every field as the SQL oracle computes it', async () => {
    const items = await collectAll(feed);
    expectSameAsOracle(items, await oracle(catalog, mediaBaseUrl));
    // Real content: every non-root category of the tree is there, in each store view.
    const [count] = await shopRows(
      catalog,
      `SELECT COUNT(*) AS n FROM catalog_category_entity c JOIN store s ON s.store_id > 0
         JOIN store_group g ON g.group_id = s.group_id WHERE c.path LIKE CONCAT('%/', g.root_category_id, '/%')`,
    );
    expect(items).toHaveLength(Number(count?.['n']));
    expect(items.find((i) => i.categoryId === '3')?.image).toBe(
      `${mediaBaseUrl}catalog/category/banner-ção.jpg`,
    );
  });

  it("holds as many items as the shared SQL count (./dev up's check) says", async () => {
    expect(await collectAll(feed)).toHaveLength(await oracleCount(catalogQuery(catalog), 'categories'));
  });

  it('keeps accented names and gives each level its url path and children', async () => {
    const items = await collectAll(feed);
    const names = await shopRows(
      catalog,
      `SELECT v.entity_id, v.value FROM catalog_category_entity_varchar v JOIN eav_attribute a USING (attribute_id)
        WHERE a.attribute_code = 'name' AND a.entity_type_id = 3 AND v.store_id = 0 AND v.value REGEXP '[^ -~]'`,
    );
    if ('dump' in source) {
      expect(names.map((n) => String(n['value']))).toEqual(
        expect.arrayContaining(['Lançamentos', 'Calçados', 'Acessórios']),
      );
      expect(items.find((i) => i.categoryId === '5')).toMatchObject({
        name: 'Calçados',
        urlPath: 'calcados',
        level: 2,
      });
    }
    for (const n of names) {
      const item = items.find(
        (i) => i.categoryId === String(n['entity_id']) && i.storeViewCode === 'default',
      );
      if (item) expect(item.name).toBe(n['value']);
    }
    const deep = items.filter((i) => i.level >= 3);
    expect(deep.length).toBeGreaterThan(0);
    for (const item of deep) expect(item.urlPath.split('/')).toHaveLength(item.level - 1);
    expect(deep.find((i) => i.name === 'Tênis de corrida')?.urlPath).toMatch(/\/tenis-de-corrida$/);
    const parents = items.filter((i) => i.children !== null && i.children !== undefined);
    expect(parents.length).toBeGreaterThan(0);
  });

  it('scopes categories to store views by root category: a second root and its store view', async () => {
    // A second tree under root 1 with a store group (and view) of its own on the first website.
    const [max] = await shopRows(catalog, 'SELECT MAX(entity_id) AS id FROM catalog_category_entity');
    const root = Number(max?.['id']) + 1;
    const child = root + 1;
    const A = await attributeIdsByCode(catalog, 'catalog_category');
    await catalog.shop.query(
      `INSERT INTO catalog_category_entity (entity_id, attribute_set_id, parent_id, path, position, level, children_count)
       VALUES (?, 3, 1, ?, 9, 1, 1), (?, 3, ?, ?, 1, 2, 0);
       INSERT INTO catalog_category_entity_varchar (attribute_id, store_id, entity_id, value)
       VALUES (?, 0, ?, 'Outlet Root'), (?, 0, ?, 'outlet-root'), (?, 0, ?, 'Promoções'), (?, 0, ?, 'promocoes');
       INSERT INTO catalog_category_entity_int (attribute_id, store_id, entity_id, value) VALUES (?, 0, ?, 1);
       INSERT INTO store_group (group_id, website_id, name, root_category_id, default_store_id, code)
       VALUES (90, 1, 'Outlet', ?, 0, 'outlet_group');
       INSERT INTO store (store_id, code, website_id, group_id, name, sort_order, is_active)
       VALUES (90, 'outlet_view', 1, 90, 'Outlet', 9, 1);`,
      [
        root,
        `1/${root}`,
        child,
        root,
        `1/${root}/${child}`,
        A['name'],
        root,
        A['url_key'],
        root,
        A['name'],
        child,
        A['url_key'],
        child,
        A['is_active'],
        child,
        root,
      ],
    );
    const items = await collectAll(feed);
    expectSameAsOracle(items, await oracle(catalog, mediaBaseUrl));
    expect(
      items.filter((i) => i.storeViewCode === 'outlet_view').map((i) => [i.categoryId, i.urlPath, i.name]),
    ).toEqual([[String(child), 'promocoes', 'Promoções']]);
    expect(items.filter((i) => i.categoryId === String(child)).map((i) => i.storeViewCode)).toEqual([
      'outlet_view',
    ]);
    // The store root itself has no url path, hence no identity and no item, in any store view.
    expect(items.filter((i) => i.categoryId === String(root))).toEqual([]);
  });

  it('still holds as many items as the shared SQL count says with a second root and its store view', async () => {
    expect(await collectAll(feed)).toHaveLength(await oracleCount(catalogQuery(catalog), 'categories'));
  });

  it('maps value, move and store changes to the categories whose items they change', async () => {
    const A = await attributeIdsByCode(catalog, 'catalog_category');
    const sources = new Map(feed.sources.map((s) => [s.table, s]));
    const affected = async (table: string, before: CdcRow | null, after: CdcRow | null): Promise<string[]> =>
      [...((await sources.get(table)?.affectedIds(changeEvent(table, before, after))) ?? [])]
        .map(Number)
        .sort((a, b) => a - b)
        .map(String);
    const [top] = await shopRows(
      catalog,
      `SELECT t.entity_id, t.path, t.parent_id FROM catalog_category_entity t
        WHERE t.level = 2 AND EXISTS (SELECT 1 FROM catalog_category_entity d WHERE d.parent_id = t.entity_id)
        ORDER BY t.entity_id LIMIT 1`,
    );
    const topId = Number(top?.['entity_id']);
    const descendants = (
      await shopRows(
        catalog,
        'SELECT entity_id FROM catalog_category_entity WHERE path LIKE ? ORDER BY entity_id',
        [`${String(top?.['path'])}/%`],
      )
    ).map((r) => String(r['entity_id']));
    expect(descendants.length).toBeGreaterThan(0);
    const sorted = (ids: string[]): string[] =>
      ids
        .map(Number)
        .sort((a, b) => a - b)
        .map(String);

    // url_key: the category and every descendant's urlPath.
    expect(
      await affected('catalog_category_entity_varchar', null, {
        value_id: 1,
        attribute_id: A['url_key']!,
        store_id: 0,
        entity_id: topId,
        value: 'x',
      }),
    ).toEqual(sorted([String(topId), ...descendants]));
    // name: the category alone.
    expect(
      await affected('catalog_category_entity_varchar', null, {
        value_id: 1,
        attribute_id: A['name']!,
        store_id: 0,
        entity_id: topId,
        value: 'x',
      }),
    ).toEqual([String(topId)]);
    // is_active of a top-level category: its parent's children[] and its whole branch's status.
    expect(
      await affected('catalog_category_entity_int', null, {
        value_id: 1,
        attribute_id: A['is_active']!,
        store_id: 0,
        entity_id: topId,
        value: 0,
      }),
    ).toEqual(sorted([...new Set([String(top?.['parent_id']), String(topId), ...descendants])]));
    // A move: the category, both parents, and the subtree whose paths changed.
    expect(
      await affected(
        'catalog_category_entity',
        { entity_id: topId, parent_id: 7, path: `1/2/7/${topId}`, level: 3 },
        { entity_id: topId, parent_id: 2, path: String(top?.['path']), level: 2 },
      ),
    ).toEqual(sorted([...new Set(['2', '7', String(topId), ...descendants])]));
    // children_count / updated_at only: nothing the feed shows.
    expect(
      await affected(
        'catalog_category_entity',
        { entity_id: topId, children_count: 1, updated_at: '2024-01-01 00:00:00' },
        { entity_id: topId, children_count: 2, updated_at: '2024-01-02 00:00:00' },
      ),
    ).toEqual([]);
    // A store group's root category: every category.
    expect(
      await affected(
        'store_group',
        { group_id: 1, root_category_id: 2, code: 'a' },
        { group_id: 1, root_category_id: 3, code: 'a' },
      ),
    ).toEqual(await feed.reader.listEntityIds('0', 100_000));
    expect(await affected('store_group', { group_id: 1, name: 'a' }, { group_id: 1, name: 'b' })).toEqual([]);
    // Config rows (CDC carries path and scope, not the value) of the media URL or the default sort: every category.
    const every = await feed.reader.listEntityIds('0', 100_000);
    const config = (path: string): CdcRow => ({ config_id: 1, scope: 'stores', scope_id: 1, path });
    expect(await affected('core_config_data', null, config('web/unsecure/base_media_url'))).toEqual(every);
    expect(await affected('core_config_data', config('catalog/frontend/default_sort_by'), null)).toEqual(
      every,
    );
    expect(await affected('core_config_data', null, config('general/locale/code'))).toEqual([]);
    // A product attribute becoming sortable changes every category's valid sort options; other flags do not.
    expect(
      await affected(
        'catalog_eav_attribute',
        { attribute_id: 73, used_for_sort_by: 0 },
        { attribute_id: 73, used_for_sort_by: 1 },
      ),
    ).toEqual(every);
    expect(
      await affected(
        'catalog_eav_attribute',
        { attribute_id: 73, is_html_allowed_on_front: 0 },
        { attribute_id: 73, is_html_allowed_on_front: 1 },
      ),
    ).toEqual([]);
    expect(
      await affected(
        'catalog_eav_attribute',
        { attribute_id: A['description']!, is_wysiwyg_enabled: 1 },
        { attribute_id: A['description']!, is_wysiwyg_enabled: 0 },
      ),
    ).toEqual(every);
  });

  it('resolves categories by entity id and names unknown values', async () => {
    expect(await feed.reader.resolveIds(['3', '999999', 'gear'], 'sku')).toEqual({
      ids: ['3'],
      unknown: ['999999', 'gear'],
    });
  });
});

describe('categories feed on the engine', () => {
  const sink = new MemorySink();
  let catalog: ScratchCatalog;
  let state: ScratchFeedState;
  let processor: FeedProcessor;
  let A: Record<string, number>;

  beforeAll(async () => {
    catalog = await openScratchCatalog({ profile: 'small' }, 'categories_engine');
    state = await openScratchFeedState('categories_state');
    processor = state.processor(feedUnderTest(CATEGORIES_FEED, catalog.db), sink);
    A = await attributeIdsByCode(catalog, 'catalog_category');
  });

  afterAll(async () => {
    await state.close();
    await catalog.drop();
  });

  const allIds = async (): Promise<string[]> =>
    (await shopRows(catalog, 'SELECT entity_id FROM catalog_category_entity ORDER BY entity_id')).map((r) =>
      String(r['entity_id']),
    );

  it('sends a url change as the new identity plus the delete of the old one, for the category and its subtree', async () => {
    await processor.sync({ ids: await allIds(), operation: 'full sync' });
    const first = sink.take();
    expect(first.length).toBeGreaterThan(0);
    expect(first.every((m) => !m.deleted)).toBe(true);

    const [top] = await shopRows(
      catalog,
      `SELECT t.entity_id, t.path FROM catalog_category_entity t
        WHERE t.level = 2 AND EXISTS (SELECT 1 FROM catalog_category_entity d WHERE d.parent_id = t.entity_id)
        ORDER BY t.entity_id LIMIT 1`,
    );
    const topId = String(top?.['entity_id']);
    const subtree = (
      await shopRows(
        catalog,
        'SELECT entity_id FROM catalog_category_entity WHERE entity_id = ? OR path LIKE ?',
        [topId, `${String(top?.['path'])}/%`],
      )
    ).map((r) => String(r['entity_id']));
    const before = first.filter((m) => subtree.includes(m.sourceEntityId));
    const storeViewsOf = (id: string): number => before.filter((m) => m.sourceEntityId === id).length;

    await catalog.shop.query(
      'UPDATE catalog_category_entity_varchar SET value = ? WHERE entity_id = ? AND attribute_id = ? AND store_id = 0',
      ['renamed-branch', topId, A['url_key']],
    );
    const feed = feedUnderTest(CATEGORIES_FEED, catalog.db);
    const source = feed.sources.find((s) => s.table === 'catalog_category_entity_varchar');
    const ids = await source!.affectedIds(
      changeEvent('catalog_category_entity_varchar', null, {
        attribute_id: A['url_key']!,
        store_id: 0,
        entity_id: Number(topId),
        value: 'renamed-branch',
      }),
    );
    expect([...ids].sort()).toEqual([...subtree].sort());
    await processor.sync({ ids, operation: 'partial sync' });
    const sent = sink.take();

    const deletes = sent.filter((m) => m.deleted);
    const upserts = sent.filter((m) => !m.deleted);
    // An item whose urlPath changed (store views without their own url key for the branch) is a new identity:
    // the new one is sent and the old one deleted; an item that kept its url is resent under its own identity.
    const now = new Map(
      (await feed.reader.collect(subtree)).map((c) => [
        `${c.sourceEntityId}|${String(c.item['storeViewCode'])}`,
        c.item['urlPath'],
      ]),
    );
    const moved = before.filter(
      (m) => now.get(`${m.sourceEntityId}|${String(m.item['storeViewCode'])}`) !== m.item['urlPath'],
    );
    expect(moved.length).toBeGreaterThan(0);
    expect(deletes.map((m) => m.feedId).sort()).toEqual(moved.map((m) => m.feedId).sort());
    for (const d of deletes) {
      expect(d.item).toMatchObject({ deleted: true, categoryId: d.sourceEntityId });
      expect(String(d.item['urlPath'])).not.toMatch(/^renamed-branch/);
    }
    for (const m of moved) {
      const replacement = upserts.find(
        (u) => u.sourceEntityId === m.sourceEntityId && u.item['storeViewCode'] === m.item['storeViewCode'],
      );
      expect(String(replacement?.item['urlPath'])).toMatch(/^renamed-branch/);
      expect(replacement?.feedId).not.toBe(m.feedId);
    }
    // Every category of the subtree is still there once per store view, under its new or kept url.
    for (const id of subtree) {
      expect(await feed.reader.collect([id])).toHaveLength(storeViewsOf(id));
    }
  });

  it('moves a category: both parents change their children, the subtree its paths', async () => {
    const [leaf] = await shopRows(
      catalog,
      `SELECT c.entity_id, c.parent_id, c.path FROM catalog_category_entity c
        WHERE c.level >= 3 AND NOT EXISTS (SELECT 1 FROM catalog_category_entity k WHERE k.parent_id = c.entity_id)
        ORDER BY c.entity_id LIMIT 1`,
    );
    const [target] = await shopRows(
      catalog,
      `SELECT entity_id, path FROM catalog_category_entity
        WHERE level = 2 AND ? NOT LIKE CONCAT(path, '/%') ORDER BY entity_id DESC LIMIT 1`,
      [leaf?.['path']],
    );
    const leafId = String(leaf?.['entity_id']);
    const oldParent = String(leaf?.['parent_id']);
    const newParent = String(target?.['entity_id']);
    const newPath = `${String(target?.['path'])}/${leafId}`;
    await catalog.shop.query(
      'UPDATE catalog_category_entity SET parent_id = ?, path = ?, level = 3 WHERE entity_id = ?',
      [newParent, newPath, leafId],
    );
    const feed = feedUnderTest(CATEGORIES_FEED, catalog.db);
    const ids = await feed.sources[0]!.affectedIds(
      changeEvent(
        'catalog_category_entity',
        { entity_id: Number(leafId), parent_id: Number(oldParent), path: String(leaf?.['path']) },
        { entity_id: Number(leafId), parent_id: Number(newParent), path: newPath },
      ),
    );
    expect([...ids].sort()).toEqual([leafId, oldParent, newParent].sort());
    await processor.sync({ ids, operation: 'partial sync' });
    const sent = sink.take().filter((m) => !m.deleted && m.item['storeViewCode'] === 'default');
    const item = (id: string): Record<string, unknown> | undefined =>
      sent.find((m) => m.sourceEntityId === id)?.item;
    expect(item(newParent)?.['children']).toContain(leafId);
    expect((item(oldParent)?.['children'] as string[] | null) ?? []).not.toContain(leafId);
    expect(item(leafId)).toMatchObject({ parentId: newParent, path: newPath, level: 3 });
    expect(String(item(leafId)?.['urlPath']).startsWith(`${String(item(newParent)?.['urlPath'])}/`)).toBe(
      true,
    );
  });

  it('sends the deletes of a deleted category in every store view', async () => {
    const [leaf] = await shopRows(
      catalog,
      `SELECT c.entity_id FROM catalog_category_entity c
        WHERE c.level >= 3 AND NOT EXISTS (SELECT 1 FROM catalog_category_entity k WHERE k.parent_id = c.entity_id)
        ORDER BY c.entity_id DESC LIMIT 1`,
    );
    const id = String(leaf?.['entity_id']);
    const before = (await feedUnderTest(CATEGORIES_FEED, catalog.db).reader.collect([id])).length;
    expect(before).toBeGreaterThan(0);
    await catalog.shop.query('DELETE FROM catalog_category_entity WHERE entity_id = ?', [id]);
    await processor.sync({ ids: [id], operation: 'partial sync' });
    const sent = sink.take();
    expect(sent).toHaveLength(before);
    expect(sent.every((m) => m.deleted && m.item['categoryId'] === id && m.item['deleted'] === true)).toBe(
      true,
    );
  });
});
