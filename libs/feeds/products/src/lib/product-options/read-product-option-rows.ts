import { queryByIds, type CommerceDb } from '@cde/platform/commerce-db';
import {
  readAttributeIds,
  readConfigRows,
  STORE_URL_PATHS,
  StoreConfig,
  type ConfigRow,
  type StoreView,
} from '@cde/platform/magento';
import type {
  AttributeLabelRow,
  AttributeOptionRow,
  AttributeOptionValueRow,
  BundleOptionRow,
  BundleOptionTitleRow,
  BundleSelectionPriceRow,
  BundleSelectionRow,
  ChildAttributeValueRow,
  CustomOptionPriceRow,
  CustomOptionRow,
  CustomOptionTitleRow,
  CustomOptionValuePriceRow,
  CustomOptionValueRow,
  CustomOptionValueTitleRow,
  DownloadableLinkPriceRow,
  DownloadableLinkRow,
  DownloadableLinkTitleRow,
  DownloadableSampleRow,
  DownloadableSampleTitleRow,
  GroupedLinkRow,
  ParentRow,
  ProductLinkRow,
  ProductOptionRowSet,
  ScopedValueRow,
  SuperAttributeRow,
  SwatchRow,
} from './product-option-rows';

/** The product the option fields are assembled for (its entity id, sku and Magento type id). */
export interface ProductRef {
  readonly entityId: string;
  readonly sku: string;
  readonly typeId: string;
}

/** Link types the `links` field carries, by id, named as the original's LinkTypeProvider names them. */
export const PRODUCT_LINK_TYPES: ReadonlyMap<number, string> = new Map([
  [1, 'related'],
  [4, 'upsell'],
  [5, 'crosssell'],
]);

/** Magento's link type of a grouped product's associated products. */
export const GROUPED_LINK_TYPE = 3;

type Raw = Record<string, unknown>;

/** A column as text: mysql2 gives strings for decimals and big ids, numbers for small ints. */
const str = (v: unknown): string =>
  typeof v === 'string'
    ? v
    : typeof v === 'number' || typeof v === 'bigint'
      ? String(v)
      : Buffer.isBuffer(v)
        ? v.toString('utf8')
        : JSON.stringify(v);
const nstr = (v: unknown): string | null => (v === null || v === undefined ? null : str(v));
const int = (v: unknown): number => Number(v);
const nint = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** Values of one product attribute for these entities in these stores (0 included), from its typed table. */
async function scopedValues(
  db: CommerceDb,
  table: 'int' | 'varchar',
  attributeId: number | undefined,
  ids: readonly string[],
  storeIds: readonly number[],
): Promise<ScopedValueRow[]> {
  if (attributeId === undefined || ids.length === 0) return [];
  const rows = await queryByIds<Raw>(
    db,
    `SELECT entity_id, store_id, CAST(value AS CHAR) AS value FROM catalog_product_entity_${table}
      WHERE entity_id IN (?) AND attribute_id = ? AND store_id IN (?)`,
    ids,
    [attributeId, storeIds],
  );
  return rows.map((r) => ({
    entity_id: str(r['entity_id']),
    store_id: int(r['store_id']),
    value: nstr(r['value']),
  }));
}

/** The default store view (default website → its default group → its default store). */
async function defaultStoreId(db: CommerceDb): Promise<number | null> {
  const rows = await db.query<{ store_id: number }>(
    `SELECT g.default_store_id AS store_id
       FROM store_website w JOIN store_group g ON g.group_id = w.default_group_id
      WHERE w.is_default = 1 ORDER BY w.website_id LIMIT 1`,
  );
  return rows[0] ? Number(rows[0].store_id) : null;
}

async function readConfigurable(
  db: CommerceDb,
  ids: readonly string[],
  storeIds: readonly number[],
  statusAttributeId: number | undefined,
): Promise<
  Pick<
    ProductOptionRowSet,
    | 'superAttributes'
    | 'attributeLabels'
    | 'childAttributeValues'
    | 'childStatuses'
    | 'attributeOptions'
    | 'attributeOptionValues'
    | 'swatches'
  >
> {
  const superAttributes: SuperAttributeRow[] = (
    await queryByIds<Raw>(
      db,
      `SELECT psa.product_id, psa.product_super_attribute_id, psa.attribute_id, psa.position, ea.attribute_code,
              ea.frontend_label, cea.additional_data
         FROM catalog_product_super_attribute psa
         JOIN eav_attribute ea ON ea.attribute_id = psa.attribute_id
         JOIN catalog_eav_attribute cea ON cea.attribute_id = psa.attribute_id
        WHERE psa.product_id IN (?)
        ORDER BY psa.product_id, psa.position, psa.product_super_attribute_id`,
      ids,
    )
  ).map((r) => ({
    product_id: str(r['product_id']),
    product_super_attribute_id: str(r['product_super_attribute_id']),
    attribute_id: str(r['attribute_id']),
    position: int(r['position']),
    attribute_code: str(r['attribute_code']),
    frontend_label: nstr(r['frontend_label']),
    additional_data: nstr(r['additional_data']),
  }));
  const attributeIds = [...new Set(superAttributes.map((r) => r.attribute_id))];
  const attributeLabels: AttributeLabelRow[] = (
    await queryByIds<Raw>(
      db,
      'SELECT attribute_id, store_id, value FROM eav_attribute_label WHERE attribute_id IN (?) AND store_id IN (?)',
      attributeIds,
      [storeIds],
    )
  ).map((r) => ({
    attribute_id: str(r['attribute_id']),
    store_id: int(r['store_id']),
    value: nstr(r['value']),
  }));
  // The option each child has for each super attribute of its parent (the original reads store 0 only).
  const childAttributeValues: ChildAttributeValueRow[] = (
    await queryByIds<Raw>(
      db,
      `SELECT psl.parent_id, psl.product_id AS child_id, psa.attribute_id, cpi.value
         FROM catalog_product_super_link psl
         JOIN catalog_product_super_attribute psa ON psa.product_id = psl.parent_id
         JOIN catalog_product_entity cpc ON cpc.entity_id = psl.product_id
         JOIN catalog_product_entity_int cpi
           ON cpi.entity_id = psl.product_id AND cpi.store_id = 0 AND cpi.attribute_id = psa.attribute_id
        WHERE psl.parent_id IN (?)
        ORDER BY psl.parent_id, psl.product_id, psa.attribute_id`,
      ids,
    )
  ).map((r) => ({
    parent_id: str(r['parent_id']),
    child_id: str(r['child_id']),
    attribute_id: str(r['attribute_id']),
    value: nstr(r['value']),
  }));
  const childIds = [...new Set(childAttributeValues.map((r) => r.child_id))];
  const optionIds = [...new Set(childAttributeValues.flatMap((r) => (r.value === null ? [] : [r.value])))];
  const [childStatuses, optionRows, optionValueRows, swatchRows] = await Promise.all([
    scopedValues(db, 'int', statusAttributeId, childIds, storeIds),
    queryByIds<Raw>(
      db,
      'SELECT option_id, attribute_id, sort_order FROM eav_attribute_option WHERE option_id IN (?)',
      optionIds,
    ),
    queryByIds<Raw>(
      db,
      'SELECT option_id, store_id, value FROM eav_attribute_option_value WHERE option_id IN (?) AND store_id IN (?)',
      optionIds,
      [storeIds],
    ),
    queryByIds<Raw>(
      db,
      'SELECT option_id, store_id, type, value FROM eav_attribute_option_swatch WHERE option_id IN (?) AND store_id IN (?)',
      optionIds,
      [storeIds],
    ),
  ]);
  const attributeOptions: AttributeOptionRow[] = optionRows.map((r) => ({
    option_id: str(r['option_id']),
    attribute_id: str(r['attribute_id']),
    sort_order: int(r['sort_order']),
  }));
  const attributeOptionValues: AttributeOptionValueRow[] = optionValueRows.map((r) => ({
    option_id: str(r['option_id']),
    store_id: int(r['store_id']),
    value: nstr(r['value']),
  }));
  const swatches: SwatchRow[] = swatchRows.map((r) => ({
    option_id: str(r['option_id']),
    store_id: int(r['store_id']),
    type: int(r['type']),
    value: nstr(r['value']),
  }));
  return {
    superAttributes,
    attributeLabels,
    childAttributeValues,
    childStatuses,
    attributeOptions,
    attributeOptionValues,
    swatches,
  };
}

async function readCustomOptions(
  db: CommerceDb,
  ids: readonly string[],
  storeIds: readonly number[],
): Promise<
  Pick<
    ProductOptionRowSet,
    | 'customOptions'
    | 'customOptionTitles'
    | 'customOptionPrices'
    | 'customOptionValues'
    | 'customOptionValueTitles'
    | 'customOptionValuePrices'
  >
> {
  const [options, titles, prices, values, valueTitles, valuePrices] = await Promise.all([
    queryByIds<Raw>(
      db,
      `SELECT option_id, product_id, type, is_require, sku, max_characters, file_extension, image_size_x,
              image_size_y, sort_order
         FROM catalog_product_option WHERE product_id IN (?) ORDER BY product_id, sort_order, option_id`,
      ids,
    ),
    queryByIds<Raw>(
      db,
      `SELECT t.option_id, t.store_id, t.title
         FROM catalog_product_option o JOIN catalog_product_option_title t ON t.option_id = o.option_id
        WHERE o.product_id IN (?) AND t.store_id IN (?)`,
      ids,
      [storeIds],
    ),
    queryByIds<Raw>(
      db,
      `SELECT p.option_id, p.store_id, p.price, p.price_type
         FROM catalog_product_option o JOIN catalog_product_option_price p ON p.option_id = o.option_id
        WHERE o.product_id IN (?) AND p.store_id IN (?)`,
      ids,
      [storeIds],
    ),
    queryByIds<Raw>(
      db,
      `SELECT v.option_type_id, v.option_id, v.sku, v.sort_order
         FROM catalog_product_option o JOIN catalog_product_option_type_value v ON v.option_id = o.option_id
        WHERE o.product_id IN (?) ORDER BY v.option_id, v.option_type_id`,
      ids,
    ),
    queryByIds<Raw>(
      db,
      `SELECT t.option_type_id, t.store_id, t.title
         FROM catalog_product_option o
         JOIN catalog_product_option_type_value v ON v.option_id = o.option_id
         JOIN catalog_product_option_type_title t ON t.option_type_id = v.option_type_id
        WHERE o.product_id IN (?) AND t.store_id IN (?)`,
      ids,
      [storeIds],
    ),
    queryByIds<Raw>(
      db,
      `SELECT p.option_type_id, p.store_id, p.price, p.price_type
         FROM catalog_product_option o
         JOIN catalog_product_option_type_value v ON v.option_id = o.option_id
         JOIN catalog_product_option_type_price p ON p.option_type_id = v.option_type_id
        WHERE o.product_id IN (?) AND p.store_id IN (?)`,
      ids,
      [storeIds],
    ),
  ]);
  return {
    customOptions: options.map((r): CustomOptionRow => ({
      option_id: str(r['option_id']),
      product_id: str(r['product_id']),
      type: nstr(r['type']),
      is_require: int(r['is_require']),
      sku: nstr(r['sku']),
      max_characters: nint(r['max_characters']),
      file_extension: nstr(r['file_extension']),
      image_size_x: nint(r['image_size_x']),
      image_size_y: nint(r['image_size_y']),
      sort_order: int(r['sort_order']),
    })),
    customOptionTitles: titles.map((r): CustomOptionTitleRow => ({
      option_id: str(r['option_id']),
      store_id: int(r['store_id']),
      title: nstr(r['title']),
    })),
    customOptionPrices: prices.map((r): CustomOptionPriceRow => ({
      option_id: str(r['option_id']),
      store_id: int(r['store_id']),
      price: nstr(r['price']),
      price_type: nstr(r['price_type']),
    })),
    customOptionValues: values.map((r): CustomOptionValueRow => ({
      option_type_id: str(r['option_type_id']),
      option_id: str(r['option_id']),
      sku: nstr(r['sku']),
      sort_order: int(r['sort_order']),
    })),
    customOptionValueTitles: valueTitles.map((r): CustomOptionValueTitleRow => ({
      option_type_id: str(r['option_type_id']),
      store_id: int(r['store_id']),
      title: nstr(r['title']),
    })),
    customOptionValuePrices: valuePrices.map((r): CustomOptionValuePriceRow => ({
      option_type_id: str(r['option_type_id']),
      store_id: int(r['store_id']),
      price: nstr(r['price']),
      price_type: nstr(r['price_type']),
    })),
  };
}

async function readDownloadable(
  db: CommerceDb,
  ids: readonly string[],
  downloadableIds: readonly string[],
  storeIds: readonly number[],
  websiteIds: readonly number[],
  linksTitleAttributeId: number | undefined,
): Promise<
  Pick<
    ProductOptionRowSet,
    | 'downloadableLinks'
    | 'downloadableLinkTitles'
    | 'downloadableLinkPrices'
    | 'linksTitles'
    | 'samples'
    | 'sampleTitles'
  >
> {
  const [links, linkTitles, linkPrices, linksTitles, samples, sampleTitles] = await Promise.all([
    queryByIds<Raw>(
      db,
      `SELECT link_id, product_id, sort_order, number_of_downloads, sample_url, sample_file
         FROM downloadable_link WHERE product_id IN (?) ORDER BY product_id, sort_order, link_id`,
      downloadableIds,
    ),
    queryByIds<Raw>(
      db,
      `SELECT t.link_id, t.store_id, t.title
         FROM downloadable_link l JOIN downloadable_link_title t ON t.link_id = l.link_id
        WHERE l.product_id IN (?) AND t.store_id IN (?)`,
      downloadableIds,
      [storeIds],
    ),
    queryByIds<Raw>(
      db,
      `SELECT p.link_id, p.website_id, p.price
         FROM downloadable_link l JOIN downloadable_link_price p ON p.link_id = l.link_id
        WHERE l.product_id IN (?) AND p.website_id IN (?)`,
      downloadableIds,
      [websiteIds],
    ),
    scopedValues(db, 'varchar', linksTitleAttributeId, downloadableIds, storeIds),
    // Samples come for any product type, as in the original.
    queryByIds<Raw>(
      db,
      `SELECT sample_id, product_id, sort_order
         FROM downloadable_sample WHERE product_id IN (?) ORDER BY product_id, sort_order, sample_id`,
      ids,
    ),
    queryByIds<Raw>(
      db,
      `SELECT t.sample_id, t.store_id, t.title
         FROM downloadable_sample s JOIN downloadable_sample_title t ON t.sample_id = s.sample_id
        WHERE s.product_id IN (?) AND t.store_id IN (?)`,
      ids,
      [storeIds],
    ),
  ]);
  return {
    downloadableLinks: links.map((r): DownloadableLinkRow => ({
      link_id: str(r['link_id']),
      product_id: str(r['product_id']),
      sort_order: int(r['sort_order']),
      number_of_downloads: nint(r['number_of_downloads']),
      sample_url: nstr(r['sample_url']),
      sample_file: nstr(r['sample_file']),
    })),
    downloadableLinkTitles: linkTitles.map((r): DownloadableLinkTitleRow => ({
      link_id: str(r['link_id']),
      store_id: int(r['store_id']),
      title: nstr(r['title']),
    })),
    downloadableLinkPrices: linkPrices.map((r): DownloadableLinkPriceRow => ({
      link_id: str(r['link_id']),
      website_id: int(r['website_id']),
      price: nstr(r['price']),
    })),
    linksTitles,
    samples: samples.map((r): DownloadableSampleRow => ({
      sample_id: str(r['sample_id']),
      product_id: str(r['product_id']),
      sort_order: int(r['sort_order']),
    })),
    sampleTitles: sampleTitles.map((r): DownloadableSampleTitleRow => ({
      sample_id: str(r['sample_id']),
      store_id: int(r['store_id']),
      title: nstr(r['title']),
    })),
  };
}

async function readBundle(
  db: CommerceDb,
  ids: readonly string[],
  storeIds: readonly number[],
  websiteIds: readonly number[],
  nameAttributeId: number | undefined,
): Promise<
  Pick<
    ProductOptionRowSet,
    'bundleOptions' | 'bundleOptionTitles' | 'bundleSelections' | 'bundleSelectionPrices' | 'selectionNames'
  >
> {
  const [options, titles, selections, prices] = await Promise.all([
    queryByIds<Raw>(
      db,
      `SELECT option_id, parent_id, required, position, type
         FROM catalog_product_bundle_option WHERE parent_id IN (?) ORDER BY parent_id, option_id`,
      ids,
    ),
    queryByIds<Raw>(
      db,
      `SELECT option_id, parent_product_id, store_id, title
         FROM catalog_product_bundle_option_value WHERE parent_product_id IN (?) AND store_id IN (?)`,
      ids,
      [storeIds],
    ),
    queryByIds<Raw>(
      db,
      `SELECT s.selection_id, s.option_id, s.parent_product_id, s.product_id, cpe.sku, s.position, s.is_default,
              s.selection_price_type, s.selection_price_value, s.selection_qty, s.selection_can_change_qty
         FROM catalog_product_bundle_selection s JOIN catalog_product_entity cpe ON cpe.entity_id = s.product_id
        WHERE s.parent_product_id IN (?) ORDER BY s.parent_product_id, s.option_id, s.selection_id`,
      ids,
    ),
    queryByIds<Raw>(
      db,
      `SELECT sp.selection_id, sp.website_id, sp.selection_price_value
         FROM catalog_product_bundle_selection s
         JOIN catalog_product_bundle_selection_price sp ON sp.selection_id = s.selection_id
        WHERE s.parent_product_id IN (?) AND sp.website_id IN (?)`,
      ids,
      [websiteIds],
    ),
  ]);
  const bundleSelections = selections.map((r): BundleSelectionRow => ({
    selection_id: str(r['selection_id']),
    option_id: str(r['option_id']),
    parent_product_id: str(r['parent_product_id']),
    product_id: str(r['product_id']),
    sku: str(r['sku']),
    position: int(r['position']),
    is_default: int(r['is_default']),
    selection_price_type: int(r['selection_price_type']),
    selection_price_value: str(r['selection_price_value']),
    selection_qty: nstr(r['selection_qty']),
    selection_can_change_qty: int(r['selection_can_change_qty']),
  }));
  const childIds = [...new Set(bundleSelections.map((r) => r.product_id))];
  return {
    bundleOptions: options.map((r): BundleOptionRow => ({
      option_id: str(r['option_id']),
      parent_id: str(r['parent_id']),
      required: int(r['required']),
      position: int(r['position']),
      type: nstr(r['type']),
    })),
    bundleOptionTitles: titles.map((r): BundleOptionTitleRow => ({
      option_id: str(r['option_id']),
      parent_product_id: str(r['parent_product_id']),
      store_id: int(r['store_id']),
      title: nstr(r['title']),
    })),
    bundleSelections,
    bundleSelectionPrices: prices.map((r): BundleSelectionPriceRow => ({
      selection_id: str(r['selection_id']),
      website_id: int(r['website_id']),
      selection_price_value: str(r['selection_price_value']),
    })),
    selectionNames: await scopedValues(db, 'varchar', nameAttributeId, childIds, storeIds),
  };
}

async function readLinks(
  db: CommerceDb,
  ids: readonly string[],
): Promise<Pick<ProductOptionRowSet, 'productLinks' | 'groupedLinks' | 'parents'>> {
  const [links, grouped, parents] = await Promise.all([
    // A link counts on a website only when both products are on it.
    queryByIds<Raw>(
      db,
      `SELECT l.product_id, l.linked_product_id, l.link_type_id, cpe.sku, pw.website_id
         FROM catalog_product_link l
         JOIN catalog_product_entity cpe ON cpe.entity_id = l.linked_product_id
         JOIN catalog_product_website pw ON pw.product_id = l.product_id
         JOIN catalog_product_website lw ON lw.product_id = l.linked_product_id AND lw.website_id = pw.website_id
        WHERE l.product_id IN (?) AND l.link_type_id IN (?)`,
      ids,
      [[...PRODUCT_LINK_TYPES.keys()]],
    ),
    queryByIds<Raw>(
      db,
      `SELECT l.link_id, l.product_id, l.linked_product_id, cpe.sku, pw.website_id, pos.value AS position,
              qty.value AS qty
         FROM catalog_product_link l
         JOIN catalog_product_entity cpe ON cpe.entity_id = l.linked_product_id
         JOIN catalog_product_website pw ON pw.product_id = l.product_id
         JOIN catalog_product_website lw ON lw.product_id = l.linked_product_id AND lw.website_id = pw.website_id
         LEFT JOIN catalog_product_link_attribute pa
           ON pa.link_type_id = l.link_type_id AND pa.product_link_attribute_code = 'position'
         LEFT JOIN catalog_product_link_attribute_int pos
           ON pos.link_id = l.link_id AND pos.product_link_attribute_id = pa.product_link_attribute_id
         LEFT JOIN catalog_product_link_attribute qa
           ON qa.link_type_id = l.link_type_id AND qa.product_link_attribute_code = 'qty'
         LEFT JOIN catalog_product_link_attribute_decimal qty
           ON qty.link_id = l.link_id AND qty.product_link_attribute_id = qa.product_link_attribute_id
        WHERE l.product_id IN (?) AND l.link_type_id = ${GROUPED_LINK_TYPE}
        ORDER BY l.product_id, l.link_id`,
      ids,
    ),
    // A bundle's fixed price shows in its children's `parents[]` as the type `bundle_fixed`.
    queryByIds<Raw>(
      db,
      `SELECT r.child_id, r.parent_id, p.sku, p.type_id, pt.value AS price_type, cw.website_id
         FROM catalog_product_relation r
         JOIN catalog_product_entity p ON p.entity_id = r.parent_id
         JOIN catalog_product_website cw ON cw.product_id = r.child_id
         JOIN catalog_product_website pw ON pw.product_id = r.parent_id AND pw.website_id = cw.website_id
         LEFT JOIN catalog_product_entity_int pt
           ON pt.entity_id = r.parent_id AND pt.store_id = 0 AND pt.attribute_id = (
                SELECT a.attribute_id FROM eav_attribute a
                  JOIN eav_entity_type t ON t.entity_type_id = a.entity_type_id
                 WHERE t.entity_type_code = 'catalog_product' AND a.attribute_code = 'price_type')
        WHERE r.child_id IN (?)`,
      ids,
    ),
  ]);
  return {
    productLinks: links.map((r): ProductLinkRow => ({
      product_id: str(r['product_id']),
      linked_product_id: str(r['linked_product_id']),
      link_type_id: int(r['link_type_id']),
      sku: str(r['sku']),
      website_id: int(r['website_id']),
    })),
    groupedLinks: grouped.map((r): GroupedLinkRow => ({
      link_id: str(r['link_id']),
      product_id: str(r['product_id']),
      linked_product_id: str(r['linked_product_id']),
      sku: str(r['sku']),
      website_id: int(r['website_id']),
      position: nint(r['position']),
      qty: nstr(r['qty']),
    })),
    parents: parents.map((r): ParentRow => ({
      child_id: str(r['child_id']),
      parent_id: str(r['parent_id']),
      sku: str(r['sku']),
      type_id: str(r['type_id']),
      price_type: nint(r['price_type']),
      website_id: int(r['website_id']),
    })),
  };
}

/**
 * What the products reader has already read for the batch: the option part takes it instead of reading the
 * same config rows and attribute ids again per batch.
 */
export interface ProductBatchContext {
  readonly config: readonly ConfigRow[];
  /** catalog_product attribute ids by code. */
  readonly attributeIds: ReadonlyMap<string, number>;
}

/** Reads every row the option fields of these products need in these store views (a fixed number of queries). */
export async function readProductOptionRowSet(
  db: CommerceDb,
  products: readonly ProductRef[],
  storeViews: readonly StoreView[],
  batch?: ProductBatchContext,
): Promise<ProductOptionRowSet> {
  const ids = [...new Set(products.map((p) => p.entityId))];
  const ofType = (type: string): string[] => [
    ...new Set(products.filter((p) => p.typeId === type).map((p) => p.entityId)),
  ];
  const storeIds = [0, ...new Set(storeViews.map((v) => v.storeId))];
  const websiteIds = [0, ...new Set(storeViews.map((v) => v.websiteId))];
  const [attributeIds, configRows, defaultStore] = await Promise.all([
    batch?.attributeIds ?? readAttributeIds(db, 'catalog_product', ['status', 'name', 'links_title']),
    batch?.config ?? readConfigRows(db, STORE_URL_PATHS),
    defaultStoreId(db),
  ]);
  const config = new StoreConfig(configRows);
  const [configurable, custom, downloadable, bundle, links] = await Promise.all([
    readConfigurable(db, ofType('configurable'), storeIds, attributeIds.get('status')),
    readCustomOptions(db, ids, storeIds),
    readDownloadable(db, ids, ofType('downloadable'), storeIds, websiteIds, attributeIds.get('links_title')),
    readBundle(db, ids, storeIds, websiteIds, attributeIds.get('name')),
    readLinks(db, ids),
  ]);
  return {
    storeUrls: storeViews.map((v) => ({ store_id: v.storeId, ...config.urls(v) })),
    defaultStoreId: defaultStore,
    ...configurable,
    ...custom,
    ...downloadable,
    ...bundle,
    ...links,
  };
}
