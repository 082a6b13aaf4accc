export * from './category-permission.item';
export * from './category.item';
export * from './order.item';
export * from './product-attribute.item';
export * from './product-override.item';
export * from './product-price.item';
export * from './product-variant.item';
export * from './product.item';
// The schema builders stay internal; only the shared types and the dialect are public.
export {
  type DeletedFeedItem,
  FEED_ITEM_SCHEMA_DIALECT,
  type FeedItemSchema,
  type ReadonlyStatic,
} from './schema-kit';
export * from './scopes-customer-group.item';
export * from './scopes-website.item';
export * from './stock-status.item';
