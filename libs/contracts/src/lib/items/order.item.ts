import { Type } from '@sinclair/typebox';
import { type DeletedFeedItem, feedItemSchema, Nullable, type ReadonlyStatic } from './schema-kit';

/*
 * Record `OrderV2` of the original's et_schema.xml (`orders` feed). Amounts are in the base currency; dates are
 * RFC 3339. The original's `UUID` type is a record `{ id }`, not a bare string, so every UUID field here
 * (orderId, itemId, creditMemoId, shipmentId, orderItemId) is an `OrderUuid` object, as the original sends it.
 */

/**
 * Not listed by the original: identity + scope codes + timestamp. Orders are never removable (FEEDS), so no
 * delete is ever built from it; it only defines what the feed state needs to identify an order.
 */
export const ORDER_MINIMAL_PAYLOAD = [
  'commerceOrderId',
  'storeViewCode',
  'storeCode',
  'websiteCode',
  'updatedAt',
] as const;

/** A UUID from data_exporter_uuid, wrapped as the original's `UUID` record. */
const uuid = Type.Object({ id: Type.String() });
export type OrderUuid = ReadonlyStatic<typeof uuid>;

const externalId = Type.Object({
  id: Type.String(),
  /** "magento" for orders placed in Commerce. */
  salesChannel: Type.Optional(Nullable(Type.String())),
});
export type OrderExternalId = ReadonlyStatic<typeof externalId>;

const address = Type.Object({
  phone: Type.Optional(Nullable(Type.String())),
  region: Type.Optional(Nullable(Type.String())),
  postcode: Type.Optional(Nullable(Type.String())),
  /** Street lines joined by "\n". */
  street: Type.Optional(Nullable(Type.String())),
  multiLineStreet: Type.Optional(Nullable(Type.Array(Type.String()))),
  city: Type.Optional(Nullable(Type.String())),
  /** ISO 3166-1 alpha-2 country id. */
  country: Type.Optional(Nullable(Type.String())),
  firstname: Type.Optional(Nullable(Type.String())),
  lastname: Type.Optional(Nullable(Type.String())),
});
export type OrderAddress = ReadonlyStatic<typeof address>;

const payment = Type.Object({
  billingAddress: Type.Optional(Nullable(address)),
  paymentMethodName: Type.Optional(Nullable(Type.String())),
  paymentMethodCode: Type.Optional(Nullable(Type.String())),
  totalAmount: Type.Optional(Nullable(Type.Number())),
  taxAmount: Type.Optional(Nullable(Type.Number())),
  currency: Type.Optional(Nullable(Type.String())),
});
export type OrderPayment = ReadonlyStatic<typeof payment>;

const shipping = Type.Object({
  shippingAddress: Type.Optional(Nullable(address)),
  shippingMethodName: Type.Optional(Nullable(Type.String())),
  shippingMethodCode: Type.Optional(Nullable(Type.String())),
  shippingAmount: Type.Optional(Nullable(Type.Number())),
  shippingTax: Type.Optional(Nullable(Type.Number())),
});
export type OrderShipping = ReadonlyStatic<typeof shipping>;

/** `CustomAttribute` (additionalInformation of orders and order items). */
const customAttribute = Type.Object({
  name: Type.String(),
  value: Type.Optional(Nullable(Type.String())),
});
export type OrderCustomAttribute = ReadonlyStatic<typeof customAttribute>;

/** `OrderItemV2`: one order line. */
const lineItem = Type.Object({
  itemId: uuid,
  /** sales_order_item.item_id as a string (legacy identifier). */
  entityId: Type.Optional(Nullable(Type.String())),
  parentEntityId: Type.Optional(Nullable(Type.String())),
  isVirtual: Type.Optional(Nullable(Type.Boolean())),
  qtyInvoiced: Type.Optional(Nullable(Type.Number())),
  qtyShipped: Type.Optional(Nullable(Type.Number())),
  qtyBackordered: Type.Optional(Nullable(Type.Number())),
  qtyOrdered: Type.Optional(Nullable(Type.Number())),
  qtyRefunded: Type.Optional(Nullable(Type.Number())),
  qtyCanceled: Type.Optional(Nullable(Type.Number())),
  productType: Type.Optional(Nullable(Type.String())),
  /** Serialized product options, as stored. */
  productOptions: Type.Optional(Nullable(Type.String())),
  itemsShippedTogether: Type.Optional(Nullable(Type.Boolean())),
  sku: Type.Optional(Nullable(Type.String())),
  /** The ordered product's own SKU (for configurable and bundle lines, the parent's). */
  productSku: Type.Optional(Nullable(Type.String())),
  name: Type.Optional(Nullable(Type.String())),
  /** Int in the original. */
  qty: Type.Optional(Nullable(Type.Integer())),
  unitPrice: Type.Optional(Nullable(Type.Number())),
  itemPrice: Type.Optional(Nullable(Type.Number())),
  discountAmount: Type.Optional(Nullable(Type.Number())),
  taxAmount: Type.Optional(Nullable(Type.Number())),
  totalAmount: Type.Optional(Nullable(Type.Number())),
  weight: Type.Optional(Nullable(Type.Number())),
  updatedAt: Type.Optional(Nullable(Type.String())),
  additionalInformation: Type.Optional(Nullable(Type.Array(customAttribute))),
});
export type OrderLineItem = ReadonlyStatic<typeof lineItem>;

const invoiceItem = Type.Object({
  orderItemId: Type.Optional(Nullable(uuid)),
  qtyInvoiced: Type.Optional(Nullable(Type.Number())),
});
export type OrderInvoiceItem = ReadonlyStatic<typeof invoiceItem>;

/** `InvoiceV2`. */
const invoice = Type.Object({
  entityId: Type.String(),
  isUsedForRefund: Type.Optional(Nullable(Type.Boolean())),
  grandTotal: Type.Optional(Nullable(Type.Number())),
  createdAt: Type.Optional(Nullable(Type.String())),
  commerceInvoiceNumber: Type.Optional(Nullable(Type.String())),
  invoiceItems: Type.Optional(Nullable(Type.Array(invoiceItem))),
});
export type OrderInvoice = ReadonlyStatic<typeof invoice>;

/** `Tax`. */
const tax = Type.Object({
  taxName: Type.Optional(Nullable(Type.String())),
  taxType: Type.Optional(Nullable(Type.String())),
  taxAmount: Type.Optional(Nullable(Type.Number())),
});
export type OrderTax = ReadonlyStatic<typeof tax>;

/** `RefundItem`. */
const refundItem = Type.Object({
  orderItemId: Type.Optional(Nullable(uuid)),
  qtyRefunded: Type.Optional(Nullable(Type.Number())),
  basePrice: Type.Optional(Nullable(Type.Number())),
  baseRowTotal: Type.Optional(Nullable(Type.Number())),
  productTaxes: Type.Optional(Nullable(Type.Array(tax))),
});
export type OrderRefundItem = ReadonlyStatic<typeof refundItem>;

/** `CreditMemoV2`. */
const creditMemo = Type.Object({
  creditMemoId: uuid,
  entityId: Type.Optional(Nullable(Type.String())),
  state: Type.Optional(Nullable(Type.Integer())),
  createdAt: Type.Optional(Nullable(Type.String())),
  creditMemoComments: Type.Optional(Nullable(Type.Array(Type.String()))),
  shippingAmount: Type.Optional(Nullable(Type.Number())),
  shippingTaxAmount: Type.Optional(Nullable(Type.Number())),
  adjustment: Type.Optional(Nullable(Type.Number())),
  currency: Type.Optional(Nullable(Type.String())),
  refundTaxes: Type.Optional(Nullable(Type.Array(tax))),
  subtotal: Type.Optional(Nullable(Type.Number())),
  productsTaxAmount: Type.Optional(Nullable(Type.Number())),
  grandTotal: Type.Optional(Nullable(Type.Number())),
  commerceCreditMemoNumber: Type.Optional(Nullable(Type.String())),
  refundItems: Type.Optional(Nullable(Type.Array(refundItem))),
});
export type OrderCreditMemo = ReadonlyStatic<typeof creditMemo>;

/** `TransactionV2`. */
const transaction = Type.Object({
  entityId: Type.String(),
  txnId: Type.Optional(Nullable(Type.String())),
  /** authorization, capture, void, refund, order. */
  type: Type.Optional(Nullable(Type.String())),
  createdAt: Type.Optional(Nullable(Type.String())),
});
export type OrderTransaction = ReadonlyStatic<typeof transaction>;

const trackingInfo = Type.Object({
  shippingCarrier: Type.Optional(Nullable(Type.String())),
  shippingMethod: Type.Optional(Nullable(Type.String())),
  trackingNumber: Type.Optional(Nullable(Type.String())),
  trackingUrl: Type.Optional(Nullable(Type.String())),
});
export type OrderTrackingInfo = ReadonlyStatic<typeof trackingInfo>;

const shipmentItem = Type.Object({
  orderItemId: Type.Optional(Nullable(uuid)),
  qtyShipped: Type.Optional(Nullable(Type.Number())),
});
export type OrderShipmentItem = ReadonlyStatic<typeof shipmentItem>;

/** `Shipment`. */
const shipment = Type.Object({
  shipmentId: uuid,
  createdAt: Type.Optional(Nullable(Type.String())),
  updatedAt: Type.Optional(Nullable(Type.String())),
  trackingInfo: Type.Optional(Nullable(trackingInfo)),
  commerceShipmentNumber: Type.Optional(Nullable(Type.String())),
  items: Type.Optional(Nullable(Type.Array(shipmentItem))),
});
export type OrderShipment = ReadonlyStatic<typeof shipment>;

const orderItem = Type.Object({
  orderId: uuid,
  /** sales_order.entity_id as a string (the legacy Commerce order id; the item identity). */
  commerceOrderId: Type.String(),
  /** The increment id shown to shoppers. */
  commerceOrderNumber: Type.String(),
  externalId: Type.Optional(Nullable(externalId)),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  /** 1 new … 8 payment_review (0 unknown), mapped from sales_order.state. */
  state: Type.Optional(Nullable(Type.Integer())),
  status: Type.String(),
  totalInvoiced: Type.Optional(Type.Number()),
  totalQtyOrdered: Type.Optional(Type.Number()),
  isVirtual: Type.Optional(Type.Boolean()),
  subtotal: Type.Optional(Type.Number()),
  grandTotal: Type.Optional(Type.Number()),
  discountAmount: Type.Optional(Type.Number()),
  currency: Type.Optional(Type.String()),
  amountCapturedOnline: Type.Optional(Type.Number()),
  amountRefundedOnline: Type.Optional(Type.Number()),
  amountAuthorized: Type.Optional(Type.Number()),
  amountPaid: Type.Optional(Type.Number()),
  amountRefunded: Type.Optional(Type.Number()),
  amountCanceled: Type.Optional(Type.Number()),
  storeViewCode: Type.String(),
  storeCode: Type.String(),
  websiteCode: Type.String(),
  storeId: Type.Optional(Type.Integer()),
  /** Absent for guest orders. */
  customerId: Type.Optional(Type.Integer()),
  customerEmail: Type.Optional(Type.String()),
  customerNote: Type.Optional(Type.String()),
  payment: Type.Optional(Nullable(payment)),
  shipping: Type.Optional(Nullable(shipping)),
  items: Type.Optional(Nullable(Type.Array(lineItem))),
  invoices: Type.Optional(Nullable(Type.Array(invoice))),
  creditMemos: Type.Optional(Nullable(Type.Array(creditMemo))),
  transactions: Type.Optional(Nullable(Type.Array(transaction))),
  shipments: Type.Optional(Nullable(Type.Array(shipment))),
  additionalInformation: Type.Optional(Nullable(Type.Array(customAttribute))),
  deleted: Type.Boolean(),
});

/** One order with its lines, invoices, credit memos, transactions and shipments. */
export type OrderFeedItem = ReadonlyStatic<typeof orderItem>;

export type DeletedOrderFeedItem = DeletedFeedItem<OrderFeedItem, (typeof ORDER_MINIMAL_PAYLOAD)[number]>;

export const ORDER_FEED_ITEM_SCHEMA = feedItemSchema({
  feed: 'orders',
  title: 'OrderV2',
  description:
    'One order with its lines, invoices, credit memos, transactions and shipments (et_schema record OrderV2).',
  item: orderItem,
  minimalPayload: ORDER_MINIMAL_PAYLOAD,
});
