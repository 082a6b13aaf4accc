import { Type } from '@sinclair/typebox';
import { type DeletedFeedItem, feedItemSchema, Nullable, type ReadonlyStatic } from './schema-kit';

/*
 * Record `Product` of the original's et_schema.xml (CatalogDataExporter plus CatalogInventory, CatalogUrlRewrite,
 * Configurable, ParentProduct and Bundle additions). Nullability follows the original's Transformer: a plain
 * top-level field is left out when it has no value; a provider-backed field or a member of a nested record may
 * come as null.
 */

export const PRODUCT_MINIMAL_PAYLOAD = [
  'productId',
  'sku',
  'storeViewCode',
  'storeCode',
  'websiteCode',
  'modifiedAt',
] as const;

/** Deprecated `ImageDeprecated` {url,label} (image, smallImage, swatchImage, thumbnail); `images` replaces it. */
const imageDeprecated = Type.Object({
  url: Type.Optional(Nullable(Type.String())),
  label: Type.Optional(Nullable(Type.String())),
});
export type ProductImageDeprecated = ReadonlyStatic<typeof imageDeprecated>;

const mediaResource = Type.Object({
  url: Type.String(),
  label: Type.Optional(Nullable(Type.String())),
  /** Media roles: image, small_image, thumbnail, swatch_image; `hide_from_pdp` hides it on the product page. */
  roles: Type.Optional(Nullable(Type.Array(Type.String()))),
});
export type ProductMediaResource = ReadonlyStatic<typeof mediaResource>;

const image = Type.Object({
  resource: mediaResource,
  /** A string in the original (`Image.sortOrder: String`). */
  sortOrder: Type.Optional(Nullable(Type.String())),
});
export type ProductImage = ReadonlyStatic<typeof image>;

const videoItem = Type.Object({
  videoProvider: Type.Optional(Nullable(Type.String())),
  videoUrl: Type.Optional(Nullable(Type.String())),
  videoTitle: Type.Optional(Nullable(Type.String())),
  videoDescription: Type.Optional(Nullable(Type.String())),
  videoMetadata: Type.Optional(Nullable(Type.String())),
  mediaType: Type.Optional(Nullable(Type.String())),
});
export type ProductVideoItem = ReadonlyStatic<typeof videoItem>;

const video = Type.Object({
  preview: Type.Optional(Nullable(mediaResource)),
  video: Type.Optional(Nullable(videoItem)),
  sortOrder: Type.Optional(Nullable(Type.String())),
});
export type ProductVideo = ReadonlyStatic<typeof video>;

/** Deprecated `VideoAttributes` of `media_gallery`. */
export type ProductVideoAttributes = ProductVideoItem;

/** Deprecated `MediaItem` of `media_gallery` (snake_case members, as the original). */
const mediaItem = Type.Object({
  url: Type.Optional(Nullable(Type.String())),
  label: Type.Optional(Nullable(Type.String())),
  types: Type.Optional(Nullable(Type.Array(Type.String()))),
  sort_order: Type.Optional(Nullable(Type.Integer())),
  video_attributes: Type.Optional(Nullable(videoItem)),
});
export type ProductMediaItem = ReadonlyStatic<typeof mediaItem>;

/** One EAV value; system attributes `ac_attribute_set`, `ac_inventory` (JSON), `ac_tax_class`, … come here too. */
const attributeValue = Type.Object({
  attributeCode: Type.String(),
  value: Type.Optional(Nullable(Type.Array(Type.String()))),
  valueId: Type.Optional(Nullable(Type.Array(Type.String()))),
});
export type ProductAttributeValue = ReadonlyStatic<typeof attributeValue>;

const categoryData = Type.Object({
  categoryId: Type.String(),
  categoryPath: Type.Optional(Nullable(Type.String())),
  productPosition: Type.Optional(Nullable(Type.Integer())),
});
export type ProductCategoryData = ReadonlyStatic<typeof categoryData>;

const inventorySettings = Type.Object({
  status: Type.Optional(Nullable(Type.Boolean())),
  manageStock: Type.Optional(Nullable(Type.Boolean())),
  threshold: Type.Optional(Nullable(Type.Number())),
  productAvailable: Type.Optional(Nullable(Type.Boolean())),
});
export type ProductInventorySettings = ReadonlyStatic<typeof inventorySettings>;

const inventory = Type.Object({
  /** Int in the original. */
  qty: Type.Optional(Nullable(Type.Integer())),
  configuration: Type.Optional(Nullable(inventorySettings)),
});
export type ProductInventory = ReadonlyStatic<typeof inventory>;

const optionValue = Type.Object({
  id: Type.String(),
  label: Type.Optional(Nullable(Type.String())),
  sortOrder: Type.Optional(Nullable(Type.Integer())),
  isDefault: Type.Optional(Nullable(Type.Boolean())),
  colorHex: Type.Optional(Nullable(Type.String())),
  imageUrl: Type.Optional(Nullable(Type.String())),
  customSwatchValue: Type.Optional(Nullable(Type.String())),
  qtyMutability: Type.Optional(Nullable(Type.Boolean())),
  qty: Type.Optional(Nullable(Type.Number())),
  infoUrl: Type.Optional(Nullable(Type.String())),
  sku: Type.Optional(Nullable(Type.String())),
  price: Type.Optional(Nullable(Type.Number())),
  /** Bundle selections only: fixed or percent. */
  priceType: Type.Optional(Nullable(Type.String())),
});
export type ProductOptionValue = ReadonlyStatic<typeof optionValue>;

/** `ProductOption` (optionsV2): configurable super attributes, bundle options, custom options with values. */
const option = Type.Object({
  id: Type.String(),
  label: Type.Optional(Nullable(Type.String())),
  sortOrder: Type.Optional(Nullable(Type.Integer())),
  required: Type.Optional(Nullable(Type.Boolean())),
  renderType: Type.Optional(Nullable(Type.String())),
  /** configurable, bundle, grouped, downloadable or custom_option. */
  type: Type.Optional(Nullable(Type.String())),
  /** Configurable options: the attribute's raw `catalog_eav_attribute.additional_data` (swatch settings JSON). */
  swatchType: Type.Optional(Nullable(Type.String())),
  values: Type.Optional(Nullable(Type.Array(optionValue))),
});
export type ProductOption = ReadonlyStatic<typeof option>;

const valueRange = Type.Object({
  from: Type.Optional(Nullable(Type.Number())),
  to: Type.Optional(Nullable(Type.Number())),
});
export type ProductValueRange = ReadonlyStatic<typeof valueRange>;

/** Custom options without predefined values (text, file, date). */
const shopperInputOption = Type.Object({
  id: Type.String(),
  /** Typed ID (a string) in the original. */
  label: Type.Optional(Nullable(Type.String())),
  sortOrder: Type.Optional(Nullable(Type.Integer())),
  required: Type.Optional(Nullable(Type.Boolean())),
  renderType: Type.Optional(Nullable(Type.String())),
  price: Type.Optional(Nullable(Type.Number())),
  fileExtension: Type.Optional(Nullable(Type.String())),
  sku: Type.Optional(Nullable(Type.String())),
  range: Type.Optional(Nullable(valueRange)),
  imageSizeX: Type.Optional(Nullable(Type.Integer())),
  imageSizeY: Type.Optional(Nullable(Type.Integer())),
});
export type ProductShopperInputOption = ReadonlyStatic<typeof shopperInputOption>;

const sample = Type.Object({
  resource: mediaResource,
  sortOrder: Type.Optional(Nullable(Type.String())),
});
export type ProductSample = ReadonlyStatic<typeof sample>;

/** Related, up-sell and cross-sell links; sorted so the hash is stable (103.4.29). */
const link = Type.Object({ sku: Type.String(), type: Type.String() });
export type ProductLink = ReadonlyStatic<typeof link>;

const urlRewriteParameter = Type.Object({
  name: Type.String(),
  value: Type.Optional(Nullable(Type.String())),
});
export type ProductUrlRewriteParameter = ReadonlyStatic<typeof urlRewriteParameter>;

const urlRewrite = Type.Object({
  url: Type.String(),
  parameters: Type.Optional(Nullable(Type.Array(urlRewriteParameter))),
});
export type ProductUrlRewrite = ReadonlyStatic<typeof urlRewrite>;

/** Deprecated `Variant` {sku} of configurable products; the original's provider no longer fills it (never sent). */
const variantSku = Type.Object({ sku: Type.String() });
export type ProductVariantSku = ReadonlyStatic<typeof variantSku>;

const parent = Type.Object({
  sku: Type.String(),
  productType: Type.Optional(Nullable(Type.String())),
});
export type ProductParent = ReadonlyStatic<typeof parent>;

const productItem = Type.Object({
  sku: Type.String(),
  storeViewCode: Type.String(),
  storeCode: Type.String(),
  websiteCode: Type.String(),
  name: Type.String(),
  productId: Type.Integer(),
  /** Magento type id: simple, virtual, configurable, bundle, grouped, downloadable, giftcard. */
  type: Type.String(),
  productType: Type.Optional(Type.String()),
  priceView: Type.Optional(Type.String()),
  shortDescription: Type.Optional(Type.String()),
  description: Type.Optional(Type.String()),
  metaDescription: Type.Optional(Type.String()),
  metaKeyword: Type.Optional(Type.String()),
  metaTitle: Type.Optional(Type.String()),
  samplesTitle: Type.Optional(Type.String()),
  /** "Enabled" or "Disabled". */
  status: Type.String(),
  taxClassId: Type.Optional(Type.String()),
  createdAt: Type.Optional(Type.String()),
  updatedAt: Type.Optional(Type.String()),
  modifiedAt: Type.String(),
  urlKey: Type.Optional(Type.String()),
  /** "Not Visible Individually", "Catalog", "Search" or "Catalog, Search". */
  visibility: Type.String(),
  weight: Type.Optional(Type.Number()),
  weightUnit: Type.Optional(Nullable(Type.String())),
  weightType: Type.Optional(Type.String()),
  currency: Type.Optional(Nullable(Type.String())),
  deletedAt: Type.Optional(Type.String()),
  displayable: Type.Optional(Nullable(Type.Boolean())),
  /** Enabled and in stock. */
  buyable: Type.Optional(Nullable(Type.Boolean())),
  linksExist: Type.Optional(Type.Boolean()),
  linksPurchasedSeparately: Type.Optional(Type.Boolean()),
  image: Type.Optional(imageDeprecated),
  smallImage: Type.Optional(imageDeprecated),
  swatchImage: Type.Optional(imageDeprecated),
  thumbnail: Type.Optional(imageDeprecated),
  images: Type.Optional(Nullable(Type.Array(image))),
  videos: Type.Optional(Nullable(Type.Array(video))),
  media_gallery: Type.Optional(Nullable(Type.Array(mediaItem))),
  attributes: Type.Optional(Nullable(Type.Array(attributeValue))),
  /** Deprecated: category url paths; use categoryData. */
  categories: Type.Optional(Type.Array(Type.String())),
  /** Deprecated and unused by the original. */
  categoryIds: Type.Optional(Type.Array(Type.String())),
  categoryData: Type.Optional(Nullable(Type.Array(categoryData))),
  inventory: Type.Optional(inventory),
  optionsV2: Type.Optional(Nullable(Type.Array(option))),
  shopperInputOptions: Type.Optional(Nullable(Type.Array(shopperInputOption))),
  samples: Type.Optional(Nullable(Type.Array(sample))),
  links: Type.Optional(Nullable(Type.Array(link))),
  inStock: Type.Optional(Nullable(Type.Boolean())),
  lowStock: Type.Optional(Nullable(Type.Boolean())),
  url: Type.Optional(Nullable(Type.String())),
  urlRewrites: Type.Optional(Nullable(Type.Array(urlRewrite))),
  variants: Type.Optional(Nullable(Type.Array(variantSku))),
  parents: Type.Optional(Nullable(Type.Array(parent))),
  deleted: Type.Boolean(),
});

/** One product in one store view (`products` feed). */
export type ProductFeedItem = ReadonlyStatic<typeof productItem>;

export type DeletedProductFeedItem = DeletedFeedItem<
  ProductFeedItem,
  (typeof PRODUCT_MINIMAL_PAYLOAD)[number]
>;

export const PRODUCT_FEED_ITEM_SCHEMA = feedItemSchema({
  feed: 'products',
  title: 'Product',
  description: 'One product in one store view (et_schema record Product).',
  item: productItem,
  minimalPayload: PRODUCT_MINIMAL_PAYLOAD,
});
