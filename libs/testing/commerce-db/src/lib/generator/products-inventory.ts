import type { ProductDraft } from './products-draft';
import type { ProductSetup } from './products-setup';
import type { SeededRandom } from './seeded-random';

const STOCK_ITEM_COLUMNS = [
  'product_id',
  'stock_id',
  'qty',
  'min_qty',
  'use_config_min_qty',
  'is_qty_decimal',
  'backorders',
  'use_config_backorders',
  'min_sale_qty',
  'use_config_min_sale_qty',
  'max_sale_qty',
  'use_config_max_sale_qty',
  'is_in_stock',
  'low_stock_date',
  'notify_stock_qty',
  'use_config_notify_stock_qty',
  'manage_stock',
  'use_config_manage_stock',
  'stock_status_changed_auto',
  'use_config_qty_increments',
  'qty_increments',
  'use_config_enable_qty_inc',
  'enable_qty_increments',
  'is_decimal_divided',
  'website_id',
] as const;
const STOCK_STATUS_COLUMNS = ['product_id', 'website_id', 'stock_id', 'qty', 'stock_status'] as const;
const SOURCE_ITEM_COLUMNS = ['source_code', 'sku', 'quantity', 'status'] as const;
const STOCK_INDEX_COLUMNS = ['sku', 'quantity', 'is_salable'] as const;
const RESERVATION_COLUMNS = ['stock_id', 'sku', 'quantity', 'metadata'] as const;

/** The toolkit's stock quantity of every product. */
export const TOOLKIT_QTY = 100_500;
/** Share of products with quantity that are out of stock. */
export const OUT_OF_STOCK_SHARE = 0.03;

/** What a product's stock rows came to, for its parent's rows. */
export interface StockOutcome {
  /** Salable in the default stock (legacy stock status). */
  readonly salable: boolean;
  /** Salable in each other MSI stock it has sources in. */
  readonly salableInStock: ReadonlyMap<number, boolean>;
}

/**
 * Legacy inventory (cataloginventory_stock_item, and cataloginventory_stock_status — the default stock's index,
 * which the inventory_stock_1 view reads) and MSI (inventory_source_item per source of the sku, the
 * inventory_stock_<id> index of other stocks, and reservations).
 */
export class ProductInventoryWriter {
  private reservationObjects = 0;

  constructor(
    private readonly setup: ProductSetup,
    private readonly random: SeededRandom,
  ) {}

  /** Stock rows of a product with quantity (simple, virtual, downloadable, configurable child). */
  async writeItem(d: ProductDraft): Promise<StockOutcome> {
    const random = this.random;
    await this.stockItem(d.id, d.qty, d.inStock);
    await this.setup.insert('cataloginventory_stock_status', STOCK_STATUS_COLUMNS, [
      d.id,
      0,
      1,
      d.qty,
      d.inStock ? 1 : 0,
    ]);
    // The default source mirrors the legacy stock item (MSI keeps them in sync).
    await this.setup.insert('inventory_source_item', SOURCE_ITEM_COLUMNS, [
      'default',
      d.sku,
      d.qty,
      d.inStock ? 1 : 0,
    ]);
    const salableInStock = new Map<number, boolean>();
    for (const stockId of this.otherStocks(d)) {
      let quantity = 0;
      for (const source of this.setup.sourcesOfStock.get(stockId) ?? []) {
        if (source === 'default') {
          if (d.inStock) quantity += d.qty;
          continue;
        }
        const roll = random.next();
        // Mostly stocked; some out of stock, some in stock with nothing left.
        const status = roll < 0.1 ? 0 : 1;
        const qty = roll < 0.05 || (roll >= 0.1 && roll < 0.15) ? 0 : random.int(1, 500);
        await this.setup.insert('inventory_source_item', SOURCE_ITEM_COLUMNS, [source, d.sku, qty, status]);
        if (status === 1) quantity += qty;
      }
      const salable = quantity > 0;
      salableInStock.set(stockId, salable);
      await this.setup.insert(`inventory_stock_${stockId}`, STOCK_INDEX_COLUMNS, [
        d.sku,
        quantity,
        salable ? 1 : 0,
      ]);
    }
    if (random.chance(this.setup.ctx.profile.feed.reservations)) await this.writeReservations(d);
    return { salable: d.inStock, salableInStock };
  }

  /** Stock rows of a composite (configurable, bundle, grouped): no quantity of its own, salable through children. */
  async writeComposite(d: ProductDraft, children: readonly StockOutcome[]): Promise<void> {
    const salable = children.length === 0 || children.some((c) => c.salable);
    await this.stockItem(d.id, 0, salable);
    await this.setup.insert('cataloginventory_stock_status', STOCK_STATUS_COLUMNS, [
      d.id,
      0,
      1,
      0,
      salable ? 1 : 0,
    ]);
    for (const stockId of this.otherStocks(d)) {
      const inStock = children.length === 0 || children.some((c) => c.salableInStock.get(stockId) === true);
      await this.setup.insert(`inventory_stock_${stockId}`, STOCK_INDEX_COLUMNS, [d.sku, 0, inStock ? 1 : 0]);
    }
  }

  /** Stocks other than the default that sell in one of the product's websites. */
  private otherStocks(d: ProductDraft): number[] {
    const stocks: number[] = [];
    for (const w of d.websiteIds) {
      const s = this.setup.stockOfWebsite.get(w) ?? 1;
      if (s !== 1 && !stocks.includes(s)) stocks.push(s);
    }
    return stocks;
  }

  /** Out-of-stock items carry the low-stock date and the automatic status change, as Magento sets them when qty hits 0. */
  private async stockItem(productId: number, qty: number, inStock: boolean): Promise<void> {
    const lowStockDate = inStock ? null : this.setup.dates.before(this.random.int(3_600, 30 * 86_400));
    await this.setup.insert('cataloginventory_stock_item', STOCK_ITEM_COLUMNS, [
      productId,
      1,
      qty,
      0,
      1,
      0,
      0,
      1,
      1,
      1,
      10_000,
      1,
      inStock ? 1 : 0,
      lowStockDate,
      1,
      1,
      1,
      1,
      inStock ? 0 : 1,
      1,
      1,
      1,
      0,
      0,
      0,
    ]);
  }

  /** Order-placed reservations (negative quantities) in the stock of one of the product's websites. */
  private async writeReservations(d: ProductDraft): Promise<void> {
    const random = this.random;
    const website = random.pick(d.websiteIds);
    const stockId = this.setup.stockOfWebsite.get(website) ?? 1;
    for (let i = random.int(1, 2); i > 0; i--) {
      const objectId = ++this.reservationObjects;
      const metadata = JSON.stringify({
        event_type: 'order_placed',
        object_type: 'order',
        object_id: String(objectId),
        object_increment_id: String(objectId).padStart(9, '0'),
      });
      await this.setup.insert('inventory_reservation', RESERVATION_COLUMNS, [
        stockId,
        d.sku,
        -random.int(1, 3),
        metadata,
      ]);
    }
  }
}
