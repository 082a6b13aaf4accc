import { customerGroupCode, type ProductOverrideFeedItem } from '@cde/contracts';
import {
  GRANT_ALLOW,
  productGrants,
  type IndexGrants,
  type PermissionConfig,
  type PermissionIndex,
} from '../category-permissions/catalog-permissions';

/** A product override as the reader assembles it (no prices); the engine adds modifiedAt and deleted. */
export type AssembledProductOverride = Omit<ProductOverrideFeedItem, 'modifiedAt' | 'deleted'>;

export interface OverrideProductRow {
  readonly entity_id: number | string;
  readonly sku: string;
}

export interface OverrideWebsite {
  readonly websiteId: string;
  readonly websiteCode: string;
  /** Paths of the root categories of the website's store groups ("1/2"). */
  readonly rootPaths: readonly string[];
}

export interface ProductOverrideContext {
  readonly index: PermissionIndex;
  readonly config: PermissionConfig;
  /** Every website but admin, in id order. */
  readonly websites: readonly OverrideWebsite[];
  /** Every customer group id, in id order. */
  readonly groupIds: readonly string[];
  /** Categories whose default-scope is_anchor is 1. */
  readonly anchors: ReadonlySet<string>;
}

export interface ProductPlacement {
  /** The product's websites (catalog_product_website). */
  readonly websiteIds: readonly string[];
  /** Paths of the categories the product is assigned to (catalog_category_product). */
  readonly categoryPaths: readonly string[];
}

/**
 * The categories whose permissions reach a product in a website, as Magento's category product index lists them
 * for the website's stores: its own categories under a root of the website, their anchor ancestors within that
 * tree (an anchor category lists the products of its whole subtree), and the root itself (which lists every
 * product of the website).
 */
export function listingCategoryPaths(
  categoryPaths: readonly string[],
  rootPaths: readonly string[],
  anchors: ReadonlySet<string>,
): string[] {
  const out = new Set<string>();
  for (const root of rootPaths) {
    out.add(root);
    const depth = root.split('/').length;
    for (const path of categoryPaths) {
      if (path !== root && !path.startsWith(`${root}/`)) continue;
      out.add(path);
      const ids = path.split('/');
      for (let n = depth + 1; n < ids.length; n++)
        if (anchors.has(ids[n - 1]!)) out.add(ids.slice(0, n).join('/'));
    }
  }
  return [...out];
}

/**
 * The calculated permissions of one product: nothing when no category that lists it has a permission index row
 * for any of its websites (Adobe sizes the feed as "products with permissions"), else one item per website of the
 * product × customer group. Per grant one allowing category is enough; undecided grants and pairs without any
 * category row take the configured defaults; a hidden product has no visible price and an invisible price cannot
 * be bought. Prices are left out: they come with the prices feed.
 */
export function assembleProductOverrideItems(
  product: OverrideProductRow,
  placement: ProductPlacement,
  context: ProductOverrideContext,
): AssembledProductOverride[] {
  const { index, config, websites, groupIds, anchors } = context;
  const productWebsites = new Set(placement.websiteIds.map(String));
  const items: AssembledProductOverride[] = [];
  let permitted = false;
  for (const website of websites) {
    if (!productWebsites.has(website.websiteId)) continue;
    const listing = listingCategoryPaths(placement.categoryPaths, website.rootPaths, anchors);
    for (const groupId of groupIds) {
      const rows = listing
        .map((path) => index.resolve(path, website.websiteId, groupId))
        .filter((r): r is IndexGrants => r !== undefined);
      if (rows.length > 0) permitted = true;
      const grants = productGrants(rows, config.defaults(website.websiteId, groupId));
      const displayable = grants.view === GRANT_ALLOW;
      const priceDisplayable = displayable && grants.price === GRANT_ALLOW;
      items.push({
        sku: product.sku,
        websiteCode: website.websiteCode,
        customerGroupCode: customerGroupCode(groupId),
        productId: Number(product.entity_id),
        displayable,
        buyable: priceDisplayable && grants.checkout === GRANT_ALLOW,
        priceDisplayable,
      });
    }
  }
  return permitted ? items : [];
}
