import {
  arrayOf,
  bool,
  type DeletedFeedItem,
  feedItemSchema,
  int,
  type JsonSchemaObject,
  nstr,
  num,
  record,
  str,
} from './schema-kit';

/* Record `ProductPriceV2` of the original's et_schema.xml (`prices` feed). */

export const PRODUCT_PRICE_MINIMAL_PAYLOAD = [
  'sku',
  'customerGroupCode',
  'websiteCode',
  'updatedAt',
] as const;

/** Discount codes the original sends; for bundles the special price is a percentage. */
export type ProductPriceDiscountCode = 'special_price' | 'group' | 'catalog_rule';

/** `DiscountPrice` (skipNull: an absent price or percentage is left out, never null). */
export interface ProductPriceDiscount {
  readonly code: ProductPriceDiscountCode;
  readonly price?: number;
  readonly percentage?: number;
}

/** `TierPrice` (skipNull), since 103.4.8. */
export interface ProductTierPrice {
  readonly qty: number;
  readonly price?: number;
  readonly percentage?: number;
}

export interface ProductPriceParent {
  /** Upper-cased parent type, e.g. CONFIGURABLE. */
  readonly type?: string | null;
  readonly sku: string;
}

/** The price of one product in one website for one customer group. A type alias so it is a FeedItemPayload. */
export type ProductPriceFeedItem = {
  readonly websiteId: number;
  readonly productId: number;
  readonly sku: string;
  /** Upper-cased product type: SIMPLE, VIRTUAL, CONFIGURABLE, DOWNLOADABLE, GROUPED, BUNDLE_FIXED, BUNDLE_DYNAMIC, GIFTCARD. */
  readonly type: string;
  /** sha1(customer_group_id); the fallback (base) price uses "0". */
  readonly customerGroupCode: string;
  readonly websiteCode: string;
  readonly parents?: readonly ProductPriceParent[];
  readonly regular?: number;
  readonly discounts?: readonly ProductPriceDiscount[];
  readonly tierPrices?: readonly ProductTierPrice[];
  readonly updatedAt: string;
  readonly deleted: boolean;
};

export type DeletedProductPriceFeedItem = DeletedFeedItem<
  ProductPriceFeedItem,
  (typeof PRODUCT_PRICE_MINIMAL_PAYLOAD)[number]
>;

export const PRODUCT_PRICE_FEED_ITEM_SCHEMA: JsonSchemaObject = feedItemSchema({
  feed: 'prices',
  title: 'ProductPriceV2',
  description:
    'The price of one product in one website for one customer group (et_schema record ProductPriceV2).',
  properties: {
    websiteId: int,
    productId: int,
    sku: str,
    type: str,
    customerGroupCode: str,
    websiteCode: str,
    parents: arrayOf(record({ type: nstr, sku: str }, ['sku'])),
    regular: num,
    // Codes are not enumerated: the receiver accepts codes a newer sender adds.
    discounts: arrayOf(record({ code: str, price: num, percentage: num }, ['code'])),
    tierPrices: arrayOf(record({ qty: num, price: num, percentage: num }, ['qty'])),
    updatedAt: str,
    deleted: bool,
  },
  required: ['sku', 'customerGroupCode', 'websiteCode', 'websiteId', 'productId', 'type', 'updatedAt'],
  minimalPayload: PRODUCT_PRICE_MINIMAL_PAYLOAD,
});
