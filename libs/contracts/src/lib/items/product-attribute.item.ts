import { Type } from '@sinclair/typebox';
import { type DeletedFeedItem, feedItemSchema, Nullable, type ReadonlyStatic } from './schema-kit';

/* Record `ProductAttributeMetadata` of the original's et_schema.xml (`productAttributes` feed). */

export const PRODUCT_ATTRIBUTE_MINIMAL_PAYLOAD = [
  'websiteCode',
  'storeCode',
  'storeViewCode',
  'attributeCode',
  'attributeType',
  'modifiedAt',
] as const;

const productAttributeItem = Type.Object({
  /** eav_attribute.attribute_id, typed ID (a string) in the original. */
  id: Type.String(),
  storeCode: Type.String(),
  websiteCode: Type.String(),
  storeViewCode: Type.String(),
  attributeCode: Type.String(),
  /** Entity type code, e.g. `catalog_product`. */
  attributeType: Type.String(),
  /** Backend type: varchar, int, decimal, text, datetime, static. */
  dataType: Type.String(),
  multi: Type.Optional(Type.Boolean()),
  label: Type.Optional(Type.String()),
  frontendInput: Type.Optional(Type.String()),
  required: Type.Optional(Type.Boolean()),
  unique: Type.Optional(Type.Boolean()),
  global: Type.Optional(Type.Boolean()),
  visible: Type.Optional(Type.Boolean()),
  searchable: Type.Optional(Type.Boolean()),
  filterable: Type.Optional(Type.Boolean()),
  visibleInCompareList: Type.Optional(Type.Boolean()),
  visibleInListing: Type.Optional(Type.Boolean()),
  sortable: Type.Optional(Type.Boolean()),
  visibleInSearch: Type.Optional(Type.Boolean()),
  filterableInSearch: Type.Optional(Type.Boolean()),
  searchWeight: Type.Optional(Type.Number()),
  usedForRules: Type.Optional(Type.Boolean()),
  boolean: Type.Optional(Type.Boolean()),
  systemAttribute: Type.Optional(Type.Boolean()),
  numeric: Type.Optional(Type.Boolean()),
  /**
   * Option labels in the store view. The original has a provider for it (AttributeOptions) though its current
   * et_schema.xml does not declare the field; kept so a sender that adds it is typed.
   */
  attributeOptions: Type.Optional(Nullable(Type.Array(Type.String()))),
  modifiedAt: Type.String(),
  deleted: Type.Boolean(),
});

/** One product attribute's metadata in one store view. */
export type ProductAttributeFeedItem = ReadonlyStatic<typeof productAttributeItem>;

export type DeletedProductAttributeFeedItem = DeletedFeedItem<
  ProductAttributeFeedItem,
  (typeof PRODUCT_ATTRIBUTE_MINIMAL_PAYLOAD)[number]
>;

export const PRODUCT_ATTRIBUTE_FEED_ITEM_SCHEMA = feedItemSchema({
  feed: 'productAttributes',
  title: 'ProductAttributeMetadata',
  description: 'One product attribute in one store view (et_schema record ProductAttributeMetadata).',
  item: productAttributeItem,
  minimalPayload: PRODUCT_ATTRIBUTE_MINIMAL_PAYLOAD,
});
