/*
 * The rows the stock status reader returns, typed as queryRows gives them: ids and decimals as exact strings,
 * small ints as numbers (or strings, depending on the driver's column type).
 */

type Id = number | string;
type Flag = number | string;

/** catalog_product_entity of the batch: the SKU and type of each product. */
export interface StockProductRow {
  readonly entity_id: Id;
  readonly sku: string;
  readonly type_id: string;
}

/**
 * cataloginventory_stock_item of the default scope (stock 1, website 0): the quantity without MSI, and the
 * per-item settings (each with its use_config_* flag) that MSI keeps there for every stock.
 */
export interface StockItemSettingsRow {
  readonly product_id: Id;
  readonly qty: string | null;
  readonly is_in_stock: Flag;
  readonly manage_stock: Flag;
  readonly use_config_manage_stock: Flag;
  readonly backorders: Flag;
  readonly use_config_backorders: Flag;
  readonly min_qty: string | null;
  readonly use_config_min_qty: Flag;
  readonly notify_stock_qty: string | null;
  readonly use_config_notify_stock_qty: Flag;
}

/** inventory_source_item ⋈ inventory_source, by the product whose SKU it holds. */
export interface SourceItemRow {
  readonly entity_id: Id;
  readonly source_code: string;
  readonly quantity: string;
  /** 1 in stock, 0 out of stock at this source. */
  readonly status: Flag;
  /** inventory_source.enabled: a disabled source sells nothing. */
  readonly source_enabled: Flag;
}

/** inventory_source_stock_link ⋈ inventory_stock: the sources each stock sells from. */
export interface StockSourceLinkRow {
  readonly stock_id: Id;
  readonly source_code: string;
}

/** SUM(inventory_reservation.quantity) per product and stock: negative while orders wait, 0 once compensated. */
export interface ReservationSumRow {
  readonly entity_id: Id;
  readonly stock_id: Id;
  readonly quantity: string;
}

/** The default-scope values of cataloginventory/item_options/* that items with use_config_* = 1 follow. */
export interface InventoryConfig {
  readonly manageStock: boolean;
  readonly backorders: boolean;
  /** Out-of-stock threshold (min_qty). */
  readonly minQty: number;
  readonly notifyStockQty: number;
}

/** MSI's tables, read when MSI is installed. */
export interface MsiRows {
  readonly links: readonly StockSourceLinkRow[];
  readonly sourceItems: readonly SourceItemRow[];
  readonly reservations: readonly ReservationSumRow[];
}

/** What the reader hands the assembler for one batch of products. */
export interface StockStatusRows {
  readonly products: readonly StockProductRow[];
  readonly stockItems: readonly StockItemSettingsRow[];
  /** null: MSI is not installed, the default stock is cataloginventory_stock_item itself. */
  readonly msi: MsiRows | null;
  readonly config: InventoryConfig;
}
