import {
  arrayOf,
  bool,
  type DeletedFeedItem,
  feedItemSchema,
  type JsonSchemaObject,
  nstr,
  record,
  str,
} from './schema-kit';

/* Record `ProductVariant` of the original's et_schema.xml (`variants` feed: children of configurable products). */

export const PRODUCT_VARIANT_MINIMAL_PAYLOAD = [
  'id',
  'optionValues',
  'parentSku',
  'productSku',
  'productId',
  'modifiedAt',
] as const;

export interface ProductVariantOptionValue {
  readonly attributeCode: string;
  /** base64("configurable/<attributeId>/<optionValueId>"). */
  readonly uid: string;
  readonly label?: string | null;
  /** Deprecated: the option value id. */
  readonly valueIndex?: string | null;
}

/** One child of one configurable product. A type alias so it is a FeedItemPayload. */
export type ProductVariantFeedItem = {
  /** md5("configurable/<parentSku>/<productSku>"). */
  readonly id: string;
  readonly optionValues: readonly ProductVariantOptionValue[];
  /** Entity ids as strings: the original types them String. */
  readonly parentId: string;
  readonly productId: string;
  readonly parentSku: string;
  readonly productSku: string;
  readonly modifiedAt: string;
  readonly deleted: boolean;
};

export type DeletedProductVariantFeedItem = DeletedFeedItem<
  ProductVariantFeedItem,
  (typeof PRODUCT_VARIANT_MINIMAL_PAYLOAD)[number]
>;

export const PRODUCT_VARIANT_FEED_ITEM_SCHEMA: JsonSchemaObject = feedItemSchema({
  feed: 'variants',
  title: 'ProductVariant',
  description: 'One child product of a configurable product (et_schema record ProductVariant).',
  properties: {
    id: str,
    optionValues: arrayOf(
      record({ attributeCode: str, uid: str, label: nstr, valueIndex: nstr }, ['attributeCode', 'uid']),
    ),
    parentId: str,
    productId: str,
    parentSku: str,
    productSku: str,
    modifiedAt: str,
    deleted: bool,
  },
  required: ['id', 'optionValues', 'parentId', 'productId', 'parentSku', 'productSku', 'modifiedAt'],
  minimalPayload: PRODUCT_VARIANT_MINIMAL_PAYLOAD,
});
