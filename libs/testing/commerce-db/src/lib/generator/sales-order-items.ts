import type { OrderableProduct } from './generation-context';
import {
  DOCUMENT_ITEM_COLUMNS,
  m,
  ORDER_ITEM_COLUMNS,
  rowOf,
  sqlTime,
  type RowOut,
} from './sales-order-columns';
import type { IdAllocator } from './sales-ids';
import type { Line, OrderBuild } from './sales-order-rows';

/** Sums over lines (all of them unless named). */
export function sum(of: readonly Line[], f: (l: Line) => number): number {
  return of.reduce((a, l) => a + f(l), 0);
}

/** What a line asked for: Magento's info_buyRequest (a configurable names the simple product it chose). */
function buyRequestOf(p: OrderableProduct, qty: number): Record<string, number> {
  return {
    qty,
    product: p.parent?.entityId ?? p.entityId,
    ...(p.parent ? { selected_configurable_option: p.entityId } : {}),
  };
}

/** The line's quantities ordered, invoiced, shipped, refunded and canceled. */
function qtyColumns(l: Line): Record<string, number> {
  return {
    qty_ordered: l.qty,
    qty_invoiced: l.invoiced ? l.qty : 0,
    qty_shipped: l.shipped ? l.qty : 0,
    qty_refunded: l.refunded ? l.qty : 0,
    qty_canceled: l.canceled ? l.qty : 0,
  };
}

/** A sales_order_item per line, plus the configurable's child line. */
export function addItemRows(order: OrderBuild): void {
  for (const l of order.lines) {
    order.rows.push(orderItemRow(order, l));
    if (l.childItemId !== null) order.rows.push(childItemRow(order, l, l.childItemId));
  }
}

/** The line's own item: the product ordered (a configurable's parent) with every amount. */
function orderItemRow(order: OrderBuild, l: Line): RowOut {
  const { plan, orderId, rate, pct } = order;
  const created = sqlTime(plan.createdAt);
  const updated = sqlTime(order.fate.updatedAt);
  const p = l.product;
  const buyRequest = buyRequestOf(p, l.qty);
  const qtyCols = qtyColumns(l);
  return rowOf('sales_order_item', ORDER_ITEM_COLUMNS, {
    item_id: l.itemId,
    order_id: orderId,
    parent_item_id: null,
    store_id: plan.store.id,
    created_at: created,
    updated_at: updated,
    product_id: p.parent?.entityId ?? p.entityId,
    product_type: p.parent ? 'configurable' : p.typeId,
    product_options: JSON.stringify(
      p.parent
        ? {
            info_buyRequest: buyRequest,
            simple_name: p.name,
            simple_sku: p.sku,
            product_calculations: 1,
            shipment_type: 0,
          }
        : { info_buyRequest: buyRequest },
    ),
    weight: l.weight,
    is_virtual: l.isVirtual ? 1 : 0,
    sku: p.sku,
    name: p.parent?.name ?? p.name,
    is_qty_decimal: 0,
    no_discount: 0,
    ...qtyCols,
    price: m(l.priceC),
    base_price: m(l.priceC),
    original_price: m(l.priceC),
    base_original_price: m(l.priceC),
    tax_percent: rate?.percent ?? 0,
    tax_amount: m(l.taxC),
    base_tax_amount: m(l.taxC),
    tax_invoiced: l.invoiced ? m(l.taxC) : 0,
    base_tax_invoiced: l.invoiced ? m(l.taxC) : 0,
    discount_percent: pct,
    discount_amount: m(l.discountC),
    base_discount_amount: m(l.discountC),
    discount_invoiced: l.invoiced ? m(l.discountC) : 0,
    base_discount_invoiced: l.invoiced ? m(l.discountC) : 0,
    amount_refunded: l.refunded ? m(l.rowC) : 0,
    base_amount_refunded: l.refunded ? m(l.rowC) : 0,
    row_total: m(l.rowC),
    base_row_total: m(l.rowC),
    row_invoiced: l.invoiced ? m(l.rowC) : 0,
    base_row_invoiced: l.invoiced ? m(l.rowC) : 0,
    row_weight: l.weight * l.qty,
    price_incl_tax: m(l.priceInclC),
    base_price_incl_tax: m(l.priceInclC),
    row_total_incl_tax: m(l.rowInclC),
    base_row_total_incl_tax: m(l.rowInclC),
    discount_tax_compensation_amount: 0,
    base_discount_tax_compensation_amount: 0,
    discount_tax_compensation_invoiced: l.invoiced ? 0 : null,
    base_discount_tax_compensation_invoiced: l.invoiced ? 0 : null,
    tax_canceled: l.canceled ? m(l.taxC) : null,
    discount_tax_compensation_canceled: l.canceled ? 0 : null,
    tax_refunded: l.refunded ? m(l.taxC) : null,
    base_tax_refunded: l.refunded ? m(l.taxC) : null,
    discount_refunded: l.refunded ? m(l.discountC) : null,
    base_discount_refunded: l.refunded ? m(l.discountC) : null,
    free_shipping: 0,
  });
}

/** Magento's child line of a configurable: the simple product, no amounts, same quantities as its parent. */
function childItemRow(order: OrderBuild, l: Line, childItemId: number): RowOut {
  const { plan, orderId } = order;
  const created = sqlTime(plan.createdAt);
  const updated = sqlTime(order.fate.updatedAt);
  const p = l.product;
  const buyRequest = buyRequestOf(p, l.qty);
  const qtyCols = qtyColumns(l);
  return rowOf('sales_order_item', ORDER_ITEM_COLUMNS, {
    item_id: childItemId,
    order_id: orderId,
    parent_item_id: l.itemId,
    store_id: plan.store.id,
    created_at: created,
    updated_at: updated,
    product_id: p.entityId,
    product_type: p.typeId,
    product_options: JSON.stringify({ info_buyRequest: buyRequest }),
    weight: l.weight,
    is_virtual: l.isVirtual ? 1 : 0,
    sku: p.sku,
    name: p.name,
    is_qty_decimal: 0,
    no_discount: 0,
    ...qtyCols,
    price: 0,
    base_price: 0,
    original_price: 0,
    base_original_price: 0,
    tax_percent: 0,
    tax_amount: 0,
    base_tax_amount: 0,
    tax_invoiced: 0,
    base_tax_invoiced: 0,
    discount_percent: 0,
    discount_amount: 0,
    base_discount_amount: 0,
    discount_invoiced: 0,
    base_discount_invoiced: 0,
    amount_refunded: 0,
    base_amount_refunded: 0,
    row_total: 0,
    base_row_total: 0,
    row_invoiced: 0,
    base_row_invoiced: 0,
    row_weight: l.weight * l.qty,
    price_incl_tax: 0,
    base_price_incl_tax: 0,
    row_total_incl_tax: 0,
    base_row_total_incl_tax: 0,
    free_shipping: 0,
  });
}

/** Invoice or credit memo items of one order line: the line, plus its configurable child with no amounts. */
export function documentItems(
  table: 'sales_invoice_item' | 'sales_creditmemo_item',
  parentId: number,
  l: Line,
  ids: IdAllocator,
): RowOut[] {
  const p = l.product;
  const out = [
    rowOf(table, DOCUMENT_ITEM_COLUMNS, {
      entity_id: ids.next(table),
      parent_id: parentId,
      base_price: m(l.priceC),
      price: m(l.priceC),
      tax_amount: m(l.taxC),
      base_tax_amount: m(l.taxC),
      base_row_total: m(l.rowC),
      row_total: m(l.rowC),
      discount_amount: m(l.discountC),
      base_discount_amount: m(l.discountC),
      price_incl_tax: m(l.priceInclC),
      base_price_incl_tax: m(l.priceInclC),
      qty: l.qty,
      base_cost: null,
      base_row_total_incl_tax: m(l.rowInclC),
      row_total_incl_tax: m(l.rowInclC),
      product_id: p.parent?.entityId ?? p.entityId,
      order_item_id: l.itemId,
      sku: p.sku,
      name: p.parent?.name ?? p.name,
      discount_tax_compensation_amount: 0,
      base_discount_tax_compensation_amount: 0,
    }),
  ];
  if (l.childItemId !== null) {
    out.push(
      rowOf(table, DOCUMENT_ITEM_COLUMNS, {
        entity_id: ids.next(table),
        parent_id: parentId,
        base_price: 0,
        price: 0,
        qty: l.qty,
        product_id: p.entityId,
        order_item_id: l.childItemId,
        sku: p.sku,
        name: p.name,
      }),
    );
  }
  return out;
}
