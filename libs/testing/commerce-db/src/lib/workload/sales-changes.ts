import type { RowDataPacket } from 'mysql2/promise';
import type { OrderableProduct } from '../generator/generation-context';
import { randomOrderExtras, randomPayment, randomShippingMethod } from '../generator/sales-random';
import {
  DOCUMENT_ITEM_COLUMNS,
  formatUsd,
  INVOICE_COLUMNS,
  rowOf,
  sqlTime,
  STATUS_HISTORY_COLUMNS,
  TRANSACTION_COLUMNS,
  type RowOut,
} from '../generator/sales-order-columns';
import { buildOrderRows, type OrderAddress, type OrderCustomer } from '../generator/sales-order-rows';
import { emailOf, randomAddress, randomPerson } from '../generator/sales-people';
import type { WorkloadDb, WorkloadStore } from './workload-db';
import { skip, type ChangeOutcome, type ChangeSkip } from './workload-types';

const REGISTERED_SHARE = 0.4;

/** The sales_order_grid row Magento refreshes synchronously on every order save (dev/grid/async_indexing = 0). */
export async function refreshOrderGrid(db: WorkloadDb, orderId: number, tables: Set<string>): Promise<void> {
  if (!db.has('sales_order_grid')) return;
  await db.query(
    `INSERT INTO sales_order_grid (entity_id, status, store_id, store_name, customer_id, base_grand_total,
       base_total_paid, grand_total, total_paid, increment_id, base_currency_code, order_currency_code, shipping_name,
       billing_name, created_at, updated_at, billing_address, shipping_address, shipping_information, customer_email,
       customer_group, subtotal, shipping_and_handling, customer_name, payment_method, total_refunded)
     SELECT o.entity_id, o.status, o.store_id, o.store_name, o.customer_id, o.base_grand_total, o.base_total_paid,
       o.grand_total, o.total_paid, o.increment_id, o.base_currency_code, o.order_currency_code,
       TRIM(CONCAT_WS(' ', sa.firstname, sa.lastname)), TRIM(CONCAT_WS(' ', ba.firstname, ba.lastname)),
       o.created_at, o.updated_at, CONCAT_WS(',', ba.street, ba.city, ba.region, ba.postcode),
       CONCAT_WS(',', sa.street, sa.city, sa.region, sa.postcode), o.shipping_description, o.customer_email,
       o.customer_group_id, o.subtotal, o.shipping_amount, TRIM(CONCAT_WS(' ', o.customer_firstname, o.customer_lastname)),
       p.method, o.total_refunded
       FROM sales_order o
       LEFT JOIN sales_order_address ba ON ba.parent_id = o.entity_id AND ba.address_type = 'billing'
       LEFT JOIN sales_order_address sa ON sa.parent_id = o.entity_id AND sa.address_type = 'shipping'
       LEFT JOIN sales_order_payment p ON p.parent_id = o.entity_id
      WHERE o.entity_id = ?
     ON DUPLICATE KEY UPDATE status = VALUES(status), base_total_paid = VALUES(base_total_paid),
       total_paid = VALUES(total_paid), updated_at = VALUES(updated_at), total_refunded = VALUES(total_refunded)`,
    [orderId],
  );
  tables.add('sales_order_grid');
}

function pickLines(db: WorkloadDb, websiteId: number): { product: OrderableProduct; qty: number }[] {
  const available = db.orderable.filter((p) => p.websiteIds.includes(websiteId));
  const chosen = db.random.sample(available, db.random.int(1, 3));
  // Most carts hold something to ship.
  if (!chosen.some((p) => p.typeId === 'simple')) {
    const physical = available.filter((p) => p.typeId === 'simple');
    if (physical.length > 0 && chosen.length > 0) chosen[0] = db.random.pick(physical);
  }
  const unique = [...new Map(chosen.map((p) => [p.entityId, p])).values()];
  return unique.map((product) => ({ product, qty: db.random.chance(0.75) ? 1 : db.random.int(2, 3) }));
}

/**
 * A customer places an order (guest, or a registered customer of the store's website): order, items, addresses,
 * payment, tax and history rows as the generator writes them, the increment id from the store's sequence table,
 * and the stock effect — an MSI reservation, or the legacy stock item's qty decremented when MSI is off.
 */
export async function placeOrder(db: WorkloadDb): Promise<ChangeOutcome | ChangeSkip> {
  if (!db.has('sales_order')) return skip('no sales tables');
  const stores = db.stores.filter(
    (s) => db.sequences.has(`order:${s.id}`) && db.orderable.some((p) => p.websiteIds.includes(s.websiteId)),
  );
  if (stores.length === 0) return skip('no store view with an order sequence and an orderable product');
  const buyers = db.customers.filter((c) => stores.some((s) => s.websiteId === c.websiteId));
  const registered =
    buyers.length > 0 && db.random.chance(REGISTERED_SHARE) ? db.random.pick(buyers) : undefined;
  const store: WorkloadStore = registered
    ? db.random.pick(stores.filter((s) => s.websiteId === registered.websiteId))
    : db.random.pick(stores);
  const lines = pickLines(db, store.websiteId);
  if (lines.length === 0) return skip(`no orderable product in website ${store.websiteId}`);

  let customer: OrderCustomer;
  let billing: OrderAddress;
  let shipping: OrderAddress;
  if (registered) {
    customer = registered;
    billing = registered.billing;
    shipping = registered.shipping;
  } else {
    const person = randomPerson(db.random);
    const { firstname, lastname } = person;
    const email = emailOf(person, `w${Date.now().toString(36)}${db.random.int(0, 9999)}`);
    customer = { id: null, email, firstname, lastname, groupId: 0, dob: null, gender: null };
    billing = { ...randomAddress(db.random, person), customerAddressId: null };
    shipping = billing;
  }
  const incrementId = await db.nextIncrementId('order', store.id);
  if (!incrementId) return skip(`no order sequence table for store ${store.id}`);
  const built = buildOrderRows(
    {
      store,
      incrementId,
      createdAt: new Date(),
      customer,
      billing,
      shipping,
      lines,
      payment: randomPayment(db.random, new Date()),
      shippingMethod: randomShippingMethod(db.random),
      ...randomOrderExtras(db.random),
    },
    {},
    db.ids,
  );
  await db.insertRows(built.rows);
  const tables = new Set(built.rows.map((r) => r.table));
  tables.add(db.sequences.get(`order:${store.id}`)!.table);

  // What leaves stock: simple/virtual/downloadable products (a configurable's child, not the parent line).
  if (db.hasMsi && db.has('inventory_reservation')) {
    const stockId = db.stockOfWebsite.get(store.websiteId) ?? 1;
    const metadata = JSON.stringify({
      event_type: 'order_placed',
      object_type: 'order',
      object_id: String(built.orderId),
      object_increment_id: incrementId,
    });
    await db.query('INSERT INTO inventory_reservation (stock_id, sku, quantity, metadata) VALUES ?', [
      lines.map((l) => [stockId, l.product.sku, -l.qty, metadata]),
    ]);
    tables.add('inventory_reservation');
  } else if (db.has('cataloginventory_stock_item')) {
    for (const l of lines) {
      await db.query(
        'UPDATE cataloginventory_stock_item SET qty = qty - ? WHERE product_id = ? AND stock_id = 1',
        [l.qty, l.product.entityId],
      );
    }
    tables.add('cataloginventory_stock_item');
  }
  await refreshOrderGrid(db, built.orderId, tables);
  db.toInvoice.push(built.orderId);
  return { entityIds: [built.orderId], tables: [...tables], storeId: store.id };
}

export interface LockedOrder {
  readonly order: RowDataPacket;
  readonly items: RowDataPacket[];
}

/** Takes order ids from a pool (newest first) until one passes `ok` under a row lock. */
export async function lockOrderFrom(
  db: WorkloadDb,
  pool: number[],
  ok: (order: RowDataPacket) => boolean,
): Promise<LockedOrder | undefined> {
  for (let attempt = 0; attempt < 10 && pool.length > 0; attempt++) {
    const id = pool.pop()!;
    const orders = await db.query<RowDataPacket[]>(
      'SELECT * FROM sales_order WHERE entity_id = ? FOR UPDATE',
      [id],
    );
    const order = orders[0];
    if (!order || !ok(order)) continue;
    const items = await db.query<RowDataPacket[]>(
      'SELECT * FROM sales_order_item WHERE order_id = ? ORDER BY item_id FOR UPDATE',
      [id],
    );
    return { order, items };
  }
  return undefined;
}

export const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

export function historyRow(
  db: WorkloadDb,
  orderId: number,
  status: string,
  comment: string | null,
  entity: string,
): RowOut {
  return rowOf('sales_order_status_history', STATUS_HISTORY_COLUMNS, {
    entity_id: db.ids.next('sales_order_status_history'),
    parent_id: orderId,
    is_customer_notified: comment === null ? 1 : null,
    is_visible_on_front: 0,
    comment,
    status,
    created_at: sqlTime(new Date()),
    entity_name: entity,
  });
}

/** Invoices an open order in full: invoice and items, captured payment (capture transaction for cards), totals. */
export async function invoiceOrder(db: WorkloadDb): Promise<ChangeOutcome | ChangeSkip> {
  if (!db.has('sales_invoice')) return skip('no sales tables');
  const locked = await lockOrderFrom(
    db,
    db.toInvoice,
    (o) => (o['state'] === 'new' || o['state'] === 'processing') && o['total_invoiced'] === null,
  );
  if (!locked) return skip('no open order to invoice');
  const { order, items } = locked;
  const orderId = Number(order['entity_id']);
  const storeId = Number(order['store_id']);
  const incrementId = await db.nextIncrementId('invoice', storeId);
  if (!incrementId) return skip(`no invoice sequence table for store ${storeId}`);
  const tables = new Set(['sales_invoice', 'sales_invoice_item', 'sales_order', 'sales_order_item']);
  tables.add(db.sequences.get(`invoice:${storeId}`)!.table);

  const payments = await db.query<RowDataPacket[]>(
    'SELECT entity_id, method FROM sales_order_payment WHERE parent_id = ? FOR UPDATE',
    [orderId],
  );
  const auths = await db.query<RowDataPacket[]>(
    "SELECT transaction_id, txn_id FROM sales_payment_transaction WHERE order_id = ? AND txn_type = 'authorization' LIMIT 1",
    [orderId],
  );
  const capture: Capture = {
    payment: payments[0],
    auth: auths[0],
    captureTxn: auths[0] ? `${String(auths[0]['txn_id'])}-capture` : null,
  };
  const now = sqlTime(new Date());
  const invoiceId = db.ids.next('sales_invoice');
  const rows: RowOut[] = [invoiceRow(locked, invoiceId, incrementId, capture.captureTxn, now)];
  rows.push(...invoiceItemRows(db, items, invoiceId));
  const toShip = items.some(
    (i) =>
      i['parent_item_id'] === null &&
      num(i['is_virtual']) === 0 &&
      num(i['qty_shipped']) + num(i['qty_refunded']) + num(i['qty_canceled']) < num(i['qty_ordered']),
  );
  const state = toShip ? 'processing' : 'complete';
  const grand = num(order['grand_total']);
  rows.push(...captureRows(db, orderId, state, capture, grand, incrementId, now, tables));
  tables.add('sales_order_status_history');
  await db.insertRows(rows);
  await markInvoiced(db, orderId, state, capture, grand, tables);
  await refreshOrderGrid(db, orderId, tables);
  if (toShip) db.toShip.push(orderId);
  return { entityIds: [orderId], tables: [...tables], storeId };
}

/** The order's payment and, for a card, its authorization and the capture transaction id. */
interface Capture {
  readonly payment: RowDataPacket | undefined;
  readonly auth: RowDataPacket | undefined;
  readonly captureTxn: string | null;
}

/** The invoice of everything not canceled, with the order's amounts. */
function invoiceRow(
  locked: LockedOrder,
  invoiceId: number,
  incrementId: string,
  captureTxn: string | null,
  now: string,
): RowOut {
  const { order, items } = locked;
  const orderId = Number(order['entity_id']);
  const storeId = Number(order['store_id']);
  const topQty = items
    .filter((i) => i['parent_item_id'] === null)
    .reduce((a, i) => a + num(i['qty_ordered']) - num(i['qty_canceled']), 0);
  const same = (c: string): unknown => order[c];
  return rowOf('sales_invoice', INVOICE_COLUMNS, {
    entity_id: invoiceId,
    store_id: storeId,
    base_grand_total: num(same('base_grand_total')),
    grand_total: num(same('grand_total')),
    shipping_tax_amount: num(same('shipping_tax_amount')),
    base_shipping_tax_amount: num(same('base_shipping_tax_amount')),
    tax_amount: num(same('tax_amount')),
    base_tax_amount: num(same('base_tax_amount')),
    store_to_order_rate: 0,
    store_to_base_rate: 0,
    base_to_order_rate: 1,
    base_to_global_rate: 1,
    base_discount_amount: num(same('base_discount_amount')),
    discount_amount: num(same('discount_amount')),
    shipping_amount: num(same('shipping_amount')),
    base_shipping_amount: num(same('base_shipping_amount')),
    subtotal_incl_tax: num(same('subtotal_incl_tax')),
    base_subtotal_incl_tax: num(same('base_subtotal_incl_tax')),
    total_qty: topQty,
    subtotal: num(same('subtotal')),
    base_subtotal: num(same('base_subtotal')),
    billing_address_id: order['billing_address_id'] as number | null,
    shipping_address_id: order['shipping_address_id'] as number | null,
    order_id: orderId,
    email_sent: 1,
    send_email: 1,
    can_void_flag: 0,
    state: 2,
    store_currency_code: String(order['store_currency_code'] ?? 'USD'),
    order_currency_code: String(order['order_currency_code'] ?? 'USD'),
    base_currency_code: String(order['base_currency_code'] ?? 'USD'),
    global_currency_code: String(order['global_currency_code'] ?? 'USD'),
    transaction_id: captureTxn,
    increment_id: incrementId,
    created_at: now,
    updated_at: now,
    discount_tax_compensation_amount: 0,
    base_discount_tax_compensation_amount: 0,
    shipping_incl_tax: num(same('shipping_incl_tax')),
    base_shipping_incl_tax: num(same('base_shipping_incl_tax')),
    discount_description: order['discount_description'] as string | null,
  });
}

/** An invoice item per order item with something left to invoice. */
function invoiceItemRows(db: WorkloadDb, items: readonly RowDataPacket[], invoiceId: number): RowOut[] {
  const rows: RowOut[] = [];
  for (const i of items) {
    const qty = num(i['qty_ordered']) - num(i['qty_canceled']) - num(i['qty_invoiced']);
    if (qty <= 0) continue;
    rows.push(
      rowOf('sales_invoice_item', DOCUMENT_ITEM_COLUMNS, {
        entity_id: db.ids.next('sales_invoice_item'),
        parent_id: invoiceId,
        base_price: num(i['base_price']),
        price: num(i['price']),
        tax_amount: num(i['tax_amount']),
        base_tax_amount: num(i['base_tax_amount']),
        base_row_total: num(i['base_row_total']),
        row_total: num(i['row_total']),
        discount_amount: num(i['discount_amount']),
        base_discount_amount: num(i['base_discount_amount']),
        price_incl_tax: num(i['price_incl_tax']),
        base_price_incl_tax: num(i['base_price_incl_tax']),
        qty,
        base_row_total_incl_tax: num(i['base_row_total_incl_tax']),
        row_total_incl_tax: num(i['row_total_incl_tax']),
        product_id: Number(i['product_id']),
        order_item_id: Number(i['item_id']),
        sku: String(i['sku']),
        name: String(i['name']),
        discount_tax_compensation_amount: 0,
        base_discount_tax_compensation_amount: 0,
      }),
    );
  }
  return rows;
}

/** A card's capture transaction and its history row, or the invoice notification for an offline payment. */
function captureRows(
  db: WorkloadDb,
  orderId: number,
  state: string,
  { auth, payment, captureTxn }: Capture,
  grand: number,
  incrementId: string,
  now: string,
  tables: Set<string>,
): RowOut[] {
  const rows: RowOut[] = [];
  if (auth && payment && captureTxn) {
    rows.push(
      rowOf('sales_payment_transaction', TRANSACTION_COLUMNS, {
        transaction_id: db.ids.next('sales_payment_transaction'),
        parent_id: Number(auth['transaction_id']),
        order_id: orderId,
        payment_id: Number(payment['entity_id']),
        txn_id: captureTxn,
        parent_txn_id: String(auth['txn_id']),
        txn_type: 'capture',
        is_closed: 0,
        created_at: now,
      }),
    );
    tables.add('sales_payment_transaction');
    rows.push(
      historyRow(
        db,
        orderId,
        state,
        `Captured amount of ${formatUsd(Math.round(grand * 100))} online. Transaction ID: "${captureTxn}"`,
        'invoice',
      ),
    );
  } else {
    rows.push(
      historyRow(db, orderId, state, `Notified customer about invoice creation #${incrementId}.`, 'invoice'),
    );
  }
  return rows;
}

/** The authorization closed, the payment paid, the items and the order invoiced. */
async function markInvoiced(
  db: WorkloadDb,
  orderId: number,
  state: string,
  { auth, payment, captureTxn }: Capture,
  grand: number,
  tables: Set<string>,
): Promise<void> {
  if (auth) {
    await db.query('UPDATE sales_payment_transaction SET is_closed = 1 WHERE transaction_id = ?', [
      Number(auth['transaction_id']),
    ]);
  }
  if (payment) {
    await db.query(
      `UPDATE sales_order_payment SET amount_paid = amount_ordered, base_amount_paid = base_amount_ordered,
         shipping_captured = shipping_amount, base_shipping_captured = base_shipping_amount,
         base_amount_paid_online = ?, last_trans_id = COALESCE(?, last_trans_id) WHERE entity_id = ?`,
      [auth ? grand : null, captureTxn, Number(payment['entity_id'])],
    );
    tables.add('sales_order_payment');
  }
  await db.query(
    `UPDATE sales_order_item SET qty_invoiced = qty_ordered - qty_canceled, row_invoiced = row_total,
       base_row_invoiced = base_row_total, tax_invoiced = tax_amount, base_tax_invoiced = base_tax_amount,
       discount_invoiced = discount_amount, base_discount_invoiced = base_discount_amount,
       discount_tax_compensation_invoiced = discount_tax_compensation_amount,
       base_discount_tax_compensation_invoiced = base_discount_tax_compensation_amount, updated_at = UTC_TIMESTAMP()
     WHERE order_id = ?`,
    [orderId],
  );
  await db.query(
    `UPDATE sales_order SET state = ?, status = ?, subtotal_invoiced = subtotal, base_subtotal_invoiced = base_subtotal,
       tax_invoiced = tax_amount, base_tax_invoiced = base_tax_amount, shipping_invoiced = shipping_amount,
       base_shipping_invoiced = base_shipping_amount, discount_invoiced = discount_amount,
       base_discount_invoiced = base_discount_amount, total_invoiced = grand_total,
       base_total_invoiced = base_grand_total, total_paid = grand_total, base_total_paid = base_grand_total,
       total_due = 0, base_total_due = 0, base_total_invoiced_cost = 0, discount_tax_compensation_invoiced = 0,
       base_discount_tax_compensation_invoiced = 0, updated_at = UTC_TIMESTAMP()
     WHERE entity_id = ?`,
    [state, state, orderId],
  );
}
