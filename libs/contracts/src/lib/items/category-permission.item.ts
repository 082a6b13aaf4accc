import { bool, type DeletedFeedItem, feedItemSchema, type JsonSchemaObject, record, str } from './schema-kit';

/*
 * `categoryPermissions` (EE, "raw category permissions"). The original's schema is private, so this one is
 * ours: one item per category × website × customer group, with the three grants of magento_catalogpermissions
 * named after what they allow. Grant values are resolved to ALLOW or DENY (Magento stores -1 / -2; 0 "use
 * parent" is resolved through the ancestors as Magento's category permission index does, then from the configured
 * defaults). The configured defaults per website × customer group are published as fallback records on category
 * "1", the tree root that starts every category path.
 */

/** Not listed by the original: identity + scope codes + timestamp. */
export const CATEGORY_PERMISSION_MINIMAL_PAYLOAD = [
  'categoryId',
  'websiteCode',
  'customerGroupCode',
  'modifiedAt',
] as const;

export const CATEGORY_PERMISSION_GRANTS = ['ALLOW', 'DENY'] as const;
export type CategoryPermissionGrant = (typeof CATEGORY_PERMISSION_GRANTS)[number];

export interface CategoryPermissionGrants {
  /** grant_catalog_category_view: browse the category. */
  readonly displayable: CategoryPermissionGrant;
  /** grant_catalog_product_price: see product prices. */
  readonly displayProductPrice: CategoryPermissionGrant;
  /** grant_checkout_items: add its products to the cart. */
  readonly allowAddToCart: CategoryPermissionGrant;
}

/** The permissions of one customer group on one category in one website. A type alias so it is a FeedItemPayload. */
export type CategoryPermissionFeedItem = {
  /** catalog_category_entity.entity_id as a string (ID, like the categories feed). */
  readonly categoryId: string;
  readonly websiteCode: string;
  /** sha1(customer_group_id), as in prices. */
  readonly customerGroupCode: string;
  readonly permission: CategoryPermissionGrants;
  readonly modifiedAt: string;
  readonly deleted: boolean;
};

export type DeletedCategoryPermissionFeedItem = DeletedFeedItem<
  CategoryPermissionFeedItem,
  (typeof CATEGORY_PERMISSION_MINIMAL_PAYLOAD)[number]
>;

const grant = { type: 'string', enum: CATEGORY_PERMISSION_GRANTS } as const satisfies JsonSchemaObject;

export const CATEGORY_PERMISSION_FEED_ITEM_SCHEMA: JsonSchemaObject = feedItemSchema({
  feed: 'categoryPermissions',
  title: 'CategoryPermission',
  description: 'Permissions of one customer group on one category in one website (EE).',
  properties: {
    categoryId: str,
    websiteCode: str,
    customerGroupCode: str,
    permission: record({ displayable: grant, displayProductPrice: grant, allowAddToCart: grant }, [
      'displayable',
      'displayProductPrice',
      'allowAddToCart',
    ]),
    modifiedAt: str,
    deleted: bool,
  },
  required: ['categoryId', 'websiteCode', 'customerGroupCode', 'permission', 'modifiedAt'],
  minimalPayload: CATEGORY_PERMISSION_MINIMAL_PAYLOAD,
});
