import type { SqlValue } from './bulk-writer';
import type { OrderableProduct } from './generation-context';
import type { IdAllocator } from './sales-ids';
import { DEFAULT_TAX_RATES, type PostalAddress } from './sales-people';

/**
 * The rows of one order and its documents (invoice, shipment, credit memo, payment transactions) in Magento 2.4's
 * shapes, computed in cents so every total adds up. Shared by the generator (which streams them through the bulk
 * writer) and the change workload (which inserts them in one transaction), so both write the same shapes.
 */

export interface RowOut {
  readonly table: string;
  readonly columns: readonly string[];
  readonly row: SqlValue[];
}

export interface OrderStore {
  readonly id: number;
  readonly websiteId: number;
  /** sales_order.store_name: website, group and view names joined by newlines, as Magento writes it. */
  readonly name: string;
}

export interface OrderCustomer {
  /** null for a guest. */
  readonly id: number | null;
  readonly email: string;
  readonly firstname: string;
  readonly lastname: string;
  readonly groupId: number;
  readonly dob: string | null;
  readonly gender: number | null;
}

export interface OrderAddress extends PostalAddress {
  readonly customerAddressId: number | null;
}

export type CardType = 'VI' | 'MC' | 'AE' | 'DI';

export interface PaymentPlan {
  readonly method: 'checkmo' | 'braintree';
  /** Card orders: authorized at placement, captured on invoice, refunded online. */
  readonly card?: {
    readonly type: CardType;
    readonly last4: string;
    readonly expMonth: number;
    readonly expYear: number;
    readonly txnId: string;
  };
}

export type ShippingMethodCode = 'flatrate_flatrate' | 'freeshipping_freeshipping' | 'tablerate_bestway';

export interface OrderLineInput {
  readonly product: OrderableProduct;
  readonly qty: number;
}

export interface OrderPlan {
  readonly store: OrderStore;
  readonly incrementId: string;
  readonly createdAt: Date;
  readonly customer: OrderCustomer;
  readonly billing: OrderAddress;
  readonly shipping: OrderAddress;
  readonly lines: readonly OrderLineInput[];
  readonly payment: PaymentPlan;
  readonly shippingMethod: ShippingMethodCode;
  readonly coupon: { readonly code: string; readonly percent: number } | null;
  readonly remoteIp: string;
  readonly protectCode: string;
}

export interface OrderLifecycle {
  readonly invoice?: { readonly at: Date; readonly incrementId: string };
  readonly shipment?: {
    readonly at: Date;
    readonly incrementId: string;
    readonly carrierCode: string;
    readonly carrierTitle: string;
    readonly trackNumber: string;
  };
  /** A full refund closes the order; a partial one refunds the last line only (no shipping). */
  readonly refund?: {
    readonly at: Date;
    readonly incrementId: string;
    readonly full: boolean;
    readonly comment: string;
  };
  readonly canceledAt?: Date;
}

export interface BuiltOrder {
  readonly orderId: number;
  readonly rows: RowOut[];
  readonly state: string;
  readonly grandTotal: number;
}

const SHIPPING: Readonly<
  Record<ShippingMethodCode, { description: string; perItemCents: number; flatCents: number }>
> = {
  flatrate_flatrate: { description: 'Flat Rate - Fixed', perItemCents: 500, flatCents: 0 },
  freeshipping_freeshipping: { description: 'Free Shipping - Free', perItemCents: 0, flatCents: 0 },
  tablerate_bestway: { description: 'Best Way - Table Rate', perItemCents: 0, flatCents: 1500 },
};

const CARD_NAMES: Readonly<Record<CardType, string>> = {
  VI: 'Visa',
  MC: 'MasterCard',
  AE: 'American Express',
  DI: 'Discover',
};

export const ORDER_COLUMNS = [
  'entity_id',
  'state',
  'status',
  'coupon_code',
  'protect_code',
  'shipping_description',
  'is_virtual',
  'store_id',
  'customer_id',
  'base_discount_amount',
  'base_discount_canceled',
  'base_discount_invoiced',
  'base_discount_refunded',
  'base_grand_total',
  'base_shipping_amount',
  'base_shipping_canceled',
  'base_shipping_invoiced',
  'base_shipping_refunded',
  'base_shipping_tax_amount',
  'base_shipping_tax_refunded',
  'base_subtotal',
  'base_subtotal_canceled',
  'base_subtotal_invoiced',
  'base_subtotal_refunded',
  'base_tax_amount',
  'base_tax_canceled',
  'base_tax_invoiced',
  'base_tax_refunded',
  'base_to_global_rate',
  'base_to_order_rate',
  'base_total_canceled',
  'base_total_invoiced',
  'base_total_invoiced_cost',
  'base_total_offline_refunded',
  'base_total_online_refunded',
  'base_total_paid',
  'base_total_refunded',
  'discount_amount',
  'discount_canceled',
  'discount_invoiced',
  'discount_refunded',
  'grand_total',
  'shipping_amount',
  'shipping_canceled',
  'shipping_invoiced',
  'shipping_refunded',
  'shipping_tax_amount',
  'shipping_tax_refunded',
  'store_to_base_rate',
  'store_to_order_rate',
  'subtotal',
  'subtotal_canceled',
  'subtotal_invoiced',
  'subtotal_refunded',
  'tax_amount',
  'tax_canceled',
  'tax_invoiced',
  'tax_refunded',
  'total_canceled',
  'total_invoiced',
  'total_offline_refunded',
  'total_online_refunded',
  'total_paid',
  'total_qty_ordered',
  'total_refunded',
  'customer_is_guest',
  'customer_note_notify',
  'billing_address_id',
  'customer_group_id',
  'email_sent',
  'send_email',
  'shipping_address_id',
  'adjustment_negative',
  'adjustment_positive',
  'base_adjustment_negative',
  'base_adjustment_positive',
  'base_shipping_discount_amount',
  'base_subtotal_incl_tax',
  'base_total_due',
  'shipping_discount_amount',
  'subtotal_incl_tax',
  'total_due',
  'weight',
  'customer_dob',
  'increment_id',
  'applied_rule_ids',
  'base_currency_code',
  'customer_email',
  'customer_firstname',
  'customer_lastname',
  'discount_description',
  'global_currency_code',
  'order_currency_code',
  'remote_ip',
  'shipping_method',
  'store_currency_code',
  'store_name',
  'created_at',
  'updated_at',
  'total_item_count',
  'customer_gender',
  'discount_tax_compensation_amount',
  'base_discount_tax_compensation_amount',
  'shipping_discount_tax_compensation_amount',
  'base_shipping_discount_tax_compensation_amnt',
  'discount_tax_compensation_invoiced',
  'base_discount_tax_compensation_invoiced',
  'discount_tax_compensation_refunded',
  'base_discount_tax_compensation_refunded',
  'shipping_incl_tax',
  'base_shipping_incl_tax',
] as const;

export const ORDER_ITEM_COLUMNS = [
  'item_id',
  'order_id',
  'parent_item_id',
  'store_id',
  'created_at',
  'updated_at',
  'product_id',
  'product_type',
  'product_options',
  'weight',
  'is_virtual',
  'sku',
  'name',
  'is_qty_decimal',
  'no_discount',
  'qty_backordered',
  'qty_canceled',
  'qty_invoiced',
  'qty_ordered',
  'qty_refunded',
  'qty_shipped',
  'price',
  'base_price',
  'original_price',
  'base_original_price',
  'tax_percent',
  'tax_amount',
  'base_tax_amount',
  'tax_invoiced',
  'base_tax_invoiced',
  'discount_percent',
  'discount_amount',
  'base_discount_amount',
  'discount_invoiced',
  'base_discount_invoiced',
  'amount_refunded',
  'base_amount_refunded',
  'row_total',
  'base_row_total',
  'row_invoiced',
  'base_row_invoiced',
  'row_weight',
  'price_incl_tax',
  'base_price_incl_tax',
  'row_total_incl_tax',
  'base_row_total_incl_tax',
  'discount_tax_compensation_amount',
  'base_discount_tax_compensation_amount',
  'discount_tax_compensation_invoiced',
  'base_discount_tax_compensation_invoiced',
  'tax_canceled',
  'discount_tax_compensation_canceled',
  'tax_refunded',
  'base_tax_refunded',
  'discount_refunded',
  'base_discount_refunded',
  'free_shipping',
] as const;

export const ORDER_ADDRESS_COLUMNS = [
  'entity_id',
  'parent_id',
  'customer_address_id',
  'region_id',
  'customer_id',
  'region',
  'postcode',
  'lastname',
  'street',
  'city',
  'email',
  'telephone',
  'country_id',
  'firstname',
  'address_type',
  'company',
] as const;

export const ORDER_PAYMENT_COLUMNS = [
  'entity_id',
  'parent_id',
  'base_shipping_captured',
  'shipping_captured',
  'amount_refunded',
  'base_amount_paid',
  'amount_canceled',
  'base_amount_authorized',
  'base_amount_paid_online',
  'base_amount_refunded_online',
  'base_shipping_amount',
  'shipping_amount',
  'amount_paid',
  'amount_authorized',
  'base_amount_ordered',
  'base_shipping_refunded',
  'shipping_refunded',
  'base_amount_refunded',
  'amount_ordered',
  'base_amount_canceled',
  'method',
  'cc_exp_month',
  'cc_last_4',
  'last_trans_id',
  'cc_owner',
  'cc_type',
  'cc_exp_year',
  'additional_information',
] as const;

export const STATUS_HISTORY_COLUMNS = [
  'entity_id',
  'parent_id',
  'is_customer_notified',
  'is_visible_on_front',
  'comment',
  'status',
  'created_at',
  'entity_name',
] as const;

export const ORDER_TAX_COLUMNS = [
  'tax_id',
  'order_id',
  'code',
  'title',
  'percent',
  'amount',
  'priority',
  'position',
  'base_amount',
  'process',
  'base_real_amount',
] as const;

export const ORDER_TAX_ITEM_COLUMNS = [
  'tax_item_id',
  'tax_id',
  'item_id',
  'tax_percent',
  'amount',
  'base_amount',
  'real_amount',
  'real_base_amount',
  'associated_item_id',
  'taxable_item_type',
] as const;

export const INVOICE_COLUMNS = [
  'entity_id',
  'store_id',
  'base_grand_total',
  'shipping_tax_amount',
  'tax_amount',
  'base_tax_amount',
  'store_to_order_rate',
  'base_shipping_tax_amount',
  'base_discount_amount',
  'base_to_order_rate',
  'grand_total',
  'shipping_amount',
  'subtotal_incl_tax',
  'base_subtotal_incl_tax',
  'store_to_base_rate',
  'base_shipping_amount',
  'total_qty',
  'base_to_global_rate',
  'subtotal',
  'base_subtotal',
  'discount_amount',
  'billing_address_id',
  'is_used_for_refund',
  'order_id',
  'email_sent',
  'send_email',
  'can_void_flag',
  'state',
  'shipping_address_id',
  'store_currency_code',
  'transaction_id',
  'order_currency_code',
  'base_currency_code',
  'global_currency_code',
  'increment_id',
  'created_at',
  'updated_at',
  'discount_tax_compensation_amount',
  'base_discount_tax_compensation_amount',
  'shipping_discount_tax_compensation_amount',
  'base_shipping_discount_tax_compensation_amnt',
  'shipping_incl_tax',
  'base_shipping_incl_tax',
  'base_total_refunded',
  'discount_description',
] as const;

/** sales_invoice_item and sales_creditmemo_item have the same columns. */
export const DOCUMENT_ITEM_COLUMNS = [
  'entity_id',
  'parent_id',
  'base_price',
  'tax_amount',
  'base_row_total',
  'discount_amount',
  'row_total',
  'base_discount_amount',
  'price_incl_tax',
  'base_tax_amount',
  'base_price_incl_tax',
  'qty',
  'base_cost',
  'price',
  'base_row_total_incl_tax',
  'row_total_incl_tax',
  'product_id',
  'order_item_id',
  'sku',
  'name',
  'discount_tax_compensation_amount',
  'base_discount_tax_compensation_amount',
] as const;

export const SHIPMENT_COLUMNS = [
  'entity_id',
  'store_id',
  'total_weight',
  'total_qty',
  'email_sent',
  'send_email',
  'order_id',
  'customer_id',
  'shipping_address_id',
  'billing_address_id',
  'shipment_status',
  'increment_id',
  'created_at',
  'updated_at',
  'packages',
  'customer_note_notify',
] as const;

export const SHIPMENT_ITEM_COLUMNS = [
  'entity_id',
  'parent_id',
  'row_total',
  'price',
  'weight',
  'qty',
  'product_id',
  'order_item_id',
  'name',
  'sku',
] as const;

export const SHIPMENT_TRACK_COLUMNS = [
  'entity_id',
  'parent_id',
  'weight',
  'qty',
  'order_id',
  'track_number',
  'description',
  'title',
  'carrier_code',
  'created_at',
  'updated_at',
] as const;

export const CREDITMEMO_COLUMNS = [
  'entity_id',
  'store_id',
  'adjustment_positive',
  'base_shipping_tax_amount',
  'store_to_order_rate',
  'base_discount_amount',
  'base_to_order_rate',
  'grand_total',
  'base_adjustment_negative',
  'base_subtotal_incl_tax',
  'shipping_amount',
  'subtotal_incl_tax',
  'adjustment_negative',
  'base_shipping_amount',
  'store_to_base_rate',
  'base_to_global_rate',
  'base_adjustment',
  'base_subtotal',
  'discount_amount',
  'subtotal',
  'adjustment',
  'base_grand_total',
  'base_adjustment_positive',
  'base_tax_amount',
  'shipping_tax_amount',
  'tax_amount',
  'order_id',
  'email_sent',
  'send_email',
  'creditmemo_status',
  'state',
  'shipping_address_id',
  'billing_address_id',
  'invoice_id',
  'store_currency_code',
  'order_currency_code',
  'base_currency_code',
  'global_currency_code',
  'transaction_id',
  'increment_id',
  'created_at',
  'updated_at',
  'discount_tax_compensation_amount',
  'base_discount_tax_compensation_amount',
  'shipping_discount_tax_compensation_amount',
  'base_shipping_discount_tax_compensation_amnt',
  'shipping_incl_tax',
  'base_shipping_incl_tax',
  'discount_description',
] as const;

export const CREDITMEMO_COMMENT_COLUMNS = [
  'entity_id',
  'parent_id',
  'is_customer_notified',
  'is_visible_on_front',
  'comment',
  'created_at',
] as const;

export const TRANSACTION_COLUMNS = [
  'transaction_id',
  'parent_id',
  'order_id',
  'payment_id',
  'txn_id',
  'parent_txn_id',
  'txn_type',
  'is_closed',
  'created_at',
] as const;

type Values<C extends readonly string[]> = Partial<Record<C[number], SqlValue>>;

/** A row of `table` with `columns`; columns missing from `values` are NULL. */
export function rowOf<C extends readonly string[]>(table: string, columns: C, values: Values<C>): RowOut {
  const v = values as Record<string, SqlValue | undefined>;
  return { table, columns, row: columns.map((c) => v[c] ?? null) };
}

/** A timestamp as MariaDB takes it, in UTC (Magento keeps timestamps in UTC). */
export function sqlTime(d: Date): string {
  return d.toISOString().slice(0, 19).replace('T', ' ');
}

/** Cents to a money value. */
const m = (cents: number): number => cents / 100;

/** `$1,234.56`, as Magento's order comments print amounts. */
export function formatUsd(cents: number): string {
  const [whole, frac] = (cents / 100).toFixed(2).split('.') as [string, string];
  return `$${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
}

/** Magento serializes payment additional_information with json_encode, which escapes slashes. */
function phpJson(value: unknown): string {
  return JSON.stringify(value).replace(/\//g, '\\/');
}

interface Line {
  readonly product: OrderableProduct;
  readonly qty: number;
  readonly itemId: number;
  /** The simple child line of a configurable (price 0, the parent line carries the amounts). */
  readonly childItemId: number | null;
  readonly isVirtual: boolean;
  readonly weight: number;
  readonly priceC: number;
  readonly rowC: number;
  readonly discountC: number;
  readonly taxC: number;
  readonly priceInclC: number;
  readonly rowInclC: number;
  invoiced: boolean;
  shipped: boolean;
  refunded: boolean;
  canceled: boolean;
}

/** Tax rate (percent) that applies to an address: Magento's default rates for CA and NY, none elsewhere. */
export function taxRateFor(address: PostalAddress): { code: string; percent: number } | undefined {
  return address.countryId === 'US' && address.regionId !== null
    ? DEFAULT_TAX_RATES.get(address.regionId)
    : undefined;
}

/** Builds every row of an order through its lifecycle. Ids come from `ids`; nothing is read from the database. */
export function buildOrderRows(plan: OrderPlan, life: OrderLifecycle, ids: IdAllocator): BuiltOrder {
  const orderId = ids.next('sales_order');
  const isVirtualOrder = plan.lines.every((l) => l.product.typeId !== 'simple');
  const taxAddress = isVirtualOrder ? plan.billing : plan.shipping;
  const rate = taxRateFor(taxAddress);
  const pct = plan.coupon?.percent ?? 0;

  const lines: Line[] = plan.lines.map((input) => {
    const itemId = ids.next('sales_order_item');
    const childItemId = input.product.parent ? ids.next('sales_order_item') : null;
    const priceC = Math.round(input.product.price * 100);
    const rowC = priceC * input.qty;
    const discountC = Math.round((rowC * pct) / 100);
    const taxC = rate ? Math.round(((rowC - discountC) * rate.percent) / 100) : 0;
    const priceInclC = rate ? Math.round(priceC * (1 + rate.percent / 100)) : priceC;
    const rowInclC = rate ? rowC + Math.round((rowC * rate.percent) / 100) : rowC;
    return {
      product: input.product,
      qty: input.qty,
      itemId,
      childItemId,
      isVirtual: input.product.typeId !== 'simple',
      weight: input.product.typeId === 'simple' ? (input.product.weight ?? 1) : 0,
      priceC,
      rowC,
      discountC,
      taxC,
      priceInclC,
      rowInclC,
      invoiced: false,
      shipped: false,
      refunded: false,
      canceled: false,
    };
  });

  const sum = (f: (l: Line) => number, of: readonly Line[] = lines): number =>
    of.reduce((a, l) => a + f(l), 0);
  const physicalQty = sum((l) => (l.isVirtual ? 0 : l.qty));
  const shipping = SHIPPING[plan.shippingMethod];
  const shippingC = isVirtualOrder ? 0 : shipping.flatCents + shipping.perItemCents * physicalQty;
  const subtotalC = sum((l) => l.rowC);
  const discountC = sum((l) => l.discountC);
  const taxC = sum((l) => l.taxC);
  const subtotalInclC = sum((l) => l.rowInclC);
  const grandC = subtotalC + shippingC + taxC - discountC;
  const totalQty = sum((l) => l.qty);
  const weight = sum((l) => l.weight * l.qty);

  // What happened to the order, in Magento's terms.
  const invoiced = life.invoice !== undefined && life.canceledAt === undefined;
  const canceled = !invoiced && life.canceledAt !== undefined;
  const shipped = invoiced && life.shipment !== undefined && !isVirtualOrder;
  const refund = invoiced ? life.refund : undefined;
  const fullRefund = refund !== undefined && (refund.full || lines.length < 2);
  const refundedLines = refund ? (fullRefund ? lines : lines.slice(-1)) : [];
  for (const l of lines) {
    l.invoiced = invoiced;
    l.canceled = canceled;
    l.shipped = shipped && !l.isVirtual;
    l.refunded = refundedLines.includes(l);
  }
  const r = {
    subtotal: sum((l) => l.rowC, refundedLines),
    discount: sum((l) => l.discountC, refundedLines),
    tax: sum((l) => l.taxC, refundedLines),
    inclTax: sum((l) => l.rowInclC, refundedLines),
    shipping: fullRefund ? shippingC : 0,
  };
  const refundGrandC = r.subtotal + r.shipping + r.tax - r.discount;

  let state: string;
  if (canceled) state = 'canceled';
  else if (!invoiced) state = plan.payment.method === 'checkmo' ? 'new' : 'processing';
  else if (fullRefund) state = 'closed';
  else state = lines.some((l) => !l.isVirtual && !l.refunded && !l.shipped) ? 'processing' : 'complete';
  const status = state === 'new' ? 'pending' : state;

  const events = [plan.createdAt, life.canceledAt, life.invoice?.at, life.shipment?.at, refund?.at];
  const updatedAt = new Date(
    Math.max(...events.filter((d): d is Date => d !== undefined).map((d) => d.getTime())),
  );
  const card = plan.payment.card;
  const online = card !== undefined;

  const billingId = ids.next('sales_order_address');
  const shippingId = isVirtualOrder ? null : ids.next('sales_order_address');
  const rows: RowOut[] = [];
  const inv = invoiced;

  rows.push(
    rowOf('sales_order', ORDER_COLUMNS, {
      entity_id: orderId,
      state,
      status,
      coupon_code: plan.coupon?.code ?? null,
      protect_code: plan.protectCode,
      shipping_description: isVirtualOrder ? null : shipping.description,
      is_virtual: isVirtualOrder ? 1 : 0,
      store_id: plan.store.id,
      customer_id: plan.customer.id,
      base_discount_amount: m(-discountC),
      discount_amount: m(-discountC),
      base_discount_canceled: canceled ? m(discountC) : null,
      discount_canceled: canceled ? m(discountC) : null,
      base_discount_invoiced: inv ? m(-discountC) : null,
      discount_invoiced: inv ? m(-discountC) : null,
      base_discount_refunded: refund ? m(-r.discount) : null,
      discount_refunded: refund ? m(-r.discount) : null,
      base_grand_total: m(grandC),
      grand_total: m(grandC),
      base_shipping_amount: m(shippingC),
      shipping_amount: m(shippingC),
      base_shipping_canceled: canceled ? m(shippingC) : null,
      shipping_canceled: canceled ? m(shippingC) : null,
      base_shipping_invoiced: inv ? m(shippingC) : null,
      shipping_invoiced: inv ? m(shippingC) : null,
      base_shipping_refunded: refund ? m(r.shipping) : null,
      shipping_refunded: refund ? m(r.shipping) : null,
      base_shipping_tax_amount: 0,
      shipping_tax_amount: 0,
      base_shipping_tax_refunded: refund ? 0 : null,
      shipping_tax_refunded: refund ? 0 : null,
      base_subtotal: m(subtotalC),
      subtotal: m(subtotalC),
      base_subtotal_canceled: canceled ? m(subtotalC) : null,
      subtotal_canceled: canceled ? m(subtotalC) : null,
      base_subtotal_invoiced: inv ? m(subtotalC) : null,
      subtotal_invoiced: inv ? m(subtotalC) : null,
      base_subtotal_refunded: refund ? m(r.subtotal) : null,
      subtotal_refunded: refund ? m(r.subtotal) : null,
      base_tax_amount: m(taxC),
      tax_amount: m(taxC),
      base_tax_canceled: canceled ? m(taxC) : null,
      tax_canceled: canceled ? m(taxC) : null,
      base_tax_invoiced: inv ? m(taxC) : null,
      tax_invoiced: inv ? m(taxC) : null,
      base_tax_refunded: refund ? m(r.tax) : null,
      tax_refunded: refund ? m(r.tax) : null,
      base_to_global_rate: 1,
      base_to_order_rate: 1,
      store_to_base_rate: 0,
      store_to_order_rate: 0,
      base_total_canceled: canceled ? m(grandC) : null,
      total_canceled: canceled ? m(grandC) : null,
      base_total_invoiced: inv ? m(grandC) : null,
      total_invoiced: inv ? m(grandC) : null,
      base_total_invoiced_cost: inv ? 0 : null,
      base_total_paid: inv ? m(grandC) : null,
      total_paid: inv ? m(grandC) : null,
      base_total_refunded: refund ? m(refundGrandC) : null,
      total_refunded: refund ? m(refundGrandC) : null,
      base_total_offline_refunded: refund && !online ? m(refundGrandC) : null,
      total_offline_refunded: refund && !online ? m(refundGrandC) : null,
      base_total_online_refunded: refund && online ? m(refundGrandC) : null,
      total_online_refunded: refund && online ? m(refundGrandC) : null,
      total_qty_ordered: totalQty,
      customer_is_guest: plan.customer.id === null ? 1 : 0,
      customer_note_notify: 1,
      billing_address_id: billingId,
      shipping_address_id: shippingId,
      customer_group_id: plan.customer.groupId,
      email_sent: 1,
      send_email: 1,
      adjustment_negative: refund ? 0 : null,
      adjustment_positive: refund ? 0 : null,
      base_adjustment_negative: refund ? 0 : null,
      base_adjustment_positive: refund ? 0 : null,
      base_shipping_discount_amount: 0,
      shipping_discount_amount: 0,
      base_subtotal_incl_tax: m(subtotalInclC),
      subtotal_incl_tax: m(subtotalInclC),
      base_total_due: inv || canceled ? 0 : m(grandC),
      total_due: inv || canceled ? 0 : m(grandC),
      weight,
      customer_dob: plan.customer.dob === null ? null : `${plan.customer.dob} 00:00:00`,
      increment_id: plan.incrementId,
      applied_rule_ids: plan.coupon ? '1' : null,
      base_currency_code: 'USD',
      global_currency_code: 'USD',
      order_currency_code: 'USD',
      store_currency_code: 'USD',
      customer_email: plan.customer.email,
      customer_firstname: plan.customer.firstname,
      customer_lastname: plan.customer.lastname,
      discount_description: plan.coupon?.code ?? null,
      remote_ip: plan.remoteIp,
      shipping_method: isVirtualOrder ? null : plan.shippingMethod,
      store_name: plan.store.name,
      created_at: sqlTime(plan.createdAt),
      updated_at: sqlTime(updatedAt),
      total_item_count: lines.length,
      customer_gender: plan.customer.gender,
      discount_tax_compensation_amount: 0,
      base_discount_tax_compensation_amount: 0,
      shipping_discount_tax_compensation_amount: 0,
      base_shipping_discount_tax_compensation_amnt: 0,
      discount_tax_compensation_invoiced: inv ? 0 : null,
      base_discount_tax_compensation_invoiced: inv ? 0 : null,
      discount_tax_compensation_refunded: refund ? 0 : null,
      base_discount_tax_compensation_refunded: refund ? 0 : null,
      shipping_incl_tax: m(shippingC),
      base_shipping_incl_tax: m(shippingC),
    }),
  );

  const address = (id: number, type: 'billing' | 'shipping', a: OrderAddress): RowOut =>
    rowOf('sales_order_address', ORDER_ADDRESS_COLUMNS, {
      entity_id: id,
      parent_id: orderId,
      customer_address_id: a.customerAddressId,
      region_id: a.regionId,
      customer_id: plan.customer.id,
      region: a.region,
      postcode: a.postcode,
      lastname: a.lastname,
      street: a.street,
      city: a.city,
      email: plan.customer.email,
      telephone: a.telephone,
      country_id: a.countryId,
      firstname: a.firstname,
      address_type: type,
      company: a.company,
    });
  if (shippingId !== null) rows.push(address(shippingId, 'shipping', plan.shipping));
  rows.push(address(billingId, 'billing', plan.billing));

  const created = sqlTime(plan.createdAt);
  const updated = sqlTime(updatedAt);
  for (const l of lines) {
    const p = l.product;
    const buyRequest = {
      qty: l.qty,
      product: p.parent?.entityId ?? p.entityId,
      ...(p.parent ? { selected_configurable_option: p.entityId } : {}),
    };
    const qtyCols = {
      qty_ordered: l.qty,
      qty_invoiced: l.invoiced ? l.qty : 0,
      qty_shipped: l.shipped ? l.qty : 0,
      qty_refunded: l.refunded ? l.qty : 0,
      qty_canceled: l.canceled ? l.qty : 0,
    };
    rows.push(
      rowOf('sales_order_item', ORDER_ITEM_COLUMNS, {
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
      }),
    );
    if (l.childItemId !== null) {
      // Magento's child line of a configurable: the simple product, no amounts, same quantities as its parent.
      rows.push(
        rowOf('sales_order_item', ORDER_ITEM_COLUMNS, {
          item_id: l.childItemId,
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
        }),
      );
    }
  }

  const paymentId = ids.next('sales_order_payment');
  const txn = card?.txnId ?? '';
  const captureTxn = `${txn}-capture`;
  const refundTxn = `${captureTxn}-refund`;
  const voidTxn = `${txn}-void`;
  const lastTxn = !card ? null : refund ? refundTxn : inv ? captureTxn : canceled ? voidTxn : txn;
  rows.push(
    rowOf('sales_order_payment', ORDER_PAYMENT_COLUMNS, {
      entity_id: paymentId,
      parent_id: orderId,
      base_shipping_captured: inv ? m(shippingC) : null,
      shipping_captured: inv ? m(shippingC) : null,
      amount_refunded: refund ? m(refundGrandC) : null,
      base_amount_refunded: refund ? m(refundGrandC) : null,
      base_amount_paid: inv ? m(grandC) : null,
      amount_paid: inv ? m(grandC) : null,
      amount_canceled: canceled ? m(grandC) : null,
      base_amount_canceled: canceled ? m(grandC) : null,
      base_amount_authorized: card ? m(grandC) : null,
      amount_authorized: card ? m(grandC) : null,
      base_amount_paid_online: card && inv ? m(grandC) : null,
      base_amount_refunded_online: card && refund ? m(refundGrandC) : null,
      base_shipping_amount: m(shippingC),
      shipping_amount: m(shippingC),
      base_amount_ordered: m(grandC),
      amount_ordered: m(grandC),
      base_shipping_refunded: refund ? m(r.shipping) : null,
      shipping_refunded: refund ? m(r.shipping) : null,
      method: plan.payment.method,
      cc_exp_month: card ? String(card.expMonth) : null,
      cc_last_4: card?.last4 ?? null,
      last_trans_id: lastTxn,
      cc_owner: card ? `${plan.billing.firstname} ${plan.billing.lastname}` : null,
      cc_type: card?.type ?? null,
      cc_exp_year: card ? String(card.expYear) : null,
      additional_information: card
        ? phpJson({
            cc_type: CARD_NAMES[card.type],
            cc_number: `xxxx-${card.last4}`,
            method_title: 'Credit Card',
          })
        : phpJson({ method_title: 'Check / Money order' }),
    }),
  );

  if (rate && taxC > 0) {
    const taxId = ids.next('sales_order_tax');
    rows.push(
      rowOf('sales_order_tax', ORDER_TAX_COLUMNS, {
        tax_id: taxId,
        order_id: orderId,
        code: rate.code,
        title: rate.code,
        percent: rate.percent,
        amount: m(taxC),
        priority: 0,
        position: 0,
        base_amount: m(taxC),
        process: 0,
        base_real_amount: m(taxC),
      }),
    );
    for (const l of lines) {
      rows.push(
        rowOf('sales_order_tax_item', ORDER_TAX_ITEM_COLUMNS, {
          tax_item_id: ids.next('sales_order_tax_item'),
          tax_id: taxId,
          item_id: l.itemId,
          tax_percent: rate.percent,
          amount: m(l.taxC),
          base_amount: m(l.taxC),
          real_amount: m(l.taxC),
          real_base_amount: m(l.taxC),
          associated_item_id: null,
          taxable_item_type: 'product',
        }),
      );
    }
  }

  const history = (
    at: Date,
    st: string,
    comment: string | null,
    entity: string,
    notified: number | null,
  ): void => {
    rows.push(
      rowOf('sales_order_status_history', STATUS_HISTORY_COLUMNS, {
        entity_id: ids.next('sales_order_status_history'),
        parent_id: orderId,
        is_customer_notified: notified,
        is_visible_on_front: 0,
        comment,
        status: st,
        created_at: sqlTime(at),
        entity_name: entity,
      }),
    );
  };
  // The status the order had after each step, for its history rows.
  // (The shipment ships every physical line, and refunds come after it.)
  const afterShipStatus = 'complete';
  const afterInvoiceStatus = isVirtualOrder ? 'complete' : 'processing';
  if (card) {
    history(
      plan.createdAt,
      'processing',
      `Authorized amount of ${formatUsd(grandC)}. Transaction ID: "${txn}"`,
      'order',
      null,
    );
  } else {
    history(plan.createdAt, 'pending', null, 'order', 1);
  }

  const transaction = (
    parentId: number | null,
    txnId: string,
    parentTxnId: string | null,
    type: string,
    closed: boolean,
    at: Date,
  ): number => {
    const id = ids.next('sales_payment_transaction');
    rows.push(
      rowOf('sales_payment_transaction', TRANSACTION_COLUMNS, {
        transaction_id: id,
        parent_id: parentId,
        order_id: orderId,
        payment_id: paymentId,
        txn_id: txnId,
        parent_txn_id: parentTxnId,
        txn_type: type,
        is_closed: closed ? 1 : 0,
        created_at: sqlTime(at),
      }),
    );
    return id;
  };
  const authId = card ? transaction(null, txn, null, 'authorization', inv || canceled, plan.createdAt) : null;

  if (canceled && life.canceledAt) {
    if (authId !== null) transaction(authId, voidTxn, txn, 'void', true, life.canceledAt);
    history(life.canceledAt, 'canceled', null, 'order', 0);
  }

  let invoiceId: number | null = null;
  if (inv && life.invoice) {
    invoiceId = ids.next('sales_invoice');
    const at = sqlTime(life.invoice.at);
    rows.push(
      rowOf('sales_invoice', INVOICE_COLUMNS, {
        entity_id: invoiceId,
        store_id: plan.store.id,
        base_grand_total: m(grandC),
        grand_total: m(grandC),
        shipping_tax_amount: 0,
        base_shipping_tax_amount: 0,
        tax_amount: m(taxC),
        base_tax_amount: m(taxC),
        store_to_order_rate: 0,
        store_to_base_rate: 0,
        base_to_order_rate: 1,
        base_to_global_rate: 1,
        base_discount_amount: m(-discountC),
        discount_amount: m(-discountC),
        shipping_amount: m(shippingC),
        base_shipping_amount: m(shippingC),
        subtotal_incl_tax: m(subtotalInclC),
        base_subtotal_incl_tax: m(subtotalInclC),
        total_qty: totalQty,
        subtotal: m(subtotalC),
        base_subtotal: m(subtotalC),
        billing_address_id: billingId,
        shipping_address_id: shippingId,
        is_used_for_refund: refund && card ? 1 : null,
        order_id: orderId,
        email_sent: 1,
        send_email: 1,
        can_void_flag: 0,
        state: 2,
        store_currency_code: 'USD',
        order_currency_code: 'USD',
        base_currency_code: 'USD',
        global_currency_code: 'USD',
        transaction_id: card ? captureTxn : null,
        increment_id: life.invoice.incrementId,
        created_at: at,
        updated_at: at,
        discount_tax_compensation_amount: 0,
        base_discount_tax_compensation_amount: 0,
        shipping_discount_tax_compensation_amount: 0,
        base_shipping_discount_tax_compensation_amnt: 0,
        shipping_incl_tax: m(shippingC),
        base_shipping_incl_tax: m(shippingC),
        base_total_refunded: refund && card ? m(refundGrandC) : null,
        discount_description: plan.coupon?.code ?? null,
      }),
    );
    for (const l of lines) rows.push(...documentItems('sales_invoice_item', invoiceId, l, ids));
    if (authId !== null) {
      const captureId = transaction(authId, captureTxn, txn, 'capture', fullRefund, life.invoice.at);
      history(
        life.invoice.at,
        afterInvoiceStatus,
        `Captured amount of ${formatUsd(grandC)} online. Transaction ID: "${captureTxn}"`,
        'invoice',
        null,
      );
      if (refund) transaction(captureId, refundTxn, captureTxn, 'refund', true, refund.at);
    } else {
      history(
        life.invoice.at,
        afterInvoiceStatus,
        `Notified customer about invoice creation #${life.invoice.incrementId}.`,
        'invoice',
        1,
      );
    }
  }

  if (shipped && life.shipment) {
    const shipmentId = ids.next('sales_shipment');
    const at = sqlTime(life.shipment.at);
    const shippedLines = lines.filter((l) => !l.isVirtual);
    rows.push(
      rowOf('sales_shipment', SHIPMENT_COLUMNS, {
        entity_id: shipmentId,
        store_id: plan.store.id,
        total_weight: null,
        total_qty: sum((l) => l.qty, shippedLines),
        email_sent: 1,
        send_email: 1,
        order_id: orderId,
        customer_id: plan.customer.id,
        shipping_address_id: shippingId,
        billing_address_id: billingId,
        shipment_status: null,
        increment_id: life.shipment.incrementId,
        created_at: at,
        updated_at: at,
        packages: '[]',
        customer_note_notify: 1,
      }),
    );
    for (const l of shippedLines) {
      const p = l.product;
      const item = (orderItemId: number, priceC: number, name: string, productId: number): RowOut =>
        rowOf('sales_shipment_item', SHIPMENT_ITEM_COLUMNS, {
          entity_id: ids.next('sales_shipment_item'),
          parent_id: shipmentId,
          row_total: null,
          price: m(priceC),
          weight: l.weight,
          qty: l.qty,
          product_id: productId,
          order_item_id: orderItemId,
          name,
          sku: p.sku,
        });
      rows.push(item(l.itemId, l.priceC, p.parent?.name ?? p.name, p.parent?.entityId ?? p.entityId));
      if (l.childItemId !== null) rows.push(item(l.childItemId, 0, p.name, p.entityId));
    }
    rows.push(
      rowOf('sales_shipment_track', SHIPMENT_TRACK_COLUMNS, {
        entity_id: ids.next('sales_shipment_track'),
        parent_id: shipmentId,
        weight: null,
        qty: null,
        order_id: orderId,
        track_number: life.shipment.trackNumber,
        description: null,
        title: life.shipment.carrierTitle,
        carrier_code: life.shipment.carrierCode,
        created_at: at,
        updated_at: at,
      }),
    );
    history(life.shipment.at, afterShipStatus, null, 'shipment', 1);
  }

  if (refund && invoiceId !== null) {
    const creditmemoId = ids.next('sales_creditmemo');
    const at = sqlTime(refund.at);
    const shippingRefundC = r.shipping;
    rows.push(
      rowOf('sales_creditmemo', CREDITMEMO_COLUMNS, {
        entity_id: creditmemoId,
        store_id: plan.store.id,
        adjustment_positive: 0,
        base_adjustment_positive: 0,
        adjustment_negative: 0,
        base_adjustment_negative: 0,
        adjustment: 0,
        base_adjustment: 0,
        base_shipping_tax_amount: 0,
        shipping_tax_amount: 0,
        store_to_order_rate: 0,
        store_to_base_rate: 0,
        base_to_order_rate: 1,
        base_to_global_rate: 1,
        base_discount_amount: m(-r.discount),
        discount_amount: m(-r.discount),
        grand_total: m(refundGrandC),
        base_grand_total: m(refundGrandC),
        base_subtotal_incl_tax: m(r.inclTax),
        subtotal_incl_tax: m(r.inclTax),
        shipping_amount: m(shippingRefundC),
        base_shipping_amount: m(shippingRefundC),
        base_subtotal: m(r.subtotal),
        subtotal: m(r.subtotal),
        base_tax_amount: m(r.tax),
        tax_amount: m(r.tax),
        order_id: orderId,
        email_sent: 1,
        send_email: 1,
        creditmemo_status: null,
        state: 2,
        shipping_address_id: shippingId,
        billing_address_id: billingId,
        invoice_id: card ? invoiceId : null,
        store_currency_code: 'USD',
        order_currency_code: 'USD',
        base_currency_code: 'USD',
        global_currency_code: 'USD',
        transaction_id: card ? refundTxn : null,
        increment_id: refund.incrementId,
        created_at: at,
        updated_at: at,
        discount_tax_compensation_amount: 0,
        base_discount_tax_compensation_amount: 0,
        shipping_discount_tax_compensation_amount: 0,
        base_shipping_discount_tax_compensation_amnt: 0,
        shipping_incl_tax: m(shippingRefundC),
        base_shipping_incl_tax: m(shippingRefundC),
        discount_description: plan.coupon?.code ?? null,
      }),
    );
    for (const l of refundedLines) rows.push(...documentItems('sales_creditmemo_item', creditmemoId, l, ids));
    rows.push(
      rowOf('sales_creditmemo_comment', CREDITMEMO_COMMENT_COLUMNS, {
        entity_id: ids.next('sales_creditmemo_comment'),
        parent_id: creditmemoId,
        is_customer_notified: 1,
        is_visible_on_front: 0,
        comment: refund.comment,
        created_at: at,
      }),
    );
    history(
      refund.at,
      status,
      card
        ? `We refunded ${formatUsd(refundGrandC)} online. Transaction ID: "${refundTxn}"`
        : `We refunded ${formatUsd(refundGrandC)} offline.`,
      'creditmemo',
      null,
    );
  }

  return { orderId, rows, state, grandTotal: m(grandC) };
}

/** Invoice or credit memo items of one order line: the line, plus its configurable child with no amounts. */
function documentItems(
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
