import { customerGroupCode } from '@cde/contracts';
import type { CdcRow } from '@cde/platform/cdc';
import {
  catalogQuery,
  openScratchCatalog,
  oracleCount,
  shopRows,
  type ScratchCatalog,
} from '@cde/testing/commerce-db';
import {
  changeEvent,
  collectEvery,
  expectSameEntries,
  feedUnderTest,
  MemorySink,
  openScratchFeedState,
  type ScratchFeedState,
  type FeedUnderTest,
} from '@cde/testing/feeds';
import type { AssembledProductOverride } from '../product-overrides/assemble-product-override-items';
import { PRODUCT_OVERRIDES_FEED } from '../product-overrides/product-overrides.feed';
import type { AssembledCategoryPermission } from './assemble-category-permission-items';
import { CATEGORY_PERMISSIONS_FEED } from './category-permissions.feed';

/*
 * Both EE feeds (categoryPermissions, productOverrides) against an SQL oracle that resolves the permission rows
 * its own way: it walks each category's ancestor chain (path prefixes) with window functions and takes, per grant,
 * the nearest non-zero value of the group key before an all-groups-only category ends it, else of the all-groups key.
 */

const CONFIG = 'catalog/magento_catalogpermissions/';

/** The configured fallback per website × group, in SQL: website value, default value, else 1 (everybody). */
const defaultGrant = (grant: string): string => `
  CASE COALESCE(
         (SELECT value FROM core_config_data WHERE path = '${CONFIG}${grant}' AND scope = 'websites' AND scope_id = w.website_id),
         (SELECT value FROM core_config_data WHERE path = '${CONFIG}${grant}' AND scope = 'default' AND scope_id = 0), '1')
    WHEN '0' THEN -2
    WHEN '2' THEN IF(FIND_IN_SET(g.gid, REPLACE(COALESCE(
         (SELECT value FROM core_config_data WHERE path = '${CONFIG}${grant}_groups' AND scope = 'websites' AND scope_id = w.website_id),
         (SELECT value FROM core_config_data WHERE path = '${CONFIG}${grant}_groups' AND scope = 'default' AND scope_id = 0), ''),
         ' ', '')) > 0, -1, -2)
    ELSE -1 END`;

/** First non-NULL value by depth (GROUP_CONCAT skips NULLs). */
const nearest = (expr: string): string =>
  `CAST(SUBSTRING_INDEX(GROUP_CONCAT(${expr} ORDER BY l.depth), ',', 1) AS SIGNED)`;

/**
 * Tables of the oracle in the scratch database, rebuilt on each call: `oracle_idx` = the category index per
 * category × website × group (has_row, v, pr, c after the view → price → checkout deny cascade, NULL =
 * undecided), `oracle_cfg` = the configured defaults per website × group. Materialized step by step so MariaDB
 * does not re-evaluate the grouped steps per outer row.
 */
async function buildOracleTables(catalog: ScratchCatalog): Promise<void> {
  const w = 'SELECT website_id FROM store_website WHERE website_id > 0';
  const g = 'SELECT customer_group_id AS gid FROM customer_group';
  const p = `SELECT * FROM magento_catalogpermissions
              WHERE grant_catalog_category_view <> 0 OR grant_catalog_product_price <> 0 OR grant_checkout_items <> 0`;
  await catalog.shop.query(`
    DROP TABLE IF EXISTS oracle_og, oracle_oa, oracle_lvl, oracle_idx, oracle_cfg;
    CREATE TABLE oracle_og AS SELECT a, website_id, gid, v, pr, c FROM (
      SELECT p.category_id AS a, w.website_id, p.customer_group_id AS gid, p.grant_catalog_category_view AS v,
             p.grant_catalog_product_price AS pr, p.grant_checkout_items AS c,
             ROW_NUMBER() OVER (PARTITION BY p.category_id, w.website_id, p.customer_group_id ORDER BY p.website_id IS NULL) AS rn
        FROM (${p}) p JOIN (${w}) w ON p.website_id IS NULL OR p.website_id = w.website_id
       WHERE p.customer_group_id IS NOT NULL) x WHERE rn = 1;
    CREATE TABLE oracle_oa AS SELECT a, website_id, v, pr, c FROM (
      SELECT p.category_id AS a, w.website_id, p.grant_catalog_category_view AS v,
             p.grant_catalog_product_price AS pr, p.grant_checkout_items AS c,
             ROW_NUMBER() OVER (PARTITION BY p.category_id, w.website_id ORDER BY p.website_id IS NULL) AS rn
        FROM (${p}) p JOIN (${w}) w ON p.website_id IS NULL OR p.website_id = w.website_id
       WHERE p.customer_group_id IS NULL) x WHERE rn = 1;
    CREATE TABLE oracle_lvl AS
      SELECT k.entity_id AS k, w.website_id, g.gid, k.level - a.level AS depth,
             og.a IS NOT NULL AS has_og, og.v AS og_v, og.pr AS og_p, og.c AS og_c,
             oa.a IS NOT NULL AS has_oa, oa.v AS oa_v, oa.pr AS oa_p, oa.c AS oa_c
        FROM catalog_category_entity k
        JOIN catalog_category_entity a ON CONCAT(k.path, '/') LIKE CONCAT(a.path, '/%')
        JOIN (${w}) w JOIN (${g}) g
        LEFT JOIN oracle_og og ON og.a = a.entity_id AND og.website_id = w.website_id AND og.gid = g.gid
        LEFT JOIN oracle_oa oa ON oa.a = a.entity_id AND oa.website_id = w.website_id;
    CREATE TABLE oracle_idx AS
      SELECT k, website_id, gid, has_row, v, pr, IF(pr = -2, -2, c) AS c FROM (
        SELECT k, website_id, gid, (use_g OR a_defined) AS has_row, v, IF(v = -2, -2, pr) AS pr, c FROM (
          SELECT k, website_id, gid, use_g, a_defined,
                 IF(use_g, g_v, IF(a_defined, a_v, NULL)) AS v,
                 IF(use_g, g_p, IF(a_defined, a_p, NULL)) AS pr,
                 IF(use_g, g_c, IF(a_defined, a_c, NULL)) AS c
            FROM (
              SELECT l.k, l.website_id, l.gid, COALESCE(b.og_depth < b.brk, 0) AS use_g, b.a_defined,
                     ${nearest('IF(l.has_og AND l.og_v <> 0 AND l.depth < b.brk, l.og_v, NULL)')} AS g_v,
                     ${nearest('IF(l.has_og AND l.og_p <> 0 AND l.depth < b.brk, l.og_p, NULL)')} AS g_p,
                     ${nearest('IF(l.has_og AND l.og_c <> 0 AND l.depth < b.brk, l.og_c, NULL)')} AS g_c,
                     ${nearest('IF(l.has_oa AND l.oa_v <> 0, l.oa_v, NULL)')} AS a_v,
                     ${nearest('IF(l.has_oa AND l.oa_p <> 0, l.oa_p, NULL)')} AS a_p,
                     ${nearest('IF(l.has_oa AND l.oa_c <> 0, l.oa_c, NULL)')} AS a_c
                FROM oracle_lvl l
                JOIN (SELECT k, website_id, gid, COALESCE(MIN(IF(has_oa AND NOT has_og, depth, NULL)), 999) AS brk,
                             MIN(IF(has_og, depth, NULL)) AS og_depth, MAX(has_oa) AS a_defined
                        FROM oracle_lvl GROUP BY k, website_id, gid) b
                  ON b.k = l.k AND b.website_id = l.website_id AND b.gid = l.gid
               GROUP BY l.k, l.website_id, l.gid, b.brk, b.og_depth, b.a_defined) chain) picked) idx0;
    CREATE TABLE oracle_cfg AS
      SELECT w.website_id, g.gid, ${defaultGrant('grant_catalog_category_view')} AS v,
             ${defaultGrant('grant_catalog_product_price')} AS pr, ${defaultGrant('grant_checkout_items')} AS c
        FROM (${w}) w JOIN (${g}) g;
    ALTER TABLE oracle_idx ADD INDEX (k, website_id, gid);`);
}

/** Reused by both oracles: websites, groups and the materialized index and defaults. */
const RESOLVED = `
WITH
w AS (SELECT website_id FROM store_website WHERE website_id > 0),
g AS (SELECT customer_group_id AS gid FROM customer_group),
idx AS (SELECT * FROM oracle_idx),
cfg AS (SELECT * FROM oracle_cfg)`;

const grantName = (v: unknown): string => (Number(v) === -1 ? 'ALLOW' : 'DENY');

/** Expected categoryPermissions items: own pairs of each category's rows, plus every pair on the root (1). */
async function categoryOracle(catalog: ScratchCatalog): Promise<Map<string, AssembledCategoryPermission>> {
  await buildOracleTables(catalog);
  const found = await shopRows(
    catalog,
    `${RESOLVED},
     pairs AS (SELECT DISTINCT m.category_id AS k, w.website_id, g.gid FROM magento_catalogpermissions m
                 JOIN w ON m.website_id IS NULL OR m.website_id = w.website_id
                 JOIN g ON m.customer_group_id IS NULL OR m.customer_group_id = g.gid
               UNION SELECT 1, w.website_id, g.gid FROM w JOIN g),
     filled AS (SELECT pairs.k, pairs.website_id, pairs.gid,
                       COALESCE(idx.v, cfg.v) AS v, COALESCE(idx.pr, cfg.pr) AS pr, COALESCE(idx.c, cfg.c) AS c
                  FROM pairs JOIN cfg ON cfg.website_id = pairs.website_id AND cfg.gid = pairs.gid
                  LEFT JOIN idx ON idx.k = pairs.k AND idx.website_id = pairs.website_id AND idx.gid = pairs.gid AND idx.has_row)
     SELECT f.k, s.code, f.gid, f.v, IF(f.v = -2, -2, f.pr) AS pr,
            IF(IF(f.v = -2, -2, f.pr) = -2, -2, f.c) AS c
       FROM filled f JOIN store_website s ON s.website_id = f.website_id`,
  );
  return new Map(
    found.map((r) => {
      const item: AssembledCategoryPermission = {
        categoryId: String(r['k']),
        websiteCode: String(r['code']),
        customerGroupCode: customerGroupCode(String(r['gid'])),
        permission: {
          displayable: grantName(r['v']) as 'ALLOW' | 'DENY',
          displayProductPrice: grantName(r['pr']) as 'ALLOW' | 'DENY',
          allowAddToCart: grantName(r['c']) as 'ALLOW' | 'DENY',
        },
      };
      return [`${item.categoryId}|${item.websiteCode}|${String(r['gid'])}`, item];
    }),
  );
}

/**
 * Expected productOverrides items: per product × website the listing categories (assigned ones under the website's
 * roots, their anchor ancestors below the root, the root), per group MAX of the filled index values of those with an
 * index row (ALLOW = -1 > DENY = -2), else the defaults; products with no index row anywhere give nothing.
 */
async function productOracle(catalog: ScratchCatalog): Promise<Map<string, AssembledProductOverride>> {
  await buildOracleTables(catalog);
  const found = await shopRows(
    catalog,
    `${RESOLVED},
     roots AS (SELECT DISTINCT sg.website_id, r.entity_id AS root, r.path AS root_path, r.level AS root_level
                 FROM store_group sg JOIN catalog_category_entity r ON r.entity_id = sg.root_category_id WHERE sg.website_id > 0),
     assigned AS (SELECT pw.product_id, pw.website_id, c.entity_id, c.path, r.root_level
                    FROM catalog_product_website pw
                    JOIN catalog_category_product cp ON cp.product_id = pw.product_id
                    JOIN catalog_category_entity c ON c.entity_id = cp.category_id
                    JOIN roots r ON r.website_id = pw.website_id AND (c.path = r.root_path OR c.path LIKE CONCAT(r.root_path, '/%'))),
     listing AS (SELECT product_id, website_id, entity_id AS l FROM assigned
                 UNION SELECT s.product_id, s.website_id, a.entity_id
                         FROM assigned s
                         JOIN catalog_category_entity a ON s.path LIKE CONCAT(a.path, '/%') AND a.level > s.root_level
                         JOIN eav_attribute ea ON ea.attribute_code = 'is_anchor' AND ea.entity_type_id = 3
                         JOIN catalog_category_entity_int ai
                           ON ai.entity_id = a.entity_id AND ai.attribute_id = ea.attribute_id AND ai.store_id = 0 AND ai.value = 1
                 UNION SELECT pw.product_id, pw.website_id, r.root FROM catalog_product_website pw JOIN roots r ON r.website_id = pw.website_id),
     pg AS (SELECT li.product_id, li.website_id, g.gid, MAX(COALESCE(idx.has_row, 0)) AS any_row,
                   MAX(IF(idx.has_row, COALESCE(idx.v, cfg.v), NULL)) AS v,
                   MAX(IF(idx.has_row, COALESCE(idx.pr, cfg.pr), NULL)) AS pr,
                   MAX(IF(idx.has_row, COALESCE(idx.c, cfg.c), NULL)) AS c
              FROM listing li JOIN g
              JOIN cfg ON cfg.website_id = li.website_id AND cfg.gid = g.gid
              LEFT JOIN idx ON idx.k = li.l AND idx.website_id = li.website_id AND idx.gid = g.gid
             GROUP BY li.product_id, li.website_id, g.gid),
     permitted AS (SELECT product_id FROM pg GROUP BY product_id HAVING MAX(any_row) = 1),
     filled AS (SELECT pw.product_id, pw.website_id, g.gid,
                       COALESCE(pg.v, cfg.v) AS v, COALESCE(pg.pr, cfg.pr) AS pr, COALESCE(pg.c, cfg.c) AS c
                  FROM catalog_product_website pw JOIN permitted USING (product_id) JOIN w USING (website_id) JOIN g
                  JOIN cfg ON cfg.website_id = pw.website_id AND cfg.gid = g.gid
                  LEFT JOIN pg ON pg.product_id = pw.product_id AND pg.website_id = pw.website_id AND pg.gid = g.gid)
     SELECT f.product_id, e.sku, s.code, f.gid,
            f.v = -1 AS displayable,
            f.v = -1 AND IF(f.v = -2, -2, f.pr) = -1 AS price_displayable,
            f.v = -1 AND IF(f.v = -2, -2, f.pr) = -1 AND IF(IF(f.v = -2, -2, f.pr) = -2, -2, f.c) = -1 AS buyable
       FROM filled f JOIN catalog_product_entity e ON e.entity_id = f.product_id
       JOIN store_website s ON s.website_id = f.website_id`,
  );
  return new Map(
    found.map((r) => {
      const item: AssembledProductOverride = {
        sku: String(r['sku']),
        websiteCode: String(r['code']),
        customerGroupCode: customerGroupCode(String(r['gid'])),
        productId: Number(r['product_id']),
        displayable: Number(r['displayable']) === 1,
        buyable: Number(r['buyable']) === 1,
        priceDisplayable: Number(r['price_displayable']) === 1,
      };
      return [`${item.productId}|${item.websiteCode}|${String(r['gid'])}`, item];
    }),
  );
}

const collectAll = <Item extends Record<string, unknown>>(feed: FeedUnderTest<Item>) =>
  collectEvery(feed.reader, 97);

const groupOf = (code: unknown, groups: readonly string[]): string =>
  groups.find((g) => customerGroupCode(g) === code) ?? '?';

describe('EE permission feeds on the Magento 2.4.8 dump (Open Source: no magento_catalogpermissions)', () => {
  let catalog: ScratchCatalog;

  beforeAll(async () => {
    catalog = await openScratchCatalog({ dump: '2.4.8' }, 'permissions_os');
  });

  afterAll(async () => {
    await catalog.drop();
  });

  it('lists nothing, collects nothing and maps no change, without an error', async () => {
    expect(await shopRows(catalog, "SHOW TABLES LIKE 'magento_catalogpermissions'")).toEqual([]);
    const categories = feedUnderTest(CATEGORY_PERMISSIONS_FEED, catalog.db);
    const products = feedUnderTest(PRODUCT_OVERRIDES_FEED, catalog.db);
    expect(await categories.reader.listEntityIds('0', 100)).toEqual([]);
    expect(await products.reader.listEntityIds('0', 100)).toEqual([]);
    expect(await categories.reader.collect(['1', '2', '3'])).toEqual([]);
    expect(await products.reader.collect(['1', '21', '22'])).toEqual([]);
    const events: [FeedUnderTest<Record<string, unknown>>, string, CdcRow][] = [
      [categories, 'magento_catalogpermissions', { permission_id: 1, category_id: 3 }],
      [categories, 'customer_group', { customer_group_id: 9, customer_group_code: 'X', tax_class_id: 3 }],
      [products, 'magento_catalogpermissions', { permission_id: 1, category_id: 3 }],
      [products, 'store_website', { website_id: 9, code: 'x' }],
      [products, 'catalog_category_entity', { entity_id: 3, path: '1/2/3' }],
    ];
    for (const [feed, table, row] of events) {
      const source = feed.sources.find((s) => s.table === table)!;
      const ids = await source.affectedIds(changeEvent(table, null, row));
      expect({ table, ids }).toEqual({ table, ids: [] });
    }
    // A product or assignment change names the product; collecting it gives nothing.
    const assignment = products.sources.find((s) => s.table === 'catalog_category_product')!;
    expect(
      await assignment.affectedIds(
        changeEvent('catalog_category_product', null, { category_id: 3, product_id: 21 }),
      ),
    ).toEqual(['21']);
  });
});

describe('EE permission feeds on a generated small catalog', () => {
  const sink = new MemorySink();
  let catalog: ScratchCatalog;
  let categories: FeedUnderTest<AssembledCategoryPermission>;
  let products: FeedUnderTest<AssembledProductOverride>;
  let groups: string[];
  let feedState: ScratchFeedState;

  beforeAll(async () => {
    catalog = await openScratchCatalog({ profile: 'small' }, 'permissions');
    categories = feedUnderTest(CATEGORY_PERMISSIONS_FEED, catalog.db);
    products = feedUnderTest(PRODUCT_OVERRIDES_FEED, catalog.db);
    groups = (
      await shopRows(catalog, 'SELECT customer_group_id FROM customer_group ORDER BY customer_group_id')
    ).map((r) => String(r['customer_group_id']));
    // Configured defaults: checkout for groups 1 and 2 only; no prices shown in website 2 unless a row says so.
    await catalog.shop.query(
      `INSERT INTO core_config_data (scope, scope_id, path, value) VALUES
         ('default', 0, '${CONFIG}grant_checkout_items', '2'),
         ('default', 0, '${CONFIG}grant_checkout_items_groups', '1,2'),
         ('websites', 2, '${CONFIG}grant_catalog_product_price', '0')`,
    );
    feedState = await openScratchFeedState('permissions_state');
  });

  afterAll(async () => {
    await feedState.close();
    await catalog.drop();
  });

  const categoryItems = async (): Promise<Map<string, AssembledCategoryPermission>> => {
    const all = await collectAll(categories);
    const map = new Map(
      all.map(({ item }) => [
        `${item.categoryId}|${item.websiteCode}|${groupOf(item.customerGroupCode, groups)}`,
        item,
      ]),
    );
    expect(map.size).toBe(all.length);
    return map;
  };

  const productItems = async (): Promise<Map<string, AssembledProductOverride>> => {
    const all = await collectAll(products);
    const map = new Map(
      all.map(({ item }) => [
        `${item.productId}|${item.websiteCode}|${groupOf(item.customerGroupCode, groups)}`,
        item,
      ]),
    );
    expect(map.size).toBe(all.length);
    return map;
  };

  it('categoryPermissions: every row’s pairs and the root’s fallback records, as the SQL oracle resolves them', async () => {
    const actual = await categoryItems();
    expectSameEntries(actual, await categoryOracle(catalog));
    const [websites] = await shopRows(
      catalog,
      'SELECT COUNT(*) AS n FROM store_website WHERE website_id > 0',
    );
    // The fallback records: the configured defaults, per website × group, on category 1.
    const fallback = [...actual.values()].filter((i) => i.categoryId === '1');
    expect(fallback).toHaveLength(Number(websites?.['n']) * groups.length);
    expect(actual.get('1|base|1')?.permission).toEqual({
      displayable: 'ALLOW',
      displayProductPrice: 'ALLOW',
      allowAddToCart: 'ALLOW',
    });
    expect(actual.get('1|base|0')?.permission.allowAddToCart).toBe('DENY');
    expect(actual.get('1|website_2|1')?.permission).toEqual({
      displayable: 'ALLOW',
      displayProductPrice: 'DENY',
      allowAddToCart: 'DENY',
    });
    // Real variety: rows for all websites / all groups expanded, and both grants present.
    const values = [...actual.values()].filter((i) => i.categoryId !== '1');
    expect(new Set(values.map((i) => i.categoryId)).size).toBeGreaterThan(2);
    expect(values.some((i) => i.permission.displayable === 'DENY')).toBe(true);
    expect(values.some((i) => i.permission.displayable === 'ALLOW')).toBe(true);
  });

  it('productOverrides: every product with permissions × website × group, as the SQL oracle computes it', async () => {
    const actual = await productItems();
    expectSameEntries(actual, await productOracle(catalog));
    // Only products with permissions: some, not all.
    const permitted = new Set([...actual.values()].map((i) => i.productId));
    const [count] = await shopRows(catalog, 'SELECT COUNT(*) AS n FROM catalog_product_entity');
    expect(permitted.size).toBeGreaterThan(0);
    expect(permitted.size).toBeLessThan(Number(count?.['n']));
    const flags = [...actual.values()];
    expect(flags.some((i) => !i.displayable)).toBe(true);
    expect(flags.some((i) => i.displayable && !i.priceDisplayable)).toBe(true);
    expect(flags.some((i) => i.buyable)).toBe(true);
    for (const i of flags) {
      if (i.buyable) expect(i.priceDisplayable).toBe(true);
      if (i.priceDisplayable) expect(i.displayable).toBe(true);
    }
  });

  it("holds as many items of both feeds as the shared SQL counts (./dev up's check) say", async () => {
    const query = catalogQuery(catalog);
    expect((await categoryItems()).size).toBe(await oracleCount(query, 'categoryPermissions'));
    expect((await productItems()).size).toBe(await oracleCount(query, 'productOverrides'));
  });

  it('follows inheritance, NULL expansion and ALLOW-wins on rows the test adds, still matching the oracle', async () => {
    // A product in a denied leaf and in an allowing category elsewhere; a child with "use parent" under a parent
    // with a group row; an all-websites row next to a website row for the same group.
    const [leaf] = await shopRows(
      catalog,
      `SELECT c.entity_id, c.path, c.parent_id FROM catalog_category_entity c
        WHERE c.level = 4 AND NOT EXISTS (SELECT 1 FROM magento_catalogpermissions p WHERE p.category_id IN (c.entity_id, c.parent_id))
          AND EXISTS (SELECT 1 FROM catalog_category_product cp WHERE cp.category_id = c.entity_id)
        ORDER BY c.entity_id LIMIT 1`,
    );
    const [other] = await shopRows(
      catalog,
      `SELECT c.entity_id FROM catalog_category_entity c WHERE c.level = 3 AND ? NOT LIKE CONCAT(c.path, '/%')
          AND NOT EXISTS (SELECT 1 FROM magento_catalogpermissions p WHERE p.category_id = c.entity_id)
        ORDER BY c.entity_id LIMIT 1`,
      [leaf?.['path']],
    );
    const [product] = await shopRows(
      catalog,
      `SELECT cp.product_id FROM catalog_category_product cp JOIN catalog_product_website pw ON pw.product_id = cp.product_id AND pw.website_id = 1
        WHERE cp.category_id = ? ORDER BY cp.product_id LIMIT 1`,
      [leaf?.['entity_id']],
    );
    const productId = Number(product?.['product_id']);
    await catalog.shop.query(
      `INSERT INTO magento_catalogpermissions (category_id, website_id, customer_group_id, grant_catalog_category_view, grant_catalog_product_price, grant_checkout_items) VALUES
         (?, 1, 2, -1, -2, -1),
         (?, NULL, 2, 0, 0, -1),
         (?, NULL, NULL, -2, -2, -2),
         (?, 1, 5, -1, -1, -1),
         (?, NULL, 5, -1, -1, -1);
       INSERT IGNORE INTO catalog_category_product (category_id, product_id, position) VALUES (?, ?, 0);`,
      [
        leaf?.['parent_id'],
        leaf?.['entity_id'],
        leaf?.['entity_id'],
        other?.['entity_id'],
        other?.['entity_id'],
        other?.['entity_id'],
        productId,
      ],
    );
    const actualCategories = await categoryItems();
    expectSameEntries(actualCategories, await categoryOracle(catalog));
    const leafId = String(leaf?.['entity_id']);
    // Group 2 on the leaf: its own all-websites group row, "use parent" for view and price from the parent's row.
    expect(actualCategories.get(`${leafId}|base|2`)?.permission).toEqual({
      displayable: 'ALLOW',
      displayProductPrice: 'DENY',
      allowAddToCart: 'DENY',
    });
    expect(actualCategories.get(`${leafId}|base|1`)?.permission.displayable).toBe('DENY');
    const actualProducts = await productItems();
    expectSameEntries(actualProducts, await productOracle(catalog));
    // Group 5: the leaf denies (all groups), the other category allows group 5: ALLOW wins.
    expect(actualProducts.get(`${productId}|base|5`)).toMatchObject({
      displayable: true,
      priceDisplayable: true,
    });
    expect(actualCategories.get(`${leafId}|base|5`)?.permission.displayable).toBe('DENY');
  });

  it('still holds as many items as the shared SQL counts say with the rows the test added', async () => {
    const query = catalogQuery(catalog);
    expect((await categoryItems()).size).toBe(await oracleCount(query, 'categoryPermissions'));
    expect((await productItems()).size).toBe(await oracleCount(query, 'productOverrides'));
  });

  it('maps permission, category, assignment and scope changes to the right entities', async () => {
    const sourceOf = <Item extends Record<string, unknown>>(feed: FeedUnderTest<Item>, table: string) =>
      feed.sources.find((s) => s.table === table)!;
    const affected = async <Item extends Record<string, unknown>>(
      feed: FeedUnderTest<Item>,
      table: string,
      before: CdcRow | null,
      after: CdcRow | null,
    ): Promise<string[]> =>
      [...(await sourceOf(feed, table).affectedIds(changeEvent(table, before, after)))]
        .map(Number)
        .sort((a, b) => a - b)
        .map(String);
    const [top] = await shopRows(
      catalog,
      `SELECT c.entity_id, c.path FROM catalog_category_entity c WHERE c.level = 2
          AND EXISTS (SELECT 1 FROM magento_catalogpermissions p JOIN catalog_category_entity d ON d.entity_id = p.category_id
                       WHERE d.path LIKE CONCAT(c.path, '/%'))
        ORDER BY c.entity_id LIMIT 1`,
    );
    const topId = Number(top?.['entity_id']);
    const descendantsWithRows = (
      await shopRows(
        catalog,
        `SELECT DISTINCT p.category_id FROM magento_catalogpermissions p JOIN catalog_category_entity d ON d.entity_id = p.category_id
          WHERE d.path LIKE ? ORDER BY p.category_id`,
        [`${String(top?.['path'])}/%`],
      )
    ).map((r) => String(r['category_id']));
    expect(descendantsWithRows.length).toBeGreaterThan(0);
    const sorted = (ids: string[]): string[] =>
      [...new Set(ids)]
        .map(Number)
        .sort((a, b) => a - b)
        .map(String);
    expect(await affected(categories, 'magento_catalogpermissions', null, { category_id: topId })).toEqual(
      sorted([String(topId), ...descendantsWithRows]),
    );
    // A move: the same; an update that keeps the path: nothing; a delete: the category.
    expect(
      await affected(
        categories,
        'catalog_category_entity',
        { entity_id: topId, path: '1/2/999' },
        { entity_id: topId, path: top?.['path'] as string },
      ),
    ).toEqual(sorted([String(topId), ...descendantsWithRows]));
    expect(
      await affected(
        categories,
        'catalog_category_entity',
        { entity_id: topId, path: 'x', children_count: 1 },
        { entity_id: topId, path: 'x', children_count: 2 },
      ),
    ).toEqual([]);
    expect(
      await affected(categories, 'catalog_category_entity', { entity_id: 77, path: '1/2/77' }, null),
    ).toEqual(['77']);
    // Defaults and groups reach every item; an unrelated config path or a renamed group nothing.
    const every = await categories.reader.listEntityIds('0', 100_000);
    expect(every[0]).toBe('1');
    expect(
      await affected(categories, 'core_config_data', null, {
        config_id: 1,
        scope: 'default',
        scope_id: 0,
        path: `${CONFIG}grant_checkout_items`,
      }),
    ).toEqual(sorted(every));
    expect(
      await affected(categories, 'core_config_data', null, { config_id: 1, path: 'web/secure/base_url' }),
    ).toEqual([]);
    expect(
      await affected(
        categories,
        'customer_group',
        { customer_group_id: 1, customer_group_code: 'a' },
        { customer_group_id: 1, customer_group_code: 'b' },
      ),
    ).toEqual([]);
    expect(
      await affected(categories, 'customer_group', null, {
        customer_group_id: 9,
        customer_group_code: 'new',
      }),
    ).toEqual(sorted(every));

    // Products: a permission row reaches the products assigned to its subtree.
    const subtreeProducts = (
      await shopRows(
        catalog,
        `SELECT DISTINCT cp.product_id FROM catalog_category_product cp JOIN catalog_category_entity c ON c.entity_id = cp.category_id
          WHERE c.entity_id = ? OR c.path LIKE ?`,
        [topId, `${String(top?.['path'])}/%`],
      )
    ).map((r) => String(r['product_id']));
    expect(subtreeProducts.length).toBeGreaterThan(0);
    expect(await affected(products, 'magento_catalogpermissions', { category_id: topId }, null)).toEqual(
      sorted(subtreeProducts),
    );
    // A row on a website root reaches every product of the website.
    const websiteProducts = (
      await shopRows(
        catalog,
        'SELECT DISTINCT product_id FROM catalog_product_website WHERE website_id IN (SELECT website_id FROM store_group WHERE root_category_id = 2 AND website_id > 0)',
      )
    ).map((r) => String(r['product_id']));
    expect(await affected(products, 'magento_catalogpermissions', null, { category_id: 2 })).toEqual(
      sorted(websiteProducts),
    );
    expect(
      await affected(products, 'catalog_category_product', { category_id: topId, product_id: 5 }, null),
    ).toEqual(['5']);
    expect(
      await affected(products, 'catalog_product_website', null, { product_id: 6, website_id: 2 }),
    ).toEqual(['6']);
    expect(
      await affected(
        products,
        'catalog_product_entity',
        { entity_id: 7, sku: 'a' },
        { entity_id: 7, sku: 'b' },
      ),
    ).toEqual(['7']);
    expect(
      await affected(
        products,
        'catalog_product_entity',
        { entity_id: 7, sku: 'a', has_options: 0 },
        { entity_id: 7, sku: 'a', has_options: 1 },
      ),
    ).toEqual([]);
    const [anchor] = await shopRows(
      catalog,
      "SELECT attribute_id FROM eav_attribute WHERE attribute_code = 'is_anchor' AND entity_type_id = 3",
    );
    expect(
      await affected(products, 'catalog_category_entity_int', null, {
        entity_id: topId,
        attribute_id: Number(anchor?.['attribute_id']),
        store_id: 0,
        value: 0,
      }),
    ).toEqual(sorted(subtreeProducts));
    expect(
      await affected(products, 'catalog_category_entity_int', null, {
        entity_id: topId,
        attribute_id: 1,
        store_id: 0,
        value: 0,
      }),
    ).toEqual([]);
    // A deleted category: its assignments vanished unseen, so every product of its tree's websites.
    expect(
      await affected(products, 'catalog_category_entity', { entity_id: 77, path: '1/2/77' }, null),
    ).toEqual(sorted(websiteProducts));
  });

  it('resolves --by-ids: categories by id, products by SKU or id', async () => {
    const [p] = await shopRows(
      catalog,
      'SELECT entity_id, sku FROM catalog_product_entity ORDER BY entity_id LIMIT 1',
    );
    expect(await products.reader.resolveIds([String(p?.['sku']), 'nope'], 'sku')).toEqual({
      ids: [String(p?.['entity_id'])],
      unknown: ['nope'],
    });
    expect(await products.reader.resolveIds([String(p?.['entity_id'])], 'productId')).toEqual({
      ids: [String(p?.['entity_id'])],
      unknown: [],
    });
    expect(await categories.reader.resolveIds(['3', '999999', 'gear'], 'id')).toEqual({
      ids: ['3'],
      unknown: ['999999', 'gear'],
    });
  });

  it('on the engine: removing a row deletes exactly the items it named, and products that lose all permissions', async () => {
    const categoryProcessor = feedState.processor(categories, sink);
    const productProcessor = feedState.processor(products, sink);
    await categoryProcessor.sync({
      ids: await categories.reader.listEntityIds('0', 100_000),
      operation: 'full sync',
    });
    await productProcessor.sync({
      ids: await products.reader.listEntityIds('0', 100_000),
      operation: 'full sync',
    });
    sink.take();

    // A category with two rows: drop the more specific one. Its pairs that no other row names are deleted.
    const [target] = await shopRows(
      catalog,
      `SELECT p.permission_id, p.category_id, p.website_id, p.customer_group_id FROM magento_catalogpermissions p
        WHERE p.website_id IS NOT NULL AND p.customer_group_id IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM magento_catalogpermissions q WHERE q.category_id = p.category_id AND q.permission_id <> p.permission_id
                            AND (q.website_id IS NULL OR q.website_id = p.website_id) AND (q.customer_group_id IS NULL OR q.customer_group_id = p.customer_group_id))
        ORDER BY p.permission_id LIMIT 1`,
    );
    expect(target).toBeDefined();
    await catalog.shop.query('DELETE FROM magento_catalogpermissions WHERE permission_id = ?', [
      target?.['permission_id'],
    ]);
    const removed = {
      permission_id: Number(target?.['permission_id']),
      category_id: Number(target?.['category_id']),
      website_id: Number(target?.['website_id']),
      customer_group_id: Number(target?.['customer_group_id']),
    };
    const categoryIds = await categories.sources[0]!.affectedIds(
      changeEvent('magento_catalogpermissions', removed, null),
    );
    await categoryProcessor.sync({ ids: categoryIds, operation: 'partial sync' });
    const [website] = await shopRows(catalog, 'SELECT code FROM store_website WHERE website_id = ?', [
      removed.website_id,
    ]);
    const sentCategories = sink.take();
    const deletes = sentCategories.filter((m) => m.deleted);
    expect(
      deletes.map((m) => [m.item['categoryId'], m.item['websiteCode'], m.item['customerGroupCode']]),
    ).toEqual([
      [String(removed.category_id), website?.['code'], customerGroupCode(removed.customer_group_id)],
    ]);

    // Products: drop every row; all override items go, the fallback records of categoryPermissions stay.
    const before = await productItems();
    expect(before.size).toBeGreaterThan(0);
    const all = await shopRows(catalog, 'SELECT permission_id, category_id FROM magento_catalogpermissions');
    await catalog.shop.query('DELETE FROM magento_catalogpermissions');
    const productIds = new Set<string>();
    for (const r of all)
      for (const id of await products.sources[0]!.affectedIds(
        changeEvent(
          'magento_catalogpermissions',
          { permission_id: Number(r['permission_id']), category_id: Number(r['category_id']) },
          null,
        ),
      ))
        productIds.add(id);
    await productProcessor.sync({ ids: [...productIds], operation: 'partial sync' });
    const sentProducts = sink.take();
    expect(sentProducts.length).toBe(before.size);
    expect(sentProducts.every((m) => m.deleted && m.item['deleted'] === true)).toBe(true);
    expect(await products.reader.listEntityIds('0', 10)).toEqual([]);
    const remaining = await collectAll(categories);
    expect(remaining.every((c) => c.item.categoryId === '1')).toBe(true);
    expect(remaining.length).toBeGreaterThan(0);
  });
});
