import { ORDER_MINIMAL_PAYLOAD, type ResyncIdType } from '@cde/contracts';
import {
  collectEach,
  defineFeed,
  type CollectedItem,
  type FeedContext,
  type FeedReader,
} from '@cde/feed-engine';
import { idsOf, type ChangeEvent } from '@cde/platform/cdc';
import { queryIds, type CommerceDb } from '@cde/platform/commerce-db';
import { EntityUuidRepository } from '@cde/platform/feed-state';
import { assembleOrderItem, type AssembledOrderItem } from './assemble-order-items';
import { readOrderRows } from './order-reads';
import type { OrderRows, UuidOf, UuidType } from './order-rows';

/** The original's fullReIndexSecondsLimit: a full resync takes the orders updated in the last 7 days. */
export const DEFAULT_ORDERS_FULL_RESYNC_DAYS = 7;

export interface OrdersFeedOptions {
  /** A full sync lists only orders updated within this many days; 0 lists every order. */
  readonly fullResyncDays: number;
}

/** Each entity's UUID type and the ids of that type in a batch of orders. */
function entitiesOf(rows: readonly OrderRows[]): Record<UuidType, string[]> {
  return {
    order: rows.map((r) => String(r.order.entity_id)),
    order_item: rows.flatMap((r) => r.lines.map((l) => String(l.item_id))),
    credit_memo: rows.flatMap((r) => r.creditMemos.map((c) => String(c.entity_id))),
    shipment: rows.flatMap((r) => r.shipments.map((s) => String(s.entity_id))),
  };
}

/** Gives every entity of these orders its UUID (first sight) and returns the lookup the assembler uses. */
export async function assignOrderUuids(
  uuids: EntityUuidRepository,
  rows: readonly OrderRows[],
): Promise<{ uuidOf: UuidOf; created: number }> {
  const entities = entitiesOf(rows);
  const types = Object.keys(entities) as UuidType[];
  const assigned = await Promise.all(types.map((type) => uuids.assign(type, entities[type])));
  const byType = new Map(types.map((type, i) => [type, assigned[i]!.uuids]));
  return {
    uuidOf: (type, id) => byType.get(type)?.get(String(id)),
    created: assigned.reduce((n, a) => n + a.created, 0),
  };
}

class OrdersReader implements FeedReader<AssembledOrderItem & { deleted?: boolean }> {
  constructor(
    private readonly db: CommerceDb,
    private readonly uuids: EntityUuidRepository,
    private readonly options: OrdersFeedOptions,
  ) {}

  private window(): { sql: string; params: number[] } {
    return this.options.fullResyncDays > 0
      ? { sql: 'AND updated_at >= UTC_TIMESTAMP() - INTERVAL ? DAY', params: [this.options.fullResyncDays] }
      : { sql: '', params: [] };
  }

  async listEntityIds(after: string, limit: number): Promise<string[]> {
    const { sql, params } = this.window();
    const rows = await this.db.query<{ id: string | number }>(
      `SELECT entity_id AS id FROM sales_order WHERE entity_id > ? ${sql} ORDER BY entity_id LIMIT ?`,
      [/^\d+$/.test(after) ? after : '0', ...params, limit],
    );
    return rows.map((r) => String(r.id));
  }

  async countEntities(): Promise<number> {
    const { sql, params } = this.window();
    const [row] = await this.db.query<{ n: string | number }>(
      `SELECT COUNT(*) AS n FROM sales_order WHERE 1 = 1 ${sql}`,
      params,
    );
    return Number(row?.n ?? 0);
  }

  async collect(
    ids: readonly string[],
  ): Promise<CollectedItem<AssembledOrderItem & { deleted?: boolean }>[]> {
    const rows = await readOrderRows(this.db, ids);
    const { uuidOf } = await assignOrderUuids(this.uuids, rows);
    return collectEach(
      rows,
      (r) => String(r.order.entity_id),
      (r) => [assembleOrderItem(r, uuidOf)],
    );
  }

  /** By commerceOrderId (`id`), or by order number (increment id, the default). */
  async resolveIds(
    values: readonly string[],
    idType: ResyncIdType,
  ): Promise<{ ids: string[]; unknown: string[] }> {
    const column = idType === 'id' ? 'entity_id' : 'increment_id';
    const rows = await this.db.query<{ id: string | number; value: string | number }>(
      `SELECT entity_id AS id, ${column} AS value FROM sales_order WHERE ${column} IN (?)`,
      [values.length > 0 ? [...values] : ['']],
    );
    const found = new Set(rows.map((r) => String(r.value)));
    return { ids: rows.map((r) => String(r.id)), unknown: values.filter((v) => !found.has(v)) };
  }
}

/** The order of a document's child row (an invoice, shipment or credit memo item or comment). */
const viaParent =
  (parentTable: 'sales_invoice' | 'sales_shipment' | 'sales_creditmemo') =>
  async (event: ChangeEvent, db: CommerceDb): Promise<string[]> => {
    const parents = idsOf(event, 'parent_id');
    return parents.length === 0
      ? []
      : queryIds(db, `SELECT order_id AS id FROM ${parentTable} WHERE entity_id IN (?)`, parents);
  };

const byColumn = (column: string) => (event: ChangeEvent) => idsOf(event, column);

/**
 * orders: one OrderV2 item per sales order. Every sales table an item shows re-publishes exactly its order.
 * Orders are never deleted (not removable); the binlog does carry the cascades of an order's deletion, but the
 * original never sends one, and neither do we.
 */
export function ordersFeed(options: OrdersFeedOptions = { fullResyncDays: DEFAULT_ORDERS_FULL_RESYNC_DAYS }) {
  return defineFeed({
    feed: 'orders',
    minimalPayload: ORDER_MINIMAL_PAYLOAD,
    timestampField: 'updatedAt',
    hash: {},
    connect: (db: CommerceDb, context?: FeedContext) => {
      if (!context)
        throw new Error('the orders feed keeps entity UUIDs in the feed state: connect it with one');
      return {
        reader: new OrdersReader(db, new EntityUuidRepository(context.feedState), options),
        changes: db,
      };
    },
    sources: {
      sales_order: byColumn('entity_id'),
      sales_order_item: byColumn('order_id'),
      sales_order_address: byColumn('parent_id'),
      sales_order_payment: byColumn('parent_id'),
      sales_order_status_history: byColumn('parent_id'),
      sales_order_tax: byColumn('order_id'),
      sales_invoice: byColumn('order_id'),
      sales_invoice_item: viaParent('sales_invoice'),
      sales_shipment: byColumn('order_id'),
      sales_shipment_item: viaParent('sales_shipment'),
      sales_shipment_track: byColumn('order_id'),
      sales_creditmemo: byColumn('order_id'),
      sales_creditmemo_item: viaParent('sales_creditmemo'),
      sales_creditmemo_comment: viaParent('sales_creditmemo'),
      sales_payment_transaction: byColumn('order_id'),
    },
  });
}

/** The orders feed with the original's 7-day full-sync window. */
export const ORDERS_FEED = ordersFeed();

/** The feeds of orders-feed. */
export const ORDER_FEEDS = [ORDERS_FEED];
