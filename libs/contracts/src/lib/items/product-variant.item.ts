import { Type } from '@sinclair/typebox';
import { type DeletedFeedItem, feedItemSchema, Nullable, type ReadonlyStatic } from './schema-kit';

/* Record `ProductVariant` of the original's et_schema.xml (`variants` feed: children of configurable products). */

export const PRODUCT_VARIANT_MINIMAL_PAYLOAD = [
  'id',
  'optionValues',
  'parentSku',
  'productSku',
  'productId',
  'modifiedAt',
] as const;

const optionValue = Type.Object({
  attributeCode: Type.String(),
  /** base64("configurable/<attributeId>/<optionValueId>"). */
  uid: Type.String(),
  label: Type.Optional(Nullable(Type.String())),
  /** Deprecated: the option value id. */
  valueIndex: Type.Optional(Nullable(Type.String())),
});
export type ProductVariantOptionValue = ReadonlyStatic<typeof optionValue>;

const productVariantItem = Type.Object({
  /** md5("configurable/<parentSku>/<productSku>"). */
  id: Type.String(),
  optionValues: Type.Array(optionValue),
  /** Entity ids as strings: the original types them String. */
  parentId: Type.String(),
  productId: Type.String(),
  parentSku: Type.String(),
  productSku: Type.String(),
  modifiedAt: Type.String(),
  deleted: Type.Boolean(),
});

/** One child of one configurable product. */
export type ProductVariantFeedItem = ReadonlyStatic<typeof productVariantItem>;

export type DeletedProductVariantFeedItem = DeletedFeedItem<
  ProductVariantFeedItem,
  (typeof PRODUCT_VARIANT_MINIMAL_PAYLOAD)[number]
>;

export const PRODUCT_VARIANT_FEED_ITEM_SCHEMA = feedItemSchema({
  feed: 'variants',
  title: 'ProductVariant',
  description: 'One child product of a configurable product (et_schema record ProductVariant).',
  item: productVariantItem,
  minimalPayload: PRODUCT_VARIANT_MINIMAL_PAYLOAD,
});
