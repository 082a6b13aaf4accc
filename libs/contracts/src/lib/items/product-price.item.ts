import { Type } from '@sinclair/typebox';
import { type DeletedFeedItem, feedItemSchema, Nullable, type ReadonlyStatic } from './schema-kit';

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
const discount = Type.Object({
  // Typed as the codes we send, but not enumerated in the schema: the receiver accepts codes a newer sender adds.
  code: Type.Unsafe<ProductPriceDiscountCode>(Type.String()),
  price: Type.Optional(Type.Number()),
  percentage: Type.Optional(Type.Number()),
});
export type ProductPriceDiscount = ReadonlyStatic<typeof discount>;

/** `TierPrice` (skipNull), since 103.4.8. */
const tierPrice = Type.Object({
  qty: Type.Number(),
  price: Type.Optional(Type.Number()),
  percentage: Type.Optional(Type.Number()),
});
export type ProductTierPrice = ReadonlyStatic<typeof tierPrice>;

const parent = Type.Object({
  /** Upper-cased parent type, e.g. CONFIGURABLE. */
  type: Type.Optional(Nullable(Type.String())),
  sku: Type.String(),
});
export type ProductPriceParent = ReadonlyStatic<typeof parent>;

const productPriceItem = Type.Object({
  websiteId: Type.Integer(),
  productId: Type.Integer(),
  sku: Type.String(),
  /** Upper-cased product type: SIMPLE, VIRTUAL, CONFIGURABLE, DOWNLOADABLE, GROUPED, BUNDLE_FIXED, BUNDLE_DYNAMIC, GIFTCARD. */
  type: Type.String(),
  /** sha1(customer_group_id); the fallback (base) price uses "0". */
  customerGroupCode: Type.String(),
  websiteCode: Type.String(),
  parents: Type.Optional(Type.Array(parent)),
  regular: Type.Optional(Type.Number()),
  discounts: Type.Optional(Type.Array(discount)),
  tierPrices: Type.Optional(Type.Array(tierPrice)),
  updatedAt: Type.String(),
  deleted: Type.Boolean(),
});

/** The price of one product in one website for one customer group. */
export type ProductPriceFeedItem = ReadonlyStatic<typeof productPriceItem>;

export type DeletedProductPriceFeedItem = DeletedFeedItem<
  ProductPriceFeedItem,
  (typeof PRODUCT_PRICE_MINIMAL_PAYLOAD)[number]
>;

export const PRODUCT_PRICE_FEED_ITEM_SCHEMA = feedItemSchema({
  feed: 'prices',
  title: 'ProductPriceV2',
  description:
    'The price of one product in one website for one customer group (et_schema record ProductPriceV2).',
  item: productPriceItem,
  minimalPayload: PRODUCT_PRICE_MINIMAL_PAYLOAD,
});
