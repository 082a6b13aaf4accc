import {
  customerGroupCode,
  type CategoryPermissionFeedItem,
  type CategoryPermissionGrant,
} from '@cde/contracts';
import {
  cascadeDenies,
  GRANT_ALLOW,
  ownPairs,
  withDefaults,
  type Decided,
  type PermissionConfig,
  type PermissionIndex,
} from './catalog-permissions';

/** A category permission item as the reader assembles it; the engine adds modifiedAt and deleted. */
export type AssembledCategoryPermission = Omit<CategoryPermissionFeedItem, 'modifiedAt' | 'deleted'>;

/**
 * The tree root ("Root Catalog", path "1") carries the fallback records: the configured defaults per website ×
 * customer group. Every category path starts with it, so a consumer that looks a category up and walks up its
 * path until it finds an item always ends there.
 */
export const FALLBACK_CATEGORY_ID = '1';

export interface PermissionCategoryRow {
  readonly entity_id: number | string;
  readonly path: string;
}

export interface PermissionWebsite {
  readonly websiteId: string;
  readonly websiteCode: string;
}

export interface CategoryPermissionContext {
  readonly index: PermissionIndex;
  readonly config: PermissionConfig;
  /** Every website but admin, in id order. */
  readonly websites: readonly PermissionWebsite[];
  /** Every customer group id, in id order. */
  readonly groupIds: readonly string[];
}

const grantName = (value: Decided): CategoryPermissionGrant => (value === GRANT_ALLOW ? 'ALLOW' : 'DENY');

/**
 * The items of one category: one per website × customer group its own rows name (NULL website / group expanded;
 * for a pair named by several rows the most specific row decides), for the root one per website × group. Each
 * carries the permission Magento enforces there: the category index value ("use parent" resolved through the
 * ancestors), undecided grants from the configured defaults, a denied view denying the price and a denied price
 * denying checkout.
 */
export function assembleCategoryPermissionItems(
  category: PermissionCategoryRow,
  context: CategoryPermissionContext,
): AssembledCategoryPermission[] {
  const categoryId = String(category.entity_id);
  const { index, config, websites, groupIds } = context;
  const websiteIds = websites.map((w) => w.websiteId);
  const pairs =
    categoryId === FALLBACK_CATEGORY_ID
      ? websiteIds.flatMap((websiteId) => groupIds.map((groupId) => ({ websiteId, groupId })))
      : ownPairs(index.ownRows(categoryId), websiteIds, groupIds);
  const codeOf = new Map(websites.map((w) => [w.websiteId, w.websiteCode]));
  const order = (p: { websiteId: string; groupId: string }): [number, number] => [
    websiteIds.indexOf(p.websiteId),
    groupIds.indexOf(p.groupId),
  ];
  return pairs
    .sort((a, b) => order(a)[0] - order(b)[0] || order(a)[1] - order(b)[1])
    .map(({ websiteId, groupId }) => {
      const resolved = index.resolve(category.path, websiteId, groupId) ?? {
        view: null,
        price: null,
        checkout: null,
      };
      const grants = cascadeDenies(withDefaults(resolved, config.defaults(websiteId, groupId)));
      return {
        categoryId,
        websiteCode: codeOf.get(websiteId) ?? websiteId,
        customerGroupCode: customerGroupCode(groupId),
        permission: {
          displayable: grantName(grants.view),
          displayProductPrice: grantName(grants.price),
          allowAddToCart: grantName(grants.checkout),
        },
      };
    });
}
