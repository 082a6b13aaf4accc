import type { OrderableProduct } from './generation-context';
import type { IdAllocator } from './sales-ids';
import { m, ORDER_ADDRESS_COLUMNS, ORDER_COLUMNS, rowOf, sqlTime, type RowOut } from './sales-order-columns';
import { addOrderDocuments } from './sales-order-documents';
import { addItemRows, sum } from './sales-order-items';
import { DEFAULT_TAX_RATES, type PostalAddress } from './sales-people';

/**
 * The rows of one order and its documents (invoice, shipment, credit memo, payment transactions) in Magento 2.4's
 * shapes, computed in cents so every total adds up. Shared by the generator (which streams them through the bulk
 * writer) and the change workload (which inserts them in one transaction), so both write the same shapes.
 */

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

export interface Line {
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

/** The order's amounts, in cents. */
export interface OrderTotals {
  readonly shippingDescription: string;
  readonly shippingC: number;
  readonly subtotalC: number;
  readonly discountC: number;
  readonly taxC: number;
  readonly subtotalInclC: number;
  readonly grandC: number;
  readonly totalQty: number;
  readonly weight: number;
}

/** What happened to the order, in Magento's terms, and what a refund gave back (cents). */
export interface OrderFate {
  readonly invoiced: boolean;
  readonly canceled: boolean;
  readonly shipped: boolean;
  readonly refund: OrderLifecycle['refund'];
  readonly fullRefund: boolean;
  readonly refundedLines: readonly Line[];
  readonly refunded: {
    readonly subtotal: number;
    readonly discount: number;
    readonly tax: number;
    readonly inclTax: number;
    readonly shipping: number;
  };
  readonly refundGrandC: number;
  readonly state: string;
  readonly status: string;
  readonly updatedAt: Date;
}

/** An order being built: its plan and lifecycle, ids, priced lines, totals, fate, and the rows so far. */
export interface OrderBuild {
  readonly plan: OrderPlan;
  readonly life: OrderLifecycle;
  readonly ids: IdAllocator;
  readonly orderId: number;
  readonly isVirtualOrder: boolean;
  readonly rate: { readonly code: string; readonly percent: number } | undefined;
  readonly pct: number;
  readonly lines: readonly Line[];
  readonly totals: OrderTotals;
  readonly fate: OrderFate;
  readonly billingId: number;
  readonly shippingId: number | null;
  readonly rows: RowOut[];
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
  const rate = taxRateFor(isVirtualOrder ? plan.billing : plan.shipping);
  const pct = plan.coupon?.percent ?? 0;
  const lines = priceLines(plan, ids, rate, pct);
  const totals = totalsOf(plan, lines, isVirtualOrder);
  const fate = fateOf(plan, life, lines, totals, isVirtualOrder);
  const billingId = ids.next('sales_order_address');
  const shippingId = isVirtualOrder ? null : ids.next('sales_order_address');
  const order: OrderBuild = {
    plan,
    life,
    ids,
    orderId,
    isVirtualOrder,
    rate,
    pct,
    lines,
    totals,
    fate,
    billingId,
    shippingId,
    rows: [],
  };
  order.rows.push(orderRow(order));
  addAddressRows(order);
  addItemRows(order);
  addOrderDocuments(order);
  return { orderId, rows: order.rows, state: fate.state, grandTotal: m(totals.grandC) };
}

/** The order's lines with their amounts; a configurable's line takes a second item id for its simple child. */
function priceLines(
  plan: OrderPlan,
  ids: IdAllocator,
  rate: { readonly percent: number } | undefined,
  pct: number,
): Line[] {
  return plan.lines.map((input) => {
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
}

function totalsOf(plan: OrderPlan, lines: readonly Line[], isVirtualOrder: boolean): OrderTotals {
  const physicalQty = sum(lines, (l) => (l.isVirtual ? 0 : l.qty));
  const shipping = SHIPPING[plan.shippingMethod];
  const shippingC = isVirtualOrder ? 0 : shipping.flatCents + shipping.perItemCents * physicalQty;
  const subtotalC = sum(lines, (l) => l.rowC);
  const discountC = sum(lines, (l) => l.discountC);
  const taxC = sum(lines, (l) => l.taxC);
  return {
    shippingDescription: shipping.description,
    shippingC,
    subtotalC,
    discountC,
    taxC,
    subtotalInclC: sum(lines, (l) => l.rowInclC),
    grandC: subtotalC + shippingC + taxC - discountC,
    totalQty: sum(lines, (l) => l.qty),
    weight: sum(lines, (l) => l.weight * l.qty),
  };
}

/** What happened to the order and its lines (the lines are marked), its state and status, and its refund. */
function fateOf(
  plan: OrderPlan,
  life: OrderLifecycle,
  lines: readonly Line[],
  totals: OrderTotals,
  isVirtualOrder: boolean,
): OrderFate {
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
  const refunded = {
    subtotal: sum(refundedLines, (l) => l.rowC),
    discount: sum(refundedLines, (l) => l.discountC),
    tax: sum(refundedLines, (l) => l.taxC),
    inclTax: sum(refundedLines, (l) => l.rowInclC),
    shipping: fullRefund ? totals.shippingC : 0,
  };
  let state: string;
  if (canceled) state = 'canceled';
  else if (!invoiced) state = plan.payment.method === 'checkmo' ? 'new' : 'processing';
  else if (fullRefund) state = 'closed';
  else state = lines.some((l) => !l.isVirtual && !l.refunded && !l.shipped) ? 'processing' : 'complete';
  const events = [plan.createdAt, life.canceledAt, life.invoice?.at, life.shipment?.at, refund?.at];
  return {
    invoiced,
    canceled,
    shipped,
    refund,
    fullRefund,
    refundedLines,
    refunded,
    refundGrandC: refunded.subtotal + refunded.shipping + refunded.tax - refunded.discount,
    state,
    status: state === 'new' ? 'pending' : state,
    updatedAt: new Date(
      Math.max(...events.filter((d): d is Date => d !== undefined).map((d) => d.getTime())),
    ),
  };
}

/** The sales_order row. */
function orderRow(order: OrderBuild): RowOut {
  const { plan, orderId, isVirtualOrder, billingId, shippingId, lines } = order;
  const { state, status, updatedAt } = order.fate;
  const { totalQty, subtotalInclC, weight } = order.totals;
  const inv = order.fate.invoiced;
  const refund = order.fate.refund;
  return rowOf('sales_order', ORDER_COLUMNS, {
    ...orderAmounts(order),
    entity_id: orderId,
    state,
    status,
    coupon_code: plan.coupon?.code ?? null,
    protect_code: plan.protectCode,
    shipping_description: isVirtualOrder ? null : order.totals.shippingDescription,
    is_virtual: isVirtualOrder ? 1 : 0,
    store_id: plan.store.id,
    customer_id: plan.customer.id,
    base_to_global_rate: 1,
    base_to_order_rate: 1,
    store_to_base_rate: 0,
    store_to_order_rate: 0,
    total_qty_ordered: totalQty,
    customer_is_guest: plan.customer.id === null ? 1 : 0,
    customer_note_notify: 1,
    billing_address_id: billingId,
    shipping_address_id: shippingId,
    customer_group_id: plan.customer.groupId,
    email_sent: 1,
    send_email: 1,
    base_subtotal_incl_tax: m(subtotalInclC),
    subtotal_incl_tax: m(subtotalInclC),
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
  });
}

/** The money columns of sales_order: ordered, canceled, invoiced, paid, refunded and due. */
function orderAmounts(order: OrderBuild): Partial<Record<(typeof ORDER_COLUMNS)[number], number | null>> {
  const { discountC, grandC, shippingC, subtotalC, taxC } = order.totals;
  const { canceled, refund, refunded: r, refundGrandC } = order.fate;
  const inv = order.fate.invoiced;
  const online = order.plan.payment.card !== undefined;
  return {
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
    adjustment_negative: refund ? 0 : null,
    adjustment_positive: refund ? 0 : null,
    base_adjustment_negative: refund ? 0 : null,
    base_adjustment_positive: refund ? 0 : null,
    base_shipping_discount_amount: 0,
    shipping_discount_amount: 0,
    base_total_due: inv || canceled ? 0 : m(grandC),
    total_due: inv || canceled ? 0 : m(grandC),
    shipping_incl_tax: m(shippingC),
    base_shipping_incl_tax: m(shippingC),
  };
}

/** The shipping address (physical orders) and the billing address. */
function addAddressRows(order: OrderBuild): void {
  const { plan, orderId, billingId, shippingId, rows } = order;
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
}
