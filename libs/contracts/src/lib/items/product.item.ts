import {
  arrayOf,
  bool,
  type DeletedFeedItem,
  feedItemSchema,
  int,
  type JsonSchemaObject,
  nbool,
  nint,
  nnum,
  nstr,
  nullable,
  num,
  record,
  str,
} from './schema-kit';

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
export interface ProductImageDeprecated {
  readonly url?: string | null;
  readonly label?: string | null;
}

export interface ProductMediaResource {
  readonly url: string;
  readonly label?: string | null;
  /** Media roles: image, small_image, thumbnail, swatch_image; `hide_from_pdp` hides it on the product page. */
  readonly roles?: readonly string[] | null;
}

export interface ProductImage {
  readonly resource: ProductMediaResource;
  /** A string in the original (`Image.sortOrder: String`). */
  readonly sortOrder?: string | null;
}

export interface ProductVideoItem {
  readonly videoProvider?: string | null;
  readonly videoUrl?: string | null;
  readonly videoTitle?: string | null;
  readonly videoDescription?: string | null;
  readonly videoMetadata?: string | null;
  readonly mediaType?: string | null;
}

export interface ProductVideo {
  readonly preview?: ProductMediaResource | null;
  readonly video?: ProductVideoItem | null;
  readonly sortOrder?: string | null;
}

/** Deprecated `VideoAttributes` of `media_gallery`. */
export type ProductVideoAttributes = ProductVideoItem;

/** Deprecated `MediaItem` of `media_gallery` (snake_case members, as the original). */
export interface ProductMediaItem {
  readonly url?: string | null;
  readonly label?: string | null;
  readonly types?: readonly string[] | null;
  readonly sort_order?: number | null;
  readonly video_attributes?: ProductVideoAttributes | null;
}

/** One EAV value; system attributes `ac_attribute_set`, `ac_inventory` (JSON), `ac_tax_class`, … come here too. */
export interface ProductAttributeValue {
  readonly attributeCode: string;
  readonly value?: readonly string[] | null;
  readonly valueId?: readonly string[] | null;
}

export interface ProductCategoryData {
  readonly categoryId: string;
  readonly categoryPath?: string | null;
  readonly productPosition?: number | null;
}

export interface ProductInventorySettings {
  readonly status?: boolean | null;
  readonly manageStock?: boolean | null;
  readonly threshold?: number | null;
  readonly productAvailable?: boolean | null;
}

export interface ProductInventory {
  /** Int in the original. */
  readonly qty?: number | null;
  readonly configuration?: ProductInventorySettings | null;
}

export interface ProductOptionValue {
  readonly id: string;
  readonly label?: string | null;
  readonly sortOrder?: number | null;
  readonly isDefault?: boolean | null;
  readonly colorHex?: string | null;
  readonly imageUrl?: string | null;
  readonly customSwatchValue?: string | null;
  readonly qtyMutability?: boolean | null;
  readonly qty?: number | null;
  readonly infoUrl?: string | null;
  readonly sku?: string | null;
  readonly price?: number | null;
  /** Bundle selections only: fixed or percent. */
  readonly priceType?: string | null;
}

/** `ProductOption` (optionsV2): configurable super attributes, bundle options, custom options with values. */
export interface ProductOption {
  readonly id: string;
  readonly label?: string | null;
  readonly sortOrder?: number | null;
  readonly required?: boolean | null;
  readonly renderType?: string | null;
  /** configurable, bundle, grouped, downloadable or custom_option. */
  readonly type?: string | null;
  /** Configurable options: the attribute's raw `catalog_eav_attribute.additional_data` (swatch settings JSON). */
  readonly swatchType?: string | null;
  readonly values?: readonly ProductOptionValue[] | null;
}

export interface ProductValueRange {
  readonly from?: number | null;
  readonly to?: number | null;
}

/** Custom options without predefined values (text, file, date). */
export interface ProductShopperInputOption {
  readonly id: string;
  /** Typed ID (a string) in the original. */
  readonly label?: string | null;
  readonly sortOrder?: number | null;
  readonly required?: boolean | null;
  readonly renderType?: string | null;
  readonly price?: number | null;
  readonly fileExtension?: string | null;
  readonly sku?: string | null;
  readonly range?: ProductValueRange | null;
  readonly imageSizeX?: number | null;
  readonly imageSizeY?: number | null;
}

export interface ProductSample {
  readonly resource: ProductMediaResource;
  readonly sortOrder?: string | null;
}

/** Related, up-sell and cross-sell links; sorted so the hash is stable (103.4.29). */
export interface ProductLink {
  readonly sku: string;
  readonly type: string;
}

export interface ProductUrlRewriteParameter {
  readonly name: string;
  readonly value?: string | null;
}

export interface ProductUrlRewrite {
  readonly url: string;
  readonly parameters?: readonly ProductUrlRewriteParameter[] | null;
}

/** Deprecated `Variant` {sku} of configurable products; the original's provider no longer fills it (never sent). */
export interface ProductVariantSku {
  readonly sku: string;
}

export interface ProductParent {
  readonly sku: string;
  readonly productType?: string | null;
}

/** One product in one store view (`products` feed). A type alias, not an interface, so it is a FeedItemPayload. */
export type ProductFeedItem = {
  readonly sku: string;
  readonly storeViewCode: string;
  readonly storeCode: string;
  readonly websiteCode: string;
  readonly name: string;
  readonly productId: number;
  /** Magento type id: simple, virtual, configurable, bundle, grouped, downloadable, giftcard. */
  readonly type: string;
  readonly productType?: string;
  readonly priceView?: string;
  readonly shortDescription?: string;
  readonly description?: string;
  readonly metaDescription?: string;
  readonly metaKeyword?: string;
  readonly metaTitle?: string;
  readonly samplesTitle?: string;
  /** "Enabled" or "Disabled". */
  readonly status: string;
  readonly taxClassId?: string;
  readonly createdAt?: string;
  readonly updatedAt?: string;
  readonly modifiedAt: string;
  readonly urlKey?: string;
  /** "Not Visible Individually", "Catalog", "Search" or "Catalog, Search". */
  readonly visibility: string;
  readonly weight?: number;
  readonly weightUnit?: string | null;
  readonly weightType?: string;
  readonly currency?: string | null;
  readonly deletedAt?: string;
  readonly displayable?: boolean | null;
  /** Enabled and in stock. */
  readonly buyable?: boolean | null;
  readonly linksExist?: boolean;
  readonly linksPurchasedSeparately?: boolean;
  readonly image?: ProductImageDeprecated;
  readonly smallImage?: ProductImageDeprecated;
  readonly swatchImage?: ProductImageDeprecated;
  readonly thumbnail?: ProductImageDeprecated;
  readonly images?: readonly ProductImage[] | null;
  readonly videos?: readonly ProductVideo[] | null;
  readonly media_gallery?: readonly ProductMediaItem[] | null;
  readonly attributes?: readonly ProductAttributeValue[] | null;
  /** Deprecated: category url paths; use categoryData. */
  readonly categories?: readonly string[];
  /** Deprecated and unused by the original. */
  readonly categoryIds?: readonly string[];
  readonly categoryData?: readonly ProductCategoryData[] | null;
  readonly inventory?: ProductInventory;
  readonly optionsV2?: readonly ProductOption[] | null;
  readonly shopperInputOptions?: readonly ProductShopperInputOption[] | null;
  readonly samples?: readonly ProductSample[] | null;
  readonly links?: readonly ProductLink[] | null;
  readonly inStock?: boolean | null;
  readonly lowStock?: boolean | null;
  readonly url?: string | null;
  readonly urlRewrites?: readonly ProductUrlRewrite[] | null;
  readonly variants?: readonly ProductVariantSku[] | null;
  readonly parents?: readonly ProductParent[] | null;
  readonly deleted: boolean;
};

export type DeletedProductFeedItem = DeletedFeedItem<
  ProductFeedItem,
  (typeof PRODUCT_MINIMAL_PAYLOAD)[number]
>;

const imageDeprecated = record({ url: nstr, label: nstr });
const mediaResource = record({ url: str, label: nstr, roles: nullable(arrayOf(str)) }, ['url']);
const videoItem = record({
  videoProvider: nstr,
  videoUrl: nstr,
  videoTitle: nstr,
  videoDescription: nstr,
  videoMetadata: nstr,
  mediaType: nstr,
});

const optionValue = record(
  {
    id: str,
    label: nstr,
    sortOrder: nint,
    isDefault: nbool,
    colorHex: nstr,
    imageUrl: nstr,
    customSwatchValue: nstr,
    qtyMutability: nbool,
    qty: nnum,
    infoUrl: nstr,
    sku: nstr,
    price: nnum,
    priceType: nstr,
  },
  ['id'],
);

export const PRODUCT_FEED_ITEM_SCHEMA: JsonSchemaObject = feedItemSchema({
  feed: 'products',
  title: 'Product',
  description: 'One product in one store view (et_schema record Product).',
  properties: {
    sku: str,
    storeViewCode: str,
    storeCode: str,
    websiteCode: str,
    name: str,
    productId: int,
    type: str,
    productType: str,
    priceView: str,
    shortDescription: str,
    description: str,
    metaDescription: str,
    metaKeyword: str,
    metaTitle: str,
    samplesTitle: str,
    status: str,
    taxClassId: str,
    createdAt: str,
    updatedAt: str,
    modifiedAt: str,
    urlKey: str,
    visibility: str,
    weight: num,
    weightUnit: nstr,
    weightType: str,
    currency: nstr,
    deletedAt: str,
    displayable: nbool,
    buyable: nbool,
    linksExist: bool,
    linksPurchasedSeparately: bool,
    image: imageDeprecated,
    smallImage: imageDeprecated,
    swatchImage: imageDeprecated,
    thumbnail: imageDeprecated,
    images: nullable(arrayOf(record({ resource: mediaResource, sortOrder: nstr }, ['resource']))),
    videos: nullable(
      arrayOf(record({ preview: nullable(mediaResource), video: nullable(videoItem), sortOrder: nstr })),
    ),
    media_gallery: nullable(
      arrayOf(
        record({
          url: nstr,
          label: nstr,
          types: nullable(arrayOf(str)),
          sort_order: nint,
          video_attributes: nullable(videoItem),
        }),
      ),
    ),
    attributes: nullable(
      arrayOf(
        record({ attributeCode: str, value: nullable(arrayOf(str)), valueId: nullable(arrayOf(str)) }, [
          'attributeCode',
        ]),
      ),
    ),
    categories: arrayOf(str),
    categoryIds: arrayOf(str),
    categoryData: nullable(
      arrayOf(record({ categoryId: str, categoryPath: nstr, productPosition: nint }, ['categoryId'])),
    ),
    inventory: record({
      qty: nint,
      configuration: nullable(
        record({ status: nbool, manageStock: nbool, threshold: nnum, productAvailable: nbool }),
      ),
    }),
    optionsV2: nullable(
      arrayOf(
        record(
          {
            id: str,
            label: nstr,
            sortOrder: nint,
            required: nbool,
            renderType: nstr,
            type: nstr,
            swatchType: nstr,
            values: nullable(arrayOf(optionValue)),
          },
          ['id'],
        ),
      ),
    ),
    shopperInputOptions: nullable(
      arrayOf(
        record(
          {
            id: str,
            label: nstr,
            sortOrder: nint,
            required: nbool,
            renderType: nstr,
            price: nnum,
            fileExtension: nstr,
            sku: nstr,
            range: nullable(record({ from: nnum, to: nnum })),
            imageSizeX: nint,
            imageSizeY: nint,
          },
          ['id'],
        ),
      ),
    ),
    samples: nullable(arrayOf(record({ resource: mediaResource, sortOrder: nstr }, ['resource']))),
    links: nullable(arrayOf(record({ sku: str, type: str }, ['sku', 'type']))),
    inStock: nbool,
    lowStock: nbool,
    url: nstr,
    urlRewrites: nullable(
      arrayOf(
        record({ url: str, parameters: nullable(arrayOf(record({ name: str, value: nstr }, ['name']))) }, [
          'url',
        ]),
      ),
    ),
    variants: nullable(arrayOf(record({ sku: str }, ['sku']))),
    parents: nullable(arrayOf(record({ sku: str, productType: nstr }, ['sku']))),
    deleted: bool,
  },
  required: [
    'sku',
    'storeViewCode',
    'storeCode',
    'websiteCode',
    'name',
    'productId',
    'type',
    'status',
    'visibility',
    'modifiedAt',
  ],
  minimalPayload: PRODUCT_MINIMAL_PAYLOAD,
});
