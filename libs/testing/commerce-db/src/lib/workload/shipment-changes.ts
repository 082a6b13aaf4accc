import type { RowDataPacket } from 'mysql2/promise';
import {
  rowOf,
  SHIPMENT_COLUMNS,
  SHIPMENT_ITEM_COLUMNS,
  SHIPMENT_TRACK_COLUMNS,
  sqlTime,
  type RowOut,
} from '../generator/sales-order-columns';
import { randomCarrier } from '../generator/sales-random';
import { historyRow, lockOrderFrom, num, refreshOrderGrid, type LockedOrder } from './sales-changes';
import type { WorkloadDb } from './workload-db';
import { skip, type ChangeOutcome, type ChangeSkip } from './workload-types';

/** What is left to ship of an order item. */
const remaining = (i: RowDataPacket): number =>
  num(i['qty_ordered']) - num(i['qty_shipped']) - num(i['qty_refunded']) - num(i['qty_canceled']);

/**
 * Ships everything left to ship of an invoiced order: shipment, items, a tracking number, the order complete.
 * With MSI the shipment deducts the default source and compensates the order's reservation, as Magento does.
 */
export async function shipOrder(db: WorkloadDb): Promise<ChangeOutcome | ChangeSkip> {
  if (!db.has('sales_shipment')) return skip('no sales tables');
  const locked = await lockShippableOrder(db);
  if (!locked) return skip('no invoiced order with something to ship');
  const { order, items } = locked;
  const orderId = Number(order['entity_id']);
  const storeId = Number(order['store_id']);
  const incrementId = await db.nextIncrementId('shipment', storeId);
  if (!incrementId) return skip(`no shipment sequence table for store ${storeId}`);
  const tables = new Set(['sales_shipment', 'sales_shipment_item', 'sales_shipment_track', 'sales_order']);
  tables.add(db.sequences.get(`shipment:${storeId}`)!.table);
  const shipped = items.filter((i) => num(i['is_virtual']) === 0 && remaining(i) > 0);
  await db.insertRows(shipmentRows(db, order, shipped, incrementId));
  tables.add('sales_order_status_history');
  await db.query(
    `UPDATE sales_order_item SET qty_shipped = qty_ordered - qty_refunded - qty_canceled, updated_at = UTC_TIMESTAMP()
      WHERE order_id = ? AND is_virtual = 0`,
    [orderId],
  );
  tables.add('sales_order_item');
  await db.query(
    "UPDATE sales_order SET state = 'complete', status = 'complete', updated_at = UTC_TIMESTAMP() WHERE entity_id = ?",
    [orderId],
  );
  await deductShippedStock(db, order, shipped, tables);
  await refreshOrderGrid(db, orderId, tables);
  return { entityIds: [orderId], tables: [...tables], storeId };
}

/** An invoiced physical order with something left to ship (a few tries: the queue may hold shipped ones). */
async function lockShippableOrder(db: WorkloadDb): Promise<LockedOrder | undefined> {
  let locked: LockedOrder | undefined;
  for (let attempt = 0; attempt < 5 && !locked; attempt++) {
    const candidate = await lockOrderFrom(
      db,
      db.toShip,
      (o) => o['state'] === 'processing' && o['total_invoiced'] !== null && num(o['is_virtual']) === 0,
    );
    if (!candidate) break;
    if (candidate.items.some((i) => num(i['is_virtual']) === 0 && remaining(i) > 0)) locked = candidate;
  }
  return locked;
}

/** The shipment, its items, its tracking number and the order's history row. */
function shipmentRows(
  db: WorkloadDb,
  order: RowDataPacket,
  shipped: readonly RowDataPacket[],
  incrementId: string,
): RowOut[] {
  const orderId = Number(order['entity_id']);
  const storeId = Number(order['store_id']);
  const now = sqlTime(new Date());
  const shipmentId = db.ids.next('sales_shipment');
  const rows: RowOut[] = [
    rowOf('sales_shipment', SHIPMENT_COLUMNS, {
      entity_id: shipmentId,
      store_id: storeId,
      total_qty: shipped.filter((i) => i['parent_item_id'] === null).reduce((a, i) => a + remaining(i), 0),
      email_sent: 1,
      send_email: 1,
      order_id: orderId,
      customer_id: order['customer_id'] as number | null,
      shipping_address_id: order['shipping_address_id'] as number | null,
      billing_address_id: order['billing_address_id'] as number | null,
      increment_id: incrementId,
      created_at: now,
      updated_at: now,
      packages: '[]',
      customer_note_notify: 1,
    }),
  ];
  for (const i of shipped) {
    rows.push(
      rowOf('sales_shipment_item', SHIPMENT_ITEM_COLUMNS, {
        entity_id: db.ids.next('sales_shipment_item'),
        parent_id: shipmentId,
        price: num(i['price']),
        weight: num(i['weight']),
        qty: remaining(i),
        product_id: Number(i['product_id']),
        order_item_id: Number(i['item_id']),
        name: String(i['name']),
        sku: String(i['sku']),
      }),
    );
  }
  const carrier = randomCarrier(db.random);
  rows.push(
    rowOf('sales_shipment_track', SHIPMENT_TRACK_COLUMNS, {
      entity_id: db.ids.next('sales_shipment_track'),
      parent_id: shipmentId,
      order_id: orderId,
      track_number: carrier.trackNumber,
      title: carrier.carrierTitle,
      carrier_code: carrier.carrierCode,
      created_at: now,
      updated_at: now,
    }),
    historyRow(db, orderId, 'complete', null, 'shipment'),
  );
  return rows;
}

/** Stock leaves the warehouse: with MSI, a compensating reservation and the default source deducted. */
async function deductShippedStock(
  db: WorkloadDb,
  order: RowDataPacket,
  shipped: readonly RowDataPacket[],
  tables: Set<string>,
): Promise<void> {
  const orderId = Number(order['entity_id']);
  const storeId = Number(order['store_id']);
  // Stock leaves the warehouse: simple lines and configurable children (not the configurable parent line).
  const stockLines = shipped.filter((i) => i['product_type'] !== 'configurable');
  if (db.hasMsi && db.has('inventory_reservation') && stockLines.length > 0) {
    const store = db.stores.find((s) => s.id === storeId);
    const stockId = (store && db.stockOfWebsite.get(store.websiteId)) ?? 1;
    const metadata = JSON.stringify({
      event_type: 'shipment_created',
      object_type: 'order',
      object_id: String(orderId),
      object_increment_id: String(order['increment_id']),
    });
    await db.query('INSERT INTO inventory_reservation (stock_id, sku, quantity, metadata) VALUES ?', [
      stockLines.map((i) => [stockId, String(i['sku']), remaining(i), metadata]),
    ]);
    for (const i of stockLines) {
      await db.query(
        'UPDATE inventory_source_item SET quantity = quantity - ? WHERE source_code = ? AND sku = ?',
        [remaining(i), db.defaultSourceCode, String(i['sku'])],
      );
      if (db.has('cataloginventory_stock_item')) {
        await db.query(
          'UPDATE cataloginventory_stock_item SET qty = qty - ? WHERE product_id = ? AND stock_id = 1',
          [remaining(i), Number(i['product_id'])],
        );
      }
    }
    tables.add('inventory_reservation');
    tables.add('inventory_source_item');
    if (db.has('cataloginventory_stock_item')) tables.add('cataloginventory_stock_item');
  }
}
