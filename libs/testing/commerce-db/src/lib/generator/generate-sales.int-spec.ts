import { connectCommerceDbAsShop, scratchDatabaseName } from '@cde/testing/runtime';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { createCommerceSchema } from '../commerce-schema';
import { generateCommerceData } from './generate-commerce-data';
import { generateSales } from './generate-sales';
import { PROFILES } from './profiles';

const profile = PROFILES.small;
const NOW = new Date('2026-11-01T00:00:00Z');
const DAY_MS = 86_400_000;

describe(generateSales.name, () => {
  const database = scratchDatabaseName('sales');
  let db: Connection;

  const rows = async (sql: string, values: unknown[] = []): Promise<RowDataPacket[]> =>
    (await db.query<RowDataPacket[]>(sql, values))[0];
  const count = async (sql: string): Promise<number> => Number((await rows(sql))[0]!['n']);

  beforeAll(async () => {
    db = await connectCommerceDbAsShop({ database: null, multipleStatements: true });
    await createCommerceSchema(db, database);
    await generateCommerceData(db, { profile, seed: 7, now: NOW });
  });

  afterAll(async () => {
    await db.query(`DROP DATABASE IF EXISTS \`${database}\``);
    await db.end();
  });

  it('creates the profile’s customers, two addresses each, with their defaults among their own addresses', async () => {
    expect(await count('SELECT COUNT(*) AS n FROM customer_entity')).toBe(profile.customers);
    expect(await count('SELECT COUNT(*) AS n FROM customer_address_entity')).toBe(profile.customers * 2);
    expect(await count('SELECT COUNT(DISTINCT email, website_id) AS n FROM customer_entity')).toBe(
      profile.customers,
    );
    const own = await count(
      `SELECT COUNT(*) AS n FROM customer_entity c
         JOIN customer_address_entity b ON b.entity_id = c.default_billing AND b.parent_id = c.entity_id
         JOIN customer_address_entity s ON s.entity_id = c.default_shipping AND s.parent_id = c.entity_id
         JOIN store st ON st.store_id = c.store_id AND st.website_id = c.website_id`,
    );
    expect(own).toBe(profile.customers);
    expect(await count('SELECT COUNT(*) AS n FROM customer_entity WHERE group_id = 0')).toBe(0);
    expect(await count('SELECT COUNT(DISTINCT group_id) AS n FROM customer_entity')).toBeGreaterThan(2);
  });

  it('creates exactly the profile’s orders, invoices, shipments and credit memos', async () => {
    const invoiced = Math.round(profile.orders * profile.feed.invoiced);
    expect(await count('SELECT COUNT(*) AS n FROM sales_order')).toBe(profile.orders);
    expect(await count('SELECT COUNT(*) AS n FROM sales_invoice')).toBe(invoiced);
    expect(await count('SELECT COUNT(*) AS n FROM sales_shipment')).toBe(
      Math.round(invoiced * profile.feed.shipped),
    );
    expect(await count('SELECT COUNT(*) AS n FROM sales_creditmemo')).toBe(
      Math.round(invoiced * profile.feed.refunded),
    );
    expect(await count('SELECT COUNT(DISTINCT order_id) AS n FROM sales_invoice')).toBe(invoiced);
    expect(await count('SELECT COUNT(*) AS n FROM sales_order_item WHERE parent_item_id IS NULL')).toBe(
      profile.orders * profile.itemsPerOrder,
    );
  });

  it('mixes guest and registered orders, each with Magento’s customer fields', async () => {
    const guests = await count(
      'SELECT COUNT(*) AS n FROM sales_order WHERE customer_id IS NULL AND customer_is_guest = 1 AND customer_group_id = 0',
    );
    const registered = await count(
      `SELECT COUNT(*) AS n FROM sales_order o JOIN customer_entity c ON c.entity_id = o.customer_id
         JOIN store s ON s.store_id = o.store_id
        WHERE o.customer_is_guest = 0 AND o.customer_group_id = c.group_id AND o.customer_email = c.email
          AND s.website_id = c.website_id`,
    );
    expect(guests + registered).toBe(profile.orders);
    expect(guests).toBeGreaterThan(profile.orders * 0.4);
    expect(registered).toBeGreaterThan(profile.orders * 0.2);
  });

  it('sells products of the order’s website, a configurable as a parent line with its child line', async () => {
    expect(
      await count(
        `SELECT COUNT(*) AS n FROM sales_order_item i JOIN sales_order o ON o.entity_id = i.order_id
           JOIN store s ON s.store_id = o.store_id
           LEFT JOIN catalog_product_website w ON w.product_id = i.product_id AND w.website_id = s.website_id
          WHERE w.product_id IS NULL`,
      ),
    ).toBe(0);
    const lines = await rows(
      `SELECT p.product_type AS pt, c.product_type AS ct, p.sku = c.sku AS same_sku, p.price AS pp, c.price AS cp,
              p.qty_ordered = c.qty_ordered AND p.qty_invoiced = c.qty_invoiced AND p.qty_shipped = c.qty_shipped
                AND p.qty_refunded = c.qty_refunded AND p.qty_canceled = c.qty_canceled AS same_qty,
              EXISTS (SELECT 1 FROM catalog_product_super_link l WHERE l.parent_id = p.product_id AND l.product_id = c.product_id) AS linked
         FROM sales_order_item c JOIN sales_order_item p ON p.item_id = c.parent_item_id AND p.order_id = c.order_id`,
    );
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) {
      expect(l).toMatchObject({ pt: 'configurable', same_sku: 1, cp: '0.0000', same_qty: 1, linked: 1 });
      expect(['simple', 'virtual']).toContain(l['ct']);
      expect(Number(l['pp'])).toBeGreaterThan(0);
    }
    // Every configurable line has exactly one child; no other line has children.
    expect(
      await count(
        `SELECT COUNT(*) AS n FROM sales_order_item p
          WHERE (p.product_type = 'configurable') <> (SELECT COUNT(*) = 1 FROM sales_order_item c WHERE c.parent_item_id = p.item_id)`,
      ),
    ).toBe(0);
  });

  it('keeps order totals consistent with its lines and documents', async () => {
    const money = (v: unknown): number => Math.round(Number(v ?? 0) * 100);
    const orders = await rows(
      `SELECT o.*,
         (SELECT SUM(row_total) FROM sales_order_item WHERE order_id = o.entity_id AND parent_item_id IS NULL) AS lines_total,
         (SELECT SUM(tax_amount) FROM sales_order_item WHERE order_id = o.entity_id) AS lines_tax,
         (SELECT SUM(discount_amount) FROM sales_order_item WHERE order_id = o.entity_id) AS lines_discount,
         (SELECT SUM(qty_ordered) FROM sales_order_item WHERE order_id = o.entity_id AND parent_item_id IS NULL) AS lines_qty,
         (SELECT SUM(grand_total) FROM sales_invoice WHERE order_id = o.entity_id) AS invoiced,
         (SELECT SUM(grand_total) FROM sales_creditmemo WHERE order_id = o.entity_id) AS refunded,
         (SELECT SUM(amount) FROM sales_order_tax WHERE order_id = o.entity_id) AS tax_rows,
         (SELECT COUNT(*) FROM sales_shipment WHERE order_id = o.entity_id) AS shipments,
         (SELECT COUNT(*) FROM sales_order_item WHERE order_id = o.entity_id AND parent_item_id IS NULL AND is_virtual = 0
             AND qty_shipped + qty_refunded + qty_canceled < qty_ordered) AS to_ship,
         (SELECT method FROM sales_order_payment WHERE parent_id = o.entity_id) AS method,
         (SELECT GROUP_CONCAT(address_type ORDER BY address_type) FROM sales_order_address WHERE parent_id = o.entity_id) AS addresses
       FROM sales_order o`,
    );
    for (const o of orders) {
      const id = o['increment_id'] as string;
      const expectEq = (what: string, a: number, b: number): void =>
        expect({ id, what, v: a }).toEqual({ id, what, v: b });
      expectEq(
        'grand',
        money(o['grand_total']),
        money(o['lines_total']) +
          money(o['shipping_amount']) +
          money(o['tax_amount']) +
          money(o['discount_amount']),
      );
      expectEq('subtotal', money(o['subtotal']), money(o['lines_total']));
      expectEq('tax', money(o['tax_amount']), money(o['lines_tax']));
      expectEq('tax rows', money(o['tax_rows']), money(o['tax_amount']));
      expectEq('discount', money(o['discount_amount']) + money(o['lines_discount']), 0);
      expectEq('base', money(o['base_grand_total']), money(o['grand_total']));
      expectEq('qty', Number(o['total_qty_ordered']), Number(o['lines_qty']));
      expectEq('invoiced', money(o['total_invoiced']), money(o['invoiced']));
      expectEq('paid', money(o['total_paid']), money(o['invoiced']));
      expectEq('refunded', money(o['total_refunded']), money(o['refunded']));
      expectEq(
        'refunded online+offline',
        money(o['total_online_refunded']) + money(o['total_offline_refunded']),
        money(o['refunded']),
      );
      expectEq(
        'due',
        money(o['total_due']),
        o['invoiced'] === null && o['state'] !== 'canceled' ? money(o['grand_total']) : 0,
      );
      expect({ id, addresses: String(o['addresses']) }).toEqual({
        id,
        addresses: o['is_virtual'] ? 'billing' : 'billing,shipping',
      });
      expect(String(o['updated_at']) >= String(o['created_at'])).toBe(true);

      // State and status follow Magento's pairs and what happened to the order.
      const expected =
        o['state'] === 'canceled'
          ? o['invoiced'] === null
          : o['state'] === 'closed'
            ? money(o['refunded']) === money(o['invoiced'])
            : o['state'] === 'complete'
              ? o['invoiced'] !== null && Number(o['to_ship']) === 0
              : o['state'] === 'processing'
                ? o['invoiced'] === null
                  ? o['method'] === 'braintree' // authorized, not captured yet
                  : Number(o['to_ship']) > 0
                : o['state'] === 'new' && o['invoiced'] === null && o['method'] === 'checkmo';
      const state = String(o['state']);
      expect({ id, state, consistent: expected }).toEqual({ id, state, consistent: true });
      expect(o['status']).toBe(o['state'] === 'new' ? 'pending' : o['state']);
    }
    const window = await rows(
      'SELECT MIN(created_at) AS a, MAX(created_at) AS b, MAX(updated_at) AS c FROM sales_order',
    );
    expect(new Date(`${String(window[0]!['a'])}Z`).getTime()).toBeGreaterThanOrEqual(
      NOW.getTime() - 90 * DAY_MS,
    );
    expect(new Date(`${String(window[0]!['c'])}Z`).getTime()).toBeLessThanOrEqual(NOW.getTime());
  });

  it('keeps item quantities consistent with the invoice, shipment and credit memo items', async () => {
    const mismatches = await rows(
      `SELECT i.item_id, i.qty_invoiced, i.qty_shipped, i.qty_refunded,
              (SELECT COALESCE(SUM(qty), 0) FROM sales_invoice_item WHERE order_item_id = i.item_id) AS inv,
              (SELECT COALESCE(SUM(qty), 0) FROM sales_shipment_item WHERE order_item_id = i.item_id) AS shp,
              (SELECT COALESCE(SUM(qty), 0) FROM sales_creditmemo_item WHERE order_item_id = i.item_id) AS ref
         FROM sales_order_item i
       HAVING i.qty_invoiced <> inv OR i.qty_shipped <> shp OR i.qty_refunded <> ref`,
    );
    expect(mismatches).toEqual([]);
    // Document totals add up from their items.
    for (const [doc, items] of [
      ['sales_invoice', 'sales_invoice_item'],
      ['sales_creditmemo', 'sales_creditmemo_item'],
    ] as const) {
      expect(
        await count(
          `SELECT COUNT(*) AS n FROM ${doc} d
            WHERE d.subtotal <> (SELECT SUM(row_total) FROM ${items} WHERE parent_id = d.entity_id)
               OR d.grand_total <> d.subtotal + d.shipping_amount + d.tax_amount + d.discount_amount`,
        ),
      ).toBe(0);
    }
    expect(
      await count(
        `SELECT COUNT(*) AS n FROM sales_shipment s
          WHERE NOT EXISTS (SELECT 1 FROM sales_shipment_track t WHERE t.parent_id = s.entity_id AND t.order_id = s.order_id
                              AND t.carrier_code <> '' AND t.track_number <> '')`,
      ),
    ).toBe(0);
  });

  it('numbers orders and documents per store from the store’s sequence', async () => {
    for (const [table, type] of [
      ['sales_order', 'order'],
      ['sales_invoice', 'invoice'],
      ['sales_shipment', 'shipment'],
      ['sales_creditmemo', 'creditmemo'],
    ] as const) {
      const perStore = await rows(
        `SELECT store_id, COUNT(*) AS n, COUNT(DISTINCT increment_id) AS d, MIN(increment_id) AS first,
                MAX(increment_id) AS last FROM ${table} GROUP BY store_id`,
      );
      for (const s of perStore) {
        const storeId = Number(s['store_id']);
        const prefix = storeId === 1 ? '' : String(storeId);
        expect(s['d']).toBe(s['n']);
        expect(s['first']).toBe(`${prefix}000000001`);
        expect(s['last']).toBe(`${prefix}${String(s['n']).padStart(9, '0')}`);
        const [seq] = await rows(
          `SELECT COUNT(*) AS n, MAX(sequence_value) AS m FROM sequence_${type}_${storeId}`,
        );
        expect({ table, storeId, n: Number(seq!['n']), m: Number(seq!['m']) }).toEqual({
          table,
          storeId,
          n: Number(s['n']),
          m: Number(s['n']),
        });
      }
    }
    expect(await count('SELECT COUNT(DISTINCT store_id) AS n FROM sales_order')).toBeGreaterThan(1);
  });

  it('pays by check or card, card payments with authorization, capture and refund transactions', async () => {
    const methods = await rows(
      'SELECT method, COUNT(*) AS n FROM sales_order_payment GROUP BY method ORDER BY method',
    );
    expect(methods.map((m) => String(m['method']))).toEqual(['braintree', 'checkmo']);
    expect(await count('SELECT COUNT(*) AS n FROM sales_order_payment')).toBe(profile.orders);
    // last_trans_id names a transaction of the payment; capture/refund/void chain to their parents.
    expect(
      await count(
        `SELECT COUNT(*) AS n FROM sales_order_payment p WHERE p.method = 'braintree'
            AND NOT EXISTS (SELECT 1 FROM sales_payment_transaction t WHERE t.payment_id = p.entity_id AND t.txn_id = p.last_trans_id)`,
      ),
    ).toBe(0);
    expect(
      await count(
        "SELECT COUNT(*) AS n FROM sales_order_payment WHERE method = 'checkmo' AND last_trans_id IS NOT NULL",
      ),
    ).toBe(0);
    const chains = await rows(
      `SELECT t.txn_type AS type, p.txn_type AS parent_type, t.parent_txn_id = p.txn_id AS same
         FROM sales_payment_transaction t LEFT JOIN sales_payment_transaction p ON p.transaction_id = t.parent_id
        GROUP BY 1, 2, 3 ORDER BY 1`,
    );
    expect(chains).toEqual(
      expect.arrayContaining([
        { type: 'authorization', parent_type: null, same: null },
        { type: 'capture', parent_type: 'authorization', same: 1 },
      ]),
    );
    for (const c of chains) {
      expect(['authorization/', 'capture/authorization', 'refund/capture', 'void/authorization']).toContain(
        `${String(c['type'])}/${String(c['parent_type'] ?? '')}`,
      );
    }
    // Every card invoice was captured online.
    expect(
      await count(
        `SELECT COUNT(*) AS n FROM sales_invoice i JOIN sales_order_payment p ON p.parent_id = i.order_id
          WHERE p.method = 'braintree' AND NOT EXISTS
            (SELECT 1 FROM sales_payment_transaction t WHERE t.order_id = i.order_id AND t.txn_type = 'capture' AND t.txn_id = i.transaction_id)`,
      ),
    ).toBe(0);
  });
});
