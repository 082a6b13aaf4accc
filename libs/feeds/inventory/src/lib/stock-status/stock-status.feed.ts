import { STOCK_STATUS_MINIMAL_PAYLOAD } from '@cde/contracts';
import { defineFeed } from '@cde/feed-engine';
import { StockStatusChanges } from './stock-status-changes';
import { StockStatusReader } from './stock-status.reader';

/**
 * inventoryStockStatus: one item per stock × SKU, identity stockId + sku, source entity the product. The hash
 * leaves productId out, as the original's excludeFromHashFields does.
 */
export const STOCK_STATUS_FEED = defineFeed({
  feed: 'inventoryStockStatus',
  minimalPayload: STOCK_STATUS_MINIMAL_PAYLOAD,
  timestampField: 'updatedAt',
  hash: { exclude: ['productId'] },
  connect: (db) => ({ reader: new StockStatusReader(db), changes: new StockStatusChanges(db) }),
  sources: {
    catalog_product_entity: (e, changes) => changes.onProduct(e),
    cataloginventory_stock_item: (e, changes) => changes.onStockItem(e),
    inventory_source_item: (e, changes) => changes.onSkuRow(e),
    inventory_reservation: (e, changes) => changes.onSkuRow(e),
    inventory_source: (e, changes) => changes.onSource(e),
    inventory_source_stock_link: (e, changes) => changes.onStockSourceLink(e),
    inventory_stock: (e, changes) => changes.onStock(e),
    core_config_data: (e, changes) => changes.onConfig(e),
  },
});

/** The feeds inventory-feed runs. */
export const INVENTORY_FEEDS = [STOCK_STATUS_FEED] as const;
