import type { StockStatusFeedItem } from '@cde/contracts';
import { DEFAULT_STOCK_ID, groupBy } from '@cde/platform/magento';
import type {
  InventoryConfig,
  MsiRows,
  StockItemSettingsRow,
  StockProductRow,
  StockStatusRows,
} from './stock-status-rows';

/** An item as the assembler makes it: the engine adds updatedAt and deleted. */
export type AssembledStockStatus = Omit<StockStatusFeedItem, 'updatedAt' | 'deleted'>;

/** An item with the product it belongs to (the feed's source entity). */
export interface ProductStockStatus {
  readonly productId: string;
  readonly item: AssembledStockStatus;
}

/**
 * Product types whose quantity Magento keeps in sources (IsSourceItemManagementAllowedForProductType): composites
 * (configurable, bundle, grouped) have no quantity of their own and no item.
 */
export const QUANTITY_PRODUCT_TYPES: readonly string[] = ['simple', 'virtual', 'downloadable', 'giftcard'];

/** Magento's config.xml defaults of cataloginventory/item_options, for when no row is stored. */
export const INVENTORY_CONFIG_DEFAULTS: InventoryConfig = {
  manageStock: true,
  backorders: false,
  minQty: 0,
  notifyStockQty: 1,
};

/** Decimal(12,4) values summed in floating point, rounded back to their four places. */
const round4 = (n: number): number => Math.round(n * 10_000) / 10_000 + 0;

const flag = (value: number | string | null | undefined): boolean => Number(value ?? 0) !== 0;

const decimal = (value: string | null | undefined): number => {
  const n = Number(value ?? 0);
  return Number.isFinite(n) ? n : 0;
};

/** The settings an item follows: its own, or the configuration's where it uses the config value. */
export interface EffectiveSettings {
  readonly manageStock: boolean;
  readonly backorders: boolean;
  readonly minQty: number;
  readonly notifyStockQty: number;
}

/** A stock item's settings with the configuration defaults; no stock item row: every setting from config. */
export function effectiveSettings(
  row: StockItemSettingsRow | undefined,
  config: InventoryConfig,
): EffectiveSettings {
  if (!row) return config;
  return {
    manageStock: flag(row.use_config_manage_stock) ? config.manageStock : flag(row.manage_stock),
    backorders: flag(row.use_config_backorders) ? config.backorders : flag(row.backorders),
    minQty: flag(row.use_config_min_qty) ? config.minQty : decimal(row.min_qty),
    notifyStockQty: flag(row.use_config_notify_stock_qty)
      ? config.notifyStockQty
      : decimal(row.notify_stock_qty),
  };
}

/** What one stock holds of one SKU. */
export interface StockQuantities {
  /** Quantity of the in-stock source items of the stock's enabled sources (MSI), or the stock item's qty. */
  readonly qty: number;
  /** Some source (or the legacy stock item) says "in stock". */
  readonly anyInStock: boolean;
  /** Sum of the stock's reservations for the SKU (negative: ordered, not yet shipped). */
  readonly reserved: number;
}

/**
 * The status of one SKU in one stock, by Magento's own rules:
 * - the stock index says salable (IsStockItemSalableConditionChain) when stock is not managed, or when a source
 *   is in stock and the quantity is above the out-of-stock threshold or backorders are allowed;
 * - salable quantity (GetProductSalableQty): 0 when the index says not salable, else qty + reservations − threshold;
 * - salable (IsProductSalable): stock not managed, or the index says salable and either backorders are allowed or
 *   qty + reservations is above the threshold (IsSalableWithReservationsCondition);
 * - infinite (the exporter's InfiniteStock): stock not managed, or backorders with a threshold of 0;
 * - low stock (the low-stock report): managed stock whose quantity is below notify_stock_qty.
 */
export function stockStatusOf(
  settings: EffectiveSettings,
  stock: StockQuantities,
): Pick<AssembledStockStatus, 'qty' | 'qtyForSale' | 'isSalable' | 'infiniteStock' | 'lowStock'> {
  const { manageStock, backorders, minQty } = settings;
  const withReservations = stock.qty + stock.reserved;
  const indexSalable = !manageStock || (stock.anyInStock && (stock.qty > minQty || backorders));
  return {
    qty: round4(stock.qty),
    qtyForSale: indexSalable ? round4(withReservations - minQty) : 0,
    isSalable: !manageStock || (indexSalable && (backorders || withReservations > minQty)),
    infiniteStock: !manageStock || (backorders && minQty === 0),
    lowStock: manageStock && stock.qty < settings.notifyStockQty,
  };
}

/**
 * One item per stock × SKU of the products in `rows`. With MSI, a stock holds a SKU that has a source item in one
 * of the stock's enabled sources (as MSI's stock index does); without MSI, the default stock (1) holds every
 * product with a stock item. Composite products get no item.
 */
export function assembleStockStatusItems(rows: StockStatusRows): ProductStockStatus[] {
  const settingsOf = new Map(rows.stockItems.map((r) => [String(r.product_id), r]));
  const products = rows.products.filter((p) => QUANTITY_PRODUCT_TYPES.includes(p.type_id));
  const stockOf = rows.msi ? msiStocks(rows.msi) : legacyStock(settingsOf);
  return products.flatMap((product) => {
    const productId = String(product.entity_id);
    const settings = effectiveSettings(settingsOf.get(productId), rows.config);
    return stockOf(productId).map(([stockId, quantities]) => ({
      productId,
      item: itemOf(product, stockId, settings, quantities),
    }));
  });
}

function itemOf(
  product: StockProductRow,
  stockId: number,
  settings: EffectiveSettings,
  quantities: StockQuantities,
): AssembledStockStatus {
  return {
    stockId: String(stockId),
    sku: product.sku,
    productId: Number(product.entity_id),
    ...stockStatusOf(settings, quantities),
  };
}

type StocksOfProduct = (productId: string) => [number, StockQuantities][];

/** Without MSI: the default stock, from the product's stock item. */
function legacyStock(settingsOf: ReadonlyMap<string, StockItemSettingsRow>): StocksOfProduct {
  return (productId) => {
    const row = settingsOf.get(productId);
    if (!row) return [];
    return [[DEFAULT_STOCK_ID, { qty: decimal(row.qty), anyInStock: flag(row.is_in_stock), reserved: 0 }]];
  };
}

/** With MSI: every stock that has one of the product's source items in an enabled source it links to. */
function msiStocks(msi: MsiRows): StocksOfProduct {
  const sourcesOfStock = groupBy(msi.links, (l) => Number(l.stock_id));
  const stockIds = [...sourcesOfStock.keys()].sort((a, b) => a - b);
  const sourceItemsOf = groupBy(
    msi.sourceItems.filter((s) => flag(s.source_enabled)),
    (s) => String(s.entity_id),
  );
  const reserved = new Map(
    msi.reservations.map((r) => [`${Number(r.stock_id)}/${String(r.entity_id)}`, decimal(r.quantity)]),
  );
  return (productId) => {
    const items = sourceItemsOf.get(productId) ?? [];
    return stockIds.flatMap((stockId): [number, StockQuantities][] => {
      const codes = new Set(sourcesOfStock.get(stockId)!.map((l) => l.source_code.toLowerCase()));
      const inStock = items.filter((s) => codes.has(s.source_code.toLowerCase()));
      if (inStock.length === 0) return [];
      const selling = inStock.filter((s) => flag(s.status));
      return [
        [
          stockId,
          {
            qty: selling.reduce((sum, s) => sum + decimal(s.quantity), 0),
            anyInStock: selling.length > 0,
            reserved: reserved.get(`${stockId}/${productId}`) ?? 0,
          },
        ],
      ];
    });
  };
}
