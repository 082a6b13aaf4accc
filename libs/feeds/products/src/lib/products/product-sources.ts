import {
  combine,
  everything,
  fanOut,
  type Affected,
  type ChangeMapping,
  type ChangeMappings,
} from '@cde/feed-engine';
import {
  changedAny,
  columnOf,
  describe,
  idsOf,
  onlyChanged,
  optionsOf,
  valuesOf,
  type ChangeEvent,
} from '@cde/platform/cdc';
import {
  queryByIds,
  queryIds,
  type CommerceDb,
  type KeysetQuery,
  type SqlParam,
} from '@cde/platform/commerce-db';
import { PRODUCT_CONFIG_PATHS } from './product-config';

/** A keyset listing of product ids: `sql` ends with `… > ? ORDER BY … LIMIT ?` and selects `id`. */
const keyset = (sql: string, params: readonly SqlParam[]): KeysetQuery => ({ sql, params });

/**
 * The product ids behind a change of a table the item does not key on: categories, options, attributes, stores,
 * config. What can reach many products is a fan-out (keyset listings synced by a background job), so no change
 * makes a handler call grow with the catalog.
 */
export class ProductChanges {
  constructor(private readonly db: CommerceDb) {}

  /** Products assigned to these websites (their items exist in the websites' store views). */
  ofWebsites(websiteIds: readonly string[], reason: string): Affected {
    const websites = [...new Set(websiteIds)];
    if (websites.length === 0) return [];
    return fanOut(
      reason,
      websites.map((website) =>
        keyset(
          `SELECT product_id AS id FROM catalog_product_website
            WHERE website_id = ? AND product_id > ? ORDER BY product_id LIMIT ?`,
          [website],
        ),
      ),
    );
  }

  /** Products of the websites with these codes (a sales channel names its website by code). */
  async ofWebsiteCodes(codes: readonly string[], reason: string): Promise<Affected> {
    if (codes.length === 0) return [];
    return this.ofWebsitesOf('SELECT website_id FROM store_website WHERE code IN (?)', [codes], reason);
  }

  /** Products of the store view's website (a store-scope config value). */
  async ofStore(storeId: string, reason: string): Promise<Affected> {
    return this.ofWebsitesOf('SELECT website_id FROM store WHERE store_id = ?', [storeId], reason);
  }

  /** Products of the websites a lookup selects (`website_id`). */
  private async ofWebsitesOf(sql: string, params: readonly SqlParam[], reason: string): Promise<Affected> {
    const rows = await this.db.query<{ website_id: string | number }>(sql, params);
    return this.ofWebsites(
      rows.map((r) => String(r.website_id)),
      reason,
    );
  }

  /** Products assigned to the category, and to its descendants too when its url key or place in the tree changed. */
  async ofCategory(categoryId: string, withDescendants: boolean, reason: string): Promise<Affected> {
    if (!withDescendants) {
      return fanOut(reason, [
        keyset(
          `SELECT product_id AS id FROM catalog_category_product
            WHERE category_id = ? AND product_id > ? ORDER BY product_id LIMIT ?`,
          [categoryId],
        ),
      ]);
    }
    const rows = await this.db.query<{ path: string }>(
      'SELECT path FROM catalog_category_entity WHERE entity_id = ?',
      [categoryId],
    );
    const path = rows[0]?.path;
    if (path === undefined) return [];
    return fanOut(reason, [
      keyset(
        `SELECT DISTINCT ccp.product_id AS id FROM catalog_category_product ccp
           JOIN catalog_category_entity c ON c.entity_id = ccp.category_id
          WHERE (c.entity_id = ? OR c.path LIKE ?) AND ccp.product_id > ? ORDER BY ccp.product_id LIMIT ?`,
        [categoryId, `${path}/%`],
      ),
    ]);
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
  withAttributeValues(attributeId: string, backendTypes: readonly string[], reason: string): Affected {
    const types = [...new Set(backendTypes)].filter((t) =>
      ['int', 'varchar', 'text', 'decimal', 'datetime'].includes(t),
    );
    if (types.length === 0) return [];
    return fanOut(
      reason,
      types.map((type) =>
        keyset(
          `SELECT DISTINCT entity_id AS id FROM catalog_product_entity_${type}
            WHERE attribute_id = ? AND entity_id > ? ORDER BY entity_id LIMIT ?`,
          [attributeId],
        ),
      ),
    );
  }

  /**
   * Products whose value of the option's attribute is the option (select, int table) or contains it
   * (multiselect, comma-separated in the varchar table). Configurables showing it in their options are the option
   * fields' mapping (PRODUCT_OPTION_SOURCES).
   */
  async usingOption(attributeId: string, optionId: string, reason: string): Promise<Affected> {
    const attribute = await this.productAttribute(attributeId);
    if (!attribute) return [];
    if (attribute.backendType === 'varchar' || attribute.backendType === 'text')
      return fanOut(reason, [
        keyset(
          `SELECT DISTINCT entity_id AS id FROM catalog_product_entity_${attribute.backendType}
            WHERE attribute_id = ? AND FIND_IN_SET(?, value) > 0 AND entity_id > ? ORDER BY entity_id LIMIT ?`,
          [attributeId, optionId],
        ),
      ]);
    if (attribute.backendType === 'int')
      return fanOut(reason, [
        keyset(
          `SELECT DISTINCT entity_id AS id FROM catalog_product_entity_int
            WHERE attribute_id = ? AND value = ? AND entity_id > ? ORDER BY entity_id LIMIT ?`,
          [attributeId, optionId],
        ),
      ]);
    return [];
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
  async ofTaxClass(classId: string, reason: string): Promise<Affected> {
    const rows = await this.db.query<{ attribute_id: string | number }>(
      `SELECT a.attribute_id FROM eav_attribute a JOIN eav_entity_type t ON t.entity_type_id = a.entity_type_id
        WHERE a.attribute_code = 'tax_class_id' AND t.entity_type_code = 'catalog_product'`,
    );
    const attributeId = rows[0]?.attribute_id;
    if (attributeId === undefined) return [];
    return fanOut(reason, [
      keyset(
        `SELECT DISTINCT entity_id AS id FROM catalog_product_entity_int
          WHERE attribute_id = ? AND value = ? AND entity_id > ? ORDER BY entity_id LIMIT ?`,
        [String(attributeId), classId],
      ),
    ]);
  }

  /** Products of this attribute set (ac_attribute_set shows its name). */
  ofAttributeSet(setId: string, reason: string): Affected {
    return fanOut(reason, [
      keyset(
        `SELECT entity_id AS id FROM catalog_product_entity
          WHERE attribute_set_id = ? AND entity_id > ? ORDER BY entity_id LIMIT ?`,
        [setId],
      ),
    ]);
  }

  /**
   * A move (path) re-publishes the products of the category and its descendants (their url paths change); a
   * delete cascades catalog_category_product without binlog rows, so every product is re-read.
   */
  async onCategoryEntity(event: ChangeEvent): Promise<Affected> {
    if (event.op === 'd') return everything(`category ${describe(event)}`);
    if (event.op !== 'u' || !changedAny(event, ['path', 'parent_id'])) return [];
    return this.ofCategory(String(event.after['entity_id']), true, `category moved: ${describe(event)}`);
  }

  /** The url keys of the category and its ancestors make the descendants' categoryPath. */
  async onCategoryVarchar(event: ChangeEvent): Promise<Affected> {
    const attributeId = columnOf(event, 'attribute_id');
    const categoryId = columnOf(event, 'entity_id');
    if (attributeId === null || categoryId === null || !changedAny(event, ['value', 'store_id'])) return [];
    if ((await this.categoryAttributeCode(attributeId)) !== 'url_key') return [];
    return this.ofCategory(categoryId, true, `category url key: ${describe(event)}`);
  }

  /** An inactive category leaves categoryData; it affects the category itself only, as in the original. */
  async onCategoryInt(event: ChangeEvent): Promise<Affected> {
    const attributeId = columnOf(event, 'attribute_id');
    const categoryId = columnOf(event, 'entity_id');
    if (attributeId === null || categoryId === null || !changedAny(event, ['value', 'store_id'])) return [];
    if ((await this.categoryAttributeCode(attributeId)) !== 'is_active') return [];
    return this.ofCategory(categoryId, false, `category status: ${describe(event)}`);
  }

  /** An option row: the products whose value is (or contains) it; a sort order alone shows nowhere. */
  async onOption(event: ChangeEvent): Promise<Affected> {
    if (onlyChanged(event, ['sort_order'])) return [];
    return combine(
      await Promise.all(
        optionsOf(event).map(({ attributeId, optionId }) =>
          this.usingOption(attributeId, optionId, `option ${optionId} of attribute ${attributeId}`),
        ),
      ),
    );
  }

  /** An option's label or swatch: the products using the option (the row names the option only). */
  async onOptionLabel(event: ChangeEvent): Promise<Affected> {
    const options = await this.optionAttribute(idsOf(event, 'option_id'));
    return combine(
      await Promise.all(
        options.map(({ attributeId, optionId }) =>
          this.usingOption(attributeId, optionId, `label of option ${optionId}`),
        ),
      ),
    );
  }

  /**
   * A product attribute's code, user-defined flag, backend or source decide whether and how attributes[] shows
   * it. A deleted one's values cascade away without binlog rows: every product is re-read.
   */
  async onAttribute(event: ChangeEvent): Promise<Affected> {
    const entityType = columnOf(event, 'entity_type_id');
    if (event.op === 'c' || event.op === 'r' || entityType === null) return [];
    if (!(await this.isProductEntityType(entityType))) return [];
    if (event.op === 'd') {
      const listed =
        String(event.before['is_user_defined']) === '1' ||
        ['news_from_date', 'news_to_date'].includes(String(event.before['attribute_code']));
      return listed && event.before['backend_type'] !== 'static'
        ? everything(`attribute ${describe(event)}`)
        : [];
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
    return this.withAttributeValues(
      String(event.after['attribute_id']),
      valuesOf(event, 'backend_type'),
      `attribute ${describe(event)}`,
    );
  }

  onAttributeSet(event: ChangeEvent): Affected {
    if (event.op === 'c' || event.op === 'r' || !changedAny(event, ['attribute_set_name'])) return [];
    return this.ofAttributeSet(
      String(columnOf(event, 'attribute_set_id')),
      `attribute set ${describe(event)}`,
    );
  }

  onTaxClass(event: ChangeEvent): Promise<Affected> | Affected {
    if (event.op === 'c' || event.op === 'r' || !changedAny(event, ['class_name'])) return [];
    return this.ofTaxClass(String(columnOf(event, 'class_id')), `tax class ${describe(event)}`);
  }

  /** A store view: its items appear or go (products of its website); name, order and active flag show nowhere. */
  onStore(event: ChangeEvent): Affected {
    if (onlyChanged(event, ['name', 'sort_order', 'is_active'])) return [];
    return this.ofWebsites(websitesOf(event), `store view ${describe(event)}`);
  }

  /** A store group: its code (storeCode) and root category (categoryData) show in its views' items. */
  onStoreGroup(event: ChangeEvent): Affected {
    if (onlyChanged(event, ['name', 'default_store_id'])) return [];
    return this.ofWebsites(websitesOf(event), `store group ${describe(event)}`);
  }

  /** A website's code shows in its items; a deleted website's product assignments cascade away unseen. */
  onWebsite(event: ChangeEvent): Affected {
    if (event.op === 'c' || event.op === 'r') return [];
    if (event.op === 'd') return everything(`website ${describe(event)}`);
    if (!changedAny(event, ['code'])) return [];
    return this.ofWebsites(websitesOf(event), `website code ${describe(event)}`);
  }

  /** The config product items show (currency, weight unit, stock threshold and settings, base URLs), by scope. */
  onConfig(event: ChangeEvent): Promise<Affected> | Affected {
    if (!valuesOf(event, 'path').some((p) => PRODUCT_CONFIG_PATHS.includes(p))) return [];
    if (!changedAny(event, ['value', 'scope', 'scope_id', 'path'])) return [];
    const reason = `config ${valuesOf(event, 'path').join(', ')}`;
    const scopes = new Set(valuesOf(event, 'scope'));
    const scopeIds = valuesOf(event, 'scope_id');
    // A row that moved between scopes, or a default-scope one, concerns every product.
    if (scopes.size !== 1 || scopeIds.length !== 1) return everything(reason);
    if (scopes.has('websites')) return this.ofWebsites(scopeIds, reason);
    if (scopes.has('stores')) return this.ofStore(scopeIds[0] ?? '0', reason);
    return everything(reason);
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

/** The website ids of a row before and after, without the admin website. */
function websitesOf(event: ChangeEvent): string[] {
  return valuesOf(event, 'website_id').filter((w) => w !== '0');
}

/** A table keyed by a product column: the product, unless the update changed only columns no item shows. */
function direct(column: string, ignored: readonly string[] = []): ChangeMapping<ProductChanges> {
  return (event) => (ignored.length > 0 && onlyChanged(event, ignored) ? [] : idsOf(event, column));
}

/**
 * Change mapping of the products feed: the original's mview subscriptions (each by its product column, a child's
 * relation also naming the child) plus what its plugins and invalidations handle in code — categories, option
 * labels, attributes, stores, config — and the tables it reads without subscribing (url_rewrite, stock status,
 * tax classes, attribute sets). Updates of columns no item shows are ignored.
 */
export const PRODUCT_SOURCES: ChangeMappings<ProductChanges> = {
  // has_options / required_options are bookkeeping for the options, which show their own rows.
  catalog_product_entity: direct('entity_id', ['has_options', 'required_options']),
  catalog_product_website: direct('product_id'),
  catalog_product_entity_int: direct('entity_id'),
  catalog_product_entity_varchar: direct('entity_id'),
  catalog_product_entity_text: direct('entity_id'),
  catalog_product_entity_decimal: direct('entity_id'),
  catalog_product_entity_datetime: direct('entity_id'),
  catalog_product_entity_gallery: direct('entity_id'),
  catalog_product_entity_media_gallery: (event, changes) => changes.ofMedia(idsOf(event, 'value_id')),
  catalog_product_entity_media_gallery_value: direct('entity_id'),
  catalog_product_entity_media_gallery_value_to_entity: direct('entity_id'),
  catalog_product_entity_media_gallery_value_video: (event, changes) =>
    changes.ofMedia(idsOf(event, 'value_id')),
  catalog_category_product: direct('product_id'),
  // The original subscribes by child (its parents[]); the parent's options and variants change too.
  catalog_product_relation: (event) => [
    ...new Set([...idsOf(event, 'child_id'), ...idsOf(event, 'parent_id')]),
  ],
  cataloginventory_stock_item: direct('product_id', STOCK_ITEM_UNSHOWN),
  cataloginventory_stock_status: direct('product_id'),
  inventory_source_item: (event, changes) => changes.ofSkus(valuesOf(event, 'sku')),
  inventory_stock_sales_channel: (event, changes) =>
    changes.ofWebsiteCodes(valuesOf(event, 'code'), `sales channel ${describe(event)}`),
  url_rewrite: (event) =>
    [event.before, event.after].some((row) => row?.['entity_type'] === 'product')
      ? idsOf(event, 'entity_id')
      : [],
  catalog_category_entity: (event, changes) => changes.onCategoryEntity(event),
  catalog_category_entity_varchar: (event, changes) => changes.onCategoryVarchar(event),
  catalog_category_entity_int: (event, changes) => changes.onCategoryInt(event),
  eav_attribute_option: (event, changes) => changes.onOption(event),
  eav_attribute_option_value: (event, changes) => changes.onOptionLabel(event),
  eav_attribute_option_swatch: (event, changes) => changes.onOptionLabel(event),
  eav_attribute: (event, changes) => changes.onAttribute(event),
  eav_attribute_set: (event, changes) => changes.onAttributeSet(event),
  tax_class: (event, changes) => changes.onTaxClass(event),
  store: (event, changes) => changes.onStore(event),
  store_group: (event, changes) => changes.onStoreGroup(event),
  store_website: (event, changes) => changes.onWebsite(event),
  core_config_data: (event, changes) => changes.onConfig(event),
};
