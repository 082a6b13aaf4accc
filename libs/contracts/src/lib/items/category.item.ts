import { Type } from '@sinclair/typebox';
import { type DeletedFeedItem, feedItemSchema, Nullable, type ReadonlyStatic } from './schema-kit';

/* Record `Category` of the original's et_schema.xml (`categories` feed). */

/**
 * The original's minimal payload (websiteCode, storeCode, storeViewCode, categoryId, modifiedAt) plus `urlPath`:
 * the item identity became urlPath + storeViewCode (MDEE-1382) but the minimal payload was not updated, so a
 * delete rebuilt from it would carry no identity. Ours keeps urlPath so every delete names its item.
 */
export const CATEGORY_MINIMAL_PAYLOAD = [
  'websiteCode',
  'storeCode',
  'storeViewCode',
  'categoryId',
  'urlPath',
  'modifiedAt',
] as const;

const categoryItem = Type.Object({
  /** catalog_category_entity.entity_id, typed ID (a string) in the original. */
  categoryId: Type.String(),
  storeViewCode: Type.String(),
  storeCode: Type.String(),
  websiteCode: Type.String(),
  name: Type.String(),
  description: Type.Optional(Type.String()),
  metaTitle: Type.Optional(Type.String()),
  metaKeywords: Type.Optional(Type.String()),
  metaDescription: Type.Optional(Type.String()),
  /** PRODUCTS, PAGE or PRODUCTS_AND_PAGE. */
  displayMode: Type.Optional(Type.String()),
  urlKey: Type.Optional(Type.String()),
  /** e.g. `gear/bags`; with storeViewCode, the item identity. */
  urlPath: Type.String(),
  image: Type.Optional(Nullable(Type.String())),
  level: Type.Integer(),
  /** Id path from the tree root, e.g. `1/2/3`. */
  path: Type.String(),
  parentId: Type.Optional(Type.String()),
  children: Type.Optional(Nullable(Type.Array(Type.String()))),
  position: Type.Optional(Type.Integer()),
  defaultSortBy: Type.Optional(Nullable(Type.String())),
  availableSortBy: Type.Optional(Nullable(Type.Array(Type.String()))),
  /** 0 or 1, an Int in the original. */
  isAnchor: Type.Optional(Type.Integer()),
  includeInMenu: Type.Optional(Type.Integer()),
  isActive: Type.Optional(Type.Integer()),
  createdAt: Type.Optional(Type.String()),
  updatedAt: Type.Optional(Type.String()),
  modifiedAt: Type.String(),
  deleted: Type.Boolean(),
});

/** One category in one store view. */
export type CategoryFeedItem = ReadonlyStatic<typeof categoryItem>;

export type DeletedCategoryFeedItem = DeletedFeedItem<
  CategoryFeedItem,
  (typeof CATEGORY_MINIMAL_PAYLOAD)[number]
>;

export const CATEGORY_FEED_ITEM_SCHEMA = feedItemSchema({
  feed: 'categories',
  title: 'Category',
  description: 'One category in one store view (et_schema record Category).',
  item: categoryItem,
  minimalPayload: CATEGORY_MINIMAL_PAYLOAD,
});
