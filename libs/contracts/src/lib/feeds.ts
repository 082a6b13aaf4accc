/**
 * The feeds, named as the original names them (`--feed`), with what every part needs to agree on: the owning
 * service, the item identity, the export mode and batch size defaults, the feed-state table and the receiver path.
 */
export const FEED_NAMES = [
  'products',
  'productAttributes',
  'categories',
  'variants',
  'productOverrides',
  'categoryPermissions',
  'prices',
  'scopesWebsite',
  'scopesCustomerGroup',
  'orders',
  'inventoryStockStatus',
] as const;

export type FeedName = (typeof FEED_NAMES)[number];

export const SERVICE_NAMES = [
  'products-feed',
  'prices-feed',
  'scopes-feed',
  'orders-feed',
  'inventory-feed',
] as const;
export type FeedServiceName = (typeof SERVICE_NAMES)[number];

/** immediate: items stream out as they are assembled; legacy: stored whole and sent on a schedule. */
export type ExportMode = 'immediate' | 'legacy';

export interface FeedMetadata {
  readonly name: FeedName;
  readonly service: FeedServiceName;
  /** Item fields whose values, joined by "\0", are hashed (sha1) into the feedId. */
  readonly identity: readonly string[];
  readonly defaultMode: ExportMode;
  /** Items per request to the receiver (the original: 100; prices 500). */
  readonly defaultBatchSize: number;
  /** Feed-state table in `data_export` (the original's table names). */
  readonly stateTable: string;
  /**
   * Path of the feed's ingestion endpoint under the receiver's base URL; `{environmentId}` is the data space.
   * Products, metadata, prices, categories and scopes follow the paths known from the original's transport.
   */
  readonly endpointPath: string;
  /** Whether deletes are propagated (`deleted: true` items); orders are never removable. */
  readonly removable: boolean;
}

const feed = (m: FeedMetadata): FeedMetadata => m;

export const FEEDS: Readonly<Record<FeedName, FeedMetadata>> = {
  products: feed({
    name: 'products',
    service: 'products-feed',
    identity: ['sku', 'storeViewCode'],
    defaultMode: 'immediate',
    defaultBatchSize: 100,
    stateTable: 'cde_products_feed',
    endpointPath: '/feeds/catalog/v2/products/{environmentId}',
    removable: true,
  }),
  productAttributes: feed({
    name: 'productAttributes',
    service: 'products-feed',
    identity: ['attributeCode', 'storeViewCode'],
    defaultMode: 'immediate',
    defaultBatchSize: 100,
    stateTable: 'cde_product_attributes_feed',
    endpointPath: '/feeds/metadata/v2/metadata/{environmentId}',
    removable: true,
  }),
  categories: feed({
    name: 'categories',
    service: 'products-feed',
    identity: ['urlPath', 'storeViewCode'],
    defaultMode: 'immediate',
    defaultBatchSize: 100,
    stateTable: 'cde_categories_feed',
    endpointPath: '/feeds/categories/v1/{environmentId}',
    removable: true,
  }),
  variants: feed({
    name: 'variants',
    service: 'products-feed',
    identity: ['parentSku', 'productSku'],
    defaultMode: 'immediate',
    defaultBatchSize: 100,
    stateTable: 'cde_product_variants_feed',
    endpointPath: '/feeds/catalog/v2/variants/{environmentId}',
    removable: true,
  }),
  productOverrides: feed({
    name: 'productOverrides',
    service: 'products-feed',
    identity: ['sku', 'websiteCode', 'customerGroupCode'],
    defaultMode: 'immediate',
    defaultBatchSize: 100,
    stateTable: 'cde_product_overrides_feed',
    endpointPath: '/feeds/catalog/v2/product-overrides/{environmentId}',
    removable: true,
  }),
  categoryPermissions: feed({
    name: 'categoryPermissions',
    service: 'products-feed',
    identity: ['categoryId', 'websiteCode', 'customerGroupCode'],
    defaultMode: 'immediate',
    defaultBatchSize: 100,
    stateTable: 'cde_category_permissions_feed',
    endpointPath: '/feeds/catalog/v2/category-permissions/{environmentId}',
    removable: true,
  }),
  prices: feed({
    name: 'prices',
    service: 'prices-feed',
    identity: ['sku', 'customerGroupCode', 'websiteCode'],
    defaultMode: 'immediate',
    defaultBatchSize: 500,
    stateTable: 'cde_product_prices_feed',
    endpointPath: '/feeds/products/v1/prices/{environmentId}',
    removable: true,
  }),
  scopesWebsite: feed({
    name: 'scopesWebsite',
    service: 'scopes-feed',
    identity: ['websiteId'],
    defaultMode: 'legacy',
    defaultBatchSize: 100,
    stateTable: 'scopes_website_data_exporter',
    endpointPath: '/feeds/scopes/v2/websites/{environmentId}',
    removable: true,
  }),
  scopesCustomerGroup: feed({
    name: 'scopesCustomerGroup',
    service: 'scopes-feed',
    identity: ['customerGroupId'],
    defaultMode: 'legacy',
    defaultBatchSize: 100,
    stateTable: 'scopes_customergroup_data_exporter',
    endpointPath: '/feeds/scopes/v2/customer-groups/{environmentId}',
    removable: true,
  }),
  orders: feed({
    name: 'orders',
    service: 'orders-feed',
    identity: ['commerceOrderId'],
    defaultMode: 'legacy',
    defaultBatchSize: 100,
    stateTable: 'sales_data_exporter_orders_v2',
    endpointPath: '/feeds/orders/v2/{environmentId}',
    removable: false,
  }),
  inventoryStockStatus: feed({
    name: 'inventoryStockStatus',
    service: 'inventory-feed',
    identity: ['stockId', 'sku'],
    defaultMode: 'immediate',
    defaultBatchSize: 100,
    stateTable: 'inventory_data_exporter_stock_status_feed',
    endpointPath: '/feeds/inventory/v1/stock-status/{environmentId}',
    removable: true,
  }),
};

export function isFeedName(value: string): value is FeedName {
  return (FEED_NAMES as readonly string[]).includes(value);
}

/** Feed names are matched case-insensitively on the command line, as the original does (`productattributes`). */
export function parseFeedName(value: string): FeedName | undefined {
  const lower = value.toLowerCase();
  return FEED_NAMES.find((f) => f.toLowerCase() === lower);
}

export function feedsOfService(service: FeedServiceName): FeedName[] {
  return FEED_NAMES.filter((f) => FEEDS[f].service === service);
}
