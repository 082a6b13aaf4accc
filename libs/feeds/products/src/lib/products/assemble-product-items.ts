import type {
  ProductAttributeValue,
  ProductCategoryData,
  ProductFeedItem,
  ProductImage,
  ProductImageDeprecated,
  ProductMediaItem,
  ProductOption,
  ProductSample,
  ProductUrlRewrite,
  ProductVideo,
  ProductVideoItem,
} from '@cde/contracts';
import type { CollectedItem } from '@cde/feed-engine';
import {
  EavValues,
  groupBy,
  StoreConfig,
  type AttributeMetadata,
  type StoreUrls,
  type StoreView,
} from '@cde/platform/magento';
import { assembleProductOptionFields, type ProductOptionFields, type ProductRef } from '../product-options';

import type {
  MediaGalleryRow,
  MediaGalleryValueRow,
  MediaVideoRow,
  ProductBatch,
  ProductEntityRow,
  StockItemRow,
} from './product-rows';
import { configNumber, configValue } from './product-config';

/** The item before the engine adds `modifiedAt` and `deleted`. */
export type AssembledProduct = Omit<ProductFeedItem, 'modifiedAt' | 'deleted'>;

/**
 * The EAV attributes behind the item's own fields (the original's ProductEavAttributesProvider list). Other
 * attributes appear only in `attributes[]` when user-defined.
 */
export const PRODUCT_FIELD_ATTRIBUTES = [
  'name',
  'description',
  'short_description',
  'meta_description',
  'meta_keyword',
  'meta_title',
  'image',
  'image_label',
  'small_image',
  'small_image_label',
  'thumbnail',
  'thumbnail_label',
  'swatch_image',
  'status',
  'visibility',
  'tax_class_id',
  'url_key',
  'weight',
  'weight_type',
  'price_view',
  'links_purchased_separately',
  'price_type',
] as const;

/** System attributes the original adds to the user-defined ones in `attributes[]` (ProductAttributeQuery). */
export const SYSTEM_LIST_ATTRIBUTES = ['news_from_date', 'news_to_date'] as const;

/** The attributes whose values a batch reads: item fields, user-defined and system list attributes, the gallery. */
export function productAttributesToRead(attributes: readonly AttributeMetadata[]): AttributeMetadata[] {
  const wanted = new Set<string>([...PRODUCT_FIELD_ATTRIBUTES, ...SYSTEM_LIST_ATTRIBUTES]);
  return attributes.filter((a) => a.backendType !== 'static' && (wanted.has(a.code) || a.userDefined));
}

/** The user-defined (non-static) attributes plus news_from_date/news_to_date, sorted by code: `attributes[]`. */
export function listedAttributes(attributes: readonly AttributeMetadata[]): AttributeMetadata[] {
  const system = new Set<string>(SYSTEM_LIST_ATTRIBUTES);
  return attributes
    .filter((a) => a.backendType !== 'static' && (a.userDefined || system.has(a.code)))
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/* SystemEnumFormatter maps of the original's di.xml; an unset value takes the `_` entry. */
const VISIBILITY: Readonly<Record<string, string>> = {
  '1': 'Not Visible Individually',
  '2': 'Catalog',
  '3': 'Search',
  '4': 'Catalog, Search',
};
const STATUS: Readonly<Record<string, string>> = { '1': 'Enabled', '2': 'Disabled' };
const PRICE_VIEW: Readonly<Record<string, string>> = { '0': 'price_range', '1': 'as_low_as' };
const VISIBLE = new Set(['Catalog', 'Search', 'Catalog, Search']);

/** Image roles in the order the original lists them (MediaGallery::$imagesMapping). */
const IMAGE_ROLES = [
  { field: 'image', code: 'image', label: 'image_label' },
  { field: 'smallImage', code: 'small_image', label: 'small_image_label' },
  { field: 'thumbnail', code: 'thumbnail', label: 'thumbnail_label' },
  { field: 'swatchImage', code: 'swatch_image', label: undefined },
] as const;
const ROLE_DISABLED = 'hide_from_pdp';
const MEDIA_IMAGE = 'image';
const MEDIA_VIDEO = 'external-video';
const ZERO_DATE = '0000-00-00 00:00:00';
/** The option fields are provider fields in the original: null, not absent, for a product without any. */
const NO_OPTION_FIELDS: Required<ProductOptionFields> = {
  optionsV2: null,
  shopperInputOptions: null,
  samples: null,
  links: null,
  variants: null,
  parents: null,
};
/** Magento's Eav Boolean source: the original labels its values "no"/"yes" (AttributeMetadata). */
const BOOLEAN_SOURCE = 'Magento\\Eav\\Model\\Entity\\Attribute\\Source\\Boolean';
/** MSI's default stock, which reads cataloginventory_stock_status instead of an inventory_stock_<id> index. */
const DEFAULT_STOCK_ID = 1;
const BACKORDERS: Readonly<Record<string, string>> = { '0': 'no', '1': 'allow', '2': 'allow_and_notify' };

/** PHP's (bool) of a stored value: "" and "0" are false. */
const phpBool = (value: string | number | null | undefined): boolean =>
  value !== null && value !== undefined && value !== '' && String(value) !== '0';

/** PHP's empty(): the video fields the original keeps are the non-empty ones. */
const phpEmpty = (value: string | null | undefined): boolean =>
  value === null || value === undefined || value === '' || value === '0';

/** A store view's base URLs plus Magento's product media path (MediaConfig::getBaseMediaPath). */
interface ProductUrls extends StoreUrls {
  readonly productMedia: string;
}

/** Everything per batch the per-item assembly looks up. */
class BatchIndex {
  readonly attributes: ReadonlyMap<string, AttributeMetadata>;
  readonly listed: readonly AttributeMetadata[];
  readonly values: EavValues;
  readonly categoryValues: EavValues;
  readonly config: StoreConfig;
  readonly websitesOf: ReadonlyMap<string, ReadonlySet<number>>;
  readonly websiteCodes: ReadonlyMap<number, string>;
  readonly optionAttributes: ReadonlySet<number>;
  readonly optionLabels: ReadonlyMap<string, string>;
  readonly taxClasses: ReadonlyMap<string, string>;
  readonly attributeSets: ReadonlyMap<string, string | null>;
  readonly categoriesOf: ReadonlyMap<string, ProductBatch['categories']>;
  readonly categoryAttribute: { readonly urlKey?: number; readonly isActive?: number };
  readonly mediaOf: ReadonlyMap<string, readonly MediaGalleryRow[]>;
  readonly mediaValues: ReadonlyMap<string, MediaGalleryValueRow>;
  readonly mediaVideos: ReadonlyMap<string, MediaVideoRow>;
  readonly stockStatus: ReadonlyMap<string, ProductBatch['stock']['stockStatus'][number]>;
  readonly stockIndex: ReadonlyMap<string, ProductBatch['stock']['stockIndex'][number]>;
  readonly channels: ReadonlyMap<number, number> | null;
  readonly stockItemsOf: ReadonlyMap<string, readonly StockItemRow[]>;
  readonly rewritesOf: ReadonlyMap<string, ProductBatch['urlRewrites']>;
  private readonly urls = new Map<number, ProductUrls>();

  constructor(readonly batch: ProductBatch) {
    this.attributes = new Map(batch.attributes.map((a) => [a.code, a]));
    this.listed = listedAttributes(batch.attributes);
    this.values = new EavValues(batch.values);
    this.categoryValues = new EavValues(batch.categoryValues);
    this.config = new StoreConfig(batch.config);
    const websites = new Map<string, Set<number>>();
    for (const r of batch.productWebsites) {
      const set = websites.get(String(r.product_id)) ?? new Set<number>();
      set.add(Number(r.website_id));
      websites.set(String(r.product_id), set);
    }
    this.websitesOf = websites;
    this.websiteCodes = new Map(batch.websites.map((w) => [Number(w.website_id), w.code]));
    this.optionAttributes = new Set(batch.optionAttributeIds.map(Number));
    const labels = new Map<string, string>();
    for (const o of batch.optionLabels) {
      if (o.store_id !== null && o.value !== null)
        labels.set(`${o.option_id}/${Number(o.store_id)}`, o.value);
    }
    this.optionLabels = labels;
    this.taxClasses = new Map(batch.taxClasses.map((t) => [String(t.class_id), t.class_name]));
    this.attributeSets = new Map(
      batch.attributeSets.map((s) => [String(s.attribute_set_id), s.attribute_set_name]),
    );
    this.categoriesOf = groupBy(batch.categories, (c) => String(c.product_id));
    const categoryCodes = new Map(batch.categoryAttributes.map((a) => [a.code, a.id]));
    this.categoryAttribute = {
      ...(categoryCodes.has('url_key') ? { urlKey: categoryCodes.get('url_key') } : {}),
      ...(categoryCodes.has('is_active') ? { isActive: categoryCodes.get('is_active') } : {}),
    };
    this.mediaOf = groupBy(batch.media, (m) => String(m.product_id));
    this.mediaValues = new Map(
      batch.mediaValues.map((v) => [`${v.value_id}/${v.entity_id}/${Number(v.store_id)}`, v]),
    );
    this.mediaVideos = new Map(batch.mediaVideos.map((v) => [`${v.value_id}/${Number(v.store_id)}`, v]));
    // Several rows per product (one per stock website): the default scope (website 0) wins, as Magento reads it.
    const status = new Map<string, ProductBatch['stock']['stockStatus'][number]>();
    for (const r of [...batch.stock.stockStatus].sort(
      (a, b) => Number(b.website_id) - Number(a.website_id),
    )) {
      status.set(String(r.product_id), r);
    }
    this.stockStatus = status;
    this.stockIndex = new Map(batch.stock.stockIndex.map((r) => [`${Number(r.stock_id)}/${r.sku}`, r]));
    this.channels = batch.stock.salesChannels
      ? new Map(batch.stock.salesChannels.map((c) => [Number(c.website_id), Number(c.stock_id)]))
      : null;
    this.stockItemsOf = groupBy(batch.stock.stockItems, (s) => String(s.product_id));
    this.rewritesOf = groupBy(
      [...batch.urlRewrites].sort((a, b) => Number(a.url_rewrite_id) - Number(b.url_rewrite_id)),
      (r) => `${r.entity_id}/${Number(r.store_id)}`,
    );
  }

  attributeId(code: string): number | undefined {
    return this.attributes.get(code)?.id;
  }

  urlsOf(view: StoreView): ProductUrls {
    let urls = this.urls.get(view.storeId);
    if (!urls) {
      const base = this.config.urls(view);
      urls = { ...base, productMedia: `${base.media}catalog/product` };
      this.urls.set(view.storeId, urls);
    }
    return urls;
  }
}

/**
 * One item per product × store view of a website the product is assigned to (catalog_product_website), admin
 * excluded, inactive store views included, as the original's ProductMainQuery. A product without a row (deleted)
 * or without a website produces nothing, so the engine sends deletes for what it sent before.
 */
export function assembleProductItems(batch: ProductBatch): CollectedItem<AssembledProduct>[] {
  const index = new BatchIndex(batch);
  const out: CollectedItem<AssembledProduct>[] = [];
  const products = [...batch.products].sort((a, b) => Number(a.entity_id) - Number(b.entity_id));
  for (const product of products) {
    const websites = index.websitesOf.get(String(product.entity_id));
    if (!websites) continue;
    for (const view of batch.storeViews) {
      if (!websites.has(view.websiteId)) continue;
      out.push({ sourceEntityId: String(product.entity_id), item: assembleOne(index, product, view) });
    }
  }
  return out;
}

function assembleOne(index: BatchIndex, product: ProductEntityRow, view: StoreView): AssembledProduct {
  const id = String(product.entity_id);
  const storeId = view.storeId;
  /** The store view's value, else the default's; a stored NULL reads as unset (the original's isset). */
  const text = (code: string): string | undefined =>
    index.values.get(id, index.attributeId(code), storeId) ?? undefined;
  const urls = index.urlsOf(view);

  // An unset value takes the formatter's `_` entry; so does a value outside the map, which the original would
  // leave out (and the receiver's schema, which requires both, would then reject).
  const status = STATUS[text('status') ?? ''] ?? 'Disabled';
  const visibility = VISIBILITY[text('visibility') ?? ''] ?? 'Not Visible Individually';
  const priceView = PRICE_VIEW[text('price_view') ?? ''];
  const weight = text('weight');
  const taxClassValue = text('tax_class_id');
  // TaxClassFormatter: the class name, "no" for none or an unknown class.
  const taxClass = (taxClassValue !== undefined ? index.taxClasses.get(taxClassValue) : undefined) ?? 'no';
  const linksPurchasedSeparately = text('links_purchased_separately');
  const stock = stockOf(index, product, view);

  const deprecatedImages: Partial<Record<(typeof IMAGE_ROLES)[number]['field'], ProductImageDeprecated>> = {};
  for (const role of IMAGE_ROLES) {
    const file = text(role.code);
    if (file === undefined) continue;
    deprecatedImages[role.field] = {
      url: `${urls.productMedia}${file}`,
      label: role.label ? (text(role.label) ?? null) : null,
    };
  }

  const ref: ProductRef = { entityId: id, sku: product.sku, typeId: product.type_id };
  const optionFields = {
    ...NO_OPTION_FIELDS,
    ...assembleProductOptionFields(index.batch.options, ref, view),
  };
  const media = mediaOf(index, product, view, urls);
  const categoryData = categoryDataOf(index, product, view, status, visibility);
  const name = text('name');

  const core = {
    sku: product.sku,
    storeViewCode: view.storeViewCode,
    storeCode: view.storeCode,
    websiteCode: view.websiteCode,
    // Always set in Magento; the original leaves a missing one out, and the receiver's schema then rejects it.
    ...(name !== undefined ? { name } : {}),
    productId: Number(product.entity_id),
    // BundleProductDataExporter's Type provider: a bundle with a fixed price is "bundle_fixed".
    type: product.type_id === 'bundle' && text('price_type') === '1' ? 'bundle_fixed' : product.type_id,
    ...(priceView !== undefined ? { priceView } : {}),
    ...optional('shortDescription', text('short_description')),
    // As stored: the original runs descriptions through the CMS template filter ({{media}}, {{store}} directives).
    ...optional('description', text('description')),
    ...optional('metaDescription', text('meta_description')),
    ...optional('metaKeyword', text('meta_keyword')),
    ...optional('metaTitle', text('meta_title')),
    ...deprecatedImages,
    ...(linksPurchasedSeparately !== undefined
      ? { linksPurchasedSeparately: phpBool(linksPurchasedSeparately) }
      : {}),
    status,
    taxClassId: taxClass,
    ...optional('createdAt', validDate(product.created_at)),
    ...optional('updatedAt', validDate(product.updated_at)),
    ...optional('urlKey', text('url_key')),
    visibility,
    ...(weight !== undefined ? { weight: toFloat(weight) } : {}),
    weightUnit: weight !== undefined ? configValue(index.config, 'general/locale/weight_unit', view) : null,
    ...optional('weightType', text('weight_type')),
    currency: configValue(index.config, 'currency/options/base', view),
    displayable: status === 'Enabled' && VISIBLE.has(visibility),
    buyable: status === 'Enabled' && stock.inStock,
    // The deprecated url path list exists only beside categoryData (the original's Categories plugin).
    ...(categoryData ? { categories: categoryData.map((c) => c.categoryPath ?? '') } : {}),
    categoryData,
    ...media,
    ...optionFields,
    inStock: stock.inStock,
    lowStock: stock.lowStock,
    ...urlsOfProduct(index, product, view, urls, text('url_key')),
  };
  const attributes = attributesOf(index, product, view, core.taxClassId, {
    linksPurchasedSeparately: core.linksPurchasedSeparately,
    samples: core.samples,
    optionsV2: core.optionsV2,
  });
  // `name` is the only field the type requires that the original may leave out (see above).
  return { ...core, attributes } as AssembledProduct;
}

const optional = <K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> =>
  value === undefined ? {} : ({ [key]: value } as Record<K, string>);

/** PHP's (float) of a decimal: 0 for text that is not a number. */
function toFloat(value: string): number {
  const n = Number.parseFloat(value);
  return Number.isNaN(n) ? 0 : n;
}

/**
 * created_at / updated_at as stored. The original replaces a zero date with "now"; that would change the item at
 * every read, so a zero date is left out instead.
 */
function validDate(value: string | null): string | undefined {
  return value === null || value === ZERO_DATE ? undefined : value;
}

/**
 * inStock and lowStock as CatalogInventoryDataExporter's InventoryDataProvider: with MSI, the stock of the store
 * view's website (sales channel), read from cataloginventory_stock_status for the default stock and from the stock's
 * index by sku otherwise; without MSI, cataloginventory_stock_status. No row: out of stock, quantity unknown.
 */
function stockOf(
  index: BatchIndex,
  product: ProductEntityRow,
  view: StoreView,
): { inStock: boolean; lowStock: boolean } {
  let inStock = false;
  let quantity: string | null = null;
  const stockId = index.channels ? index.channels.get(view.websiteId) : DEFAULT_STOCK_ID;
  if (stockId === DEFAULT_STOCK_ID) {
    const row = index.stockStatus.get(String(product.entity_id));
    if (row) {
      inStock = phpBool(row.stock_status);
      quantity = row.qty;
    }
  } else if (stockId !== undefined) {
    const row = index.stockIndex.get(`${stockId}/${product.sku}`);
    if (row) {
      inStock = phpBool(row.is_salable);
      quantity = row.quantity;
    }
  }
  const threshold = configNumber(index.config, 'cataloginventory/options/stock_threshold_qty', view);
  // PHP compares NULL < 0.0 as false: an unknown quantity is never low.
  const lowStock = quantity !== null && toFloat(quantity) < threshold;
  return { inStock, lowStock };
}

/**
 * categoryData as the original reads it from Magento's category/product index: the product's categories under the
 * store view's root (level > 1) that are active there, for a product enabled and visible there; categoryPath is
 * the url keys below the root (store view's, else default), a category without any is left out. Not emulated: the
 * index's anchor rows (a product listed in the anchor ancestors of its categories, position + 10000).
 */
function categoryDataOf(
  index: BatchIndex,
  product: ProductEntityRow,
  view: StoreView,
  status: string,
  visibility: string,
): ProductCategoryData[] | null {
  if (status !== 'Enabled' || !VISIBLE.has(visibility)) return null;
  const rows = index.categoriesOf.get(String(product.entity_id)) ?? [];
  const value = (categoryId: string, attributeId: number | undefined): string | null | undefined =>
    index.categoryValues.get(categoryId, attributeId, view.storeId) ??
    index.categoryValues.get(categoryId, attributeId, 0);
  const out: ProductCategoryData[] = [];
  for (const row of rows) {
    const ids = row.path.split('/');
    if (ids[1] !== String(view.rootCategoryId) || ids.length < 3) continue;
    if (value(String(row.category_id), index.categoryAttribute.isActive) !== '1') continue;
    const keys = ids
      .slice(2)
      .map((c) => value(c, index.categoryAttribute.urlKey))
      .filter((k): k is string => k !== null && k !== undefined);
    const categoryPath = keys.join('/');
    if (categoryPath === '') continue;
    out.push({ categoryId: String(row.category_id), categoryPath, productPosition: Number(row.position) });
  }
  out.sort((a, b) => Number(a.categoryId) - Number(b.categoryId));
  return out.length > 0 ? out : null;
}

interface MediaFields {
  readonly images: ProductImage[] | null;
  readonly videos: ProductVideo[] | null;
  readonly media_gallery: ProductMediaItem[] | null;
}

/**
 * images (media type image), videos (external-video) and the deprecated media_gallery (all), from the gallery
 * entries linked to the product: label, position and disabled of the store view's value row, else the default's;
 * roles are the image attributes (image, small_image, thumbnail, swatch_image) holding the entry's file, plus
 * `hide_from_pdp` for a disabled entry. Sorted by position. Empty lists are null, as the original's provider
 * fields without data.
 */
function mediaOf(
  index: BatchIndex,
  product: ProductEntityRow,
  view: StoreView,
  urls: ProductUrls,
): MediaFields {
  const id = String(product.entity_id);
  const roleFiles = IMAGE_ROLES.map((r) => ({
    code: r.code,
    file: index.values.get(id, index.attributeId(r.code), view.storeId) ?? '',
  }));
  const entries = (index.mediaOf.get(id) ?? []).map((m) => {
    const own = index.mediaValues.get(`${m.value_id}/${id}/${view.storeId}`);
    const fallback = index.mediaValues.get(`${m.value_id}/${id}/0`);
    const position = own?.position ?? fallback?.position ?? null;
    const file = m.file ?? '';
    const types = roleFiles.filter((r) => r.file !== '' && r.file === file).map((r) => r.code);
    const disabled = phpBool(own?.disabled ?? fallback?.disabled ?? null);
    return {
      valueId: Number(m.value_id),
      mediaType: m.media_type,
      url: `${urls.productMedia}${file}`,
      label: own?.label ?? fallback?.label ?? '',
      sortOrder: position === null ? 0 : Number(position),
      types,
      roles: disabled ? [...types, ROLE_DISABLED] : types,
      video: videoOf(index, m, view),
    };
  });
  entries.sort((a, b) => a.sortOrder - b.sortOrder || a.valueId - b.valueId);
  const images: ProductImage[] = entries
    .filter((e) => e.mediaType === MEDIA_IMAGE)
    .map((e) => ({
      resource: { url: e.url, label: e.label, roles: e.roles.length > 0 ? e.roles : null },
      sortOrder: String(e.sortOrder),
    }));
  const videos: ProductVideo[] = entries
    .filter((e) => e.mediaType === MEDIA_VIDEO)
    .map((e) => ({
      preview: { url: e.url, label: e.label, roles: e.roles.length > 0 ? e.roles : null },
      ...(e.video ? { video: e.video } : {}),
      sortOrder: String(e.sortOrder),
    }));
  const gallery: ProductMediaItem[] = entries.map((e) => ({
    url: e.url,
    label: e.label,
    types: e.types.length > 0 ? e.types : null,
    sort_order: e.sortOrder,
    ...(e.video ? { video_attributes: e.video } : {}),
  }));
  return {
    images: images.length > 0 ? images : null,
    videos: videos.length > 0 ? videos : null,
    media_gallery: gallery.length > 0 ? gallery : null,
  };
}

/** The entry's video fields (store view's row, else default's, field by field); null when all are empty. */
function videoOf(index: BatchIndex, m: MediaGalleryRow, view: StoreView): ProductVideoItem | null {
  const own = index.mediaVideos.get(`${m.value_id}/${view.storeId}`);
  const fallback = index.mediaVideos.get(`${m.value_id}/0`);
  const pick = (field: 'provider' | 'url' | 'title' | 'description' | 'metadata'): string | null => {
    const value = own?.[field] ?? fallback?.[field] ?? null;
    return phpEmpty(value) ? null : value;
  };
  const video = {
    videoProvider: pick('provider'),
    videoUrl: pick('url'),
    videoTitle: pick('title'),
    videoDescription: pick('description'),
    videoMetadata: pick('metadata'),
  };
  if (Object.values(video).every((v) => v === null)) return null;
  return { ...video, mediaType: m.media_type };
}

/**
 * url: the store view's base link URL + the product's own rewrite (not a redirect, no category), else the
 * catalog/product/view route with the url key. urlRewrites: every product rewrite of the store view on the web
 * base URL, with the target path's name/value pairs after the route as parameters.
 */
function urlsOfProduct(
  index: BatchIndex,
  product: ProductEntityRow,
  view: StoreView,
  urls: ProductUrls,
  urlKey: string | undefined,
): { url: string; urlRewrites: ProductUrlRewrite[] | null } {
  const rows = index.rewritesOf.get(`${product.entity_id}/${view.storeId}`) ?? [];
  const own = rows.filter((r) => Number(r.redirect_type) === 0 && r.metadata === null).at(-1);
  const path = own ? own.request_path : `catalog/product/view/id/${product.entity_id}/s/${urlKey ?? ''}/`;
  const rewrites = rows.map((r) => {
    const parameters = urlParameters(r.target_path);
    return { url: `${urls.web}${r.request_path}`, parameters: parameters.length > 0 ? parameters : null };
  });
  return { url: `${urls.link}${path}`, urlRewrites: rewrites.length > 0 ? rewrites : null };
}

/** `catalog/product/view/id/5/category/3` → [{id, 5}, {category, 3}]. */
export function urlParameters(targetPath: string): { name: string; value: string }[] {
  const parts = targetPath.replace(/^\/+|\/+$/g, '').split('/');
  const out: { name: string; value: string }[] = [];
  for (let i = 3; i < parts.length - 1; i += 2) out.push({ name: parts[i] ?? '', value: parts[i + 1] ?? '' });
  return out;
}

/**
 * attributes[]: every user-defined attribute (and news_from_date/news_to_date) with a value in the store view or
 * the default, by code; option ids become labels (store view's, else admin's, else the id; multiselect split on
 * commas; Eav Boolean source "no"/"yes"); a NULL value leaves `value` out. Then the system attributes the
 * original's plugins append: ac_downloadable (downloadable products), ac_attribute_set, ac_tax_class, ac_inventory.
 */
function attributesOf(
  index: BatchIndex,
  product: ProductEntityRow,
  view: StoreView,
  taxClass: string,
  downloadable: {
    readonly linksPurchasedSeparately: boolean | undefined;
    readonly samples: readonly ProductSample[] | null | undefined;
    readonly optionsV2: readonly ProductOption[] | null | undefined;
  },
): ProductAttributeValue[] {
  const id = String(product.entity_id);
  const out: ProductAttributeValue[] = [];
  for (const attribute of index.listed) {
    const value = index.values.get(id, attribute.id, view.storeId);
    if (value === undefined) continue;
    if (value === null) {
      out.push({ attributeCode: attribute.code });
      continue;
    }
    out.push({
      attributeCode: attribute.code,
      value: attributeLabels(index, attribute, value, view.storeId),
    });
  }
  if (product.type_id === 'downloadable') {
    out.push({ attributeCode: 'ac_downloadable', value: [downloadableJson(downloadable)] });
  }
  const setName = index.attributeSets.get(String(product.attribute_set_id));
  out.push({
    attributeCode: 'ac_attribute_set',
    value: setName === undefined || setName === null ? null : [setName],
  });
  out.push({ attributeCode: 'ac_tax_class', value: [taxClass] });
  const inventory = inventoryJson(index, product, view);
  if (inventory !== null) out.push({ attributeCode: 'ac_inventory', value: [inventory] });
  return out;
}

function attributeLabels(
  index: BatchIndex,
  attribute: AttributeMetadata,
  value: string,
  storeId: number,
): string[] {
  const isBoolean = attribute.sourceModel === BOOLEAN_SOURCE;
  if (!isBoolean && !index.optionAttributes.has(attribute.id)) return [value];
  return value.split(',').map((optionId) => {
    if (isBoolean) return optionId === '0' ? 'no' : optionId === '1' ? 'yes' : optionId;
    return (
      index.optionLabels.get(`${optionId}/${storeId}`) ?? index.optionLabels.get(`${optionId}/0`) ?? optionId
    );
  });
}

/** ac_downloadable (DownloadableAsAttribute): purchase_separately, samples and links as one JSON text. */
function downloadableJson(product: {
  readonly linksPurchasedSeparately: boolean | undefined;
  readonly samples: readonly ProductSample[] | null | undefined;
  readonly optionsV2: readonly ProductOption[] | null | undefined;
}): string {
  const bySortOrder = <T extends { readonly sortOrder?: string | number | null }>(list: readonly T[]): T[] =>
    [...list].sort((a, b) => Number(a.sortOrder ?? 0) - Number(b.sortOrder ?? 0));
  const samples = bySortOrder(product.samples ?? []).map((s) => ({
    label: s.resource.label ?? null,
    url: s.resource.url,
  }));
  const links = (product.optionsV2 ?? [])
    .filter((o) => o.type === 'downloadable')
    .flatMap((o) =>
      bySortOrder(o.values ?? []).map((v, n) => ({
        uid: v.id,
        label: v.label ?? `Link ${n}`,
        price: v.price ?? 0,
        number_of_downloads: v.qty ?? 0,
        sample_url: v.infoUrl ?? null,
      })),
    );
  return JSON.stringify({ purchase_separately: product.linksPurchasedSeparately ?? false, samples, links });
}

/**
 * ac_inventory (ExtraProductAttributes' AdvancedInventoryProvider): the stock item of the store view's website,
 * else of the default scope (website 0, "admin"), each setting from the item unless it uses the config value.
 */
function inventoryJson(index: BatchIndex, product: ProductEntityRow, view: StoreView): string | null {
  const items = index.stockItemsOf.get(String(product.entity_id)) ?? [];
  const code = (row: StockItemRow): string | undefined => index.websiteCodes.get(Number(row.website_id));
  const item =
    items.find((r) => code(r) === view.websiteCode) ?? items.find((r) => code(r) === 'admin') ?? undefined;
  if (!item) return null;
  const config = (path: Parameters<typeof configValue>[1]): string => configValue(index.config, path, view);
  const data: Record<string, boolean | number | string> = {};
  const setting = (
    field: string,
    value: string | number | null,
    useConfig: string | number | null,
    fromConfig: () => boolean | number | string,
    format: (v: string) => boolean | number | string,
  ): void => {
    if (value === null) return;
    data[field] = phpBool(useConfig) ? fromConfig() : format(String(value));
  };
  setting(
    'manageStock',
    item.manage_stock,
    item.use_config_manage_stock,
    () => phpBool(config('cataloginventory/item_options/manage_stock')),
    phpBool,
  );
  setting(
    'cartMinQty',
    item.min_sale_qty,
    item.use_config_min_sale_qty,
    () => minSaleQty(config('cataloginventory/item_options/min_sale_qty')),
    toFloat,
  );
  setting(
    'cartMaxQty',
    item.max_sale_qty,
    item.use_config_max_sale_qty,
    () => toFloat(config('cataloginventory/item_options/max_sale_qty')),
    toFloat,
  );
  setting(
    'backorders',
    item.backorders,
    item.use_config_backorders,
    () => BACKORDERS[config('cataloginventory/item_options/backorders')] ?? 'no',
    (v) => BACKORDERS[String(Number(v))] ?? 'no',
  );
  setting(
    'enableQtyIncrements',
    item.enable_qty_increments,
    item.use_config_enable_qty_inc,
    () => phpBool(config('cataloginventory/item_options/enable_qty_increments')),
    phpBool,
  );
  setting(
    'qtyIncrements',
    item.qty_increments,
    item.use_config_qty_increments,
    () => toFloat(config('cataloginventory/item_options/qty_increments')),
    toFloat,
  );
  return Object.keys(data).length > 0 ? JSON.stringify(data) : null;
}

/**
 * The min sale qty config is a number or, per customer group, a JSON list of {customer_group_id, min_sale_qty};
 * without a group, Magento takes the "all groups" (32000) entry.
 */
function minSaleQty(value: string): number {
  const n = Number(value);
  if (value.trim() !== '' && Number.isFinite(n)) return n;
  try {
    const parsed: unknown = JSON.parse(value);
    const entries =
      parsed && typeof parsed === 'object' ? Object.values(parsed as Record<string, unknown>) : [];
    for (const e of entries) {
      if (typeof e !== 'object' || e === null) continue;
      const { customer_group_id: group, min_sale_qty: qty } = e as Record<string, unknown>;
      if ((typeof group === 'string' || typeof group === 'number') && String(group) === '32000') {
        return typeof qty === 'string' || typeof qty === 'number' ? toFloat(String(qty)) : 0;
      }
    }
  } catch {
    // Not JSON: Magento reads it as no value.
  }
  return 0;
}
