import type { ProductFeedItem } from '@cde/contracts';
import type { CollectedItem } from '@cde/feed-engine';
import type { StoreView } from '@cde/platform/magento';
import { assembleProductOptionFields, type ProductOptionFields, type ProductRef } from '../product-options';
import { attributesOf } from './assemble-product-attributes';
import { categoryDataOf } from './assemble-product-categories';
import { deprecatedImagesOf, mediaOf } from './assemble-product-media';
import { stockOf } from './assemble-product-stock';
import { urlsOfProduct } from './assemble-product-urls';
import { phpBool, toFloat } from './php-values';
import { BatchIndex } from './product-batch-index';
import { configValue } from './product-config';
import type { ProductBatch, ProductEntityRow } from './product-rows';

export {
  PRODUCT_FIELD_ATTRIBUTES,
  SYSTEM_LIST_ATTRIBUTES,
  listedAttributes,
  productAttributesToRead,
} from './product-eav-attributes';

/** The item before the engine adds `modifiedAt` and `deleted`. */
export type AssembledProduct = Omit<ProductFeedItem, 'modifiedAt' | 'deleted'>;

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
  const purchasedSeparately = text('links_purchased_separately');
  const linksPurchasedSeparately =
    purchasedSeparately !== undefined ? phpBool(purchasedSeparately) : undefined;
  const stock = stockOf(index, product, view);

  const ref: ProductRef = { entityId: id, sku: product.sku, typeId: product.type_id };
  const optionFields = {
    ...NO_OPTION_FIELDS,
    ...assembleProductOptionFields(index.batch.options, ref, view),
  };
  const media = mediaOf(index, product, view, urls);
  const displayable = status === 'Enabled' && VISIBLE.has(visibility);
  const categoryData = categoryDataOf(index, product, view, displayable);
  const name = text('name');
  const attributes = attributesOf(index, product, view, taxClass, {
    linksPurchasedSeparately,
    samples: optionFields.samples,
    optionsV2: optionFields.optionsV2,
  });

  // A cast: `name` is the only field the type requires that the original may leave out (see the field).
  return {
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
    ...deprecatedImagesOf(urls, text),
    ...(linksPurchasedSeparately !== undefined ? { linksPurchasedSeparately } : {}),
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
    displayable,
    buyable: status === 'Enabled' && stock.inStock,
    // The deprecated url path list exists only beside categoryData (the original's Categories plugin).
    ...(categoryData ? { categories: categoryData.map((c) => c.categoryPath ?? '') } : {}),
    categoryData,
    ...media,
    ...optionFields,
    inStock: stock.inStock,
    lowStock: stock.lowStock,
    ...urlsOfProduct(index, product, view, urls, text('url_key')),
    attributes,
  } as AssembledProduct;
}

const optional = <K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> =>
  value === undefined ? {} : ({ [key]: value } as Record<K, string>);

/**
 * created_at / updated_at as stored. The original replaces a zero date with "now"; that would change the item at
 * every read, so a zero date is left out instead.
 */
function validDate(value: string | null): string | undefined {
  return value === null || value === ZERO_DATE ? undefined : value;
}
