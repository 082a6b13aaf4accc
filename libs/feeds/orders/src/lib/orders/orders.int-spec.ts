import type { FeedItemMessage } from '@cde/contracts';
import type { FeedProcessor } from '@cde/feed-engine';
import type { CdcRow } from '@cde/platform/cdc';
import { EntityUuidRepository } from '@cde/platform/feed-state';
import {
  catalogQuery,
  openScratchCatalog,
  oracleCount,
  shopRows,
  type ScratchCatalog,
} from '@cde/testing/commerce-db';
import {
  changeEvent,
  collectEvery,
  expectSameItems,
  feedUnderTest,
  MemorySink,
  openScratchFeedState,
  type FeedUnderTest,
  type ScratchFeedState,
} from '@cde/testing/feeds';
import type { AssembledOrderItem } from './assemble-order-items';
import { ordersFeed } from './orders.feed';

/*
 * The orders feed on a generated small catalog (80 orders with invoices, shipments, refunds and transactions):
 * every item equals what an independent SQL oracle builds from the same tables, UUIDs included (read from the
 * feed state's data_exporter_uuid on the same server); then each new document re-publishes exactly its order.
 */

const TIME = (column: string): string => `DATE_FORMAT(${column}, '%Y-%m-%dT%H:%i:%s+00:00')`;
const NUM = (column: string): string => `CAST(${column} AS DOUBLE)`;

/** The oracle's rows of a part, grouped by the order they belong to. */
function byOrder(rows: readonly Record<string, unknown>[]): Map<string, Record<string, unknown>[]> {
  const map = new Map<string, Record<string, unknown>[]>();
  for (const { order_key, ...rest } of rows) {
    const key = String(order_key);
    map.set(key, [...(map.get(key) ?? []), rest]);
  }
  return map;
}

const numberOrNull = (text: string | undefined): number | null =>
  text === undefined || text === 'null' ? null : Number(text);

/** Nulls dropped: the oracle's SQL gives null where the item leaves an optional field out. */
const defined = (row: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(row).filter(([, v]) => v !== null));

/** What the oracle compares: the item without the parts computed in TypeScript only (tax splits, options). */
function comparable(item: AssembledOrderItem): Record<string, unknown> {
  return {
    ...item,
    additionalInformation: undefined,
    items: item.items?.map((l) => ({
      ...l,
      additionalInformation: undefined,
      itemsShippedTogether: undefined,
    })),
    creditMemos: item.creditMemos?.map((c) => ({
      ...c,
      refundTaxes: undefined,
      refundItems: c.refundItems?.map((r) => ({ ...r, productTaxes: undefined })),
    })),
  };
}

async function oracle(
  catalog: ScratchCatalog,
  stateDb: string,
): Promise<Map<string, Record<string, unknown>>> {
  const uuid = (type: string, column: string): string =>
    `(SELECT u.uuid FROM \`${stateDb}\`.data_exporter_uuid u WHERE u.type = '${type}' AND u.entity_id = ${column})`;
  const q = async (sql: string): Promise<Record<string, unknown>[]> => shopRows(catalog, sql);
  const orders = await q(`
    SELECT o.entity_id AS order_key, ${uuid('order', 'o.entity_id')} AS uuid, o.increment_id, o.ext_order_id,
           ${TIME('o.created_at')} AS createdAt, ${TIME('o.updated_at')} AS updatedAt,
           FIELD(o.state, 'new', 'pending_payment', 'processing', 'complete', 'closed', 'canceled', 'holded',
                 'payment_review') AS state, o.status,
           ${NUM('o.base_total_invoiced')} AS totalInvoiced, ${NUM('o.total_qty_ordered')} AS totalQtyOrdered,
           o.is_virtual, ${NUM('o.base_subtotal')} AS subtotal, ${NUM('o.base_grand_total')} AS grandTotal,
           ${NUM('o.base_discount_amount')} AS discountAmount, o.base_currency_code AS currency,
           ${NUM('IFNULL(p.base_amount_paid_online, 0)')} AS amountCapturedOnline,
           ${NUM('IFNULL(p.base_amount_refunded_online, 0)')} AS amountRefundedOnline,
           ${NUM('IFNULL(p.base_amount_authorized, 0)')} AS amountAuthorized,
           ${NUM('IFNULL(o.base_total_paid, 0)')} AS amountPaid,
           ${NUM('IFNULL(o.base_total_refunded, 0)')} AS amountRefunded,
           ${NUM('IFNULL(o.base_total_canceled, 0)')} AS amountCanceled,
           s.code AS storeViewCode, g.code AS storeCode, w.code AS websiteCode, o.store_id AS storeId,
           o.customer_id AS customerId, o.customer_email AS customerEmail, o.customer_note AS customerNote,
           p.method AS paymentMethodCode,
           JSON_UNQUOTE(JSON_EXTRACT(p.additional_information, '$.method_title')) AS paymentMethodName,
           ${NUM('IFNULL(p.base_amount_ordered, o.base_grand_total)')} AS paymentTotal,
           ${NUM('o.base_tax_amount')} AS taxAmount, o.shipping_description, o.shipping_method,
           ${NUM('o.base_shipping_amount')} AS shippingAmount, ${NUM('o.base_shipping_tax_amount')} AS shippingTax
      FROM sales_order o
      JOIN store s ON s.store_id = o.store_id JOIN store_group g ON g.group_id = s.group_id
      JOIN store_website w ON w.website_id = s.website_id
      LEFT JOIN sales_order_payment p ON p.parent_id = o.entity_id`);
  const addresses = byOrder(
    await q(`SELECT parent_id AS order_key, address_type, telephone AS phone, region, postcode, street, city,
                    country_id AS country, firstname, lastname FROM sales_order_address`),
  );
  const lines = byOrder(
    await q(`
    SELECT i.order_id AS order_key, ${uuid('order_item', 'i.item_id')} AS uuid, CAST(i.item_id AS CHAR) AS entityId,
           CAST(i.parent_item_id AS CHAR) AS parentEntityId, i.is_virtual,
           ${NUM('i.qty_invoiced')} AS qtyInvoiced, ${NUM('i.qty_shipped')} AS qtyShipped,
           ${NUM('i.qty_backordered')} AS qtyBackordered, ${NUM('i.qty_ordered')} AS qtyOrdered,
           ${NUM('i.qty_refunded')} AS qtyRefunded, ${NUM('i.qty_canceled')} AS qtyCanceled,
           i.product_type AS productType, i.product_options AS productOptions, i.sku,
           COALESCE(p.sku, i.sku) AS productSku, i.name, ROUND(i.qty_ordered) AS qty,
           ${NUM('i.base_price')} AS unitPrice, ${NUM('i.base_row_total')} AS itemPrice,
           ${NUM('i.base_discount_amount')} AS discountAmount, ${NUM('i.base_tax_amount')} AS taxAmount,
           ${NUM('i.base_row_total - i.base_discount_amount + i.base_tax_amount')} AS totalAmount,
           ${NUM('i.weight')} AS weight, ${TIME('i.updated_at')} AS updatedAt
      FROM sales_order_item i LEFT JOIN catalog_product_entity p ON p.entity_id = i.product_id
     ORDER BY i.item_id`),
  );
  const invoices = byOrder(
    await q(`
    SELECT v.order_id AS order_key, CAST(v.entity_id AS CHAR) AS entityId, IFNULL(v.is_used_for_refund, 0) = 1 AS used,
           ${NUM('v.base_grand_total')} AS grandTotal, ${TIME('v.created_at')} AS createdAt,
           v.increment_id AS commerceInvoiceNumber,
           (SELECT GROUP_CONCAT(CONCAT(${uuid('order_item', 'vi.order_item_id')}, '=', CAST(vi.qty AS DOUBLE)) ORDER BY vi.entity_id)
              FROM sales_invoice_item vi WHERE vi.parent_id = v.entity_id) AS doc_lines
      FROM sales_invoice v ORDER BY v.entity_id`),
  );
  const shipments = byOrder(
    await q(`
    SELECT h.order_id AS order_key, ${uuid('shipment', 'h.entity_id')} AS uuid, ${TIME('h.created_at')} AS createdAt,
           ${TIME('h.updated_at')} AS updatedAt, h.increment_id AS commerceShipmentNumber,
           (SELECT JSON_OBJECT('c', t.carrier_code, 'm', t.title, 'n', t.track_number, 'u',
                   CASE LOWER(t.carrier_code)
                     WHEN 'ups' THEN CONCAT('https://www.ups.com/track?tracknum=', t.track_number)
                     WHEN 'usps' THEN CONCAT('https://tools.usps.com/go/TrackConfirmAction?tLabels=', t.track_number)
                     WHEN 'fedex' THEN CONCAT('https://www.fedex.com/fedextrack/?trknbr=', t.track_number)
                     WHEN 'dhl' THEN CONCAT('https://www.dhl.com/global-en/home/tracking/tracking-express.html?tracking-id=', t.track_number)
                   END) FROM sales_shipment_track t
             WHERE t.parent_id = h.entity_id ORDER BY t.entity_id DESC LIMIT 1) AS track,
           (SELECT GROUP_CONCAT(CONCAT(${uuid('order_item', 'hi.order_item_id')}, '=', CAST(hi.qty AS DOUBLE)) ORDER BY hi.entity_id)
              FROM sales_shipment_item hi WHERE hi.parent_id = h.entity_id) AS doc_lines
      FROM sales_shipment h ORDER BY h.entity_id`),
  );
  const memos = byOrder(
    await q(`
    SELECT c.order_id AS order_key, ${uuid('credit_memo', 'c.entity_id')} AS uuid, CAST(c.entity_id AS CHAR) AS entityId,
           c.state, ${TIME('c.created_at')} AS createdAt,
           (SELECT GROUP_CONCAT(cc.comment ORDER BY cc.entity_id SEPARATOR '\\n') FROM sales_creditmemo_comment cc
             WHERE cc.parent_id = c.entity_id) AS comments,
           ${NUM('c.base_shipping_amount')} AS shippingAmount, ${NUM('c.base_shipping_tax_amount')} AS shippingTaxAmount,
           ${NUM('c.base_adjustment')} AS adjustment, c.base_currency_code AS currency, ${NUM('c.base_subtotal')} AS subtotal,
           ${NUM('c.base_tax_amount - IFNULL(c.base_shipping_tax_amount, 0)')} AS productsTaxAmount,
           ${NUM('c.base_grand_total')} AS grandTotal, c.increment_id AS commerceCreditMemoNumber,
           (SELECT GROUP_CONCAT(CONCAT(${uuid('order_item', 'ci.order_item_id')}, '=', IFNULL(CAST(ci.qty AS DOUBLE), 'null'),
                   '=', IFNULL(CAST(ci.base_price AS DOUBLE), 'null'), '=', IFNULL(CAST(ci.base_row_total AS DOUBLE), 'null')) ORDER BY ci.entity_id)
              FROM sales_creditmemo_item ci WHERE ci.parent_id = c.entity_id) AS doc_lines
      FROM sales_creditmemo c ORDER BY c.entity_id`),
  );
  const transactions = byOrder(
    await q(`SELECT order_id AS order_key, CAST(transaction_id AS CHAR) AS entityId, txn_id AS txnId, txn_type AS type,
                    ${TIME('created_at')} AS createdAt FROM sales_payment_transaction ORDER BY transaction_id`),
  );
  const pairs = (text: unknown): string[][] =>
    typeof text !== 'string' ? [] : text.split(',').map((p) => p.split('='));
  const address = (rows: Record<string, unknown>[] | undefined, type: string) => {
    const a = rows?.find((r) => r['address_type'] === type);
    if (!a) return null;
    const { address_type: _type, ...rest } = a;
    return {
      ...rest,
      multiLineStreet: (typeof a['street'] === 'string' ? a['street'] : '')
        .split('\n')
        .filter((s) => s !== ''),
    };
  };
  const expected = new Map<string, Record<string, unknown>>();
  for (const o of orders) {
    const key = String(o['order_key']);
    expected.set(key, {
      ...defined({
        totalInvoiced: o['totalInvoiced'],
        totalQtyOrdered: o['totalQtyOrdered'],
        subtotal: o['subtotal'],
        grandTotal: o['grandTotal'],
        discountAmount: o['discountAmount'],
        currency: o['currency'],
        storeId: o['storeId'],
        customerId: o['customerId'],
        customerEmail: o['customerEmail'],
        customerNote: o['customerNote'],
      }),
      orderId: { id: o['uuid'] },
      commerceOrderId: key,
      commerceOrderNumber: o['increment_id'],
      externalId: { id: o['ext_order_id'] ?? key, salesChannel: 'magento' },
      createdAt: o['createdAt'],
      updatedAt: o['updatedAt'],
      state: o['state'],
      status: o['status'],
      isVirtual: Number(o['is_virtual']) === 1,
      amountCapturedOnline: o['amountCapturedOnline'],
      amountRefundedOnline: o['amountRefundedOnline'],
      amountAuthorized: o['amountAuthorized'],
      amountPaid: o['amountPaid'],
      amountRefunded: o['amountRefunded'],
      amountCanceled: o['amountCanceled'],
      storeViewCode: o['storeViewCode'],
      storeCode: o['storeCode'],
      websiteCode: o['websiteCode'],
      additionalInformation: undefined,
      payment: {
        billingAddress: address(addresses.get(key), 'billing'),
        paymentMethodName: o['paymentMethodName'],
        paymentMethodCode: o['paymentMethodCode'],
        totalAmount: o['paymentTotal'],
        taxAmount: o['taxAmount'],
        currency: o['currency'],
      },
      shipping: {
        shippingAddress: address(addresses.get(key), 'shipping'),
        shippingMethodName: o['shipping_description'],
        shippingMethodCode: o['shipping_method'],
        shippingAmount: o['shippingAmount'],
        shippingTax: o['shippingTax'],
      },
      items: (lines.get(key) ?? []).map(({ uuid: id, is_virtual, ...l }) => ({
        ...l,
        itemId: { id },
        isVirtual: is_virtual === null ? null : Number(is_virtual) === 1,
        qty: Number(l['qty']),
        additionalInformation: undefined,
        itemsShippedTogether: undefined,
      })),
      invoices: (invoices.get(key) ?? []).map(({ used, doc_lines: vl, ...v }) => ({
        ...v,
        isUsedForRefund: Number(used) === 1,
        invoiceItems: pairs(vl).map(([id, qty]) => ({ orderItemId: { id }, qtyInvoiced: Number(qty) })),
      })),
      creditMemos: (memos.get(key) ?? []).map(({ uuid: id, comments, doc_lines: cl, ...c }) => ({
        ...c,
        creditMemoId: { id },
        creditMemoComments: typeof comments === 'string' ? comments.split('\n') : [],
        refundTaxes: undefined,
        refundItems: pairs(cl).map(([itemId, qty, price, row]) => ({
          orderItemId: { id: itemId },
          qtyRefunded: numberOrNull(qty),
          basePrice: numberOrNull(price),
          baseRowTotal: numberOrNull(row),
          productTaxes: undefined,
        })),
      })),
      transactions: transactions.get(key) ?? [],
      shipments: (shipments.get(key) ?? []).map(({ uuid: id, track, doc_lines: hl, ...h }) => {
        const t = (typeof track === 'string' ? JSON.parse(track) : track) as Record<
          string,
          string | null
        > | null;
        return {
          ...h,
          shipmentId: { id },
          trackingInfo: t
            ? {
                shippingCarrier: t['c'],
                shippingMethod: t['m'],
                trackingNumber: t['n'],
                trackingUrl: t['u'] ?? null,
              }
            : null,
          items: pairs(hl).map(([itemId, qty]) => ({ orderItemId: { id: itemId }, qtyShipped: Number(qty) })),
        };
      }),
    });
  }
  return expected;
}

describe('orders feed on a generated catalog', () => {
  let catalog: ScratchCatalog;
  let state: ScratchFeedState;
  let feed: FeedUnderTest<AssembledOrderItem>;
  let processor: FeedProcessor;
  const sink = new MemorySink();

  beforeAll(async () => {
    catalog = await openScratchCatalog({ profile: 'small' }, 'orders');
    state = await openScratchFeedState('orders_state', 4);
    // No window: the generated orders are older than a week.
    feed = feedUnderTest(ordersFeed({ fullResyncDays: 0 }), catalog.db, { feedState: state.dataSource });
    processor = state.processor(feed, sink);
  });

  afterAll(async () => {
    await state.close();
    await catalog.drop();
  });

  it('assembles every order as the SQL oracle does, UUIDs included', async () => {
    const collected = await collectEvery(feed.reader, 17);
    const count = await shopRows(catalog, 'SELECT COUNT(*) AS n FROM sales_order');
    expect(collected.length).toBe(Number(count[0]!['n']));
    expect(collected.length).toBeGreaterThan(50);
    const items = collected.map((c) => comparable(c.item));
    const expected = await oracle(catalog, state.database);
    expectSameItems(items, (i) => String(i['commerceOrderId']), expected);
    // The generator made the parts the item shows: refunds, shipments with tracking, invoices and transactions.
    for (const part of ['creditMemos', 'shipments', 'invoices', 'transactions'] as const)
      expect(collected.some((c) => (c.item[part] ?? []).length > 0)).toBe(true);
  });

  it("holds as many items as the shared SQL count (./dev up's check) says", async () => {
    const everything = { ordersFullResyncDays: 0, now: new Date() };
    const listed = await feed.reader.listEntityIds('0', 100_000);
    expect(listed).toHaveLength(await oracleCount(catalogQuery(catalog), 'orders', everything));
  });

  it('keeps the UUIDs it gave: a second read and a second replica see the same ones', async () => {
    const [first] = await feed.reader.collect(['1']);
    const replica = feedUnderTest(ordersFeed({ fullResyncDays: 0 }), catalog.db, {
      feedState: state.dataSource,
    });
    const [again] = await replica.reader.collect(['1']);
    expect(again!.item).toEqual(first!.item);
    const uuids = new EntityUuidRepository(state.dataSource);
    const both = await Promise.all([uuids.assign('order', ['999001']), uuids.assign('order', ['999001'])]);
    expect(both[0].uuids.get('999001')).toBe(both[1].uuids.get('999001'));
    expect(both[0].created + both[1].created).toBe(1);
  });

  it('lists only the orders of the last days for a full sync, unless told otherwise', async () => {
    await catalog.shop.query('UPDATE sales_order SET updated_at = UTC_TIMESTAMP() WHERE entity_id = 3');
    const windowed = feedUnderTest(ordersFeed({ fullResyncDays: 7 }), catalog.db, {
      feedState: state.dataSource,
    });
    expect(await windowed.reader.listEntityIds('0', 1000)).toEqual(['3']);
    expect(await windowed.reader.countEntities!()).toBe(1);
    expect(
      await oracleCount(catalogQuery(catalog), 'orders', { ordersFullResyncDays: 7, now: new Date() }),
    ).toBe(1);
    expect((await feed.reader.listEntityIds('0', 1000)).length).toBeGreaterThan(50);
  });

  const syncChange = async (table: string, before: CdcRow | null, after: CdcRow | null) => {
    const source = feed.sources.find((s) => s.table === table)!;
    const ids = await source.affectedIds(changeEvent(table, before, after));
    await processor.sync({ ids, operation: 'partial sync' });
    return sink.take();
  };
  const insert = async (sql: string, params: unknown[]): Promise<number> => {
    const [result] = (await catalog.shop.query(sql, params)) as unknown as [{ insertId: number }];
    return result.insertId;
  };
  const ordersOf = (messages: readonly FeedItemMessage[]) => messages.map((m) => m.item['commerceOrderId']);

  describe('each new document re-publishes exactly its order', () => {
    let orderId: string;
    let itemId: string;

    beforeAll(async () => {
      await processor.sync({ ids: await feed.reader.listEntityIds('0', 100_000), operation: 'full sync' });
      sink.take();
      const [open] = await shopRows(
        catalog,
        `SELECT o.entity_id, MIN(i.item_id) AS item_id FROM sales_order o JOIN sales_order_item i ON i.order_id = o.entity_id
          WHERE o.state IN ('new', 'processing') GROUP BY o.entity_id ORDER BY o.entity_id LIMIT 1`,
      );
      orderId = String(open!['entity_id']);
      itemId = String(open!['item_id']);
    });

    it('an unchanged order publishes nothing', async () => {
      expect(
        await syncChange('sales_order', { entity_id: Number(orderId) }, { entity_id: Number(orderId) }),
      ).toEqual([]);
    });

    it('an invoice', async () => {
      const invoice = await insert(
        `INSERT INTO sales_invoice (order_id, store_id, base_grand_total, grand_total, increment_id, state)
         VALUES (?, 1, 12.5, 12.5, ?, 2)`,
        [orderId, `INT-I-${orderId}`],
      );
      await insert('INSERT INTO sales_invoice_item (parent_id, order_item_id, qty) VALUES (?, ?, 1)', [
        invoice,
        itemId,
      ]);
      const sent = await syncChange('sales_invoice', null, { entity_id: invoice, order_id: Number(orderId) });
      expect(ordersOf(sent)).toEqual([orderId]);
      expect(sent[0]!.item['invoices']).toContainEqual(
        expect.objectContaining({
          entityId: String(invoice),
          commerceInvoiceNumber: `INT-I-${orderId}`,
          grandTotal: 12.5,
        }),
      );
      // Its item row alone finds the same order through the invoice.
      expect(
        await feed.sources
          .find((s) => s.table === 'sales_invoice_item')!
          .affectedIds(changeEvent('sales_invoice_item', null, { entity_id: 1, parent_id: invoice })),
      ).toEqual([orderId]);
    });

    it('a shipment with a tracking number', async () => {
      const shipment = await insert(
        'INSERT INTO sales_shipment (order_id, store_id, increment_id, total_qty) VALUES (?, 1, ?, 1)',
        [orderId, `INT-S-${orderId}`],
      );
      await insert('INSERT INTO sales_shipment_item (parent_id, order_item_id, qty) VALUES (?, ?, 1)', [
        shipment,
        itemId,
      ]);
      await insert(
        `INSERT INTO sales_shipment_track (parent_id, order_id, track_number, title, carrier_code)
         VALUES (?, ?, '9400100000000000000000', 'USPS', 'usps')`,
        [shipment, orderId],
      );
      const sent = await syncChange('sales_shipment_track', null, {
        entity_id: 1,
        parent_id: shipment,
        order_id: Number(orderId),
      });
      expect(ordersOf(sent)).toEqual([orderId]);
      expect(sent[0]!.item['shipments']).toContainEqual(
        expect.objectContaining({ commerceShipmentNumber: `INT-S-${orderId}` }),
      );
      const published = (sent[0]!.item['shipments'] as AssembledOrderItem['shipments'])!.find(
        (s) => s.commerceShipmentNumber === `INT-S-${orderId}`,
      );
      expect(published).toMatchObject({
        trackingInfo: { trackingNumber: '9400100000000000000000', shippingCarrier: 'usps' },
        items: [{ qtyShipped: 1 }],
      });
    });

    it('a credit memo with an adjustment and a comment', async () => {
      const memo = await insert(
        `INSERT INTO sales_creditmemo (order_id, store_id, increment_id, state, base_currency_code, base_subtotal,
                                       base_adjustment, base_grand_total, base_tax_amount, base_shipping_amount)
         VALUES (?, 1, ?, 2, 'USD', 10, -1.5, 8.5, 0, 0)`,
        [orderId, `INT-C-${orderId}`],
      );
      await insert(
        'INSERT INTO sales_creditmemo_item (parent_id, order_item_id, qty, base_price, base_row_total) VALUES (?, ?, 1, 10, 10)',
        [memo, itemId],
      );
      await insert('INSERT INTO sales_creditmemo_comment (parent_id, comment) VALUES (?, ?)', [
        memo,
        'Restocking fee',
      ]);
      const sent = await syncChange('sales_creditmemo_comment', null, { entity_id: 1, parent_id: memo });
      expect(ordersOf(sent)).toEqual([orderId]);
      expect(sent[0]!.item['creditMemos']).toContainEqual(
        expect.objectContaining({
          commerceCreditMemoNumber: `INT-C-${orderId}`,
          adjustment: -1.5,
          grandTotal: 8.5,
          creditMemoComments: ['Restocking fee'],
          refundItems: [expect.objectContaining({ qtyRefunded: 1, basePrice: 10, baseRowTotal: 10 })],
        }),
      );
    });

    it('a status change', async () => {
      await catalog.shop.query(
        "UPDATE sales_order SET status = 'holded', state = 'holded' WHERE entity_id = ?",
        [orderId],
      );
      const sent = await syncChange(
        'sales_order',
        { entity_id: Number(orderId), status: 'processing' },
        { entity_id: Number(orderId), status: 'holded' },
      );
      expect(ordersOf(sent)).toEqual([orderId]);
      expect(sent[0]!.item).toMatchObject({ status: 'holded', state: 7 });
    });
  });
});
