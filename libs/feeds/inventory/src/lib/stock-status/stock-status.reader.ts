import type { ResyncIdType } from '@cde/contracts';
import { collectEach, type CollectedItem, type FeedReader } from '@cde/feed-engine';
import {
  keyset,
  countKeyset,
  pageKeyset,
  queryByIds,
  unlessMissingTable,
  type CommerceDb,
} from '@cde/platform/commerce-db';
import { readConfigRows, resolveProductIds, StoreConfig, type ResolvedIds } from '@cde/platform/magento';
import {
  assembleStockStatusItems,
  INVENTORY_CONFIG_DEFAULTS,
  QUANTITY_PRODUCT_TYPES,
  type AssembledStockStatus,
} from './assemble-stock-status-items';
import type {
  InventoryConfig,
  MsiRows,
  ReservationSumRow,
  SourceItemRow,
  StockItemSettingsRow,
  StockProductRow,
  StockSourceLinkRow,
} from './stock-status-rows';

/** Products of the types that hold a quantity: the only ones with stock status items. */
export const QUANTITY_PRODUCT_IDS = keyset(
  `SELECT entity_id AS id FROM catalog_product_entity
    WHERE type_id IN (?) AND entity_id > ? ORDER BY entity_id LIMIT ?`,
  [QUANTITY_PRODUCT_TYPES],
);

/**
 * Reservation sums per product and stock of a batch's product ids. Through inventory_stock, so each (stock, SKU) is a
 * lookup on Magento's only reservation index, (stock_id, sku, quantity): joined on the SKU alone, every batch
 * scanned the whole table.
 */
export const RESERVATION_SUMS_SQL = `SELECT p.entity_id, r.stock_id, SUM(r.quantity) AS quantity
   FROM catalog_product_entity p
   JOIN inventory_stock st
   JOIN inventory_reservation r ON r.stock_id = st.stock_id AND r.sku = p.sku
  WHERE p.entity_id IN (?) GROUP BY p.entity_id, r.stock_id`;

/** The config paths of the settings a stock item may take from configuration (global scope only). */
export const INVENTORY_CONFIG_PATHS = {
  manageStock: 'cataloginventory/item_options/manage_stock',
  backorders: 'cataloginventory/item_options/backorders',
  minQty: 'cataloginventory/item_options/min_qty',
  notifyStockQty: 'cataloginventory/item_options/notify_stock_qty',
} as const;

/** The stored default-scope values, Magento's defaults where none is stored or a value is not a number. */
export async function readInventoryConfig(db: CommerceDb): Promise<InventoryConfig> {
  const config = new StoreConfig(await readConfigRows(db, Object.values(INVENTORY_CONFIG_PATHS)));
  const number = (key: keyof typeof INVENTORY_CONFIG_PATHS): number | undefined => {
    const value = config.websiteValue(INVENTORY_CONFIG_PATHS[key], 0);
    const n = value === null || value === undefined || value.trim() === '' ? NaN : Number(value);
    return Number.isFinite(n) ? n : undefined;
  };
  const d = INVENTORY_CONFIG_DEFAULTS;
  return {
    manageStock: (number('manageStock') ?? Number(d.manageStock)) !== 0,
    backorders: (number('backorders') ?? Number(d.backorders)) !== 0,
    minQty: number('minQty') ?? d.minQty,
    notifyStockQty: number('notifyStockQty') ?? d.notifyStockQty,
  };
}

/** The stocks' source links; null when MSI is not installed (no inventory tables). */
export function readStockSourceLinks(db: CommerceDb): Promise<StockSourceLinkRow[] | null> {
  return unlessMissingTable<StockSourceLinkRow[] | null>(
    db.query<StockSourceLinkRow>(
      `SELECT l.stock_id, l.source_code FROM inventory_source_stock_link l
         JOIN inventory_stock s ON s.stock_id = l.stock_id
        ORDER BY l.stock_id, l.priority, l.source_code`,
    ),
    null,
  );
}

/**
 * The source entity is the product (the original's feedIdentity productId): its SKU is the item's, so a SKU
 * rename gives its items new identities and the engine deletes the old ones, and a deleted product's items are
 * deleted in every stock. Source items and reservations are matched to products by SKU in SQL, as the
 * collation compares them.
 */
export class StockStatusReader implements FeedReader<AssembledStockStatus> {
  /** The listing holds the products of the types with a quantity, the only ones assembled. */
  readonly listsEveryEntity = true;
  constructor(private readonly db: CommerceDb) {}

  listEntityIds(after: string, limit: number): Promise<string[]> {
    return pageKeyset(this.db, QUANTITY_PRODUCT_IDS, after, limit);
  }

  countEntities(): Promise<number> {
    return countKeyset(this.db, QUANTITY_PRODUCT_IDS);
  }

  async collect(ids: readonly string[]): Promise<CollectedItem<AssembledStockStatus>[]> {
    if (ids.length === 0) return [];
    const products = await queryByIds<StockProductRow>(
      this.db,
      'SELECT entity_id, sku, type_id FROM catalog_product_entity WHERE entity_id IN (?) ORDER BY entity_id',
      ids,
    );
    if (products.length === 0) return [];
    const productIds = products.map((p) => String(p.entity_id));
    const [stockItems, msi, config] = await Promise.all([
      queryByIds<StockItemSettingsRow>(
        this.db,
        `SELECT product_id, qty, is_in_stock, manage_stock, use_config_manage_stock, backorders, use_config_backorders,
                min_qty, use_config_min_qty, notify_stock_qty, use_config_notify_stock_qty
           FROM cataloginventory_stock_item WHERE product_id IN (?) AND stock_id = 1`,
        productIds,
      ),
      this.readMsi(productIds),
      readInventoryConfig(this.db),
    ]);
    const items = assembleStockStatusItems({ products, stockItems, msi, config });
    return collectEach(
      items,
      (i) => i.productId,
      (i) => [i.item],
    );
  }

  resolveIds(values: readonly string[], idType: ResyncIdType): Promise<ResolvedIds> {
    return resolveProductIds(this.db, values, idType);
  }

  private async readMsi(productIds: readonly string[]): Promise<MsiRows | null> {
    const links = await readStockSourceLinks(this.db);
    if (links === null) return null;
    const [sourceItems, reservations] = await Promise.all([
      queryByIds<SourceItemRow>(
        this.db,
        `SELECT p.entity_id, si.source_code, si.quantity, si.status, s.enabled AS source_enabled
           FROM catalog_product_entity p
           JOIN inventory_source_item si ON si.sku = p.sku
           JOIN inventory_source s ON s.source_code = si.source_code
          WHERE p.entity_id IN (?)`,
        productIds,
      ),
      unlessMissingTable(queryByIds<ReservationSumRow>(this.db, RESERVATION_SUMS_SQL, productIds), []),
    ]);
    return { links, sourceItems, reservations };
  }
}
