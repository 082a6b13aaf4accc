import { Type } from '@sinclair/typebox';
import { type DeletedFeedItem, feedItemSchema, type ReadonlyStatic } from './schema-kit';

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

const stockStatusItem = Type.Object({
  /** inventory_stock.stock_id as a string (ID in the original). */
  stockId: Type.String(),
  sku: Type.String(),
  /** Left out of the hash by the original; absent for a SKU without a catalog product. */
  productId: Type.Optional(Type.Integer()),
  qty: Type.Number(),
  /** qty minus reservations. */
  qtyForSale: Type.Number(),
  /** Backorders allowed or stock not managed. */
  infiniteStock: Type.Boolean(),
  lowStock: Type.Optional(Type.Boolean()),
  isSalable: Type.Boolean(),
  updatedAt: Type.String(),
  deleted: Type.Boolean(),
});

/** The stock status of one SKU in one stock. */
export type StockStatusFeedItem = ReadonlyStatic<typeof stockStatusItem>;

export type DeletedStockStatusFeedItem = DeletedFeedItem<
  StockStatusFeedItem,
  (typeof STOCK_STATUS_MINIMAL_PAYLOAD)[number]
>;

export const STOCK_STATUS_FEED_ITEM_SCHEMA = feedItemSchema({
  feed: 'inventoryStockStatus',
  title: 'StockItemStatus',
  description: 'The stock status of one SKU in one stock (et_schema record StockItemStatus).',
  item: stockStatusItem,
  minimalPayload: STOCK_STATUS_MINIMAL_PAYLOAD,
});
