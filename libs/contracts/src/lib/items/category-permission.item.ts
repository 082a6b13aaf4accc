import { Type } from '@sinclair/typebox';
import { type DeletedFeedItem, feedItemSchema, type ReadonlyStatic, StringEnum } from './schema-kit';

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

const grant = StringEnum(CATEGORY_PERMISSION_GRANTS);

const grants = Type.Object({
  /** grant_catalog_category_view: browse the category. */
  displayable: grant,
  /** grant_catalog_product_price: see product prices. */
  displayProductPrice: grant,
  /** grant_checkout_items: add its products to the cart. */
  allowAddToCart: grant,
});
export type CategoryPermissionGrants = ReadonlyStatic<typeof grants>;

const categoryPermissionItem = Type.Object({
  /** catalog_category_entity.entity_id as a string (ID, like the categories feed). */
  categoryId: Type.String(),
  websiteCode: Type.String(),
  /** sha1(customer_group_id), as in prices. */
  customerGroupCode: Type.String(),
  permission: grants,
  modifiedAt: Type.String(),
  deleted: Type.Boolean(),
});

/** The permissions of one customer group on one category in one website. */
export type CategoryPermissionFeedItem = ReadonlyStatic<typeof categoryPermissionItem>;

export type DeletedCategoryPermissionFeedItem = DeletedFeedItem<
  CategoryPermissionFeedItem,
  (typeof CATEGORY_PERMISSION_MINIMAL_PAYLOAD)[number]
>;

export const CATEGORY_PERMISSION_FEED_ITEM_SCHEMA = feedItemSchema({
  feed: 'categoryPermissions',
  title: 'CategoryPermission',
  description: 'Permissions of one customer group on one category in one website (EE).',
  item: categoryPermissionItem,
  minimalPayload: CATEGORY_PERMISSION_MINIMAL_PAYLOAD,
});
