import {
  arrayOf,
  bool,
  type DeletedFeedItem,
  feedItemSchema,
  int,
  type JsonSchemaObject,
  nstr,
  nullable,
  str,
} from './schema-kit';

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

/** One category in one store view. A type alias so it is a FeedItemPayload. */
export type CategoryFeedItem = {
  /** catalog_category_entity.entity_id, typed ID (a string) in the original. */
  readonly categoryId: string;
  readonly storeViewCode: string;
  readonly storeCode: string;
  readonly websiteCode: string;
  readonly name: string;
  readonly description?: string;
  readonly metaTitle?: string;
  readonly metaKeywords?: string;
  readonly metaDescription?: string;
  /** PRODUCTS, PAGE or PRODUCTS_AND_PAGE. */
  readonly displayMode?: string;
  readonly urlKey?: string;
  /** e.g. `gear/bags`; with storeViewCode, the item identity. */
  readonly urlPath: string;
  readonly image?: string | null;
  readonly level: number;
  /** Id path from the tree root, e.g. `1/2/3`. */
  readonly path: string;
  readonly parentId?: string;
  readonly children?: readonly string[] | null;
  readonly position?: number;
  readonly defaultSortBy?: string | null;
  readonly availableSortBy?: readonly string[] | null;
  /** 0 or 1, an Int in the original. */
  readonly isAnchor?: number;
  readonly includeInMenu?: number;
  readonly isActive?: number;
  readonly createdAt?: string;
  readonly updatedAt?: string;
  readonly modifiedAt: string;
  readonly deleted: boolean;
};

export type DeletedCategoryFeedItem = DeletedFeedItem<
  CategoryFeedItem,
  (typeof CATEGORY_MINIMAL_PAYLOAD)[number]
>;

export const CATEGORY_FEED_ITEM_SCHEMA: JsonSchemaObject = feedItemSchema({
  feed: 'categories',
  title: 'Category',
  description: 'One category in one store view (et_schema record Category).',
  properties: {
    categoryId: str,
    storeViewCode: str,
    storeCode: str,
    websiteCode: str,
    name: str,
    description: str,
    metaTitle: str,
    metaKeywords: str,
    metaDescription: str,
    displayMode: str,
    urlKey: str,
    urlPath: str,
    image: nstr,
    level: int,
    path: str,
    parentId: str,
    children: nullable(arrayOf(str)),
    position: int,
    defaultSortBy: nstr,
    availableSortBy: nullable(arrayOf(str)),
    isAnchor: int,
    includeInMenu: int,
    isActive: int,
    createdAt: str,
    updatedAt: str,
    modifiedAt: str,
    deleted: bool,
  },
  required: [
    'categoryId',
    'storeViewCode',
    'storeCode',
    'websiteCode',
    'name',
    'urlPath',
    'level',
    'path',
    'modifiedAt',
  ],
  minimalPayload: CATEGORY_MINIMAL_PAYLOAD,
});
