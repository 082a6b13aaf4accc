import type { FeedSource } from '@cde/feed-engine';
import type { ChangeEvent } from '@cde/platform/cdc';
import type { CommerceDb, SqlParam } from '@cde/platform/commerce-db';
import { changedAny, columnOf, idsOf, onlyChanged, optionsOf, valuesOf } from '../shared/change-ids';
import { everyId, idsAfter, listProductIds } from '../shared/keyset';
import { queryByIds, queryIds } from '../shared/sql';
import { PRODUCT_CONFIG_PATHS } from './store-config';

/** Ids per keyset page when a change touches many products (a website, a category tree, the whole catalog). */
export const AFFECTED_PAGE = 10_000;

/**
 * The product ids behind a change of a table the item does not key on: categories, options, attributes, stores,
 * config. Each lookup pages through its ids (keyset), so a change touching the whole catalog stays bounded.
 */
export class ProductChanges {
  constructor(private readonly db: CommerceDb) {}

  /** Keyset over a query whose last two placeholders are `id > ?` and `LIMIT ?` and whose column is `id`. */
  private paged(sql: string, params: readonly SqlParam[]): Promise<string[]> {
    return everyId((after, limit) => idsAfter(this.db, sql, after, limit, params), AFFECTED_PAGE);
  }

  /** Every product: what the original does by invalidating the feed (store, website, config changes). */
  all(): Promise<string[]> {
    return everyId((after, limit) => listProductIds(this.db, after, limit), AFFECTED_PAGE);
  }

  /** Products assigned to these websites (their items exist in the websites' store views). */
  async ofWebsites(websiteIds: readonly string[]): Promise<string[]> {
    const out = new Set<string>();
    for (const website of new Set(websiteIds)) {
      for (const id of await this.paged(
        `SELECT product_id AS id FROM catalog_product_website
          WHERE website_id = ? AND product_id > ? ORDER BY product_id LIMIT ?`,
        [website],
      ))
        out.add(id);
    }
    return [...out];
  }

  /** Products of the websites with these codes (a sales channel names its website by code). */
  async ofWebsiteCodes(codes: readonly string[]): Promise<string[]> {
    if (codes.length === 0) return [];
    const rows = await this.db.query<{ website_id: string | number }>(
      'SELECT website_id FROM store_website WHERE code IN (?)',
      [codes],
    );
    return this.ofWebsites(rows.map((r) => String(r.website_id)));
  }

  /** Products of the store view's website (a store-scope config value). */
  async ofStore(storeId: string): Promise<string[]> {
    const rows = await this.db.query<{ website_id: string | number }>(
      'SELECT website_id FROM store WHERE store_id = ?',
      [storeId],
    );
    return this.ofWebsites(rows.map((r) => String(r.website_id)));
  }

  /** Products assigned to the category, and to its descendants too when its url key or place in the tree changed. */
  async ofCategory(categoryId: string, withDescendants: boolean): Promise<string[]> {
    if (!withDescendants) {
      return this.paged(
        `SELECT product_id AS id FROM catalog_category_product
          WHERE category_id = ? AND product_id > ? ORDER BY product_id LIMIT ?`,
        [categoryId],
      );
    }
    const rows = await this.db.query<{ path: string }>(
      'SELECT path FROM catalog_category_entity WHERE entity_id = ?',
      [categoryId],
    );
    const path = rows[0]?.path;
    if (path === undefined) return [];
    return this.paged(
      `SELECT DISTINCT ccp.product_id AS id FROM catalog_category_product ccp
         JOIN catalog_category_entity c ON c.entity_id = ccp.category_id
        WHERE (c.entity_id = ? OR c.path LIKE ?) AND ccp.product_id > ? ORDER BY ccp.product_id LIMIT ?`,
      [categoryId, `${path}/%`],
    );
  }

  /** A catalog_category attribute's code by id (url_key, is_active): the category value tables key on ids. */
  async categoryAttributeCode(attributeId: string): Promise<string | undefined> {
    const rows = await this.db.query<{ attribute_code: string }>(
      `SELECT a.attribute_code FROM eav_attribute a JOIN eav_entity_type t ON t.entity_type_id = a.entity_type_id
        WHERE a.attribute_id = ? AND t.entity_type_code = 'catalog_category'`,
      [attributeId],
    );
    return rows[0]?.attribute_code;
  }

  /** A catalog_product attribute: its code, backend type and input, or undefined for another entity type's. */
  async productAttribute(
    attributeId: string,
  ): Promise<{ code: string; backendType: string; frontendInput: string | null } | undefined> {
    const rows = await this.db.query<{
      attribute_code: string;
      backend_type: string;
      frontend_input: string | null;
    }>(
      `SELECT a.attribute_code, a.backend_type, a.frontend_input
         FROM eav_attribute a JOIN eav_entity_type t ON t.entity_type_id = a.entity_type_id
        WHERE a.attribute_id = ? AND t.entity_type_code = 'catalog_product'`,
      [attributeId],
    );
    const row = rows[0];
    return row
      ? { code: row.attribute_code, backendType: row.backend_type, frontendInput: row.frontend_input }
      : undefined;
  }

  /** Whether the entity type id is catalog_product's (an eav_attribute row names its type by id). */
  async isProductEntityType(entityTypeId: string): Promise<boolean> {
    const rows = await this.db.query<{ entity_type_code: string }>(
      'SELECT entity_type_code FROM eav_entity_type WHERE entity_type_id = ?',
      [entityTypeId],
    );
    return rows[0]?.entity_type_code === 'catalog_product';
  }

  /** Products with a value of this attribute in its backend table(s), any store. */
  async withAttributeValues(attributeId: string, backendTypes: readonly string[]): Promise<string[]> {
    const out = new Set<string>();
    for (const type of new Set(backendTypes)) {
      if (!['int', 'varchar', 'text', 'decimal', 'datetime'].includes(type)) continue;
      for (const id of await this.paged(
        `SELECT DISTINCT entity_id AS id FROM catalog_product_entity_${type}
          WHERE attribute_id = ? AND entity_id > ? ORDER BY entity_id LIMIT ?`,
        [attributeId],
      ))
        out.add(id);
    }
    return [...out];
  }

  /**
   * Products whose value of the option's attribute is the option (select, int table) or contains it
   * (multiselect, comma-separated in the varchar table). Configurables showing it in their options are the option
   * fields' mapping (PRODUCT_OPTION_SOURCES).
   */
  async usingOption(attributeId: string, optionId: string): Promise<string[]> {
    const attribute = await this.productAttribute(attributeId);
    if (!attribute) return [];
    return attribute.backendType === 'varchar' || attribute.backendType === 'text'
      ? await this.paged(
          `SELECT DISTINCT entity_id AS id FROM catalog_product_entity_${attribute.backendType}
              WHERE attribute_id = ? AND FIND_IN_SET(?, value) > 0 AND entity_id > ? ORDER BY entity_id LIMIT ?`,
          [attributeId, optionId],
        )
      : attribute.backendType === 'int'
        ? await this.paged(
            `SELECT DISTINCT entity_id AS id FROM catalog_product_entity_int
                WHERE attribute_id = ? AND value = ? AND entity_id > ? ORDER BY entity_id LIMIT ?`,
            [attributeId, optionId],
          )
        : [];
  }

  /** The option's attribute, while the option exists (a label row names its option only). */
  async optionAttribute(optionIds: readonly string[]): Promise<{ attributeId: string; optionId: string }[]> {
    const rows = await queryByIds<{ attribute_id: string | number; option_id: string | number }>(
      this.db,
      'SELECT attribute_id, option_id FROM eav_attribute_option WHERE option_id IN (?)',
      optionIds,
    );
    return rows.map((r) => ({ attributeId: String(r.attribute_id), optionId: String(r.option_id) }));
  }

  /** Products of these gallery entries (catalog_product_entity_media_gallery_value_to_entity). */
  ofMedia(valueIds: readonly string[]): Promise<string[]> {
    return queryIds(
      this.db,
      'SELECT entity_id AS id FROM catalog_product_entity_media_gallery_value_to_entity WHERE value_id IN (?)',
      valueIds,
    );
  }

  /** Products by sku (MSI keys its rows by sku). */
  ofSkus(skus: readonly string[]): Promise<string[]> {
    return queryIds(this.db, 'SELECT entity_id AS id FROM catalog_product_entity WHERE sku IN (?)', skus);
  }

  /** Products of this tax class (their taxClassId and ac_tax_class show its name). */
  async ofTaxClass(classId: string): Promise<string[]> {
    const rows = await this.db.query<{ attribute_id: string | number }>(
      `SELECT a.attribute_id FROM eav_attribute a JOIN eav_entity_type t ON t.entity_type_id = a.entity_type_id
        WHERE a.attribute_code = 'tax_class_id' AND t.entity_type_code = 'catalog_product'`,
    );
    const attributeId = rows[0]?.attribute_id;
    if (attributeId === undefined) return [];
    return this.paged(
      `SELECT DISTINCT entity_id AS id FROM catalog_product_entity_int
        WHERE attribute_id = ? AND value = ? AND entity_id > ? ORDER BY entity_id LIMIT ?`,
      [String(attributeId), classId],
    );
  }

  /** Products of this attribute set (ac_attribute_set shows its name). */
  ofAttributeSet(setId: string): Promise<string[]> {
    return this.paged(
      `SELECT entity_id AS id FROM catalog_product_entity
        WHERE attribute_set_id = ? AND entity_id > ? ORDER BY entity_id LIMIT ?`,
      [setId],
    );
  }
}

/** Columns of cataloginventory_stock_item that no item shows (ac_inventory shows the sale settings only). */
const STOCK_ITEM_UNSHOWN = [
  'item_id',
  'stock_id',
  'qty',
  'min_qty',
  'use_config_min_qty',
  'is_qty_decimal',
  'is_in_stock',
  'low_stock_date',
  'notify_stock_qty',
  'use_config_notify_stock_qty',
  'stock_status_changed_auto',
  'is_decimal_divided',
];

/** Product EAV tables of the original's mview (entity_id). */
const PRODUCT_VALUE_TABLES = [
  'catalog_product_entity_int',
  'catalog_product_entity_varchar',
  'catalog_product_entity_text',
  'catalog_product_entity_decimal',
  'catalog_product_entity_datetime',
] as const;

/** Every table `productSources` maps (the declaration needs them before a DB connection exists). */
export const PRODUCT_TABLES = [
  'catalog_product_entity',
  'catalog_product_website',
  ...PRODUCT_VALUE_TABLES,
  'catalog_product_entity_gallery',
  'catalog_product_entity_media_gallery',
  'catalog_product_entity_media_gallery_value',
  'catalog_product_entity_media_gallery_value_to_entity',
  'catalog_product_entity_media_gallery_value_video',
  'catalog_category_product',
  'catalog_product_relation',
  'cataloginventory_stock_item',
  'cataloginventory_stock_status',
  'inventory_source_item',
  'inventory_stock_sales_channel',
  'url_rewrite',
  'catalog_category_entity',
  'catalog_category_entity_varchar',
  'catalog_category_entity_int',
  'eav_attribute',
  'eav_attribute_option',
  'eav_attribute_option_value',
  'eav_attribute_option_swatch',
  'eav_attribute_set',
  'tax_class',
  'store',
  'store_group',
  'store_website',
  'core_config_data',
] as const;

/**
 * Change mapping of the products feed: the original's mview subscriptions (each by its product column, a child's
 * relation also naming the child) plus what its plugins and invalidations handle in code — categories, option
 * labels, attributes, stores, config — and the tables it reads without subscribing (url_rewrite, stock status,
 * tax classes, attribute sets). Updates of columns no item shows are ignored.
 */
export function productSources(db: CommerceDb): FeedSource[] {
  const changes = new ProductChanges(db);
  const direct = (table: string, column: string, ignored: readonly string[] = []): FeedSource => ({
    table,
    affectedIds: (event) => (ignored.length > 0 && onlyChanged(event, ignored) ? [] : idsOf(event, column)),
  });
  const websitesOf = (event: ChangeEvent): string[] => valuesOf(event, 'website_id').filter((w) => w !== '0');

  return [
    // has_options / required_options are bookkeeping for the options, which show their own rows.
    direct('catalog_product_entity', 'entity_id', ['has_options', 'required_options']),
    direct('catalog_product_website', 'product_id'),
    ...PRODUCT_VALUE_TABLES.map((table) => direct(table, 'entity_id')),
    direct('catalog_product_entity_gallery', 'entity_id'),
    direct('catalog_product_entity_media_gallery_value', 'entity_id'),
    direct('catalog_product_entity_media_gallery_value_to_entity', 'entity_id'),
    {
      table: 'catalog_product_entity_media_gallery',
      affectedIds: (event) => changes.ofMedia(idsOf(event, 'value_id')),
    },
    {
      table: 'catalog_product_entity_media_gallery_value_video',
      affectedIds: (event) => changes.ofMedia(idsOf(event, 'value_id')),
    },
    direct('catalog_category_product', 'product_id'),
    // The original subscribes by child (its parents[]); the parent's options and variants change too.
    {
      table: 'catalog_product_relation',
      affectedIds: (event) => [...new Set([...idsOf(event, 'child_id'), ...idsOf(event, 'parent_id')])],
    },
    direct('cataloginventory_stock_item', 'product_id', STOCK_ITEM_UNSHOWN),
    direct('cataloginventory_stock_status', 'product_id'),
    {
      table: 'inventory_source_item',
      affectedIds: (event) => changes.ofSkus(valuesOf(event, 'sku')),
    },
    {
      table: 'inventory_stock_sales_channel',
      affectedIds: (event) => changes.ofWebsiteCodes(valuesOf(event, 'code')),
    },
    {
      table: 'url_rewrite',
      affectedIds: (event) =>
        [event.before, event.after].some((row) => row?.['entity_type'] === 'product')
          ? idsOf(event, 'entity_id')
          : [],
    },
    {
      // A move (path) re-publishes the products of the category and its descendants (their url paths change);
      // a delete cascades catalog_category_product without binlog rows, so every product is re-read.
      table: 'catalog_category_entity',
      affectedIds: async (event) => {
        if (event.op === 'd') return changes.all();
        if (event.op !== 'u' || !changedAny(event, ['path', 'parent_id'])) return [];
        return changes.ofCategory(String(event.after['entity_id']), true);
      },
    },
    {
      table: 'catalog_category_entity_varchar',
      affectedIds: async (event) => {
        const attributeId = columnOf(event, 'attribute_id');
        const categoryId = columnOf(event, 'entity_id');
        if (attributeId === null || categoryId === null || !changedAny(event, ['value', 'store_id']))
          return [];
        // The url keys of the category and its ancestors make the descendants' categoryPath.
        if ((await changes.categoryAttributeCode(attributeId)) !== 'url_key') return [];
        return changes.ofCategory(categoryId, true);
      },
    },
    {
      table: 'catalog_category_entity_int',
      affectedIds: async (event) => {
        const attributeId = columnOf(event, 'attribute_id');
        const categoryId = columnOf(event, 'entity_id');
        if (attributeId === null || categoryId === null || !changedAny(event, ['value', 'store_id']))
          return [];
        // An inactive category leaves categoryData; it affects the category itself only, as in the original.
        if ((await changes.categoryAttributeCode(attributeId)) !== 'is_active') return [];
        return changes.ofCategory(categoryId, false);
      },
    },
    {
      table: 'eav_attribute_option',
      affectedIds: async (event) => {
        if (onlyChanged(event, ['sort_order'])) return [];
        const out = new Set<string>();
        for (const { attributeId, optionId } of optionsOf(event)) {
          for (const id of await changes.usingOption(attributeId, optionId)) out.add(id);
        }
        return [...out];
      },
    },
    ...(['eav_attribute_option_value', 'eav_attribute_option_swatch'] as const).map((table): FeedSource => ({
      table,
      affectedIds: async (event) => {
        const out = new Set<string>();
        for (const { attributeId, optionId } of await changes.optionAttribute(idsOf(event, 'option_id'))) {
          for (const id of await changes.usingOption(attributeId, optionId)) out.add(id);
        }
        return [...out];
      },
    })),
    {
      // A product attribute's code, user-defined flag, backend or source decide whether and how attributes[] shows
      // it. A deleted one's values cascade away without binlog rows: every product is re-read.
      table: 'eav_attribute',
      affectedIds: async (event) => {
        const entityType = columnOf(event, 'entity_type_id');
        if (event.op === 'c' || event.op === 'r' || entityType === null) return [];
        if (!(await changes.isProductEntityType(entityType))) return [];
        if (event.op === 'd') {
          const listed =
            String(event.before['is_user_defined']) === '1' ||
            ['news_from_date', 'news_to_date'].includes(String(event.before['attribute_code']));
          return listed && event.before['backend_type'] !== 'static' ? changes.all() : [];
        }
        if (
          !changedAny(event, [
            'attribute_code',
            'is_user_defined',
            'backend_type',
            'source_model',
            'frontend_input',
          ])
        )
          return [];
        return changes.withAttributeValues(
          String(event.after['attribute_id']),
          valuesOf(event, 'backend_type'),
        );
      },
    },
    {
      table: 'eav_attribute_set',
      affectedIds: (event) =>
        event.op === 'c' || event.op === 'r' || !changedAny(event, ['attribute_set_name'])
          ? []
          : changes.ofAttributeSet(String(columnOf(event, 'attribute_set_id'))),
    },
    {
      table: 'tax_class',
      affectedIds: (event) =>
        event.op === 'c' || event.op === 'r' || !changedAny(event, ['class_name'])
          ? []
          : changes.ofTaxClass(String(columnOf(event, 'class_id'))),
    },
    {
      // A store view: its items appear or go (products of its website); name, order and active flag show nowhere.
      table: 'store',
      affectedIds: (event) =>
        onlyChanged(event, ['name', 'sort_order', 'is_active']) ? [] : changes.ofWebsites(websitesOf(event)),
    },
    {
      // A store group: its code (storeCode) and root category (categoryData) show in its views' items.
      table: 'store_group',
      affectedIds: (event) =>
        onlyChanged(event, ['name', 'default_store_id']) ? [] : changes.ofWebsites(websitesOf(event)),
    },
    {
      // A website's code shows in its items; a deleted website's product assignments cascade away unseen.
      table: 'store_website',
      affectedIds: (event) => {
        if (event.op === 'c' || event.op === 'r') return [];
        if (event.op === 'd') return changes.all();
        if (!changedAny(event, ['code'])) return [];
        return changes.ofWebsites(websitesOf(event));
      },
    },
    {
      // The config product items show (currency, weight unit, stock threshold and settings, base URLs), by scope.
      table: 'core_config_data',
      affectedIds: (event) => {
        if (!valuesOf(event, 'path').some((p) => PRODUCT_CONFIG_PATHS.includes(p))) return [];
        if (!changedAny(event, ['value', 'scope', 'scope_id', 'path'])) return [];
        const scopes = new Set(valuesOf(event, 'scope'));
        const scopeIds = valuesOf(event, 'scope_id');
        // A row that moved between scopes, or a default-scope one, concerns every product.
        if (scopes.size !== 1 || scopeIds.length !== 1) return changes.all();
        if (scopes.has('websites')) return changes.ofWebsites(scopeIds);
        if (scopes.has('stores')) return changes.ofStore(scopeIds[0] ?? '0');
        return changes.all();
      },
    },
  ];
}
