import { Type } from '@sinclair/typebox';
import { type DeletedFeedItem, feedItemSchema, Nullable, type ReadonlyStatic } from './schema-kit';

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

const price = Type.Object({
  regularPrice: Type.Optional(Nullable(Type.Number())),
  finalPrice: Type.Optional(Nullable(Type.Number())),
});
export type ProductOverridePrice = ReadonlyStatic<typeof price>;

/** `PriceRange` of the 2021 schema: the group's price range when it differs from the default. */
const priceRange = Type.Object({
  minimumPrice: Type.Optional(Nullable(price)),
  maximumPrice: Type.Optional(Nullable(price)),
});
export type ProductOverridePriceRange = ReadonlyStatic<typeof priceRange>;

const productOverrideItem = Type.Object({
  sku: Type.String(),
  websiteCode: Type.String(),
  /** sha1(customer_group_id), as in prices. */
  customerGroupCode: Type.String(),
  productId: Type.Integer(),
  /** grant_catalog_category_view resolved for the product. */
  displayable: Type.Boolean(),
  /** grant_checkout_items resolved for the product. */
  buyable: Type.Boolean(),
  /** grant_catalog_product_price resolved for the product. */
  priceDisplayable: Type.Boolean(),
  prices: Type.Optional(Nullable(priceRange)),
  modifiedAt: Type.String(),
  deleted: Type.Boolean(),
});

/** Product permissions of one customer group in one website. */
export type ProductOverrideFeedItem = ReadonlyStatic<typeof productOverrideItem>;

export type DeletedProductOverrideFeedItem = DeletedFeedItem<
  ProductOverrideFeedItem,
  (typeof PRODUCT_OVERRIDE_MINIMAL_PAYLOAD)[number]
>;

export const PRODUCT_OVERRIDE_FEED_ITEM_SCHEMA = feedItemSchema({
  feed: 'productOverrides',
  title: 'ProductOverride',
  description: 'Calculated permissions of one product for one website and customer group (EE).',
  item: productOverrideItem,
  minimalPayload: PRODUCT_OVERRIDE_MINIMAL_PAYLOAD,
});
