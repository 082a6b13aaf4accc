/**
 * `cde orders link`: the original's `commerce-data-export:orders:link`. Gives a UUID to every order, order item,
 * credit memo and shipment that has none (in the feed state's data_exporter_uuid), for historical orders, in
 * batches, with the original's filters: state, created from/to, batch size. Safe to run beside the services and
 * again: a UUID once given never changes.
 */
import { commerceDbConfigFrom, commerceDbEnvSchema, CommerceDb, queryIds } from '@cde/platform/commerce-db';
import {
  EntityUuidRepository,
  feedStateDbConfigFrom,
  feedStateEnvSchema,
  openFeedStateDataSource,
} from '@cde/platform/feed-state';
import { formatElapsed } from '@cde/platform/observability';
import { parseEnv } from '@cde/platform/service';
import type { Command } from 'commander';

/** What `orders link` reads: the Commerce DB (read only) and the feed state, where the UUIDs live. */
export const ordersLinkEnvSchema = commerceDbEnvSchema.extend(feedStateEnvSchema.shape);

export class OrdersLinkUsageError extends Error {}

export interface OrdersLinkFilters {
  /** sales_order.state values (new, processing, complete…); empty for every state. */
  readonly states: readonly string[];
  /** created_at bounds, inclusive, as 'YYYY-MM-DD[ HH:MM:SS]' in UTC. */
  readonly from?: string;
  readonly to?: string;
  readonly batchSize: number;
}

export interface OrdersLinkFlags {
  readonly state?: string;
  readonly from?: string;
  readonly to?: string;
  readonly batchSize: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}(:\d{2})?)?$/;

export function parseOrdersLinkFlags(flags: OrdersLinkFlags): OrdersLinkFilters {
  const batchSize = Number(flags.batchSize);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100_000)
    throw new OrdersLinkUsageError(
      `--batch-size must be a whole number from 1 to 100000, not "${flags.batchSize}"`,
    );
  for (const [name, value] of [
    ['--from', flags.from],
    ['--to', flags.to],
  ] as const)
    if (value !== undefined && !DATE.test(value))
      throw new OrdersLinkUsageError(
        `${name} must be a date, YYYY-MM-DD or "YYYY-MM-DD HH:MM:SS", not "${value}"`,
      );
  const states = (flags.state ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  for (const s of states)
    if (!/^[a-z_]{1,32}$/.test(s))
      throw new OrdersLinkUsageError(`--state values are order states, not "${s}"`);
  return {
    states,
    batchSize,
    ...(flags.from !== undefined ? { from: flags.from } : {}),
    ...(flags.to !== undefined ? { to: flags.to.length === 10 ? `${flags.to} 23:59:59` : flags.to } : {}),
  };
}

export interface LinkProgress {
  readonly orders: number;
  readonly total: number;
  /** UUIDs given so far (those that had one are not counted). */
  readonly created: number;
}

/** The filters as SQL conditions on sales_order and their parameters. */
function where(filters: OrdersLinkFilters): { sql: string; params: (string | string[])[] } {
  const parts: string[] = [];
  const params: (string | string[])[] = [];
  if (filters.states.length > 0) {
    parts.push('state IN (?)');
    params.push([...filters.states]);
  }
  if (filters.from !== undefined) {
    parts.push('created_at >= ?');
    params.push(filters.from);
  }
  if (filters.to !== undefined) {
    parts.push('created_at <= ?');
    params.push(filters.to);
  }
  return { sql: parts.map((p) => `AND ${p} `).join(''), params };
}

/** Links every order the filters select, batch by batch in id order; reports after each batch. */
export async function linkOrders(
  db: CommerceDb,
  uuids: EntityUuidRepository,
  filters: OrdersLinkFilters,
  onBatch: (progress: LinkProgress) => void = () => undefined,
): Promise<LinkProgress> {
  const { sql, params } = where(filters);
  const [count] = await db.query<{ n: string | number }>(
    `SELECT COUNT(*) AS n FROM sales_order WHERE 1 = 1 ${sql}`,
    params,
  );
  const total = Number(count?.n ?? 0);
  let progress: LinkProgress = { orders: 0, total, created: 0 };
  let after = '0';
  for (let batch = 0; batch <= total / filters.batchSize + 1; batch++) {
    const rows = await db.query<{ id: string | number }>(
      `SELECT entity_id AS id FROM sales_order WHERE entity_id > ? ${sql}ORDER BY entity_id LIMIT ?`,
      [after, ...params, filters.batchSize],
    );
    const orders = rows.map((r) => String(r.id));
    if (orders.length === 0) break;
    const [items, memos, shipments] = await Promise.all([
      queryIds(db, 'SELECT item_id AS id FROM sales_order_item WHERE order_id IN (?)', orders),
      queryIds(db, 'SELECT entity_id AS id FROM sales_creditmemo WHERE order_id IN (?)', orders),
      queryIds(db, 'SELECT entity_id AS id FROM sales_shipment WHERE order_id IN (?)', orders),
    ]);
    const given = await Promise.all([
      uuids.assign('order', orders),
      uuids.assign('order_item', items),
      uuids.assign('credit_memo', memos),
      uuids.assign('shipment', shipments),
    ]);
    progress = {
      orders: progress.orders + orders.length,
      total,
      created: progress.created + given.reduce((n, g) => n + g.created, 0),
    };
    onBatch(progress);
    after = orders[orders.length - 1]!;
  }
  return progress;
}

async function run(flags: OrdersLinkFlags, out: (line: string) => void): Promise<number> {
  const filters = parseOrdersLinkFlags(flags);
  const env = parseEnv('cde orders link', ordersLinkEnvSchema, process.env);
  const db = CommerceDb.connect(commerceDbConfigFrom(env));
  const state = await openFeedStateDataSource(feedStateDbConfigFrom(env), 4);
  const started = Date.now();
  try {
    const done = await linkOrders(db, new EntityUuidRepository(state), filters, (p) => {
      const pct = p.total === 0 ? 100 : Math.floor((p.orders * 100) / p.total);
      const elapsed = Date.now() - started;
      const eta = p.orders === 0 ? 0 : Math.round((elapsed * (p.total - p.orders)) / p.orders);
      out(`orders: ${p.orders}/${p.total} (${pct}%), ${p.created} UUIDs given, ETA ${formatElapsed(eta)}`);
    });
    out(
      `linked ${done.orders} orders, ${done.created} UUIDs given, in ${formatElapsed(Date.now() - started)}`,
    );
    return 0;
  } finally {
    await db.close();
    await state.destroy();
  }
}

/** Adds `orders link` to the program. */
export function addOrdersCommands(program: Command, out: (line: string) => void): void {
  program
    .command('orders')
    .description('Sales orders: UUIDs for historical orders')
    .command('link')
    .description('Give UUIDs to historical orders, items, credit memos and shipments, like orders:link')
    .option('-s, --state <states>', 'only orders in these states (comma-separated, e.g. complete,closed)')
    .option('-f, --from <date>', 'only orders created at or after (YYYY-MM-DD[ HH:MM:SS], UTC)')
    .option('-t, --to <date>', 'only orders created at or before (a date alone means its whole day)')
    .option('-b, --batch-size <n>', 'orders per batch', '10000')
    .action(async (flags: OrdersLinkFlags) => {
      process.exitCode = await run(flags, out);
    });
}
