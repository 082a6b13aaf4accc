import type { FeedName } from '@cde/contracts';
import { QUANTITY_PRODUCT_IDS } from '@cde/feeds/inventory';
import { keyset, pageKeyset, type CommerceDb, type KeysetQuery } from '@cde/platform/commerce-db';

/**
 * The raw read of a feed's rows: its entity listing and plain SELECTs by id of the tables its reader reads (no
 * joins to resolve, no assembly, no hash). What a feed does beyond this is what it costs: benchmarks report the
 * feed's rate as a ratio of this one, measured in the same run.
 */
export interface RawRead {
  readonly feed: FeedName;
  readonly entities: KeysetQuery;
  /** Each takes the batch's ids for every `?`. */
  readonly queries: readonly string[];
}

const PRODUCT_IDS = keyset(
  'SELECT entity_id AS id FROM catalog_product_entity WHERE entity_id > ? ORDER BY entity_id LIMIT ?',
);

/** The rows the products feed reads per product. */
export const PRODUCT_RAW_READS = [
  'SELECT * FROM catalog_product_entity WHERE entity_id IN (?)',
  'SELECT * FROM catalog_product_entity_varchar WHERE entity_id IN (?)',
  'SELECT * FROM catalog_product_entity_int WHERE entity_id IN (?)',
  'SELECT * FROM catalog_product_entity_decimal WHERE entity_id IN (?)',
  'SELECT * FROM catalog_product_entity_text WHERE entity_id IN (?)',
  'SELECT * FROM catalog_product_entity_datetime WHERE entity_id IN (?)',
  'SELECT * FROM catalog_product_website WHERE product_id IN (?)',
  'SELECT * FROM catalog_category_product WHERE product_id IN (?)',
  `SELECT g.*, v.* FROM catalog_product_entity_media_gallery_value v
     JOIN catalog_product_entity_media_gallery g ON g.value_id = v.value_id WHERE v.entity_id IN (?)`,
  'SELECT * FROM cataloginventory_stock_item WHERE product_id IN (?)',
  "SELECT * FROM url_rewrite WHERE entity_type = 'product' AND entity_id IN (?)",
  'SELECT * FROM catalog_product_super_link WHERE parent_id IN (?) OR product_id IN (?)',
  'SELECT * FROM catalog_product_link WHERE product_id IN (?)',
  'SELECT * FROM catalog_product_option WHERE product_id IN (?)',
] as const;

const CATEGORY_IDS = keyset(
  'SELECT entity_id AS id FROM catalog_category_entity WHERE entity_id > ? ORDER BY entity_id LIMIT ?',
);

export const RAW_READS: Partial<Record<FeedName, RawRead>> = {
  products: { feed: 'products', entities: PRODUCT_IDS, queries: PRODUCT_RAW_READS },
  productAttributes: {
    feed: 'productAttributes',
    entities: keyset(
      'SELECT attribute_id AS id FROM catalog_eav_attribute WHERE attribute_id > ? ORDER BY attribute_id LIMIT ?',
    ),
    queries: [
      'SELECT * FROM eav_attribute WHERE attribute_id IN (?)',
      'SELECT * FROM catalog_eav_attribute WHERE attribute_id IN (?)',
      'SELECT * FROM eav_attribute_label WHERE attribute_id IN (?)',
      `SELECT o.*, v.* FROM eav_attribute_option o
         JOIN eav_attribute_option_value v ON v.option_id = o.option_id WHERE o.attribute_id IN (?)`,
    ],
  },
  categories: {
    feed: 'categories',
    entities: CATEGORY_IDS,
    queries: [
      'SELECT * FROM catalog_category_entity WHERE entity_id IN (?)',
      'SELECT * FROM catalog_category_entity_varchar WHERE entity_id IN (?)',
      'SELECT * FROM catalog_category_entity_int WHERE entity_id IN (?)',
      'SELECT * FROM catalog_category_entity_text WHERE entity_id IN (?)',
      'SELECT * FROM catalog_category_entity_decimal WHERE entity_id IN (?)',
      'SELECT * FROM catalog_category_entity_datetime WHERE entity_id IN (?)',
    ],
  },
  variants: {
    feed: 'variants',
    entities: keyset(
      'SELECT DISTINCT product_id AS id FROM catalog_product_super_link WHERE product_id > ? ORDER BY product_id LIMIT ?',
    ),
    queries: [
      'SELECT * FROM catalog_product_super_link WHERE product_id IN (?)',
      'SELECT * FROM catalog_product_entity WHERE entity_id IN (?)',
      'SELECT * FROM catalog_product_entity_int WHERE entity_id IN (?) AND store_id = 0',
    ],
  },
  productOverrides: {
    feed: 'productOverrides',
    entities: PRODUCT_IDS,
    queries: [
      'SELECT * FROM catalog_product_entity WHERE entity_id IN (?)',
      'SELECT * FROM catalog_product_website WHERE product_id IN (?)',
      'SELECT * FROM catalog_category_product WHERE product_id IN (?)',
    ],
  },
  prices: {
    feed: 'prices',
    entities: PRODUCT_IDS,
    queries: [
      'SELECT * FROM catalog_product_entity WHERE entity_id IN (?)',
      'SELECT * FROM catalog_product_entity_decimal WHERE entity_id IN (?)',
      'SELECT * FROM catalog_product_entity_datetime WHERE entity_id IN (?)',
      'SELECT * FROM catalog_product_entity_int WHERE entity_id IN (?) AND store_id = 0',
      'SELECT * FROM catalog_product_entity_tier_price WHERE entity_id IN (?)',
      'SELECT * FROM catalog_product_website WHERE product_id IN (?)',
      'SELECT * FROM catalog_product_relation WHERE child_id IN (?)',
      'SELECT * FROM catalogrule_product_price WHERE product_id IN (?)',
    ],
  },
  inventoryStockStatus: {
    feed: 'inventoryStockStatus',
    // The feed's own listing: products of the types that hold a quantity.
    entities: QUANTITY_PRODUCT_IDS,
    queries: [
      'SELECT * FROM catalog_product_entity WHERE entity_id IN (?)',
      'SELECT * FROM cataloginventory_stock_item WHERE product_id IN (?)',
      // MSI rows are keyed by SKU: the SKUs of the page's ids, as the reader joins them.
      'SELECT * FROM inventory_source_item WHERE sku IN (SELECT sku FROM catalog_product_entity WHERE entity_id IN (?))',
      // By stock and SKU, the order of the table's only index (as the reader reads it).
      `SELECT r.* FROM inventory_stock st JOIN inventory_reservation r ON r.stock_id = st.stock_id
        WHERE r.sku IN (SELECT sku FROM catalog_product_entity WHERE entity_id IN (?))`,
    ],
  },
  categoryPermissions: {
    feed: 'categoryPermissions',
    entities: keyset(
      'SELECT DISTINCT category_id AS id FROM magento_catalogpermissions WHERE category_id > ? ORDER BY category_id LIMIT ?',
    ),
    queries: [
      'SELECT * FROM catalog_category_entity WHERE entity_id IN (?)',
      'SELECT * FROM magento_catalogpermissions WHERE category_id IN (?)',
    ],
  },
};

/** Entities per second of the feed's raw read, over all its entities in pages of `batch`, and the total. */
export async function measureRawRead(
  db: CommerceDb,
  raw: RawRead,
  batch: number,
): Promise<{ entities: number; rows: number; seconds: number }> {
  let after: string | null = null;
  let entities = 0;
  let rows = 0;
  const started = process.hrtime.bigint();
  for (let page = 0; page < 1_000_000; page++) {
    const ids = await pageKeyset(db, raw.entities, after, batch);
    if (ids.length === 0) break;
    const results = await Promise.all(
      raw.queries.map((sql) =>
        db.query<object>(
          sql,
          Array.from({ length: placeholders(sql) }, () => ids),
        ),
      ),
    );
    for (const r of results) rows += r.length;
    entities += ids.length;
    after = ids[ids.length - 1] ?? after;
  }
  return { entities, rows, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

function placeholders(sql: string): number {
  return (sql.match(/\?/g) ?? []).length;
}
