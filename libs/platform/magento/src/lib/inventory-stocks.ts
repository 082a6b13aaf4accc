import { queryByIds, unlessMissingTable, type CommerceDb } from '@cde/platform/commerce-db';

/*
 * MSI (Magento Inventory) stocks. MSI is on when its sales channel table exists: then each website sells from a
 * stock, the default stock read from cataloginventory_stock_status and every other one from its
 * `inventory_stock_<id>` index, by SKU. Without MSI, cataloginventory_stock_status holds everything.
 */

/** MSI's default stock, which reads cataloginventory_stock_status instead of an inventory_stock_<id> index. */
export const DEFAULT_STOCK_ID = 1;

/** `inventory_stock_sales_channel` ⋈ `store_website`: the MSI stock a website sells from. */
export interface SalesChannelRow {
  readonly stock_id: number | string;
  readonly website_id: number | string;
}

/** `inventory_stock_<id>` (MSI stock index of a non-default stock), by sku. */
export interface StockIndexRow {
  readonly stock_id: number | string;
  readonly sku: string;
  readonly quantity: string | null;
  readonly is_salable: number | string;
}

/** The stock each website sells from; null without MSI (no sales channel table). */
export function readSalesChannels(db: CommerceDb): Promise<SalesChannelRow[] | null> {
  return unlessMissingTable<SalesChannelRow[] | null>(
    db.query<SalesChannelRow>(
      `SELECT c.stock_id, w.website_id FROM inventory_stock_sales_channel c
         JOIN store_website w ON w.code = c.code WHERE c.type = 'website'`,
    ),
    null,
  );
}

/** The stocks of these sales channels that have an index of their own (every one but the default stock). */
export function indexedStockIds(channels: readonly SalesChannelRow[] | null): number[] {
  return [...new Set((channels ?? []).map((c) => Number(c.stock_id)))].filter(
    (id) => Number.isInteger(id) && id !== DEFAULT_STOCK_ID,
  );
}

/** Index rows of these SKUs in these stocks; a stock whose index was never built sells nothing. */
export async function readStockIndex(
  db: CommerceDb,
  stockIds: readonly number[],
  skus: readonly string[],
): Promise<StockIndexRow[]> {
  const perStock = await Promise.all(
    stockIds.map((stockId) =>
      unlessMissingTable(
        queryByIds<StockIndexRow>(
          db,
          `SELECT ${Number(stockId)} AS stock_id, sku, quantity, is_salable FROM inventory_stock_${Number(stockId)}
            WHERE sku IN (?)`,
          skus,
        ),
        [],
      ),
    ),
  );
  return perStock.flat();
}
