import { everything, fanOut, type Affected } from '@cde/feed-engine';
import { changedAny, describe, idsOf, valuesOf, type ChangeEvent } from '@cde/platform/cdc';
import { keyset, queryIds, type CommerceDb } from '@cde/platform/commerce-db';
import { INVENTORY_CONFIG_PATHS } from './stock-status.reader';

/** Stock item columns an item shows (quantity, in-stock flag and the settings the rules read). */
export const STOCK_ITEM_COLUMNS = [
  'product_id',
  'stock_id',
  'qty',
  'is_in_stock',
  'manage_stock',
  'use_config_manage_stock',
  'backorders',
  'use_config_backorders',
  'min_qty',
  'use_config_min_qty',
  'notify_stock_qty',
  'use_config_notify_stock_qty',
] as const;

/** The products holding source items of one of these sources (the `?` before the keyset's own). */
const PRODUCTS_OF_SOURCES = `SELECT DISTINCT p.entity_id AS id
   FROM inventory_source_item si JOIN catalog_product_entity p ON p.sku = si.sku
  WHERE si.source_code IN (?) AND p.entity_id > ? ORDER BY p.entity_id LIMIT ?`;

/**
 * How changes map to products. Source items and reservations name a SKU: the product of that SKU (an order's
 * reservation reaches exactly its SKU's items). A source enabled or disabled, or linked to or unlinked from a
 * stock, reaches every product with a source item there: a background sync. A stock deleted takes its links
 * with it by foreign-key cascade, which the binlog does not carry: every product is synced.
 * inventory_stock_sales_channel is not a source: no item field depends on which websites sell from a stock.
 */
export class StockStatusChanges {
  constructor(private readonly db: CommerceDb) {}

  /** The products of these SKUs (as the collation matches them). */
  async productsOfSkus(skus: readonly string[]): Promise<string[]> {
    return queryIds(this.db, 'SELECT entity_id AS id FROM catalog_product_entity WHERE sku IN (?)', skus);
  }

  /** A product inserted, deleted, renamed (new SKU: new identities) or retyped. */
  onProduct(event: ChangeEvent): string[] {
    return changedAny(event, ['sku', 'type_id']) ? idsOf(event, 'entity_id') : [];
  }

  onStockItem(event: ChangeEvent): string[] {
    return changedAny(event, STOCK_ITEM_COLUMNS) ? idsOf(event, 'product_id') : [];
  }

  /** A source item or a reservation: the product of its SKU, before and after. */
  onSkuRow(event: ChangeEvent): Promise<string[]> {
    return this.productsOfSkus(valuesOf(event, 'sku'));
  }

  /** A source's own name and address show nowhere; enabling or disabling it changes every stock it serves. */
  onSource(event: ChangeEvent): Affected {
    if (event.op === 'c' || !changedAny(event, ['source_code', 'enabled'])) return [];
    return this.productsOfSources(event);
  }

  /** A stock gained or lost a source (priority shows nowhere). */
  onStockSourceLink(event: ChangeEvent): Affected {
    if (!changedAny(event, ['stock_id', 'source_code'])) return [];
    return this.productsOfSources(event);
  }

  onStock(event: ChangeEvent): Affected {
    return event.op === 'd' ? everything(`inventory_stock ${describe(event)}`) : [];
  }

  /** A default-scope inventory setting every item may follow. */
  onConfig(event: ChangeEvent): Affected {
    const paths: readonly string[] = Object.values(INVENTORY_CONFIG_PATHS);
    if (!valuesOf(event, 'path').some((p) => paths.includes(p))) return [];
    return everything(`config ${valuesOf(event, 'path').join(', ')}`);
  }

  private productsOfSources(event: ChangeEvent): Affected {
    const codes = valuesOf(event, 'source_code');
    if (codes.length === 0) return [];
    return fanOut(`${describe(event)} of source ${codes.join(', ')}`, [keyset(PRODUCTS_OF_SOURCES, [codes])]);
  }
}
