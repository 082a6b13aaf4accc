import {
  bool,
  type DeletedFeedItem,
  feedItemSchema,
  int,
  type JsonSchemaObject,
  num,
  str,
} from './schema-kit';

/* Record `StockItemStatus` of the original's et_schema.xml (`inventoryStockStatus` feed). */

export const STOCK_STATUS_MINIMAL_PAYLOAD = [
  'stockId',
  'sku',
  'isSalable',
  'qty',
  'qtyForSale',
  'infiniteStock',
  'updatedAt',
] as const;

/** The stock status of one SKU in one stock. A type alias so it is a FeedItemPayload. */
export type StockStatusFeedItem = {
  /** inventory_stock.stock_id as a string (ID in the original). */
  readonly stockId: string;
  readonly sku: string;
  /** Left out of the hash by the original; absent for a SKU without a catalog product. */
  readonly productId?: number;
  readonly qty: number;
  /** qty minus reservations. */
  readonly qtyForSale: number;
  /** Backorders allowed or stock not managed. */
  readonly infiniteStock: boolean;
  readonly lowStock?: boolean;
  readonly isSalable: boolean;
  readonly updatedAt: string;
  readonly deleted: boolean;
};

export type DeletedStockStatusFeedItem = DeletedFeedItem<
  StockStatusFeedItem,
  (typeof STOCK_STATUS_MINIMAL_PAYLOAD)[number]
>;

export const STOCK_STATUS_FEED_ITEM_SCHEMA: JsonSchemaObject = feedItemSchema({
  feed: 'inventoryStockStatus',
  title: 'StockItemStatus',
  description: 'The stock status of one SKU in one stock (et_schema record StockItemStatus).',
  properties: {
    stockId: str,
    sku: str,
    productId: int,
    qty: num,
    qtyForSale: num,
    infiniteStock: bool,
    lowStock: bool,
    isSalable: bool,
    updatedAt: str,
    deleted: bool,
  },
  required: ['stockId', 'sku', 'qty', 'qtyForSale', 'infiniteStock', 'isSalable', 'updatedAt'],
  minimalPayload: STOCK_STATUS_MINIMAL_PAYLOAD,
});
