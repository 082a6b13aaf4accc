import { PRODUCT_ATTRIBUTE_MINIMAL_PAYLOAD, type ResyncIdType } from '@cde/contracts';
import { allUnlessOnlyChanged, collectEach, type CollectedItem } from '@cde/feed-engine';
import { idsOf, type ChangeEvent } from '@cde/platform/cdc';
import { keyset, queryByIds, type CommerceDb } from '@cde/platform/commerce-db';
import { readStoreViews, type ResolvedIds } from '@cde/platform/magento';
import { CatalogReader, defineCatalogFeed } from '../catalog-feed';
import {
  assembleProductAttributeItems,
  indexAttributeLabels,
  type AssembledProductAttribute,
  type AttributeLabelRow,
  type AttributeOptionValueRow,
  type ProductAttributeRow,
} from './assemble-product-attribute-items';

/** Product attributes that are in the feed: entity type catalog_product with a catalog_eav_attribute row. */
const PRODUCT_ATTRIBUTES_FROM = `FROM eav_attribute a
  JOIN eav_entity_type t ON t.entity_type_id = a.entity_type_id AND t.entity_type_code = 'catalog_product'
  JOIN catalog_eav_attribute c ON c.attribute_id = a.attribute_id`;

const ATTRIBUTE_SELECT = `SELECT a.attribute_id, a.attribute_code, a.backend_type, a.frontend_input, a.frontend_label,
       a.frontend_class, a.is_required, a.is_unique, a.is_user_defined, c.is_global, c.is_visible, c.is_searchable,
       c.is_filterable, c.is_comparable, c.used_in_product_listing, c.used_for_sort_by, c.is_visible_on_front,
       c.is_filterable_in_search, c.search_weight, c.is_used_for_price_rules
  ${PRODUCT_ATTRIBUTES_FROM}
 WHERE a.attribute_id IN (?)`;

const PRODUCT_ATTRIBUTE_IDS = keyset(
  `SELECT a.attribute_id AS id ${PRODUCT_ATTRIBUTES_FROM} WHERE a.attribute_id > ? ORDER BY a.attribute_id LIMIT ?`,
);

/* Columns whose change cannot alter an item: the feed does not show them. */
const STORE_IRRELEVANT = ['name', 'sort_order', 'is_active'];
const GROUP_IRRELEVANT = ['name', 'root_category_id', 'default_store_id'];
const WEBSITE_IRRELEVANT = ['name', 'sort_order', 'default_group_id', 'is_default'];

export type ProductAttributeCollected = CollectedItem<AssembledProductAttribute>;

/** Attributes are named by code (the default, like a SKU for products) or by attribute id. */
async function resolveAttributeIds(
  db: CommerceDb,
  values: readonly string[],
  idType: ResyncIdType,
): Promise<ResolvedIds> {
  if (values.length === 0) return { ids: [], unknown: [] };
  const byCode = idType === 'sku';
  const rows = await queryByIds<{ attribute_id: string; attribute_code: string }>(
    db,
    `SELECT a.attribute_id, a.attribute_code ${PRODUCT_ATTRIBUTES_FROM}
      WHERE ${byCode ? 'a.attribute_code' : 'a.attribute_id'} IN (?) ORDER BY a.attribute_id`,
    values,
  );
  const found = new Set(rows.map((r) => (byCode ? r.attribute_code : String(r.attribute_id))));
  return {
    ids: rows.map((r) => String(r.attribute_id)),
    unknown: values.filter((v) => !found.has(v)),
  };
}

export class ProductAttributesReader extends CatalogReader<AssembledProductAttribute> {
  constructor(db: CommerceDb) {
    super(db, { list: PRODUCT_ATTRIBUTE_IDS, resolve: resolveAttributeIds });
  }

  protected async read(ids: readonly string[]): Promise<ProductAttributeCollected[]> {
    const [storeViews, attributes, labels, options] = await Promise.all([
      readStoreViews(this.db),
      queryByIds<ProductAttributeRow>(this.db, `${ATTRIBUTE_SELECT} ORDER BY a.attribute_id`, ids),
      queryByIds<AttributeLabelRow>(
        this.db,
        `SELECT attribute_id, store_id, value FROM eav_attribute_label
          WHERE attribute_id IN (?) AND store_id > 0 ORDER BY attribute_label_id`,
        ids,
      ),
      queryByIds<AttributeOptionValueRow>(
        this.db,
        `SELECT o.attribute_id, v.option_id, v.store_id, v.value
           FROM eav_attribute_option o JOIN eav_attribute_option_value v ON v.option_id = o.option_id
          WHERE o.attribute_id IN (?) ORDER BY v.option_id, v.store_id`,
        ids,
      ),
    ]);
    const index = indexAttributeLabels(labels, options);
    return collectEach(
      attributes,
      (attribute) => attribute.attribute_id,
      (attribute) => assembleProductAttributeItems(attribute, storeViews, index),
    );
  }

  /** Attributes of these options (an option's labels changed); a deleted option has its own event. */
  async attributesOfOptions(optionIds: readonly string[]): Promise<string[]> {
    const rows = await queryByIds<{ attribute_id: string }>(
      this.db,
      'SELECT DISTINCT attribute_id FROM eav_attribute_option WHERE option_id IN (?)',
      optionIds,
    );
    return rows.map((r) => String(r.attribute_id));
  }
}

const byAttribute = (event: ChangeEvent): string[] => idsOf(event, 'attribute_id');

/**
 * productAttributes: one item per product attribute (with catalog_eav_attribute) × store view, admin excluded,
 * identity attributeCode + storeViewCode; a deleted attribute produces nothing, so the engine sends its deletes.
 */
export const PRODUCT_ATTRIBUTES_FEED = defineCatalogFeed({
  feed: 'productAttributes',
  minimalPayload: PRODUCT_ATTRIBUTE_MINIMAL_PAYLOAD,
  reader: (db) => new ProductAttributesReader(db),
  changes: (reader) => reader,
  sources: {
    eav_attribute: byAttribute,
    catalog_eav_attribute: byAttribute,
    eav_attribute_label: byAttribute,
    eav_attribute_option: byAttribute,
    eav_attribute_option_value: (event, reader) => reader.attributesOfOptions(idsOf(event, 'option_id')),
    // Every item carries its store view's codes, and there is one item per store view.
    store: allUnlessOnlyChanged(STORE_IRRELEVANT),
    store_group: allUnlessOnlyChanged(GROUP_IRRELEVANT),
    store_website: allUnlessOnlyChanged(WEBSITE_IRRELEVANT),
  },
});
