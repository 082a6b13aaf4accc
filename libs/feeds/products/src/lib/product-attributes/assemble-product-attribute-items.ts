import type { ProductAttributeFeedItem } from '@cde/contracts';
import type { StoreView } from '@cde/platform/magento';

/**
 * A product attribute as the original's ProductMetadataQuery reads it: eav_attribute (entity type catalog_product)
 * joined with its catalog_eav_attribute row. Attributes without that row are not in the feed.
 */
export interface ProductAttributeRow {
  readonly attribute_id: number | string;
  readonly attribute_code: string;
  readonly backend_type: string;
  readonly frontend_input: string | null;
  readonly frontend_label: string | null;
  /** The validation class (`validate-number`…), which makes an attribute numeric. */
  readonly frontend_class: string | null;
  readonly is_required: number | string;
  readonly is_unique: number | string;
  readonly is_user_defined: number | string;
  readonly is_global: number | string;
  readonly is_visible: number | string;
  readonly is_searchable: number | string;
  readonly is_filterable: number | string;
  readonly is_comparable: number | string;
  readonly used_in_product_listing: number | string;
  readonly used_for_sort_by: number | string;
  readonly is_visible_on_front: number | string;
  readonly is_filterable_in_search: number | string;
  readonly search_weight: number | string;
  readonly is_used_for_price_rules: number | string;
}

/** A row of eav_attribute_label: the attribute's label in one store view. */
export interface AttributeLabelRow {
  readonly attribute_id: number | string;
  readonly store_id: number | string;
  readonly value: string | null;
}

/** A row of eav_attribute_option_value with its option's attribute: one option label in one store (0 = admin). */
export interface AttributeOptionValueRow {
  readonly attribute_id: number | string;
  readonly option_id: number | string;
  readonly store_id: number | string;
  readonly value: string | null;
}

/** The item before the engine adds `modifiedAt` and `deleted`. */
export type AssembledProductAttribute = Omit<ProductAttributeFeedItem, 'modifiedAt' | 'deleted'>;

/* The original's BooleanMetadataFormatter and NumericMetadataFormatter arguments (CatalogDataExporter di.xml). */
const BOOLEAN_CODES = new Set([
  'is_redeemable',
  'use_config_is_redeemable',
  'use_config_lifetime',
  'use_config_email_template',
  'use_config_allow_message',
  'allow_message',
  'has_options',
]);
const NUMERIC_CODES = new Set(['required_options']);
const NUMERIC_INPUTS = new Set(['price', 'weight', 'text']);
const NUMERIC_BACKEND_TYPES = new Set(['decimal', 'int']);
const NUMERIC_VALIDATIONS = new Set(['validate-number', 'validate-digits']);
const MULTI_INPUTS = new Set(['multiline', 'multiselect']);

/** The original casts these smallint flags with PHP's (bool): any non-zero value is true (is_global 2, website, too). */
const flag = (value: number | string | null | undefined): boolean => Number(value ?? 0) !== 0;

/** Rows of several attributes, grouped for the assembler. */
export interface ProductAttributeLabels {
  /** attribute id → store id → label (the first row when several exist). */
  readonly labels: ReadonlyMap<string, ReadonlyMap<number, string | null>>;
  /** attribute id → option id → store id → option label, options in option id order. */
  readonly options: ReadonlyMap<string, ReadonlyMap<string, ReadonlyMap<number, string | null>>>;
}

export function indexAttributeLabels(
  labels: readonly AttributeLabelRow[],
  options: readonly AttributeOptionValueRow[],
): ProductAttributeLabels {
  const byAttribute = new Map<string, Map<number, string | null>>();
  for (const row of labels) {
    const perStore = byAttribute.get(String(row.attribute_id)) ?? new Map<number, string | null>();
    if (!perStore.has(Number(row.store_id))) perStore.set(Number(row.store_id), row.value);
    byAttribute.set(String(row.attribute_id), perStore);
  }
  const sorted = [...options].sort((a, b) => Number(a.option_id) - Number(b.option_id));
  const byOption = new Map<string, Map<string, Map<number, string | null>>>();
  for (const row of sorted) {
    const attribute = byOption.get(String(row.attribute_id)) ?? new Map<string, Map<number, string | null>>();
    const perStore = attribute.get(String(row.option_id)) ?? new Map<number, string | null>();
    perStore.set(Number(row.store_id), row.value);
    attribute.set(String(row.option_id), perStore);
    byOption.set(String(row.attribute_id), attribute);
  }
  return { labels: byAttribute, options: byOption };
}

/**
 * Option labels in a store view as the original's AttributeOptionsQuery gives them: options that have an admin
 * (store 0) label, each with its store-view label when that is not NULL, else the admin one; blank labels dropped.
 * Null when the attribute has no such option (the field is then null, as the original's provider leaves it).
 */
export function optionLabelsIn(
  options: ReadonlyMap<string, ReadonlyMap<number, string | null>> | undefined,
  storeId: number,
): string[] | null {
  if (!options) return null;
  const out: string[] = [];
  for (const perStore of options.values()) {
    if (!perStore.has(0)) continue;
    const own = perStore.get(storeId);
    const label = own !== null && own !== undefined ? own : perStore.get(0);
    // The original drops empty labels (PHP empty()); a "0" label is kept here, as it names a real option.
    if (label !== null && label !== undefined && label !== '') out.push(label);
  }
  return out.length > 0 ? out : null;
}

/**
 * One item per store view (admin excluded) for a product attribute, every field as the original's ProductMetadata
 * provider computes it: the store-view label (eav_attribute_label) or the default frontend_label, catalog flags
 * cast to booleans, `boolean` and `numeric` by the original's formatter rules (a boolean is never numeric).
 */
export function assembleProductAttributeItems(
  attribute: ProductAttributeRow,
  storeViews: readonly StoreView[],
  labels: ProductAttributeLabels,
): AssembledProductAttribute[] {
  const id = String(attribute.attribute_id);
  const code = attribute.attribute_code;
  const input = attribute.frontend_input;
  const boolean = (input === 'boolean' && attribute.backend_type === 'int') || BOOLEAN_CODES.has(code);
  const numeric =
    !boolean &&
    ((input !== null && NUMERIC_INPUTS.has(input) && NUMERIC_BACKEND_TYPES.has(attribute.backend_type)) ||
      (attribute.frontend_class !== null && NUMERIC_VALIDATIONS.has(attribute.frontend_class)) ||
      NUMERIC_CODES.has(code));
  const storeLabels = labels.labels.get(id);
  const options = labels.options.get(id);

  return storeViews.map((view) => {
    const own = storeLabels?.get(view.storeId);
    const label = own !== null && own !== undefined ? own : attribute.frontend_label;
    return {
      id,
      storeCode: view.storeCode,
      websiteCode: view.websiteCode,
      storeViewCode: view.storeViewCode,
      attributeCode: code,
      attributeType: 'catalog_product',
      dataType: attribute.backend_type,
      multi: input !== null && MULTI_INPUTS.has(input),
      ...(label !== null ? { label } : {}),
      ...(input !== null ? { frontendInput: input } : {}),
      required: flag(attribute.is_required),
      unique: flag(attribute.is_unique),
      global: flag(attribute.is_global),
      visible: flag(attribute.is_visible),
      searchable: flag(attribute.is_searchable),
      filterable: flag(attribute.is_filterable),
      visibleInCompareList: flag(attribute.is_comparable),
      visibleInListing: flag(attribute.used_in_product_listing),
      sortable: flag(attribute.used_for_sort_by),
      visibleInSearch: flag(attribute.is_visible_on_front),
      filterableInSearch: flag(attribute.is_filterable_in_search),
      searchWeight: Number(attribute.search_weight),
      usedForRules: flag(attribute.is_used_for_price_rules),
      boolean,
      // The original maps systemAttribute to eav_attribute.is_user_defined as is (not negated): kept for parity.
      systemAttribute: flag(attribute.is_user_defined),
      numeric,
      attributeOptions: optionLabelsIn(options, view.storeId),
    };
  });
}
