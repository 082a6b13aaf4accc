/**
 * Inventory freshness under orders: the real pipeline (inventory-feed, the exporter, the bundled receiver) on the
 * catalog `./dev up` seeded (CDE_SEED, with MSI), onboarded first; then stock updates and placed orders (MSI
 * reservations) at a steady rate. Per SKU changed, its last change's commit → the receiver holding its items, and
 * what the SaaS spent: requests per 1,000 stock changes.
 *
 *   ./dev bench inventory [--rate 20] [--duration 60] [--receiver-rate 0]
 *
 * The exporter keeps its default request rate (CDE_EXPORT_MAX_RPS, Adobe's 2/s), so hot SKUs are coalesced
 * into the latest state per request rather than sent once per change.
 */
import { Command } from 'commander';
import { createConnection, type RowDataPacket } from 'mysql2/promise';
import type { FeedName } from '@cde/contracts';
import { runChangeWorkload, type ChangeKind, type ChangeRecord } from '@cde/testing/commerce-db';
import { loadRuntimeConfig } from '@cde/testing/runtime';
import { Pipeline } from '../../apps/pipeline-e2e/src/pipeline-harness';
import { positive } from '../cli-options';
import { BenchReport } from './lib/bench-report';
import { percentile } from './lib/percentile';
import { waitDrained, waitOnboarded } from './lib/pipeline-wait';

const FEEDS: readonly FeedName[] = ['inventoryStockStatus'];

/** Stock updates and orders only: the changes that move stock. */
const STOCK_MIX: Record<ChangeKind, number> = {
  price: 0,
  stock: 25,
  'store-view-name': 0,
  'category-move': 0,
  'new-product': 0,
  'delete-product': 0,
  'website-unassign': 0,
  'new-order': 15,
  invoice: 0,
  shipment: 0,
};

interface Options {
  readonly rate: number;
  readonly durationS: number;
  readonly receiverRate: number;
}

async function bench(o: Options): Promise<void> {
  const { commerceDb } = loadRuntimeConfig();
  const report = new BenchReport('inventory', `${o.rate}-per-s`);
  const pipeline = new Pipeline({
    feedService: 'inventory-feed',
    feeds: FEEDS,
    // Info level: the harness waits for each service's "joined the consumer group" line.
    receiverEnv: { CDE_RECEIVER_RATE_LIMIT: String(o.receiverRate) },
  });
  const shop = await createConnection({ ...commerceDb, user: 'root', charset: 'utf8mb4' });
  try {
    await pipeline.start();
    await waitOnboarded(pipeline, FEEDS, 30 * 60_000);
    const before = await counters(pipeline);
    const startedAt = Date.now();
    const records = await runChangeWorkload(shop, {
      ratePerSecond: o.rate,
      maxChanges: Math.ceil(o.rate * o.durationS),
      maxDurationMs: o.durationS * 1000,
      mix: STOCK_MIX,
    });
    const workloadS = (Date.now() - startedAt) / 1000;
    const drained = await waitDrained(pipeline, FEEDS, 10 * 60_000);
    const after = await counters(pipeline);
    const changes = await skuChanges(pipeline, records);
    const delays = receiverDelays(changes, await receiverArrivals(pipeline, new Date(startedAt - 1000)));
    const requests = after.requests - before.requests;
    const items = after.items - before.items;
    const orders = records.filter((r) => r.kind === 'new-order').length;
    report.row('commit → receiver', {
      skus: delays.length,
      'p50 ms': percentile(delays, 50),
      'p95 ms': percentile(delays, 95),
      'p99 ms': percentile(delays, 99),
      'max ms': percentile(delays, 100),
    });
    report.row('SaaS cost', {
      requests,
      items,
      'items/request': items / Math.max(requests, 1),
      'req/1000 changes': (requests * 1000) / Math.max(records.length, 1),
    });
    report.note(
      `${records.length} stock changes (${orders} orders) in ${workloadS.toFixed(1)} s ` +
        `(${(records.length / workloadS).toFixed(1)}/s) over ${new Set(changes.map((c) => c.sku)).size} SKUs; ` +
        `receiver rate limit ${o.receiverRate || 'off'}` +
        (drained ? '' : '; NOT drained within 10 min'),
    );
    report.ratio('receiver.p50.s', percentile(delays, 50) / 1000);
    report.ratio('receiver.p99.s', percentile(delays, 99) / 1000);
    report.ratio('requests/1000 changes', (requests * 1000) / Math.max(records.length, 1));
    report.print();
    report.save('p99 ms');
  } finally {
    await pipeline.stop();
    await shop.end();
  }
}

interface SkuChange {
  readonly sku: string;
  readonly committedAt: number;
}

/** The SKUs each change moved: a stock update names its SKU; an order, the SKUs of its reservations. */
async function skuChanges(pipeline: Pipeline, records: readonly ChangeRecord[]): Promise<SkuChange[]> {
  const orders = records.filter((r) => r.kind === 'new-order');
  const orderIds = orders.map((r) => String(r.entityIds[0]));
  const [rows] =
    orderIds.length === 0
      ? [[] as RowDataPacket[]]
      : await pipeline.shop.query<RowDataPacket[]>(
          `SELECT sku, JSON_VALUE(metadata, '$.object_id') AS order_id FROM inventory_reservation
            WHERE JSON_VALUE(metadata, '$.event_type') = 'order_placed'
              AND JSON_VALUE(metadata, '$.object_id') IN (?)`,
          [orderIds],
        );
  const skusOfOrder = new Map<string, string[]>();
  for (const r of rows)
    skusOfOrder.set(String(r['order_id']), [
      ...(skusOfOrder.get(String(r['order_id'])) ?? []),
      String(r['sku']),
    ]);
  return records.flatMap((r) => {
    const committedAt = r.committedAt.getTime();
    const skus =
      r.kind === 'new-order'
        ? (skusOfOrder.get(String(r.entityIds[0])) ?? [])
        : r.entityIds.filter((id): id is string => typeof id === 'string');
    return skus.map((sku) => ({ sku, committedAt }));
  });
}

interface Arrival {
  readonly sku: string;
  readonly receivedAt: number;
}

async function receiverArrivals(pipeline: Pipeline, since: Date): Promise<Arrival[]> {
  const [rows] = await pipeline.shop.query<RowDataPacket[]>(
    `SELECT JSON_VALUE(item, '$.sku') AS sku, received_at
       FROM \`${pipeline.receiverDb}\`.feed_items WHERE feed IN (?) AND received_at >= ?`,
    [FEEDS, since],
  );
  return rows.map((r) => ({
    sku: String(r['sku']),
    receivedAt: new Date(r['received_at'] as Date | string).getTime(),
  }));
}

/**
 * Per SKU changed: its last change's commit → the last of its items the receiver accepted after that commit
 * (the receiver keeps the latest arrival of an item). SKUs whose items did not change send nothing: left out.
 */
function receiverDelays(changes: readonly SkuChange[], arrivals: readonly Arrival[]): number[] {
  const lastChange = new Map<string, number>();
  for (const c of changes) lastChange.set(c.sku, Math.max(lastChange.get(c.sku) ?? 0, c.committedAt));
  const lastArrival = new Map<string, number>();
  for (const a of arrivals) {
    const committed = lastChange.get(a.sku);
    if (committed === undefined || a.receivedAt < committed) continue;
    lastArrival.set(a.sku, Math.max(lastArrival.get(a.sku) ?? 0, a.receivedAt));
  }
  return [...lastArrival].map(([sku, at]) => at - (lastChange.get(sku) ?? at));
}

async function counters(pipeline: Pipeline): Promise<{ requests: number; items: number }> {
  const [rows] = await pipeline.shop.query<RowDataPacket[]>(
    `SELECT COALESCE(SUM(requests), 0) AS requests, COALESCE(SUM(accepted_items), 0) AS items
       FROM \`${pipeline.receiverDb}\`.feed_counters WHERE feed IN (?)`,
    [FEEDS],
  );
  return { requests: Number(rows[0]?.['requests'] ?? 0), items: Number(rows[0]?.['items'] ?? 0) };
}

new Command()
  .name('bench inventory')
  .option('--rate <n>', 'stock changes per second', positive, 20)
  .option('--duration <s>', 'seconds of changes', positive, 60)
  .option('--receiver-rate <n>', "the receiver's requests/s limit (0: off)", (v) => Number(v), 0)
  .action(async (options: { rate: number; duration: number; receiverRate: number }) => {
    if (!Number.isInteger(options.receiverRate) || options.receiverRate < 0)
      throw new Error('--receiver-rate must be a whole number ≥ 0');
    await bench({ rate: options.rate, durationS: options.duration, receiverRate: options.receiverRate });
  })
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    process.stderr.write(`bench inventory: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
