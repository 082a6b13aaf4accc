import { queryByIds, type CommerceDb } from '@cde/platform/commerce-db';
import type { OrderRows } from './order-rows';
import type * as R from './order-rows';

/*
 * The reads of one batch of orders: a fixed number of IN (…) queries, whatever the batch size. Columns are named
 * one by one: payment secrets (cc_number_enc, card and echeck columns, additional_information) are never
 * selected; the payment method's title is taken out of additional_information by the database itself.
 */

const ORDER_SQL = `
  SELECT o.entity_id, o.increment_id, o.ext_order_id, o.created_at, o.updated_at, o.state, o.status, o.is_virtual,
         o.store_id, o.customer_id, o.customer_email, o.customer_note, o.coupon_code, o.discount_description,
         o.applied_rule_ids, o.base_currency_code, o.order_currency_code, o.base_to_order_rate,
         o.total_qty_ordered, o.base_total_invoiced, o.base_subtotal, o.base_grand_total, o.base_discount_amount,
         o.base_tax_amount, o.base_shipping_amount, o.base_shipping_tax_amount, o.base_total_paid,
         o.base_total_refunded, o.base_total_canceled, o.shipping_method, o.shipping_description,
         s.code AS store_code, g.code AS group_code, w.code AS website_code
    FROM sales_order o
    LEFT JOIN store s ON s.store_id = o.store_id
    LEFT JOIN store_group g ON g.group_id = s.group_id
    LEFT JOIN store_website w ON w.website_id = s.website_id
   WHERE o.entity_id IN (?)`;

const ADDRESS_SQL = `
  SELECT parent_id, address_type, telephone, region, postcode, street, city, country_id, firstname, lastname
    FROM sales_order_address WHERE parent_id IN (?) ORDER BY entity_id`;

const PAYMENT_SQL = `
  SELECT parent_id, method,
         IF(JSON_VALID(additional_information),
            JSON_UNQUOTE(JSON_EXTRACT(additional_information, '$.method_title')), NULL) AS method_title,
         base_amount_ordered, base_amount_paid, base_amount_paid_online, base_amount_refunded_online,
         base_amount_authorized, base_amount_canceled
    FROM sales_order_payment WHERE parent_id IN (?) ORDER BY entity_id`;

const LINE_SQL = `
  SELECT oi.item_id, oi.order_id, oi.parent_item_id, oi.is_virtual, oi.product_type, oi.product_options, oi.sku,
         p.sku AS product_sku, oi.name, oi.weight, oi.updated_at, oi.qty_ordered, oi.qty_invoiced, oi.qty_shipped,
         oi.qty_backordered, oi.qty_refunded, oi.qty_canceled, oi.base_price, oi.base_row_total,
         oi.base_discount_amount, oi.base_tax_amount
    FROM sales_order_item oi
    LEFT JOIN catalog_product_entity p ON p.entity_id = oi.product_id
   WHERE oi.order_id IN (?)`;

const TAX_SQL = 'SELECT order_id, tax_id, title, code FROM sales_order_tax WHERE order_id IN (?)';
const TAX_ITEM_SQL = `
  SELECT t.order_id, ti.tax_id, ti.item_id, ti.taxable_item_type, ti.base_amount
    FROM sales_order_tax_item ti JOIN sales_order_tax t ON t.tax_id = ti.tax_id
   WHERE t.order_id IN (?) ORDER BY ti.tax_item_id`;

const INVOICE_SQL = `
  SELECT entity_id, order_id, increment_id, is_used_for_refund, base_grand_total, created_at
    FROM sales_invoice WHERE order_id IN (?)`;
const INVOICE_ITEM_SQL = `
  SELECT ii.parent_id, ii.order_item_id, ii.qty
    FROM sales_invoice_item ii JOIN sales_invoice i ON i.entity_id = ii.parent_id
   WHERE i.order_id IN (?) ORDER BY ii.entity_id`;

const SHIPMENT_SQL = `
  SELECT entity_id, order_id, increment_id, created_at, updated_at FROM sales_shipment WHERE order_id IN (?)`;
const SHIPMENT_ITEM_SQL = `
  SELECT si.parent_id, si.order_item_id, si.qty
    FROM sales_shipment_item si JOIN sales_shipment s ON s.entity_id = si.parent_id
   WHERE s.order_id IN (?) ORDER BY si.entity_id`;
const TRACK_SQL = `
  SELECT order_id, entity_id, parent_id, carrier_code, title, track_number FROM sales_shipment_track WHERE order_id IN (?)`;

const CREDIT_MEMO_SQL = `
  SELECT entity_id, order_id, increment_id, state, created_at, base_currency_code, base_shipping_amount,
         base_shipping_tax_amount, base_adjustment, base_subtotal, base_tax_amount, base_grand_total
    FROM sales_creditmemo WHERE order_id IN (?)`;
const CREDIT_MEMO_ITEM_SQL = `
  SELECT ci.parent_id, ci.order_item_id, ci.qty, ci.base_price, ci.base_row_total, ci.base_tax_amount
    FROM sales_creditmemo_item ci JOIN sales_creditmemo c ON c.entity_id = ci.parent_id
   WHERE c.order_id IN (?) ORDER BY ci.entity_id`;
const CREDIT_MEMO_COMMENT_SQL = `
  SELECT cc.parent_id, cc.comment
    FROM sales_creditmemo_comment cc JOIN sales_creditmemo c ON c.entity_id = cc.parent_id
   WHERE c.order_id IN (?) ORDER BY cc.entity_id`;

const TRANSACTION_SQL = `
  SELECT transaction_id, order_id, txn_id, txn_type, created_at FROM sales_payment_transaction WHERE order_id IN (?)`;

/** Rows of one order's documents, found by the order id each row names. */
const byOrder = <Row>(rows: readonly Row[], orderIdOf: (row: Row) => R.Num): Map<string, Row[]> => {
  const map = new Map<string, Row[]>();
  for (const row of rows) {
    const key = String(orderIdOf(row));
    const list = map.get(key);
    if (list) list.push(row);
    else map.set(key, [row]);
  }
  return map;
};

/** Every row of these orders, per order (orders that do not exist are left out). */
export async function readOrderRows(db: CommerceDb, ids: readonly string[]): Promise<OrderRows[]> {
  if (ids.length === 0) return [];
  const q = <Row extends object>(sql: string): Promise<Row[]> => queryByIds<Row>(db, sql, ids);
  const [orders, addresses, payments, lines, taxes, taxItems, invoices, invoiceItems] = await Promise.all([
    q<R.OrderRow>(ORDER_SQL),
    q<R.OrderAddressRow>(ADDRESS_SQL),
    q<R.OrderPaymentRow>(PAYMENT_SQL),
    q<R.OrderLineRow>(LINE_SQL),
    q<R.OrderTaxRow>(TAX_SQL),
    q<R.OrderTaxItemRow>(TAX_ITEM_SQL),
    q<R.InvoiceRow>(INVOICE_SQL),
    q<R.InvoiceItemRow>(INVOICE_ITEM_SQL),
  ]);
  const [shipments, shipmentItems, tracks, memos, memoItems, memoComments, transactions] = await Promise.all([
    q<R.ShipmentRow>(SHIPMENT_SQL),
    q<R.ShipmentItemRow>(SHIPMENT_ITEM_SQL),
    q<R.ShipmentTrackRow & { order_id: R.Num }>(TRACK_SQL),
    q<R.CreditMemoRow>(CREDIT_MEMO_SQL),
    q<R.CreditMemoItemRow>(CREDIT_MEMO_ITEM_SQL),
    q<R.CreditMemoCommentRow>(CREDIT_MEMO_COMMENT_SQL),
    q<R.TransactionRow>(TRANSACTION_SQL),
  ]);
  // Document items name their document; map each document to its order.
  const orderOfInvoice = new Map(invoices.map((i) => [String(i.entity_id), String(i.order_id)]));
  const orderOfShipment = new Map(shipments.map((s) => [String(s.entity_id), String(s.order_id)]));
  const orderOfMemo = new Map(memos.map((c) => [String(c.entity_id), String(c.order_id)]));
  const of = <Row>(rows: readonly Row[], key: (row: Row) => R.Num) => byOrder(rows, key);
  const groups = {
    addresses: of(addresses, (a) => a.parent_id),
    payments: of(payments, (p) => p.parent_id),
    lines: of(lines, (l) => l.order_id),
    taxes: of(taxes, (t) => t.order_id),
    taxItems: of(taxItems, (t) => t.order_id),
    invoices: of(invoices, (i) => i.order_id),
    invoiceItems: of(invoiceItems, (i) => orderOfInvoice.get(String(i.parent_id)) ?? null),
    shipments: of(shipments, (s) => s.order_id),
    shipmentItems: of(shipmentItems, (i) => orderOfShipment.get(String(i.parent_id)) ?? null),
    tracks: of(tracks, (t) => t.order_id),
    creditMemos: of(memos, (c) => c.order_id),
    creditMemoItems: of(memoItems, (i) => orderOfMemo.get(String(i.parent_id)) ?? null),
    creditMemoComments: of(memoComments, (c) => orderOfMemo.get(String(c.parent_id)) ?? null),
    transactions: of(transactions, (t) => t.order_id),
  };
  return [...orders]
    .sort((a, b) => Number(a.entity_id) - Number(b.entity_id))
    .map((order) => {
      const id = String(order.entity_id);
      const get = <Row>(map: Map<string, Row[]>): Row[] => map.get(id) ?? [];
      return {
        order,
        addresses: get(groups.addresses),
        payment: get(groups.payments)[0],
        lines: get(groups.lines),
        taxes: get(groups.taxes),
        taxItems: get(groups.taxItems),
        invoices: get(groups.invoices),
        invoiceItems: get(groups.invoiceItems),
        shipments: get(groups.shipments),
        shipmentItems: get(groups.shipmentItems),
        tracks: get(groups.tracks),
        creditMemos: get(groups.creditMemos),
        creditMemoItems: get(groups.creditMemoItems),
        creditMemoComments: get(groups.creditMemoComments),
        transactions: get(groups.transactions),
      };
    });
}
