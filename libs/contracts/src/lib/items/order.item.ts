import {
  arrayOf,
  bool,
  type DeletedFeedItem,
  feedItemSchema,
  int,
  type JsonSchemaObject,
  nbool,
  nint,
  nnum,
  nstr,
  nullable,
  num,
  record,
  str,
} from './schema-kit';

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
export interface OrderUuid {
  readonly id: string;
}

export interface OrderExternalId {
  readonly id: string;
  /** "magento" for orders placed in Commerce. */
  readonly salesChannel?: string | null;
}

export interface OrderAddress {
  readonly phone?: string | null;
  readonly region?: string | null;
  readonly postcode?: string | null;
  /** Street lines joined by "\n". */
  readonly street?: string | null;
  readonly multiLineStreet?: readonly string[] | null;
  readonly city?: string | null;
  /** ISO 3166-1 alpha-2 country id. */
  readonly country?: string | null;
  readonly firstname?: string | null;
  readonly lastname?: string | null;
}

export interface OrderPayment {
  readonly billingAddress?: OrderAddress | null;
  readonly paymentMethodName?: string | null;
  readonly paymentMethodCode?: string | null;
  readonly totalAmount?: number | null;
  readonly taxAmount?: number | null;
  readonly currency?: string | null;
}

export interface OrderShipping {
  readonly shippingAddress?: OrderAddress | null;
  readonly shippingMethodName?: string | null;
  readonly shippingMethodCode?: string | null;
  readonly shippingAmount?: number | null;
  readonly shippingTax?: number | null;
}

/** `CustomAttribute` (additionalInformation of orders and order items). */
export interface OrderCustomAttribute {
  readonly name: string;
  readonly value?: string | null;
}

/** `OrderItemV2`: one order line. */
export interface OrderLineItem {
  readonly itemId: OrderUuid;
  /** sales_order_item.item_id as a string (legacy identifier). */
  readonly entityId?: string | null;
  readonly parentEntityId?: string | null;
  readonly isVirtual?: boolean | null;
  readonly qtyInvoiced?: number | null;
  readonly qtyShipped?: number | null;
  readonly qtyBackordered?: number | null;
  readonly qtyOrdered?: number | null;
  readonly qtyRefunded?: number | null;
  readonly qtyCanceled?: number | null;
  readonly productType?: string | null;
  /** Serialized product options, as stored. */
  readonly productOptions?: string | null;
  readonly itemsShippedTogether?: boolean | null;
  readonly sku?: string | null;
  /** The ordered product's own SKU (for configurable and bundle lines, the parent's). */
  readonly productSku?: string | null;
  readonly name?: string | null;
  /** Int in the original. */
  readonly qty?: number | null;
  readonly unitPrice?: number | null;
  readonly itemPrice?: number | null;
  readonly discountAmount?: number | null;
  readonly taxAmount?: number | null;
  readonly totalAmount?: number | null;
  readonly weight?: number | null;
  readonly updatedAt?: string | null;
  readonly additionalInformation?: readonly OrderCustomAttribute[] | null;
}

export interface OrderInvoiceItem {
  readonly orderItemId?: OrderUuid | null;
  readonly qtyInvoiced?: number | null;
}

/** `InvoiceV2`. */
export interface OrderInvoice {
  readonly entityId: string;
  readonly isUsedForRefund?: boolean | null;
  readonly grandTotal?: number | null;
  readonly createdAt?: string | null;
  readonly commerceInvoiceNumber?: string | null;
  readonly invoiceItems?: readonly OrderInvoiceItem[] | null;
}

/** `Tax`. */
export interface OrderTax {
  readonly taxName?: string | null;
  readonly taxType?: string | null;
  readonly taxAmount?: number | null;
}

/** `RefundItem`. */
export interface OrderRefundItem {
  readonly orderItemId?: OrderUuid | null;
  readonly qtyRefunded?: number | null;
  readonly basePrice?: number | null;
  readonly baseRowTotal?: number | null;
  readonly productTaxes?: readonly OrderTax[] | null;
}

/** `CreditMemoV2`. */
export interface OrderCreditMemo {
  readonly creditMemoId: OrderUuid;
  readonly entityId?: string | null;
  readonly state?: number | null;
  readonly createdAt?: string | null;
  readonly creditMemoComments?: readonly string[] | null;
  readonly shippingAmount?: number | null;
  readonly shippingTaxAmount?: number | null;
  readonly adjustment?: number | null;
  readonly currency?: string | null;
  readonly refundTaxes?: readonly OrderTax[] | null;
  readonly subtotal?: number | null;
  readonly productsTaxAmount?: number | null;
  readonly grandTotal?: number | null;
  readonly commerceCreditMemoNumber?: string | null;
  readonly refundItems?: readonly OrderRefundItem[] | null;
}

/** `TransactionV2`. */
export interface OrderTransaction {
  readonly entityId: string;
  readonly txnId?: string | null;
  /** authorization, capture, void, refund, order. */
  readonly type?: string | null;
  readonly createdAt?: string | null;
}

export interface OrderTrackingInfo {
  readonly shippingCarrier?: string | null;
  readonly shippingMethod?: string | null;
  readonly trackingNumber?: string | null;
  readonly trackingUrl?: string | null;
}

export interface OrderShipmentItem {
  readonly orderItemId?: OrderUuid | null;
  readonly qtyShipped?: number | null;
}

/** `Shipment`. */
export interface OrderShipment {
  readonly shipmentId: OrderUuid;
  readonly createdAt?: string | null;
  readonly updatedAt?: string | null;
  readonly trackingInfo?: OrderTrackingInfo | null;
  readonly commerceShipmentNumber?: string | null;
  readonly items?: readonly OrderShipmentItem[] | null;
}

/** One order with its lines, invoices, credit memos, transactions and shipments. A type alias so it is a FeedItemPayload. */
export type OrderFeedItem = {
  readonly orderId: OrderUuid;
  /** sales_order.entity_id as a string (the legacy Commerce order id; the item identity). */
  readonly commerceOrderId: string;
  /** The increment id shown to shoppers. */
  readonly commerceOrderNumber: string;
  readonly externalId?: OrderExternalId | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** 1 new … 8 payment_review (0 unknown), mapped from sales_order.state. */
  readonly state?: number | null;
  readonly status: string;
  readonly totalInvoiced?: number;
  readonly totalQtyOrdered?: number;
  readonly isVirtual?: boolean;
  readonly subtotal?: number;
  readonly grandTotal?: number;
  readonly discountAmount?: number;
  readonly currency?: string;
  readonly amountCapturedOnline?: number;
  readonly amountRefundedOnline?: number;
  readonly amountAuthorized?: number;
  readonly amountPaid?: number;
  readonly amountRefunded?: number;
  readonly amountCanceled?: number;
  readonly storeViewCode: string;
  readonly storeCode: string;
  readonly websiteCode: string;
  readonly storeId?: number;
  /** Absent for guest orders. */
  readonly customerId?: number;
  readonly customerEmail?: string;
  readonly customerNote?: string;
  readonly payment?: OrderPayment | null;
  readonly shipping?: OrderShipping | null;
  readonly items?: readonly OrderLineItem[] | null;
  readonly invoices?: readonly OrderInvoice[] | null;
  readonly creditMemos?: readonly OrderCreditMemo[] | null;
  readonly transactions?: readonly OrderTransaction[] | null;
  readonly shipments?: readonly OrderShipment[] | null;
  readonly additionalInformation?: readonly OrderCustomAttribute[] | null;
  readonly deleted: boolean;
};

export type DeletedOrderFeedItem = DeletedFeedItem<OrderFeedItem, (typeof ORDER_MINIMAL_PAYLOAD)[number]>;

const uuid = record({ id: str }, ['id']);
const address = nullable(
  record({
    phone: nstr,
    region: nstr,
    postcode: nstr,
    street: nstr,
    multiLineStreet: nullable(arrayOf(str)),
    city: nstr,
    country: nstr,
    firstname: nstr,
    lastname: nstr,
  }),
);
const customAttributes = nullable(arrayOf(record({ name: str, value: nstr }, ['name'])));
const taxes = nullable(arrayOf(record({ taxName: nstr, taxType: nstr, taxAmount: nnum })));

export const ORDER_FEED_ITEM_SCHEMA: JsonSchemaObject = feedItemSchema({
  feed: 'orders',
  title: 'OrderV2',
  description:
    'One order with its lines, invoices, credit memos, transactions and shipments (et_schema record OrderV2).',
  properties: {
    orderId: uuid,
    commerceOrderId: str,
    commerceOrderNumber: str,
    externalId: nullable(record({ id: str, salesChannel: nstr }, ['id'])),
    createdAt: str,
    updatedAt: str,
    state: nint,
    status: str,
    totalInvoiced: num,
    totalQtyOrdered: num,
    isVirtual: bool,
    subtotal: num,
    grandTotal: num,
    discountAmount: num,
    currency: str,
    amountCapturedOnline: num,
    amountRefundedOnline: num,
    amountAuthorized: num,
    amountPaid: num,
    amountRefunded: num,
    amountCanceled: num,
    storeViewCode: str,
    storeCode: str,
    websiteCode: str,
    storeId: int,
    customerId: int,
    customerEmail: str,
    customerNote: str,
    payment: nullable(
      record({
        billingAddress: address,
        paymentMethodName: nstr,
        paymentMethodCode: nstr,
        totalAmount: nnum,
        taxAmount: nnum,
        currency: nstr,
      }),
    ),
    shipping: nullable(
      record({
        shippingAddress: address,
        shippingMethodName: nstr,
        shippingMethodCode: nstr,
        shippingAmount: nnum,
        shippingTax: nnum,
      }),
    ),
    items: nullable(
      arrayOf(
        record(
          {
            itemId: uuid,
            entityId: nstr,
            parentEntityId: nstr,
            isVirtual: nbool,
            qtyInvoiced: nnum,
            qtyShipped: nnum,
            qtyBackordered: nnum,
            qtyOrdered: nnum,
            qtyRefunded: nnum,
            qtyCanceled: nnum,
            productType: nstr,
            productOptions: nstr,
            itemsShippedTogether: nbool,
            sku: nstr,
            productSku: nstr,
            name: nstr,
            qty: nint,
            unitPrice: nnum,
            itemPrice: nnum,
            discountAmount: nnum,
            taxAmount: nnum,
            totalAmount: nnum,
            weight: nnum,
            updatedAt: nstr,
            additionalInformation: customAttributes,
          },
          ['itemId'],
        ),
      ),
    ),
    invoices: nullable(
      arrayOf(
        record(
          {
            entityId: str,
            isUsedForRefund: nbool,
            grandTotal: nnum,
            createdAt: nstr,
            commerceInvoiceNumber: nstr,
            invoiceItems: nullable(arrayOf(record({ orderItemId: nullable(uuid), qtyInvoiced: nnum }))),
          },
          ['entityId'],
        ),
      ),
    ),
    creditMemos: nullable(
      arrayOf(
        record(
          {
            creditMemoId: uuid,
            entityId: nstr,
            state: nint,
            createdAt: nstr,
            creditMemoComments: nullable(arrayOf(str)),
            shippingAmount: nnum,
            shippingTaxAmount: nnum,
            adjustment: nnum,
            currency: nstr,
            refundTaxes: taxes,
            subtotal: nnum,
            productsTaxAmount: nnum,
            grandTotal: nnum,
            commerceCreditMemoNumber: nstr,
            refundItems: nullable(
              arrayOf(
                record({
                  orderItemId: nullable(uuid),
                  qtyRefunded: nnum,
                  basePrice: nnum,
                  baseRowTotal: nnum,
                  productTaxes: taxes,
                }),
              ),
            ),
          },
          ['creditMemoId'],
        ),
      ),
    ),
    transactions: nullable(
      arrayOf(record({ entityId: str, txnId: nstr, type: nstr, createdAt: nstr }, ['entityId'])),
    ),
    shipments: nullable(
      arrayOf(
        record(
          {
            shipmentId: uuid,
            createdAt: nstr,
            updatedAt: nstr,
            trackingInfo: nullable(
              record({
                shippingCarrier: nstr,
                shippingMethod: nstr,
                trackingNumber: nstr,
                trackingUrl: nstr,
              }),
            ),
            commerceShipmentNumber: nstr,
            items: nullable(arrayOf(record({ orderItemId: nullable(uuid), qtyShipped: nnum }))),
          },
          ['shipmentId'],
        ),
      ),
    ),
    additionalInformation: customAttributes,
    deleted: bool,
  },
  required: [
    'orderId',
    'commerceOrderId',
    'commerceOrderNumber',
    'createdAt',
    'updatedAt',
    'status',
    'storeViewCode',
    'storeCode',
    'websiteCode',
  ],
  minimalPayload: ORDER_MINIMAL_PAYLOAD,
});
