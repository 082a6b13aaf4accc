import type { FeedDefinition } from '@cde/feed-engine';
import { CATEGORIES_FEED } from './categories/categories.feed';
import { CATEGORY_PERMISSIONS_FEED } from './category-permissions/category-permissions.feed';
import { PRODUCT_ATTRIBUTES_FEED } from './product-attributes/product-attributes.feed';
import { PRODUCT_OVERRIDES_FEED } from './product-overrides/product-overrides.feed';
import { PRODUCTS_FEED } from './products/products.feed';
import { VARIANTS_FEED } from './variants/variants.feed';

/**
 * The six catalog feeds products-feed runs, in the order the original recommends for an initial sync:
 * metadata and categories first, then products, variants and permissions.
 */
export const CATALOG_FEEDS: readonly FeedDefinition[] = [
  PRODUCT_ATTRIBUTES_FEED,
  CATEGORIES_FEED,
  PRODUCTS_FEED,
  VARIANTS_FEED,
  PRODUCT_OVERRIDES_FEED,
  CATEGORY_PERMISSIONS_FEED,
];
