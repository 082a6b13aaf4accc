import { FEED_NAMES, type FeedName } from '@cde/contracts';
import { shopRows, type ScratchCatalog } from '../scratch-catalog';

/**
 * How many live items each feed should hold for a Commerce DB, counted in plain SQL from Magento's tables and
 * each feed's contract (one item per identity), independently of the feed readers. Read-only: SELECTs only, no
 * temporary tables, so it can run against a shop's database.
 */

/** Runs one read-only query and returns its rows. */
export type OracleQuery = (sql: string, params?: readonly unknown[]) => Promise<Record<string, unknown>[]>;

export interface OracleCountOptions {
  /** The orders feed's full-sync window in days (`CDE_ORDERS_FULL_RESYNC_DAYS`; 0 = every order). */
  readonly ordersFullResyncDays: number;
  /** "Now", for the website's local day of catalog rule prices. */
  readonly now: Date;
}

/** The orders feed's default window (the original's 7 days) and the wall clock. */
const defaults = (): OracleCountOptions => ({ ordersFullResyncDays: 7, now: new Date() });

/** Websites and customer groups as every scope-expanded feed sees them (admin website 0 excluded). */
const WEBSITES = 'SELECT website_id, code FROM store_website WHERE website_id > 0';
const GROUPS = 'SELECT customer_group_id AS gid FROM customer_group';

/** A category's value of a varchar attribute in the store view `s`, else the default's. */
const categoryVarchar = (code: string, entity: string): string => {
  const attribute = `(SELECT a.attribute_id FROM eav_attribute a JOIN eav_entity_type t USING (entity_type_id)
                       WHERE t.entity_type_code = 'catalog_category' AND a.attribute_code = '${code}')`;
  const at = (store: string): string =>
    `(SELECT v.value FROM catalog_category_entity_varchar v
       WHERE v.entity_id = ${entity} AND v.attribute_id = ${attribute} AND v.store_id = ${store})`;
  return `COALESCE(${at('s.store_id')}, ${at('0')})`;
};

/** products: sku × store view, every store view of every website the product is assigned to. */
const PRODUCTS = `
  SELECT COUNT(DISTINCT e.sku, s.code) AS n
    FROM catalog_product_entity e
    JOIN catalog_product_website pw ON pw.product_id = e.entity_id
    JOIN store s ON s.website_id = pw.website_id AND s.store_id > 0
    JOIN store_group g ON g.group_id = s.group_id
    JOIN store_website w ON w.website_id = s.website_id`;

/** productAttributes: attribute code × store view, every catalog_product attribute with catalog properties. */
const PRODUCT_ATTRIBUTES = `
  SELECT COUNT(DISTINCT a.attribute_code, s.code) AS n
    FROM eav_attribute a
    JOIN eav_entity_type t ON t.entity_type_id = a.entity_type_id AND t.entity_type_code = 'catalog_product'
    JOIN catalog_eav_attribute c ON c.attribute_id = a.attribute_id
    JOIN store s ON s.store_id > 0`;

/**
 * categories: url path × store view, the categories below the store view's root category; the url path joins
 * the url keys of the category and its ancestors from level 2 down (store view value, else default), and a
 * category without one has no item.
 */
const CATEGORIES = `
  SELECT COUNT(DISTINCT url_path, store_view) AS n FROM (
    SELECT s.code AS store_view,
           (SELECT GROUP_CONCAT(${categoryVarchar('url_key', 'a.entity_id')} ORDER BY a.level SEPARATOR '/')
              FROM catalog_category_entity a
             WHERE CONCAT(c.path, '/') LIKE CONCAT(a.path, '/%') AND a.level >= 2
               AND ${categoryVarchar('url_key', 'a.entity_id')} IS NOT NULL) AS url_path
      FROM catalog_category_entity c
      JOIN store s ON s.store_id > 0
      JOIN store_group g ON g.group_id = s.group_id
     WHERE c.path LIKE CONCAT('%/', g.root_category_id, '/%')) x
   WHERE url_path <> ''`;

/** variants: parent sku × child sku, every configurable link whose parent and child exist. */
const VARIANTS = `
  SELECT COUNT(DISTINCT p.sku, c.sku) AS n
    FROM catalog_product_super_link l
    JOIN catalog_product_entity p ON p.entity_id = l.parent_id
    JOIN catalog_product_entity c ON c.entity_id = l.product_id`;

/**
 * categoryPermissions: category × website × group, each permission row expanded over the websites and groups it
 * applies to (NULL = all), plus the configured defaults on the tree root (category 1) for every website × group.
 */
const CATEGORY_PERMISSIONS = `
  SELECT COUNT(*) AS n FROM (
    SELECT m.category_id, w.website_id, g.gid
      FROM magento_catalogpermissions m
      JOIN (${WEBSITES}) w ON m.website_id IS NULL OR m.website_id = w.website_id
      JOIN (${GROUPS}) g ON m.customer_group_id IS NULL OR m.customer_group_id = g.gid
    UNION
    SELECT 1, w.website_id, g.gid FROM (${WEBSITES}) w JOIN (${GROUPS}) g) pairs`;

/**
 * productOverrides: sku × website × group, for every website of a product that category permissions reach, and
 * every group. A product is reached when, in one of its websites, a permission row that grants or denies
 * something and applies to that website and to an existing group sits on its website's root category, on one of
 * the product's categories under that root, or on an ancestor of either (permissions inherit down the tree).
 */
const PRODUCT_OVERRIDES = `
  WITH w AS (${WEBSITES}),
  perm AS (SELECT DISTINCT m.category_id, w.website_id
             FROM magento_catalogpermissions m
             JOIN w ON m.website_id IS NULL OR m.website_id = w.website_id
            WHERE (m.grant_catalog_category_view <> 0 OR m.grant_catalog_product_price <> 0
                   OR m.grant_checkout_items <> 0)
              AND (m.customer_group_id IS NULL
                   OR m.customer_group_id IN (SELECT customer_group_id FROM customer_group))),
  covered AS (SELECT DISTINCT k.entity_id, perm.website_id
                FROM catalog_category_entity k
                JOIN catalog_category_entity a ON CONCAT(k.path, '/') LIKE CONCAT(a.path, '/%')
                JOIN perm ON perm.category_id = a.entity_id),
  roots AS (SELECT DISTINCT sg.website_id, r.entity_id, r.path
              FROM store_group sg JOIN catalog_category_entity r ON r.entity_id = sg.root_category_id
             WHERE sg.website_id > 0),
  reached AS (SELECT DISTINCT pw.product_id
                FROM catalog_product_website pw
                JOIN roots r ON r.website_id = pw.website_id
               WHERE EXISTS (SELECT 1 FROM covered cv WHERE cv.entity_id = r.entity_id AND cv.website_id = r.website_id)
              UNION
              SELECT pw.product_id
                FROM catalog_product_website pw
                JOIN roots r ON r.website_id = pw.website_id
                JOIN catalog_category_product cp ON cp.product_id = pw.product_id
                JOIN catalog_category_entity c
                  ON c.entity_id = cp.category_id AND (c.path = r.path OR c.path LIKE CONCAT(r.path, '/%'))
                JOIN covered cv ON cv.entity_id = c.entity_id AND cv.website_id = pw.website_id)
  SELECT COUNT(DISTINCT e.sku, w.code) * (SELECT COUNT(*) FROM customer_group) AS n
    FROM catalog_product_website pw
    JOIN reached USING (product_id)
    JOIN w USING (website_id)
    JOIN catalog_product_entity e ON e.entity_id = pw.product_id`;

/**
 * prices: sku × group × website, per product of each website (configurables and gift cards have no price
 * items): the base item (all groups) and one per group with a group price (a qty-1 tier row of the website or of
 * all websites) or a catalog rule price of the website's local day (`days`: website id → YYYY-MM-DD).
 */
const prices = (days: readonly (readonly [number, string])[]): { sql: string; params: unknown[] } => {
  const today =
    days.length > 0
      ? days.map(() => 'SELECT ? AS website_id, CAST(? AS DATE) AS day').join(' UNION ALL ')
      : 'SELECT NULL AS website_id, NULL AS day FROM DUAL WHERE FALSE';
  return {
    sql: `
  WITH base AS (SELECT e.entity_id, e.sku, w.website_id, w.code
                  FROM catalog_product_entity e
                  JOIN catalog_product_website pw ON pw.product_id = e.entity_id
                  JOIN (${WEBSITES}) w ON w.website_id = pw.website_id
                 WHERE e.type_id NOT IN ('configurable', 'giftcard')),
  today AS (${today}),
  grouped AS (SELECT b.sku, b.code, t.customer_group_id AS gid
                FROM base b
                JOIN catalog_product_entity_tier_price t
                  ON t.entity_id = b.entity_id AND t.website_id IN (0, b.website_id)
               WHERE t.all_groups = 0 AND t.qty = 1
              UNION
              SELECT b.sku, b.code, r.customer_group_id
                FROM base b
                JOIN today d ON d.website_id = b.website_id
                JOIN catalogrule_product_price r
                  ON r.product_id = b.entity_id AND r.website_id = b.website_id AND r.rule_date = d.day)
  SELECT (SELECT COUNT(DISTINCT sku, code) FROM base) + (SELECT COUNT(*) FROM grouped) AS n`,
    params: days.flat(),
  };
};

/** scopesWebsite: one item per website. */
const SCOPES_WEBSITE = `SELECT COUNT(*) AS n FROM store_website WHERE website_id > 0`;

/** scopesCustomerGroup: one item per customer group. */
const SCOPES_CUSTOMER_GROUP = `SELECT COUNT(*) AS n FROM customer_group`;

/** orders: one item per order; a full sync lists the orders updated within its window (0 days: all). */
const ORDERS = `
  SELECT COUNT(*) AS n FROM sales_order WHERE ? = 0 OR updated_at >= UTC_TIMESTAMP() - INTERVAL ? DAY`;

/** The product types that carry stock of their own. */
const STOCKED_TYPES = `('simple', 'virtual', 'downloadable', 'giftcard')`;

/**
 * inventoryStockStatus: stock × sku. With MSI, every stock that links an enabled source holding the product;
 * without, the default stock (1) for every product with a stock item.
 */
const STOCK_STATUS_MSI = `
  SELECT COUNT(DISTINCT l.stock_id, p.sku) AS n
    FROM catalog_product_entity p
    JOIN inventory_source_item si ON si.sku = p.sku
    JOIN inventory_source src ON src.source_code = si.source_code AND src.enabled = 1
    JOIN inventory_source_stock_link l ON l.source_code = si.source_code
    JOIN inventory_stock st ON st.stock_id = l.stock_id
   WHERE p.type_id IN ${STOCKED_TYPES}`;
const STOCK_STATUS_LEGACY = `
  SELECT COUNT(DISTINCT p.sku) AS n
    FROM catalog_product_entity p
    JOIN cataloginventory_stock_item ci ON ci.product_id = p.entity_id AND ci.stock_id = 1
   WHERE p.type_id IN ${STOCKED_TYPES}`;

/** A website's local date (YYYY-MM-DD) at `now` in an IANA time zone. */
export function localDay(now: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

async function count(query: OracleQuery, sql: string, params: readonly unknown[] = []): Promise<number> {
  const [row] = await query(sql, params);
  return Number(row?.['n'] ?? 0);
}

async function hasTable(query: OracleQuery, table: string): Promise<boolean> {
  const found = await query(
    'SELECT 1 FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = ?',
    [table],
  );
  return found.length > 0;
}

/** Each website's local day: its `general/locale/timezone` (website, else default, else UTC). */
async function websiteDays(query: OracleQuery, now: Date): Promise<[number, string][]> {
  const rows = await query(
    `SELECT w.website_id,
            COALESCE((SELECT value FROM core_config_data WHERE path = 'general/locale/timezone'
                         AND scope = 'websites' AND scope_id = w.website_id),
                     (SELECT value FROM core_config_data WHERE path = 'general/locale/timezone'
                         AND scope = 'default' AND scope_id = 0), 'UTC') AS tz
       FROM store_website w WHERE w.website_id > 0`,
  );
  return rows.map((r) => [Number(r['website_id']), localDay(now, String(r['tz']))]);
}

type Counter = (query: OracleQuery, options: OracleCountOptions) => Promise<number>;

/** How each feed is counted. Feeds whose tables the database lacks (Adobe Commerce's permissions) count 0. */
const COUNTERS: Readonly<Record<FeedName, Counter>> = {
  products: (query) => count(query, PRODUCTS),
  productAttributes: (query) => count(query, PRODUCT_ATTRIBUTES),
  categories: (query) => count(query, CATEGORIES),
  variants: (query) => count(query, VARIANTS),
  productOverrides: async (query) =>
    (await hasTable(query, 'magento_catalogpermissions')) ? count(query, PRODUCT_OVERRIDES) : 0,
  categoryPermissions: async (query) =>
    (await hasTable(query, 'magento_catalogpermissions')) ? count(query, CATEGORY_PERMISSIONS) : 0,
  prices: async (query, options) => {
    const { sql, params } = prices(await websiteDays(query, options.now));
    return count(query, sql, params);
  },
  scopesWebsite: (query) => count(query, SCOPES_WEBSITE),
  scopesCustomerGroup: (query) => count(query, SCOPES_CUSTOMER_GROUP),
  orders: (query, options) =>
    count(query, ORDERS, [options.ordersFullResyncDays, options.ordersFullResyncDays]),
  inventoryStockStatus: async (query) =>
    count(query, (await hasTable(query, 'inventory_source_item')) ? STOCK_STATUS_MSI : STOCK_STATUS_LEGACY),
};

/** The SQL count of one feed's live items. */
export function oracleCount(
  query: OracleQuery,
  feed: FeedName,
  options: OracleCountOptions = defaults(),
): Promise<number> {
  return COUNTERS[feed](query, options);
}

/** The SQL count of every feed's live items, one feed after the other. */
export async function oracleCounts(
  query: OracleQuery,
  options: OracleCountOptions = defaults(),
): Promise<Record<FeedName, number>> {
  const counts = {} as Record<FeedName, number>;
  for (const feed of FEED_NAMES) counts[feed] = await COUNTERS[feed](query, options);
  return counts;
}

/** The oracle's queries on a scratch catalog, through the shop's connection. */
export const catalogQuery =
  (catalog: ScratchCatalog): OracleQuery =>
  (sql, params = []) =>
    shopRows(catalog, sql, [...params]);
