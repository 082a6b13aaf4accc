/**
 * Rows the orders reader returns, as the Commerce DB pool gives them: decimals as exact strings, ints as numbers
 * (or strings for big values), timestamps as 'YYYY-MM-DD HH:MM:SS' in UTC. Only the columns OrderV2 shows are
 * read: no payment secrets (cc_number_enc, card and echeck data, additional_information) ever leave the database.
 */

/** A decimal or integer column. */
export type Num = string | number | null;

export interface OrderRow {
  readonly entity_id: Num;
  readonly increment_id: string | null;
  readonly ext_order_id: string | null;
  readonly created_at: string;
  readonly updated_at: string;
  readonly state: string | null;
  readonly status: string | null;
  readonly is_virtual: Num;
  readonly store_id: Num;
  readonly customer_id: Num;
  readonly customer_email: string | null;
  readonly customer_note: string | null;
  readonly coupon_code: string | null;
  readonly discount_description: string | null;
  readonly applied_rule_ids: string | null;
  readonly base_currency_code: string | null;
  readonly order_currency_code: string | null;
  /** Order currency per base currency unit; base amounts are what the feed sends. */
  readonly base_to_order_rate: Num;
  readonly total_qty_ordered: Num;
  readonly base_total_invoiced: Num;
  readonly base_subtotal: Num;
  readonly base_grand_total: Num;
  readonly base_discount_amount: Num;
  readonly base_tax_amount: Num;
  readonly base_shipping_amount: Num;
  readonly base_shipping_tax_amount: Num;
  readonly base_total_paid: Num;
  readonly base_total_refunded: Num;
  readonly base_total_canceled: Num;
  readonly shipping_method: string | null;
  readonly shipping_description: string | null;
  readonly store_code: string | null;
  readonly group_code: string | null;
  readonly website_code: string | null;
}

export interface OrderAddressRow {
  readonly parent_id: Num;
  readonly address_type: string | null;
  readonly telephone: string | null;
  readonly region: string | null;
  readonly postcode: string | null;
  readonly street: string | null;
  readonly city: string | null;
  readonly country_id: string | null;
  readonly firstname: string | null;
  readonly lastname: string | null;
}

/** sales_order_payment without its secrets; the method title is extracted from additional_information in SQL. */
export interface OrderPaymentRow {
  readonly parent_id: Num;
  readonly method: string | null;
  readonly method_title: string | null;
  readonly base_amount_ordered: Num;
  readonly base_amount_paid: Num;
  readonly base_amount_paid_online: Num;
  readonly base_amount_refunded_online: Num;
  readonly base_amount_authorized: Num;
  readonly base_amount_canceled: Num;
}

export interface OrderLineRow {
  readonly item_id: Num;
  readonly order_id: Num;
  readonly parent_item_id: Num;
  readonly is_virtual: Num;
  readonly product_type: string | null;
  readonly product_options: string | null;
  readonly sku: string | null;
  /** The catalog SKU of the ordered product (null once the product is gone). */
  readonly product_sku: string | null;
  readonly name: string | null;
  readonly weight: Num;
  readonly updated_at: string;
  readonly qty_ordered: Num;
  readonly qty_invoiced: Num;
  readonly qty_shipped: Num;
  readonly qty_backordered: Num;
  readonly qty_refunded: Num;
  readonly qty_canceled: Num;
  readonly base_price: Num;
  readonly base_row_total: Num;
  readonly base_discount_amount: Num;
  readonly base_tax_amount: Num;
}

export interface OrderTaxRow {
  readonly order_id: Num;
  readonly tax_id: Num;
  readonly title: string | null;
  readonly code: string | null;
}

export interface OrderTaxItemRow {
  readonly order_id: Num;
  readonly tax_id: Num;
  readonly item_id: Num;
  /** product, shipping, weee… */
  readonly taxable_item_type: string | null;
  readonly base_amount: Num;
}

export interface InvoiceRow {
  readonly entity_id: Num;
  readonly order_id: Num;
  readonly increment_id: string | null;
  readonly is_used_for_refund: Num;
  readonly base_grand_total: Num;
  readonly created_at: string;
}

export interface InvoiceItemRow {
  readonly parent_id: Num;
  readonly order_item_id: Num;
  readonly qty: Num;
}

export interface ShipmentRow {
  readonly entity_id: Num;
  readonly order_id: Num;
  readonly increment_id: string | null;
  readonly created_at: string;
  readonly updated_at: string;
}

export interface ShipmentItemRow {
  readonly parent_id: Num;
  readonly order_item_id: Num;
  readonly qty: Num;
}

export interface ShipmentTrackRow {
  readonly entity_id: Num;
  readonly parent_id: Num;
  readonly carrier_code: string | null;
  readonly title: string | null;
  readonly track_number: string | null;
}

export interface CreditMemoRow {
  readonly entity_id: Num;
  readonly order_id: Num;
  readonly increment_id: string | null;
  readonly state: Num;
  readonly created_at: string;
  readonly base_currency_code: string | null;
  readonly base_shipping_amount: Num;
  readonly base_shipping_tax_amount: Num;
  readonly base_adjustment: Num;
  readonly base_subtotal: Num;
  readonly base_tax_amount: Num;
  readonly base_grand_total: Num;
}

export interface CreditMemoItemRow {
  readonly parent_id: Num;
  readonly order_item_id: Num;
  readonly qty: Num;
  readonly base_price: Num;
  readonly base_row_total: Num;
  readonly base_tax_amount: Num;
}

export interface CreditMemoCommentRow {
  readonly parent_id: Num;
  readonly comment: string | null;
}

export interface TransactionRow {
  readonly transaction_id: Num;
  readonly order_id: Num;
  readonly txn_id: string | null;
  readonly txn_type: string | null;
  readonly created_at: string;
}

/** The entity types that carry a UUID (data_exporter_uuid.type, as the original names them). */
export type UuidType = 'order' | 'order_item' | 'credit_memo' | 'shipment';

/** The UUID given to an entity; assemblers never make one up. */
export type UuidOf = (type: UuidType, entityId: Num) => string | undefined;

/** Everything one order's item is assembled from. */
export interface OrderRows {
  readonly order: OrderRow;
  readonly addresses: readonly OrderAddressRow[];
  readonly payment: OrderPaymentRow | undefined;
  readonly lines: readonly OrderLineRow[];
  readonly taxes: readonly OrderTaxRow[];
  readonly taxItems: readonly OrderTaxItemRow[];
  readonly invoices: readonly InvoiceRow[];
  readonly invoiceItems: readonly InvoiceItemRow[];
  readonly shipments: readonly ShipmentRow[];
  readonly shipmentItems: readonly ShipmentItemRow[];
  readonly tracks: readonly ShipmentTrackRow[];
  readonly creditMemos: readonly CreditMemoRow[];
  readonly creditMemoItems: readonly CreditMemoItemRow[];
  readonly creditMemoComments: readonly CreditMemoCommentRow[];
  readonly transactions: readonly TransactionRow[];
}
