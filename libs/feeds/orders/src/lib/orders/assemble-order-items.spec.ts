import { createFeedItemValidator } from '@cde/contracts';
import { assembleOrderItem } from './assemble-order-items';
import type { OrderLineRow, OrderRow, OrderRows, UuidOf } from './order-rows';

/** Deterministic UUIDs: type and id spelled out, so a test sees which entity a UUID stands for. */
const uuidOf: UuidOf = (type, id) => `uuid-${type}-${String(id)}`;

const ORDER: OrderRow = {
  entity_id: 7,
  increment_id: '000000007',
  ext_order_id: null,
  created_at: '2026-11-20 10:00:00',
  updated_at: '2026-11-21 12:30:05',
  state: 'processing',
  status: 'processing',
  is_virtual: 0,
  store_id: 1,
  customer_id: 42,
  customer_email: 'ann@example.com',
  customer_note: null,
  coupon_code: null,
  discount_description: null,
  applied_rule_ids: null,
  // Placed in euros on a dollar-based store: every amount the feed sends is the base (USD) one.
  base_currency_code: 'USD',
  order_currency_code: 'EUR',
  base_to_order_rate: '0.9000',
  total_qty_ordered: '3.0000',
  base_total_invoiced: '100.0000',
  base_subtotal: '90.0000',
  base_grand_total: '110.0000',
  base_discount_amount: '-5.0000',
  base_tax_amount: '10.0000',
  base_shipping_amount: '15.0000',
  base_shipping_tax_amount: '1.5000',
  base_total_paid: '110.0000',
  base_total_refunded: null,
  base_total_canceled: null,
  shipping_method: 'flatrate_flatrate',
  shipping_description: 'Flat Rate - Fixed',
  store_code: 'default',
  group_code: 'main_website_store',
  website_code: 'base',
};

const line = (over: Partial<OrderLineRow> & Pick<OrderLineRow, 'item_id'>): OrderLineRow => ({
  order_id: 7,
  parent_item_id: null,
  is_virtual: 0,
  product_type: 'simple',
  product_options: null,
  sku: 'S1',
  product_sku: 'S1',
  name: 'Simple',
  weight: '1.0000',
  updated_at: '2026-11-20 10:00:00',
  qty_ordered: '1.0000',
  qty_invoiced: '0.0000',
  qty_shipped: '0.0000',
  qty_backordered: null,
  qty_refunded: '0.0000',
  qty_canceled: '0.0000',
  base_price: '10.0000',
  base_row_total: '10.0000',
  base_discount_amount: '0.0000',
  base_tax_amount: '0.0000',
  ...over,
});

const rows = (over: Partial<OrderRows> = {}): OrderRows => ({
  order: ORDER,
  addresses: [],
  payment: undefined,
  lines: [],
  taxes: [],
  taxItems: [],
  invoices: [],
  invoiceItems: [],
  shipments: [],
  shipmentItems: [],
  tracks: [],
  creditMemos: [],
  creditMemoItems: [],
  creditMemoComments: [],
  transactions: [],
  ...over,
});

/** The item is valid OrderV2 once the engine adds `deleted`. */
const validate = createFeedItemValidator();
const expectValid = (item: object): void =>
  expect(validate('orders', { ...item, deleted: false })).toEqual({ valid: true });

describe(assembleOrderItem.name, () => {
  it('sends totals in the base currency, RFC 3339 dates, the state as a number and the scope codes', () => {
    const item = assembleOrderItem(
      rows({
        payment: {
          parent_id: 7,
          method: 'braintree',
          method_title: 'Credit Card',
          base_amount_ordered: '110.0000',
          base_amount_paid: '110.0000',
          base_amount_paid_online: '110.0000',
          base_amount_refunded_online: null,
          base_amount_authorized: '110.0000',
          base_amount_canceled: null,
        },
      }),
      uuidOf,
    );
    expectValid(item);
    expect(item).toMatchObject({
      orderId: { id: 'uuid-order-7' },
      commerceOrderId: '7',
      commerceOrderNumber: '000000007',
      externalId: { id: '7', salesChannel: 'magento' },
      createdAt: '2026-11-20T10:00:00+00:00',
      updatedAt: '2026-11-21T12:30:05+00:00',
      state: 3,
      status: 'processing',
      currency: 'USD',
      subtotal: 90,
      grandTotal: 110,
      discountAmount: -5,
      totalInvoiced: 100,
      totalQtyOrdered: 3,
      amountPaid: 110,
      amountCapturedOnline: 110,
      amountAuthorized: 110,
      amountRefunded: 0,
      amountRefundedOnline: 0,
      amountCanceled: 0,
      storeViewCode: 'default',
      storeCode: 'main_website_store',
      websiteCode: 'base',
      storeId: 1,
      customerId: 42,
      customerEmail: 'ann@example.com',
      payment: {
        paymentMethodCode: 'braintree',
        paymentMethodName: 'Credit Card',
        totalAmount: 110,
        taxAmount: 10,
        currency: 'USD',
      },
      shipping: {
        shippingMethodCode: 'flatrate_flatrate',
        shippingMethodName: 'Flat Rate - Fixed',
        shippingAmount: 15,
        shippingTax: 1.5,
      },
    });
    expect(item.additionalInformation).toEqual([
      { name: 'orderCurrency', value: 'EUR' },
      { name: 'baseToOrderRate', value: '0.9' },
    ]);
    expect(item).not.toHaveProperty('customerNote');
  });

  it('leaves a guest without customerId and maps unknown states to 0', () => {
    const item = assembleOrderItem(
      rows({ order: { ...ORDER, customer_id: null, state: 'fraud_hold' } }),
      uuidOf,
    );
    expect(item).not.toHaveProperty('customerId');
    expect(item.state).toBe(0);
  });

  it('gives the billing and shipping addresses with street lines split', () => {
    const address = {
      parent_id: 7,
      telephone: '555-0100',
      region: 'California',
      postcode: '90210',
      street: '1 Main St\nSuite 4',
      city: 'Beverly Hills',
      country_id: 'US',
      firstname: 'Ann',
      lastname: 'Lee',
    };
    const item = assembleOrderItem(
      rows({
        addresses: [
          { ...address, address_type: 'shipping' },
          { ...address, address_type: 'billing', street: 'PO Box 9', city: 'Austin' },
        ],
      }),
      uuidOf,
    );
    expect(item.shipping?.shippingAddress).toEqual({
      phone: '555-0100',
      region: 'California',
      postcode: '90210',
      street: '1 Main St\nSuite 4',
      multiLineStreet: ['1 Main St', 'Suite 4'],
      city: 'Beverly Hills',
      country: 'US',
      firstname: 'Ann',
      lastname: 'Lee',
    });
    expect(item.payment?.billingAddress).toMatchObject({
      street: 'PO Box 9',
      multiLineStreet: ['PO Box 9'],
      city: 'Austin',
    });
    expect(assembleOrderItem(rows(), uuidOf).payment?.billingAddress).toBeNull();
  });

  it('links a configurable child line to its parent, the parent carrying the amounts and the chosen options', () => {
    const options = JSON.stringify({ attributes_info: [{ label: 'Color', value: 'Red', option_id: 93 }] });
    const item = assembleOrderItem(
      rows({
        lines: [
          line({
            item_id: 11,
            parent_item_id: 10,
            sku: 'TEE-RED',
            product_sku: 'TEE-RED',
            base_price: '0.0000',
            base_row_total: '0.0000',
          }),
          line({
            item_id: 10,
            product_type: 'configurable',
            product_options: options,
            sku: 'TEE-RED',
            product_sku: 'TEE',
            qty_ordered: '2.0000',
            base_price: '20.0000',
            base_row_total: '40.0000',
            base_discount_amount: '4.0000',
            base_tax_amount: '2.8800',
          }),
        ],
      }),
      uuidOf,
    );
    expectValid(item);
    expect(item.items).toEqual([
      expect.objectContaining({
        itemId: { id: 'uuid-order_item-10' },
        entityId: '10',
        parentEntityId: null,
        productType: 'configurable',
        productOptions: options,
        sku: 'TEE-RED',
        productSku: 'TEE',
        qty: 2,
        unitPrice: 20,
        itemPrice: 40,
        discountAmount: 4,
        taxAmount: 2.88,
        totalAmount: 38.88,
        itemsShippedTogether: null,
        additionalInformation: [{ name: 'Color', value: 'Red' }],
      }),
      expect.objectContaining({ itemId: { id: 'uuid-order_item-11' }, parentEntityId: '10', totalAmount: 0 }),
    ]);
  });

  it('says whether a bundle ships together, for the bundle and its children, and lists the chosen selections', () => {
    const options = (shipmentType: number) =>
      JSON.stringify({
        shipment_type: shipmentType,
        bundle_options: [{ option_id: 1, label: 'Strap', value: [{ title: 'Leather', qty: 1, price: 5 }] }],
      });
    const bundle = (shipmentType: number) =>
      assembleOrderItem(
        rows({
          lines: [
            line({
              item_id: 20,
              product_type: 'bundle',
              product_options: options(shipmentType),
              sku: 'WATCH',
            }),
            line({ item_id: 21, parent_item_id: 20, sku: 'STRAP-L' }),
          ],
        }),
        uuidOf,
      ).items!;
    expect(bundle(0).map((l) => l.itemsShippedTogether)).toEqual([true, true]);
    expect(bundle(1).map((l) => l.itemsShippedTogether)).toEqual([false, false]);
    expect(bundle(0)[0]!.additionalInformation).toEqual([{ name: 'Strap', value: 'Leather' }]);
  });

  it('lists partial invoices and shipments with the quantities of the lines they cover, and tracking', () => {
    const item = assembleOrderItem(
      rows({
        lines: [line({ item_id: 30, qty_ordered: '3.0000', qty_invoiced: '2.0000', qty_shipped: '1.0000' })],
        invoices: [
          {
            entity_id: 5,
            order_id: 7,
            increment_id: '000000005',
            is_used_for_refund: null,
            base_grand_total: '20.0000',
            created_at: '2026-11-20 11:00:00',
          },
        ],
        invoiceItems: [{ parent_id: 5, order_item_id: 30, qty: '2.0000' }],
        shipments: [
          {
            entity_id: 8,
            order_id: 7,
            increment_id: '000000008',
            created_at: '2026-11-21 09:00:00',
            updated_at: '2026-11-21 09:05:00',
          },
        ],
        shipmentItems: [{ parent_id: 8, order_item_id: 30, qty: '1.0000' }],
        tracks: [
          {
            entity_id: 1,
            parent_id: 8,
            carrier_code: 'ups',
            title: 'United Parcel Service',
            track_number: '1Z999',
          },
          { entity_id: 2, parent_id: 8, carrier_code: 'custom', title: 'Bike courier', track_number: 'B-7' },
        ],
      }),
      uuidOf,
    );
    expectValid(item);
    expect(item.items![0]).toMatchObject({ qtyOrdered: 3, qtyInvoiced: 2, qtyShipped: 1 });
    expect(item.invoices).toEqual([
      {
        entityId: '5',
        isUsedForRefund: false,
        grandTotal: 20,
        createdAt: '2026-11-20T11:00:00+00:00',
        commerceInvoiceNumber: '000000005',
        invoiceItems: [{ orderItemId: { id: 'uuid-order_item-30' }, qtyInvoiced: 2 }],
      },
    ]);
    expect(item.shipments).toEqual([
      {
        shipmentId: { id: 'uuid-shipment-8' },
        createdAt: '2026-11-21T09:00:00+00:00',
        updatedAt: '2026-11-21T09:05:00+00:00',
        // The latest tracking number; a carrier without a public tracking page has no URL.
        trackingInfo: {
          shippingCarrier: 'custom',
          shippingMethod: 'Bike courier',
          trackingNumber: 'B-7',
          trackingUrl: null,
        },
        commerceShipmentNumber: '000000008',
        items: [{ orderItemId: { id: 'uuid-order_item-30' }, qtyShipped: 1 }],
      },
    ]);
    const ups = assembleOrderItem(
      rows({
        shipments: [
          {
            entity_id: 8,
            order_id: 7,
            increment_id: '8',
            created_at: '2026-11-21 09:00:00',
            updated_at: '2026-11-21 09:00:00',
          },
        ],
        tracks: [{ entity_id: 1, parent_id: 8, carrier_code: 'ups', title: 'UPS', track_number: '1Z 999' }],
      }),
      uuidOf,
    );
    expect(ups.shipments![0]!.trackingInfo?.trackingUrl).toBe('https://www.ups.com/track?tracknum=1Z%20999');
  });

  it('gives a refund with its adjustment, comments and taxes split by rate for lines and shipping', () => {
    const item = assembleOrderItem(
      rows({
        lines: [line({ item_id: 40, qty_refunded: '1.0000', base_tax_amount: '0.8250' })],
        taxes: [
          { order_id: 7, tax_id: 1, title: 'US-CA-*-Rate 1', code: 'US-CA-*-Rate 1' },
          { order_id: 7, tax_id: 2, title: 'City', code: 'CITY' },
        ],
        taxItems: [
          { order_id: 7, tax_id: 1, item_id: 40, taxable_item_type: 'product', base_amount: '0.6000' },
          { order_id: 7, tax_id: 2, item_id: 40, taxable_item_type: 'product', base_amount: '0.2000' },
          { order_id: 7, tax_id: 1, item_id: null, taxable_item_type: 'shipping', base_amount: '1.5000' },
        ],
        creditMemos: [
          {
            entity_id: 3,
            order_id: 7,
            increment_id: '000000003',
            state: 2,
            created_at: '2026-11-22 08:00:00',
            base_currency_code: 'USD',
            base_shipping_amount: '15.0000',
            base_shipping_tax_amount: '1.5000',
            base_adjustment: '-2.5000',
            base_subtotal: '10.0000',
            base_tax_amount: '2.3000',
            base_grand_total: '24.8000',
          },
        ],
        creditMemoItems: [
          {
            parent_id: 3,
            order_item_id: 40,
            qty: '1.0000',
            base_price: '10.0000',
            base_row_total: '10.0000',
            base_tax_amount: '0.8000',
          },
        ],
        creditMemoComments: [
          { parent_id: 3, comment: 'Damaged in transit' },
          { parent_id: 3, comment: null },
        ],
      }),
      uuidOf,
    );
    expectValid(item);
    expect(item.creditMemos).toEqual([
      {
        creditMemoId: { id: 'uuid-credit_memo-3' },
        entityId: '3',
        state: 2,
        createdAt: '2026-11-22T08:00:00+00:00',
        creditMemoComments: ['Damaged in transit'],
        shippingAmount: 15,
        shippingTaxAmount: 1.5,
        adjustment: -2.5,
        currency: 'USD',
        refundTaxes: [
          { taxName: 'US-CA-*-Rate 1', taxType: 'product', taxAmount: 0.6 },
          { taxName: 'City', taxType: 'product', taxAmount: 0.2 },
          { taxName: 'US-CA-*-Rate 1', taxType: 'shipping', taxAmount: 1.5 },
        ],
        subtotal: 10,
        productsTaxAmount: 0.8,
        grandTotal: 24.8,
        commerceCreditMemoNumber: '000000003',
        refundItems: [
          {
            orderItemId: { id: 'uuid-order_item-40' },
            qtyRefunded: 1,
            basePrice: 10,
            baseRowTotal: 10,
            productTaxes: [
              { taxName: 'US-CA-*-Rate 1', taxType: 'product', taxAmount: 0.6 },
              { taxName: 'City', taxType: 'product', taxAmount: 0.2 },
            ],
          },
        ],
      },
    ]);
  });

  it('lists payment transactions in order', () => {
    const item = assembleOrderItem(
      rows({
        transactions: [
          {
            transaction_id: 9,
            order_id: 7,
            txn_id: 'T-2',
            txn_type: 'capture',
            created_at: '2026-11-20 11:00:00',
          },
          {
            transaction_id: 4,
            order_id: 7,
            txn_id: 'T-1',
            txn_type: 'authorization',
            created_at: '2026-11-20 10:00:00',
          },
        ],
      }),
      uuidOf,
    );
    expect(item.transactions).toEqual([
      { entityId: '4', txnId: 'T-1', type: 'authorization', createdAt: '2026-11-20T10:00:00+00:00' },
      { entityId: '9', txnId: 'T-2', type: 'capture', createdAt: '2026-11-20T11:00:00+00:00' },
    ]);
  });

  it('uses the UUIDs it is given, the same every time, and refuses an entity without one', () => {
    const given = rows({ lines: [line({ item_id: 50 })] });
    expect(assembleOrderItem(given, uuidOf)).toEqual(assembleOrderItem(given, uuidOf));
    const noItemUuid: UuidOf = (type, id) => (type === 'order_item' ? undefined : uuidOf(type, id));
    expect(() => assembleOrderItem(given, noItemUuid)).toThrow('no order_item UUID for entity 50');
  });
});
