import type {
  ProductFeedItem,
  ProductLink,
  ProductOption,
  ProductOptionValue,
  ProductParent,
  ProductSample,
  ProductShopperInputOption,
} from '@cde/contracts';
import type { StoreView } from '@cde/platform/magento';
import {
  bundleSelectionUid,
  configurableValueUid,
  customOptionUid,
  customOptionValueUid,
  downloadableLinkUid,
} from './option-uids';
import type { CustomOptionRow, ProductOptionRows } from './product-option-rows';
import { PRODUCT_LINK_TYPES, type ProductRef } from './product-option-rows';

/** The product item fields this module owns. */
export type ProductOptionFields = Pick<
  ProductFeedItem,
  'optionsV2' | 'shopperInputOptions' | 'samples' | 'links' | 'variants' | 'parents'
>;

/** Custom option types with predefined values (optionsV2) and those the shopper types into (shopperInputOptions). */
export const SELECTABLE_CUSTOM_OPTION_TYPES: ReadonlySet<string> = new Set([
  'drop_down',
  'radio',
  'checkbox',
  'multiple',
]);
export const SHOPPER_INPUT_OPTION_TYPES: ReadonlySet<string> = new Set([
  'field',
  'area',
  'file',
  'date',
  'time',
  'date_time',
]);

/** Magento's swatch types (eav_attribute_option_swatch.type). */
const SWATCH_TEXT = 0;
const SWATCH_COLOR = 1;
const SWATCH_IMAGE = 2;

/** Status "Disabled": a disabled child's option values are left out of its configurable's options. */
const STATUS_DISABLED = 2;

/** Where Magento serves a downloadable product's samples and its links' samples (the original's url providers). */
const SAMPLE_URL_PATH = 'downloadable/download/sample/sample_id/';
const LINK_SAMPLE_URL_PATH = 'downloadable/download/linkSample/link_id/';

/**
 * The option fields of one product in one store view, as the original's providers build them (order of optionsV2:
 * custom options, downloadable links, grouped, configurable, bundle). Empty fields are left out. `variants` is
 * never set: the original's provider returns nothing since the storefront stopped reading it.
 */
export function assembleProductOptionFields(
  rows: ProductOptionRows,
  product: ProductRef,
  view: StoreView,
): Partial<ProductOptionFields> {
  const optionsV2 = [
    ...selectableCustomOptions(rows, product, view),
    ...downloadableLinksOption(rows, product, view),
    ...groupedOption(rows, product, view),
    ...configurableOptions(rows, product, view),
    ...bundleOptions(rows, product, view),
  ];
  const shopperInputOptions = shopperInputOptionsOf(rows, product, view);
  const samples = samplesOf(rows, product, view);
  const links = linksOf(rows, product, view);
  const parents = parentsOf(rows, product, view);
  return {
    ...(optionsV2.length > 0 && { optionsV2 }),
    ...(shopperInputOptions.length > 0 && { shopperInputOptions }),
    ...(samples.length > 0 && { samples }),
    ...(links.length > 0 && { links }),
    ...(parents.length > 0 && { parents }),
  };
}

/**
 * An option value with every member present (null when unset): nested records keep their nulls in the original's
 * payload, only top-level record members are dropped when null.
 */
function optionValue(
  value: Pick<ProductOptionValue, 'id'> & Partial<ProductOptionValue>,
): ProductOptionValue {
  return {
    id: value.id,
    label: value.label ?? null,
    sortOrder: value.sortOrder ?? null,
    isDefault: value.isDefault ?? null,
    colorHex: value.colorHex ?? null,
    imageUrl: value.imageUrl ?? null,
    customSwatchValue: value.customSwatchValue ?? null,
    qtyMutability: value.qtyMutability ?? null,
    qty: value.qty ?? null,
    infoUrl: value.infoUrl ?? null,
    sku: value.sku ?? null,
    price: value.price ?? null,
    priceType: value.priceType ?? null,
  };
}

/** A top-level option record without its null members, in the original's field order. */
function option(fields: ProductOption): ProductOption {
  const out: Record<string, unknown> = {};
  for (const key of [
    'id',
    'label',
    'sortOrder',
    'required',
    'renderType',
    'type',
    'swatchType',
    'values',
  ] as const) {
    const value = fields[key];
    if (value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0))
      out[key] = value;
  }
  return out as unknown as ProductOption;
}

const num = (value: string | number | null | undefined): number | null =>
  value === null || value === undefined ? null : Number(value);

const byNumber =
  <Row>(...keys: ((row: Row) => string | number)[]) =>
  (a: Row, b: Row): number => {
    for (const key of keys) {
      const d = Number(key(a)) - Number(key(b));
      if (d !== 0) return d;
    }
    return 0;
  };

/** PHP's ksort on string keys: byte order of the UTF-8 text. */
const byBytes = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));

const withSlash = (url: string): string => (url === '' || url.endsWith('/') ? url : `${url}/`);

// --- configurable -------------------------------------------------------------------------------------------

function configurableOptions(rows: ProductOptionRows, product: ProductRef, view: StoreView): ProductOption[] {
  if (product.typeId !== 'configurable') return [];
  const attributes = [...(rows.superAttributes.get(product.entityId) ?? [])].sort(
    byNumber(
      (r) => r.position,
      (r) => r.product_super_attribute_id,
    ),
  );
  return attributes.map((attribute) =>
    option({
      id: attribute.attribute_code,
      label: rows.attributeLabels.own(attribute.attribute_id, view.storeId) ?? attribute.frontend_label,
      sortOrder: attribute.position,
      type: 'configurable',
      swatchType: attribute.additional_data,
      values: configurableValues(rows, product.entityId, attribute.attribute_id, view),
    }),
  );
}

/** A child counts in a store view when its status there (else its default status) is set and not disabled. */
function childEnabled(rows: ProductOptionRows, childId: string, view: StoreView): boolean {
  const byDefault = rows.childStatuses.own(childId, 0);
  // The original joins the store row through the default one: without a default row the status is NULL.
  if (byDefault === undefined) return false;
  const own = rows.childStatuses.own(childId, view.storeId);
  const status = own !== undefined ? own : byDefault;
  return status !== null && Number(status) !== STATUS_DISABLED;
}

function configurableValues(
  rows: ProductOptionRows,
  parentId: string,
  attributeId: string,
  view: StoreView,
): ProductOptionValue[] {
  const used = new Set<string>();
  for (const child of rows.childAttributeValues.get(`${parentId}/${attributeId}`) ?? []) {
    if (child.value !== null && childEnabled(rows, child.child_id, view)) used.add(child.value);
  }
  const options = [...used]
    .map((id) => rows.attributeOptions.get(id))
    .filter((o) => o !== undefined && o.attribute_id === attributeId)
    .map((o) => o!)
    .sort(byNumber((o) => o.option_id));
  const swatchBase = `${withSlash(mediaUrl(rows, view))}attribute/swatch`;
  return options.map((o) => {
    const swatch = swatchOf(rows, o.option_id, view.storeId);
    return optionValue({
      id: configurableValueUid(attributeId, o.option_id),
      label: rows.attributeOptionValues.get(o.option_id, view.storeId) ?? null,
      sortOrder: o.sort_order,
      colorHex: swatch?.type === SWATCH_COLOR ? swatch.value : null,
      imageUrl: swatch?.type === SWATCH_IMAGE ? `${swatchBase}${swatch.value ?? ''}` : null,
      // PHP's loose in_array([0, 1, 2]) also matches a missing type (null == 0): only other types keep the value.
      customSwatchValue:
        swatch?.type !== undefined &&
        swatch.type !== null &&
        ![SWATCH_TEXT, SWATCH_COLOR, SWATCH_IMAGE].includes(swatch.type)
          ? swatch.value
          : null,
    });
  });
}

/** The store view's swatch unless its value is NULL, else the default one (type and value together). */
function swatchOf(
  rows: ProductOptionRows,
  optionId: string,
  storeId: number,
): { type: number | null; value: string | null } | undefined {
  const own = rows.swatches.own(optionId, storeId);
  if (own && own.value !== null) return own;
  const byDefault = rows.swatches.own(optionId, 0);
  if (!byDefault && !own) return undefined;
  return { type: byDefault?.type ?? null, value: byDefault?.value ?? null };
}

/**
 * Swatch images live under the media URL of the store Magento runs in outside a request (the default store
 * view), whatever the item's store view.
 */
function mediaUrl(rows: ProductOptionRows, view: StoreView): string {
  const fromDefault = rows.defaultStoreId === null ? undefined : rows.storeUrls.get(rows.defaultStoreId);
  return (fromDefault ?? rows.storeUrls.get(view.storeId))?.media ?? '';
}

function webUrl(rows: ProductOptionRows, view: StoreView): string {
  return withSlash(rows.storeUrls.get(view.storeId)?.web ?? '');
}

// --- custom options -----------------------------------------------------------------------------------------

/**
 * A custom option as the store view sees it. The original reads the default option (store 0 title required) and
 * overlays the store view's row, which exists only when the option has a title in that store: then its title and
 * its store price (when set) win.
 */
interface ScopedCustomOption {
  readonly row: CustomOptionRow;
  readonly title: string | null;
  readonly price: string | null;
}

function customOptionsOf(
  rows: ProductOptionRows,
  product: ProductRef,
  view: StoreView,
  types: ReadonlySet<string>,
): ScopedCustomOption[] {
  const options = [...(rows.customOptions.get(product.entityId) ?? [])]
    .filter((o) => o.type !== null && types.has(o.type))
    .sort(
      byNumber(
        (o) => o.sort_order,
        (o) => o.option_id,
      ),
    );
  const out: ScopedCustomOption[] = [];
  for (const row of options) {
    const byDefault = rows.customOptionTitles.own(row.option_id, 0);
    if (!byDefault) continue;
    const own = rows.customOptionTitles.own(row.option_id, view.storeId);
    const ownPrice = own ? rows.customOptionPrices.own(row.option_id, view.storeId)?.price : null;
    out.push({
      row,
      title: own?.title ?? byDefault.title,
      price: ownPrice ?? rows.customOptionPrices.own(row.option_id, 0)?.price ?? null,
    });
  }
  return out;
}

function selectableCustomOptions(
  rows: ProductOptionRows,
  product: ProductRef,
  view: StoreView,
): ProductOption[] {
  return customOptionsOf(rows, product, view, SELECTABLE_CUSTOM_OPTION_TYPES).map(({ row, title }) =>
    option({
      id: row.option_id,
      label: title,
      sortOrder: row.sort_order,
      required: row.is_require === 1,
      renderType: row.type,
      type: 'custom_option',
      values: customOptionValues(rows, row.option_id, view),
    }),
  );
}

/** Values with a default title, their title and price overlaid by the store view's when it has a title there. */
function customOptionValues(
  rows: ProductOptionRows,
  optionId: string,
  view: StoreView,
): ProductOptionValue[] {
  const values = [...(rows.customOptionValues.get(optionId) ?? [])].sort(byNumber((v) => v.option_type_id));
  const out: ProductOptionValue[] = [];
  for (const value of values) {
    const byDefault = rows.customOptionValueTitles.own(value.option_type_id, 0);
    if (!byDefault) continue;
    const own = rows.customOptionValueTitles.own(value.option_type_id, view.storeId);
    const ownPrice = own ? rows.customOptionValuePrices.own(value.option_type_id, view.storeId) : undefined;
    const defaultPrice = rows.customOptionValuePrices.own(value.option_type_id, 0);
    out.push(
      optionValue({
        id: customOptionValueUid(optionId, value.option_type_id),
        label: own?.title ?? byDefault.title,
        sortOrder: value.sort_order,
        isDefault: false,
        sku: value.sku,
        price: num(ownPrice?.price ?? defaultPrice?.price),
        priceType: ownPrice?.price_type ?? defaultPrice?.price_type ?? null,
      }),
    );
  }
  return out;
}

function shopperInputOptionsOf(
  rows: ProductOptionRows,
  product: ProductRef,
  view: StoreView,
): ProductShopperInputOption[] {
  return customOptionsOf(rows, product, view, SHOPPER_INPUT_OPTION_TYPES).map(({ row, title, price }) => {
    const out: Record<string, unknown> = {
      id: customOptionUid(row.option_id),
      label: title,
      sortOrder: row.sort_order,
      required: row.is_require === 1,
      renderType: row.type,
      price: num(price),
      fileExtension: row.file_extension,
      sku: row.sku,
      // A nested record: present with nulls. Only the max length is known ("to").
      range: { from: null, to: row.max_characters },
      imageSizeX: row.image_size_x,
      imageSizeY: row.image_size_y,
    };
    for (const key of Object.keys(out)) if (out[key] === null) delete out[key];
    return out as unknown as ProductShopperInputOption;
  });
}

// --- downloadable -------------------------------------------------------------------------------------------

function downloadableLinksOption(
  rows: ProductOptionRows,
  product: ProductRef,
  view: StoreView,
): ProductOption[] {
  if (product.typeId !== 'downloadable') return [];
  const links = [...(rows.downloadableLinks.get(product.entityId) ?? [])].sort(
    byNumber(
      (l) => l.sort_order,
      (l) => l.link_id,
    ),
  );
  const web = webUrl(rows, view);
  return [
    option({
      id: `link:${product.entityId}`,
      label: rows.linksTitles.get(product.entityId, view.storeId) ?? null,
      type: 'downloadable',
      values: links.map((link) =>
        optionValue({
          id: downloadableLinkUid(link.link_id),
          label: rows.downloadableLinkTitles.get(link.link_id, view.storeId) ?? null,
          sortOrder: link.sort_order,
          infoUrl:
            (link.sample_url ?? link.sample_file) !== null
              ? `${web}${LINK_SAMPLE_URL_PATH}${link.link_id}`
              : null,
          price: Number(rows.downloadableLinkPrices.get(link.link_id, view.websiteId) ?? 0),
          qty: link.number_of_downloads ?? 0,
        }),
      ),
    }),
  ];
}

function samplesOf(rows: ProductOptionRows, product: ProductRef, view: StoreView): ProductSample[] {
  const samples = [...(rows.samples.get(product.entityId) ?? [])].sort(
    byNumber(
      (s) => s.sort_order,
      (s) => s.sample_id,
    ),
  );
  const web = webUrl(rows, view);
  return samples.map((sample) => ({
    resource: {
      url: `${web}${SAMPLE_URL_PATH}${sample.sample_id}`,
      label: rows.sampleTitles.get(sample.sample_id, view.storeId) ?? null,
      roles: null,
    },
    sortOrder: String(sample.sort_order),
  }));
}

// --- grouped, bundle ----------------------------------------------------------------------------------------

function groupedOption(rows: ProductOptionRows, product: ProductRef, view: StoreView): ProductOption[] {
  const links = (rows.groupedLinks.get(product.entityId) ?? []).filter(
    (l) => l.website_id === view.websiteId,
  );
  if (links.length === 0) return [];
  return [
    option({
      id: product.entityId,
      type: 'grouped',
      values: links.map((link) =>
        optionValue({
          id: link.linked_product_id,
          sku: link.sku,
          qty: num(link.qty),
          sortOrder: link.position,
          qtyMutability: true,
        }),
      ),
    }),
  ];
}

function bundleOptions(rows: ProductOptionRows, product: ProductRef, view: StoreView): ProductOption[] {
  const options = [...(rows.bundleOptions.get(product.entityId) ?? [])].sort(byNumber((o) => o.option_id));
  return options.map((o) => {
    const key = `${product.entityId}/${o.option_id}`;
    const selections = [...(rows.bundleSelections.get(key) ?? [])].sort(byNumber((s) => s.selection_id));
    return option({
      id: o.option_id,
      label: rows.bundleOptionTitles.get(key, view.storeId) ?? null,
      sortOrder: o.position,
      required: o.required === 1,
      renderType: o.type,
      type: 'bundle',
      values: selections.map((s) =>
        optionValue({
          id: bundleSelectionUid(o.option_id, s.selection_id, s.selection_qty),
          label: rows.selectionNames.get(s.product_id, view.storeId) ?? null,
          sortOrder: s.position,
          isDefault: s.is_default === 1,
          qtyMutability: s.selection_can_change_qty === 1,
          qty: num(s.selection_qty),
          sku: s.sku,
          // A website's selection price replaces the default one.
          price: Number(
            rows.bundleSelectionPrices.own(s.selection_id, view.websiteId) ?? s.selection_price_value,
          ),
          priceType: s.selection_price_type ? 'percent' : 'fixed',
        }),
      ),
    });
  });
}

// --- links, parents -----------------------------------------------------------------------------------------

/** Entries sorted and deduplicated by a `<type>-<sku>` key, as the original's ksort does since 103.4.29. */
function sortedByKey<Entry>(entries: readonly Entry[], key: (entry: Entry) => string): Entry[] {
  const byKey = new Map<string, Entry>();
  for (const entry of entries) byKey.set(key(entry), entry);
  return [...byKey.keys()].sort(byBytes).map((k) => byKey.get(k)!);
}

function linksOf(rows: ProductOptionRows, product: ProductRef, view: StoreView): ProductLink[] {
  const links: ProductLink[] = [];
  for (const row of rows.productLinks.get(product.entityId) ?? []) {
    const type = PRODUCT_LINK_TYPES.get(row.link_type_id);
    if (row.website_id === view.websiteId && type) links.push({ sku: row.sku, type });
  }
  return sortedByKey(links, (l) => `${l.type}-${l.sku}`);
}

function parentsOf(rows: ProductOptionRows, product: ProductRef, view: StoreView): ProductParent[] {
  const parents: ProductParent[] = [];
  for (const row of rows.parents.get(product.entityId) ?? []) {
    if (row.website_id !== view.websiteId) continue;
    parents.push({ sku: row.sku, productType: row.price_type === 1 ? 'bundle_fixed' : row.type_id });
  }
  return sortedByKey(parents, (p) => `${p.productType ?? ''}-${p.sku}`);
}
