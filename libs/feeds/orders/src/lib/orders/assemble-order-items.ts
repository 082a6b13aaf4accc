import type { OrderFeedItem } from '@cde/contracts';
import type { OrderRows, UuidOf } from './order-rows';
import {
  assembleCreditMemos,
  assembleInvoices,
  assembleShipments,
  assembleTransactions,
} from './assemble-order-documents';
import { assembleOrderLines } from './assemble-order-lines';
import {
  addressOf,
  amount,
  amountOr0,
  customAttributes,
  flag,
  idString,
  rfc3339,
  stateNumber,
  uuidRecord,
} from './assemble-order-values';

export type AssembledOrderItem = Omit<OrderFeedItem, 'deleted'>;

/** Fields set only when the order has a value (OrderV2 declares them without null). */
function optional<K extends string, V>(key: K, value: V | null | undefined): Partial<Record<K, V>> {
  return value === null || value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

/**
 * OrderV2 for one order: every amount in the base currency (the base_* columns; `currency` is the base currency
 * code), dates in RFC 3339, UUIDs from the feed state's entity UUIDs. An order outside any store view (its store
 * was deleted) still has an item; its scope codes are empty.
 */
export function assembleOrderItem(rows: OrderRows, uuidOf: UuidOf): AssembledOrderItem {
  const { order, payment } = rows;
  const billing = rows.addresses.find((a) => a.address_type === 'billing');
  const shipping = rows.addresses.find((a) => a.address_type === 'shipping');
  return {
    orderId: uuidRecord(uuidOf, 'order', order.entity_id),
    commerceOrderId: idString(order.entity_id),
    commerceOrderNumber: order.increment_id ?? '',
    externalId: { id: order.ext_order_id ?? idString(order.entity_id), salesChannel: 'magento' },
    createdAt: rfc3339(order.created_at) ?? '',
    updatedAt: rfc3339(order.updated_at) ?? '',
    state: stateNumber(order.state),
    status: order.status ?? '',
    ...optional('totalInvoiced', amount(order.base_total_invoiced)),
    ...optional('totalQtyOrdered', amount(order.total_qty_ordered)),
    ...optional('isVirtual', flag(order.is_virtual)),
    ...optional('subtotal', amount(order.base_subtotal)),
    ...optional('grandTotal', amount(order.base_grand_total)),
    ...optional('discountAmount', amount(order.base_discount_amount)),
    ...optional('currency', order.base_currency_code),
    amountCapturedOnline: amountOr0(payment?.base_amount_paid_online ?? null),
    amountRefundedOnline: amountOr0(payment?.base_amount_refunded_online ?? null),
    amountAuthorized: amountOr0(payment?.base_amount_authorized ?? null),
    amountPaid: amountOr0(order.base_total_paid),
    amountRefunded: amountOr0(order.base_total_refunded),
    amountCanceled: amountOr0(order.base_total_canceled),
    storeViewCode: order.store_code ?? '',
    storeCode: order.group_code ?? '',
    websiteCode: order.website_code ?? '',
    ...optional('storeId', order.store_id === null ? null : Number(order.store_id)),
    ...optional('customerId', order.customer_id === null ? null : Number(order.customer_id)),
    ...optional('customerEmail', order.customer_email),
    ...optional('customerNote', order.customer_note),
    payment: {
      billingAddress: addressOf(billing),
      paymentMethodName: payment?.method_title ?? null,
      paymentMethodCode: payment?.method ?? null,
      totalAmount: amount(payment?.base_amount_ordered ?? order.base_grand_total),
      taxAmount: amount(order.base_tax_amount),
      currency: order.base_currency_code,
    },
    shipping: {
      shippingAddress: addressOf(shipping),
      shippingMethodName: order.shipping_description,
      shippingMethodCode: order.shipping_method,
      shippingAmount: amount(order.base_shipping_amount),
      shippingTax: amount(order.base_shipping_tax_amount),
    },
    items: assembleOrderLines(rows.lines, uuidOf),
    invoices: assembleInvoices(rows, uuidOf),
    creditMemos: assembleCreditMemos(rows, uuidOf),
    transactions: assembleTransactions(rows),
    shipments: assembleShipments(rows, uuidOf),
    additionalInformation: customAttributes([
      ['couponCode', order.coupon_code],
      ['discountDescription', order.discount_description],
      ['appliedRuleIds', order.applied_rule_ids],
      ['orderCurrency', order.order_currency_code],
      [
        'baseToOrderRate',
        order.base_to_order_rate === null ? null : String(amount(order.base_to_order_rate)),
      ],
    ]),
  };
}
