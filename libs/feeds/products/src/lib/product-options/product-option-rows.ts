import { groupBy, type StoreUrls } from '@cde/platform/magento';

/*
 * The rows behind the option fields of a batch of products, normalized by the reader: entity ids as strings,
 * small ints as numbers, decimals as the exact strings MySQL returns. `indexProductOptionRows` indexes them for
 * the assemblers, which are pure.
 */

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

/** A value of one entity in one store (0 = default), e.g. a product's `links_title` or a child's `name`. */
export interface ScopedValueRow {
  readonly entity_id: string;
  readonly store_id: number;
  readonly value: string | null;
}

// --- configurable -------------------------------------------------------------------------------------------

/** `catalog_product_super_attribute` ⋈ `eav_attribute` ⋈ `catalog_eav_attribute`. */
export interface SuperAttributeRow {
  readonly product_id: string;
  readonly product_super_attribute_id: string;
  readonly attribute_id: string;
  readonly position: number;
  readonly attribute_code: string;
  readonly frontend_label: string | null;
  /** Swatch settings JSON (`{"swatch_input_type":"visual",…}`); sent as is as `swatchType`. */
  readonly additional_data: string | null;
}

/** `eav_attribute_label`: an attribute's label in a store view. */
export interface AttributeLabelRow {
  readonly attribute_id: string;
  readonly store_id: number;
  readonly value: string | null;
}

/** A child of a configurable (`catalog_product_super_link`) with its default-scope value of a super attribute. */
export interface ChildAttributeValueRow {
  readonly parent_id: string;
  readonly child_id: string;
  readonly attribute_id: string;
  /** The option id the child has (catalog_product_entity_int, store 0). */
  readonly value: string | null;
}

/** `eav_attribute_option`. */
export interface AttributeOptionRow {
  readonly option_id: string;
  readonly attribute_id: string;
  readonly sort_order: number;
}

/** `eav_attribute_option_value`: an option's label in a store (0 = admin/default). */
export interface AttributeOptionValueRow {
  readonly option_id: string;
  readonly store_id: number;
  readonly value: string | null;
}

/** `eav_attribute_option_swatch`: type 0 text, 1 color (`#rrggbb`), 2 image (a media path), 3 empty. */
export interface SwatchRow {
  readonly option_id: string;
  readonly store_id: number;
  readonly type: number;
  readonly value: string | null;
}

// --- custom options -----------------------------------------------------------------------------------------

/** `catalog_product_option`. */
export interface CustomOptionRow {
  readonly option_id: string;
  readonly product_id: string;
  /** field, area, file, date, date_time, time, drop_down, radio, checkbox, multiple. */
  readonly type: string | null;
  readonly is_require: number;
  readonly sku: string | null;
  readonly max_characters: number | null;
  readonly file_extension: string | null;
  readonly image_size_x: number | null;
  readonly image_size_y: number | null;
  readonly sort_order: number;
}

/** `catalog_product_option_title`. */
export interface CustomOptionTitleRow {
  readonly option_id: string;
  readonly store_id: number;
  readonly title: string | null;
}

/** `catalog_product_option_price` (store 0, or each store view of a website with price scope website). */
export interface CustomOptionPriceRow {
  readonly option_id: string;
  readonly store_id: number;
  readonly price: string | null;
  readonly price_type: string | null;
}

/** `catalog_product_option_type_value`: a predefined value of a select-like option. */
export interface CustomOptionValueRow {
  readonly option_type_id: string;
  readonly option_id: string;
  readonly sku: string | null;
  readonly sort_order: number;
}

/** `catalog_product_option_type_title`. */
export interface CustomOptionValueTitleRow {
  readonly option_type_id: string;
  readonly store_id: number;
  readonly title: string | null;
}

/** `catalog_product_option_type_price`. */
export interface CustomOptionValuePriceRow {
  readonly option_type_id: string;
  readonly store_id: number;
  readonly price: string | null;
  readonly price_type: string | null;
}

// --- downloadable -------------------------------------------------------------------------------------------

/** `downloadable_link`. */
export interface DownloadableLinkRow {
  readonly link_id: string;
  readonly product_id: string;
  readonly sort_order: number;
  readonly number_of_downloads: number | null;
  readonly sample_url: string | null;
  readonly sample_file: string | null;
}

/** `downloadable_link_title`. */
export interface DownloadableLinkTitleRow {
  readonly link_id: string;
  readonly store_id: number;
  readonly title: string | null;
}

/** `downloadable_link_price` (website 0 = default). */
export interface DownloadableLinkPriceRow {
  readonly link_id: string;
  readonly website_id: number;
  readonly price: string | null;
}

/** `downloadable_sample`. */
export interface DownloadableSampleRow {
  readonly sample_id: string;
  readonly product_id: string;
  readonly sort_order: number;
}

/** `downloadable_sample_title`. */
export interface DownloadableSampleTitleRow {
  readonly sample_id: string;
  readonly store_id: number;
  readonly title: string | null;
}

// --- bundle -------------------------------------------------------------------------------------------------

/** `catalog_product_bundle_option`. */
export interface BundleOptionRow {
  readonly option_id: string;
  readonly parent_id: string;
  readonly required: number;
  readonly position: number;
  /** select, radio, checkbox, multi. */
  readonly type: string | null;
}

/** `catalog_product_bundle_option_value`: an option's title in a store (0 = default). */
export interface BundleOptionTitleRow {
  readonly option_id: string;
  readonly parent_product_id: string;
  readonly store_id: number;
  readonly title: string | null;
}

/** `catalog_product_bundle_selection` ⋈ the child's sku. */
export interface BundleSelectionRow {
  readonly selection_id: string;
  readonly option_id: string;
  readonly parent_product_id: string;
  readonly product_id: string;
  readonly sku: string;
  readonly position: number;
  readonly is_default: number;
  /** 0 fixed, 1 percent. */
  readonly selection_price_type: number;
  readonly selection_price_value: string;
  readonly selection_qty: string | null;
  readonly selection_can_change_qty: number;
}

/** `catalog_product_bundle_selection_price`: a selection's price on a website. */
export interface BundleSelectionPriceRow {
  readonly selection_id: string;
  readonly website_id: number;
  readonly selection_price_value: string;
}

// --- links, grouped, parents --------------------------------------------------------------------------------

/** `catalog_product_link` (related 1, up-sell 4, cross-sell 5), once per website both products are on. */
export interface ProductLinkRow {
  readonly product_id: string;
  readonly linked_product_id: string;
  readonly link_type_id: number;
  readonly sku: string;
  readonly website_id: number;
}

/** A grouped product's associated product (link type 3), once per website both are on. */
export interface GroupedLinkRow {
  readonly link_id: string;
  readonly product_id: string;
  readonly linked_product_id: string;
  readonly sku: string;
  readonly website_id: number;
  readonly position: number | null;
  readonly qty: string | null;
}

/** `catalog_product_relation` ⋈ the parent, once per website child and parent are both on. */
export interface ParentRow {
  readonly child_id: string;
  readonly parent_id: string;
  readonly sku: string;
  readonly type_id: string;
  /** The parent's default-scope `price_type` (1 = fixed-price bundle). */
  readonly price_type: number | null;
  readonly website_id: number;
}

/** Base URLs of one store view. */
export interface StoreUrlRow extends StoreUrls {
  readonly store_id: number;
}

/** Every row the option fields of a batch need, flat. */
export interface ProductOptionRowSet {
  readonly storeUrls: readonly StoreUrlRow[];
  /** The store view Magento falls back to outside a request (cron, CLI): swatch image URLs use its media URL. */
  readonly defaultStoreId: number | null;
  readonly superAttributes: readonly SuperAttributeRow[];
  readonly attributeLabels: readonly AttributeLabelRow[];
  readonly childAttributeValues: readonly ChildAttributeValueRow[];
  /** The children's `status` per store (0 and the store views). */
  readonly childStatuses: readonly ScopedValueRow[];
  readonly attributeOptions: readonly AttributeOptionRow[];
  readonly attributeOptionValues: readonly AttributeOptionValueRow[];
  readonly swatches: readonly SwatchRow[];
  readonly customOptions: readonly CustomOptionRow[];
  readonly customOptionTitles: readonly CustomOptionTitleRow[];
  readonly customOptionPrices: readonly CustomOptionPriceRow[];
  readonly customOptionValues: readonly CustomOptionValueRow[];
  readonly customOptionValueTitles: readonly CustomOptionValueTitleRow[];
  readonly customOptionValuePrices: readonly CustomOptionValuePriceRow[];
  readonly downloadableLinks: readonly DownloadableLinkRow[];
  readonly downloadableLinkTitles: readonly DownloadableLinkTitleRow[];
  readonly downloadableLinkPrices: readonly DownloadableLinkPriceRow[];
  /** The downloadable products' `links_title` per store. */
  readonly linksTitles: readonly ScopedValueRow[];
  readonly samples: readonly DownloadableSampleRow[];
  readonly sampleTitles: readonly DownloadableSampleTitleRow[];
  readonly bundleOptions: readonly BundleOptionRow[];
  readonly bundleOptionTitles: readonly BundleOptionTitleRow[];
  readonly bundleSelections: readonly BundleSelectionRow[];
  readonly bundleSelectionPrices: readonly BundleSelectionPriceRow[];
  /** The bundle selections' products' `name` per store. */
  readonly selectionNames: readonly ScopedValueRow[];
  readonly productLinks: readonly ProductLinkRow[];
  readonly groupedLinks: readonly GroupedLinkRow[];
  readonly parents: readonly ParentRow[];
}

/** A value per entity and store with the default (store 0) as fallback. */
export class ScopedValues<Value> {
  private readonly byKey = new Map<string, Value>();

  constructor(entries: Iterable<readonly [entity: string, storeId: number, value: Value]>) {
    for (const [entity, storeId, value] of entries) this.byKey.set(`${entity}/${storeId}`, value);
  }

  /** The store's own entry unless missing or null (SQL's `IFNULL(store.x, default.x)`), else the default one. */
  get(entity: string, storeId: number): Value | undefined {
    return this.own(entity, storeId) ?? this.own(entity, 0);
  }

  own(entity: string, storeId: number): Value | undefined {
    return this.byKey.get(`${entity}/${storeId}`);
  }
}

/** The row set indexed by product (and by row id for the per-store children). Built once per batch. */
export interface ProductOptionRows {
  readonly storeUrls: ReadonlyMap<number, StoreUrls>;
  readonly defaultStoreId: number | null;
  readonly superAttributes: ReadonlyMap<string, readonly SuperAttributeRow[]>;
  readonly attributeLabels: ScopedValues<string | null>;
  /** `<parent>/<attribute>` → the children's rows. */
  readonly childAttributeValues: ReadonlyMap<string, readonly ChildAttributeValueRow[]>;
  readonly childStatuses: ScopedValues<string | null>;
  readonly attributeOptions: ReadonlyMap<string, AttributeOptionRow>;
  readonly attributeOptionValues: ScopedValues<string | null>;
  readonly swatches: ScopedValues<SwatchRow>;
  readonly customOptions: ReadonlyMap<string, readonly CustomOptionRow[]>;
  readonly customOptionTitles: ScopedValues<CustomOptionTitleRow>;
  readonly customOptionPrices: ScopedValues<CustomOptionPriceRow>;
  readonly customOptionValues: ReadonlyMap<string, readonly CustomOptionValueRow[]>;
  readonly customOptionValueTitles: ScopedValues<CustomOptionValueTitleRow>;
  readonly customOptionValuePrices: ScopedValues<CustomOptionValuePriceRow>;
  readonly downloadableLinks: ReadonlyMap<string, readonly DownloadableLinkRow[]>;
  readonly downloadableLinkTitles: ScopedValues<string | null>;
  /** Keyed by website id (0 = default). */
  readonly downloadableLinkPrices: ScopedValues<string | null>;
  readonly linksTitles: ScopedValues<string | null>;
  readonly samples: ReadonlyMap<string, readonly DownloadableSampleRow[]>;
  readonly sampleTitles: ScopedValues<string | null>;
  readonly bundleOptions: ReadonlyMap<string, readonly BundleOptionRow[]>;
  /** Keyed by `<parent>/<option>`. */
  readonly bundleOptionTitles: ScopedValues<string | null>;
  /** Keyed by `<parent>/<option>`. */
  readonly bundleSelections: ReadonlyMap<string, readonly BundleSelectionRow[]>;
  /** Keyed by selection and website id; no default entry (the selection row carries it). */
  readonly bundleSelectionPrices: ScopedValues<string>;
  readonly selectionNames: ScopedValues<string | null>;
  readonly productLinks: ReadonlyMap<string, readonly ProductLinkRow[]>;
  readonly groupedLinks: ReadonlyMap<string, readonly GroupedLinkRow[]>;
  readonly parents: ReadonlyMap<string, readonly ParentRow[]>;
}

const scoped = <Row extends { readonly store_id: number }, Value>(
  rows: readonly Row[],
  entity: (row: Row) => string,
  value: (row: Row) => Value,
): ScopedValues<Value> => new ScopedValues(rows.map((r) => [entity(r), r.store_id, value(r)] as const));

/** Indexes a row set for the assemblers (pure). */
export function indexProductOptionRows(set: ProductOptionRowSet): ProductOptionRows {
  return {
    storeUrls: new Map(set.storeUrls.map((r) => [r.store_id, { web: r.web, link: r.link, media: r.media }])),
    defaultStoreId: set.defaultStoreId,
    superAttributes: groupBy(set.superAttributes, (r) => r.product_id),
    attributeLabels: scoped(
      set.attributeLabels,
      (r) => r.attribute_id,
      (r) => r.value,
    ),
    childAttributeValues: groupBy(set.childAttributeValues, (r) => `${r.parent_id}/${r.attribute_id}`),
    childStatuses: scoped(
      set.childStatuses,
      (r) => r.entity_id,
      (r) => r.value,
    ),
    attributeOptions: new Map(set.attributeOptions.map((r) => [r.option_id, r])),
    attributeOptionValues: scoped(
      set.attributeOptionValues,
      (r) => r.option_id,
      (r) => r.value,
    ),
    swatches: scoped(
      set.swatches,
      (r) => r.option_id,
      (r) => r,
    ),
    customOptions: groupBy(set.customOptions, (r) => r.product_id),
    customOptionTitles: scoped(
      set.customOptionTitles,
      (r) => r.option_id,
      (r) => r,
    ),
    customOptionPrices: scoped(
      set.customOptionPrices,
      (r) => r.option_id,
      (r) => r,
    ),
    customOptionValues: groupBy(set.customOptionValues, (r) => r.option_id),
    customOptionValueTitles: scoped(
      set.customOptionValueTitles,
      (r) => r.option_type_id,
      (r) => r,
    ),
    customOptionValuePrices: scoped(
      set.customOptionValuePrices,
      (r) => r.option_type_id,
      (r) => r,
    ),
    downloadableLinks: groupBy(set.downloadableLinks, (r) => r.product_id),
    downloadableLinkTitles: scoped(
      set.downloadableLinkTitles,
      (r) => r.link_id,
      (r) => r.title,
    ),
    downloadableLinkPrices: new ScopedValues(
      set.downloadableLinkPrices.map((r) => [r.link_id, r.website_id, r.price] as const),
    ),
    linksTitles: scoped(
      set.linksTitles,
      (r) => r.entity_id,
      (r) => r.value,
    ),
    samples: groupBy(set.samples, (r) => r.product_id),
    sampleTitles: scoped(
      set.sampleTitles,
      (r) => r.sample_id,
      (r) => r.title,
    ),
    bundleOptions: groupBy(set.bundleOptions, (r) => r.parent_id),
    bundleOptionTitles: scoped(
      set.bundleOptionTitles,
      (r) => `${r.parent_product_id}/${r.option_id}`,
      (r) => r.title,
    ),
    bundleSelections: groupBy(set.bundleSelections, (r) => `${r.parent_product_id}/${r.option_id}`),
    bundleSelectionPrices: new ScopedValues(
      set.bundleSelectionPrices.map((r) => [r.selection_id, r.website_id, r.selection_price_value] as const),
    ),
    selectionNames: scoped(
      set.selectionNames,
      (r) => r.entity_id,
      (r) => r.value,
    ),
    productLinks: groupBy(set.productLinks, (r) => r.product_id),
    groupedLinks: groupBy(set.groupedLinks, (r) => r.product_id),
    parents: groupBy(set.parents, (r) => r.child_id),
  };
}
