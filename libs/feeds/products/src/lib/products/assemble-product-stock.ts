import { DEFAULT_STOCK_ID, type StoreView } from '@cde/platform/magento';
import { phpBool, toFloat } from './php-values';
import type { BatchIndex } from './product-batch-index';
import { configNumber, configValue } from './product-config';
import type { ProductEntityRow, StockItemRow } from './product-rows';

const BACKORDERS: Readonly<Record<string, string>> = { '0': 'no', '1': 'allow', '2': 'allow_and_notify' };

/**
 * inStock and lowStock as CatalogInventoryDataExporter's InventoryDataProvider: with MSI, the stock of the store
 * view's website (sales channel), read from cataloginventory_stock_status for the default stock and from the stock's
 * index by sku otherwise; without MSI, cataloginventory_stock_status. No row: out of stock, quantity unknown.
 */
export function stockOf(
  index: BatchIndex,
  product: ProductEntityRow,
  view: StoreView,
): { inStock: boolean; lowStock: boolean } {
  let inStock = false;
  let quantity: string | null = null;
  const stockId = index.channels ? index.channels.get(view.websiteId) : DEFAULT_STOCK_ID;
  if (stockId === DEFAULT_STOCK_ID) {
    const row = index.stockStatus.get(String(product.entity_id));
    if (row) {
      inStock = phpBool(row.stock_status);
      quantity = row.qty;
    }
  } else if (stockId !== undefined) {
    const row = index.stockIndex.get(`${stockId}/${product.sku}`);
    if (row) {
      inStock = phpBool(row.is_salable);
      quantity = row.quantity;
    }
  }
  const threshold = configNumber(index.config, 'cataloginventory/options/stock_threshold_qty', view);
  // PHP compares NULL < 0.0 as false: an unknown quantity is never low.
  const lowStock = quantity !== null && toFloat(quantity) < threshold;
  return { inStock, lowStock };
}

/**
 * ac_inventory (ExtraProductAttributes' AdvancedInventoryProvider): the stock item of the store view's website,
 * else of the default scope (website 0, "admin"), each setting from the item unless it uses the config value.
 */
export function inventoryJson(index: BatchIndex, product: ProductEntityRow, view: StoreView): string | null {
  const items = index.stockItemsOf.get(String(product.entity_id)) ?? [];
  const code = (row: StockItemRow): string | undefined => index.websiteCodes.get(Number(row.website_id));
  const item =
    items.find((r) => code(r) === view.websiteCode) ?? items.find((r) => code(r) === 'admin') ?? undefined;
  if (!item) return null;
  const config = (path: Parameters<typeof configValue>[1]): string => configValue(index.config, path, view);
  const data: Record<string, boolean | number | string> = {};
  const setting = (
    field: string,
    value: string | number | null,
    useConfig: string | number | null,
    fromConfig: () => boolean | number | string,
    format: (v: string) => boolean | number | string,
  ): void => {
    if (value === null) return;
    data[field] = phpBool(useConfig) ? fromConfig() : format(String(value));
  };
  setting(
    'manageStock',
    item.manage_stock,
    item.use_config_manage_stock,
    () => phpBool(config('cataloginventory/item_options/manage_stock')),
    phpBool,
  );
  setting(
    'cartMinQty',
    item.min_sale_qty,
    item.use_config_min_sale_qty,
    () => minSaleQty(config('cataloginventory/item_options/min_sale_qty')),
    toFloat,
  );
  setting(
    'cartMaxQty',
    item.max_sale_qty,
    item.use_config_max_sale_qty,
    () => toFloat(config('cataloginventory/item_options/max_sale_qty')),
    toFloat,
  );
  setting(
    'backorders',
    item.backorders,
    item.use_config_backorders,
    () => BACKORDERS[config('cataloginventory/item_options/backorders')] ?? 'no',
    (v) => BACKORDERS[String(Number(v))] ?? 'no',
  );
  setting(
    'enableQtyIncrements',
    item.enable_qty_increments,
    item.use_config_enable_qty_inc,
    () => phpBool(config('cataloginventory/item_options/enable_qty_increments')),
    phpBool,
  );
  setting(
    'qtyIncrements',
    item.qty_increments,
    item.use_config_qty_increments,
    () => toFloat(config('cataloginventory/item_options/qty_increments')),
    toFloat,
  );
  return Object.keys(data).length > 0 ? JSON.stringify(data) : null;
}

/**
 * The min sale qty config is a number or, per customer group, a JSON list of {customer_group_id, min_sale_qty};
 * without a group, Magento takes the "all groups" (32000) entry.
 */
function minSaleQty(value: string): number {
  const n = Number(value);
  if (value.trim() !== '' && Number.isFinite(n)) return n;
  try {
    const parsed: unknown = JSON.parse(value);
    const entries =
      parsed && typeof parsed === 'object' ? Object.values(parsed as Record<string, unknown>) : [];
    for (const e of entries) {
      if (typeof e !== 'object' || e === null) continue;
      const { customer_group_id: group, min_sale_qty: qty } = e as Record<string, unknown>;
      if ((typeof group === 'string' || typeof group === 'number') && String(group) === '32000') {
        return typeof qty === 'string' || typeof qty === 'number' ? toFloat(String(qty)) : 0;
      }
    }
  } catch {
    // Not JSON: Magento reads it as no value.
  }
  return 0;
}
