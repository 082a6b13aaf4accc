import {
  bool,
  type DeletedFeedItem,
  feedItemSchema,
  int,
  type JsonSchemaObject,
  nnum,
  nullable,
  record,
  str,
} from './schema-kit';

/*
 * `productOverrides` (EE). The current schema is private; this is the last public one (ProductOverride of
 * 2021: websiteCode, customerGroupCode, productId, sku, prices as PriceRange, displayable, buyable,
 * priceDisplayable), which matches what the docs call "calculated product permissions", one item per
 * product × website × customer group.
 */

/** Not listed by the original: identity + scope codes + timestamp. */
export const PRODUCT_OVERRIDE_MINIMAL_PAYLOAD = [
  'sku',
  'websiteCode',
  'customerGroupCode',
  'modifiedAt',
] as const;

export interface ProductOverridePrice {
  readonly regularPrice?: number | null;
  readonly finalPrice?: number | null;
}

/** `PriceRange` of the 2021 schema: the group's price range when it differs from the default. */
export interface ProductOverridePriceRange {
  readonly minimumPrice?: ProductOverridePrice | null;
  readonly maximumPrice?: ProductOverridePrice | null;
}

/** Product permissions of one customer group in one website. A type alias so it is a FeedItemPayload. */
export type ProductOverrideFeedItem = {
  readonly sku: string;
  readonly websiteCode: string;
  /** sha1(customer_group_id), as in prices. */
  readonly customerGroupCode: string;
  readonly productId: number;
  /** grant_catalog_category_view resolved for the product. */
  readonly displayable: boolean;
  /** grant_checkout_items resolved for the product. */
  readonly buyable: boolean;
  /** grant_catalog_product_price resolved for the product. */
  readonly priceDisplayable: boolean;
  readonly prices?: ProductOverridePriceRange | null;
  readonly modifiedAt: string;
  readonly deleted: boolean;
};

export type DeletedProductOverrideFeedItem = DeletedFeedItem<
  ProductOverrideFeedItem,
  (typeof PRODUCT_OVERRIDE_MINIMAL_PAYLOAD)[number]
>;

const price = nullable(record({ regularPrice: nnum, finalPrice: nnum }));

export const PRODUCT_OVERRIDE_FEED_ITEM_SCHEMA: JsonSchemaObject = feedItemSchema({
  feed: 'productOverrides',
  title: 'ProductOverride',
  description: 'Calculated permissions of one product for one website and customer group (EE).',
  properties: {
    sku: str,
    websiteCode: str,
    customerGroupCode: str,
    productId: int,
    displayable: bool,
    buyable: bool,
    priceDisplayable: bool,
    prices: nullable(record({ minimumPrice: price, maximumPrice: price })),
    modifiedAt: str,
    deleted: bool,
  },
  required: [
    'sku',
    'websiteCode',
    'customerGroupCode',
    'productId',
    'displayable',
    'buyable',
    'priceDisplayable',
    'modifiedAt',
  ],
  minimalPayload: PRODUCT_OVERRIDE_MINIMAL_PAYLOAD,
});
