import {
  CREDITMEMO_COLUMNS,
  CREDITMEMO_COMMENT_COLUMNS,
  INVOICE_COLUMNS,
  ORDER_PAYMENT_COLUMNS,
  ORDER_TAX_COLUMNS,
  ORDER_TAX_ITEM_COLUMNS,
  rowOf,
  SHIPMENT_COLUMNS,
  SHIPMENT_ITEM_COLUMNS,
  SHIPMENT_TRACK_COLUMNS,
  sqlTime,
  STATUS_HISTORY_COLUMNS,
  TRANSACTION_COLUMNS,
  formatUsd,
  m,
  type RowOut,
} from './sales-order-columns';
import { documentItems, sum } from './sales-order-items';
import type { CardType, OrderBuild, OrderLifecycle } from './sales-order-rows';

/*
 * An order's documents and records after its own rows: payment, tax, status history, payment transactions,
 * invoice, shipment and credit memo, in the order Magento writes them (ids are taken in that order).
 */

const CARD_NAMES: Readonly<Record<CardType, string>> = {
  VI: 'Visa',
  MC: 'MasterCard',
  AE: 'American Express',
  DI: 'Discover',
};

/** Magento serializes payment additional_information with json_encode, which escapes slashes. */
function phpJson(value: unknown): string {
  return JSON.stringify(value).replace(/\//g, '\\/');
}

/** The payment's id and the transaction ids of a card payment (authorization, capture, refund, void). */
interface PaymentTxns {
  readonly paymentId: number;
  readonly txn: string;
  readonly captureTxn: string;
  readonly refundTxn: string;
  readonly voidTxn: string;
}

/** The order's status history and payment transactions, each row with the next id of its table. */
class OrderLog {
  constructor(
    private readonly order: OrderBuild,
    private readonly payment: PaymentTxns,
  ) {}

  history(at: Date, st: string, comment: string | null, entity: string, notified: number | null): void {
    const { ids, orderId, rows } = this.order;
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
  }

  transaction(
    parentId: number | null,
    txnId: string,
    parentTxnId: string | null,
    type: string,
    closed: boolean,
    at: Date,
  ): number {
    const { ids, orderId, rows } = this.order;
    const { paymentId } = this.payment;
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
  }
}

/** Adds the order's documents and records to its rows, after the order, its addresses and items. */
export function addOrderDocuments(order: OrderBuild): void {
  const { plan, life } = order;
  const { canceled, refund, shipped } = order.fate;
  const inv = order.fate.invoiced;
  const card = plan.payment.card;
  const payment = addPaymentRow(order);
  addTaxRows(order);
  const log = new OrderLog(order, payment);
  const { txn, voidTxn } = payment;
  if (card) {
    log.history(
      plan.createdAt,
      'processing',
      `Authorized amount of ${formatUsd(order.totals.grandC)}. Transaction ID: "${txn}"`,
      'order',
      null,
    );
  } else {
    log.history(plan.createdAt, 'pending', null, 'order', 1);
  }
  const authId = card
    ? log.transaction(null, txn, null, 'authorization', inv || canceled, plan.createdAt)
    : null;
  if (canceled && life.canceledAt) {
    if (authId !== null) log.transaction(authId, voidTxn, txn, 'void', true, life.canceledAt);
    log.history(life.canceledAt, 'canceled', null, 'order', 0);
  }
  const invoiceId = inv && life.invoice ? addInvoice(order, log, payment, authId, life.invoice) : null;
  if (shipped && life.shipment) addShipment(order, log, life.shipment);
  if (refund && invoiceId !== null) addCreditmemo(order, log, payment, invoiceId, refund);
}

/** The payment row (method, card, amounts authorized, paid, refunded); its transaction ids. */
function addPaymentRow(order: OrderBuild): PaymentTxns {
  const { plan, ids, orderId, rows } = order;
  const { canceled, refund, refunded: r, refundGrandC } = order.fate;
  const { grandC, shippingC } = order.totals;
  const inv = order.fate.invoiced;
  const card = plan.payment.card;
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
  return { paymentId, txn, captureTxn, refundTxn, voidTxn };
}

/** The order's tax (one rate) and its share per item, when it has any. */
function addTaxRows(order: OrderBuild): void {
  const { ids, orderId, rows, rate, lines } = order;
  const { taxC } = order.totals;
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
}

/** The invoice of every line, its items, the capture of a card payment (and its refund), the history row. */
function addInvoice(
  order: OrderBuild,
  log: OrderLog,
  payment: PaymentTxns,
  authId: number | null,
  invoice: NonNullable<OrderLifecycle['invoice']>,
): number {
  const { plan, ids, orderId, rows, lines, isVirtualOrder, billingId, shippingId } = order;
  const { discountC, grandC, shippingC, subtotalC, subtotalInclC, taxC, totalQty } = order.totals;
  const { fullRefund, refund, refundGrandC } = order.fate;
  const { txn, captureTxn, refundTxn } = payment;
  const card = plan.payment.card;
  const life = { invoice };
  // The status the order had after the invoice (the shipment ships every physical line, refunds come after it).
  const afterInvoiceStatus = isVirtualOrder ? 'complete' : 'processing';
  const invoiceId = ids.next('sales_invoice');
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
    const captureId = log.transaction(authId, captureTxn, txn, 'capture', fullRefund, life.invoice.at);
    log.history(
      life.invoice.at,
      afterInvoiceStatus,
      `Captured amount of ${formatUsd(grandC)} online. Transaction ID: "${captureTxn}"`,
      'invoice',
      null,
    );
    if (refund) log.transaction(captureId, refundTxn, captureTxn, 'refund', true, refund.at);
  } else {
    log.history(
      life.invoice.at,
      afterInvoiceStatus,
      `Notified customer about invoice creation #${life.invoice.incrementId}.`,
      'invoice',
      1,
    );
  }
  return invoiceId;
}

/** The shipment of every physical line, its items and tracking number, the history row. */
function addShipment(
  order: OrderBuild,
  log: OrderLog,
  shipment: NonNullable<OrderLifecycle['shipment']>,
): void {
  const { plan, ids, orderId, rows, lines, billingId, shippingId } = order;
  const life = { shipment };
  const afterShipStatus = 'complete';
  const shipmentId = ids.next('sales_shipment');
  const at = sqlTime(life.shipment.at);
  const shippedLines = lines.filter((l) => !l.isVirtual);
  rows.push(
    rowOf('sales_shipment', SHIPMENT_COLUMNS, {
      entity_id: shipmentId,
      store_id: plan.store.id,
      total_weight: null,
      total_qty: sum(shippedLines, (l) => l.qty),
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
  log.history(life.shipment.at, afterShipStatus, null, 'shipment', 1);
}

/** The credit memo of the refunded lines, its items and comment, the history row. */
function addCreditmemo(
  order: OrderBuild,
  log: OrderLog,
  payment: PaymentTxns,
  invoiceId: number,
  refund: NonNullable<OrderLifecycle['refund']>,
): void {
  const { plan, ids, orderId, rows, billingId, shippingId } = order;
  const { refunded: r, refundGrandC, refundedLines, status } = order.fate;
  const { refundTxn } = payment;
  const card = plan.payment.card;
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
  log.history(
    refund.at,
    status,
    card
      ? `We refunded ${formatUsd(refundGrandC)} online. Transaction ID: "${refundTxn}"`
      : `We refunded ${formatUsd(refundGrandC)} offline.`,
    'creditmemo',
    null,
  );
}
