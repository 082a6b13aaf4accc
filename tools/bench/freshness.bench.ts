/**
 * Freshness under the change workload: the real pipeline (products-feed, the exporter, the bundled receiver) on
 * the catalog `./dev up` seeded (CDE_SEED), onboarded first; then Magento-like changes at a steady rate. For every
 * change, Debezium's own delay (commit → its change event on Kafka) and the pipeline's (commit → the receiver
 * holding the changed items) in the same run, and what the SaaS spent: requests and items per request.
 *
 *   ./dev bench freshness [--rate 100] [--duration 60] [--receiver-rate 0] [--feeds products]
 *
 * Targets (issue 17): commit → receiver p99 ≤ 3× Debezium's p99 and ≤ 3 s with the rate limit off; with it on
 * (--receiver-rate 2), items per request ≥ 99 % of the batch size while a backlog exists.
 */
import { Command } from 'commander';
import { Kafka, logLevel } from 'kafkajs';
import { createConnection, type RowDataPacket } from 'mysql2/promise';
import { FEEDS, type FeedName } from '@cde/contracts';
import { decodeChangeEvent, tableTopic, type CdcRow } from '@cde/platform/cdc';
import { runChangeWorkload, type ChangeKind, type ChangeRecord } from '@cde/testing/commerce-db';
import { loadRuntimeConfig } from '@cde/testing/runtime';
import { Pipeline } from '../../apps/pipeline-e2e/src/pipeline-harness';
import { positive } from '../cli-options';
import { BenchReport } from './lib/bench-report';
import { UNLIMITED_EXPORTER_ENV } from './lib/onboarding';
import { percentile } from './lib/percentile';
import { waitDrained, waitOnboarded } from './lib/pipeline-wait';

interface Options {
  readonly rate: number;
  readonly durationS: number;
  readonly receiverRate: number;
  readonly feeds: readonly FeedName[];
}

/** Catalog changes only: orders, invoices and shipments reach no catalog feed. */
const CATALOG_MIX: Partial<Record<ChangeKind, number>> = {
  'new-order': 0,
  invoice: 0,
  shipment: 0,
  // One rename re-sends every item of a store view: a fan-out, measured by the full-sync bench, not here.
  'store-view-name': 0,
};

/** Changes whose entity ids are product ids (a category move names categories). */
const PRODUCT_CHANGES: ReadonlySet<ChangeKind> = new Set([
  'price',
  'stock',
  'new-product',
  'website-unassign',
]);

/** Row columns that name the entity a workload change touched. */
const ENTITY_COLUMNS = ['entity_id', 'product_id', 'parent_id', 'sku', 'category_id'] as const;

/** A change event seen on Kafka: its table, the entity values of its row, and the broker's timestamp. */
interface CdcSighting {
  readonly table: string;
  readonly entities: ReadonlySet<string>;
  readonly at: number;
}

async function bench(o: Options): Promise<void> {
  const { commerceDb, kafkaBrokers } = loadRuntimeConfig();
  const report = new BenchReport('freshness', `${o.rate}/s`);
  const pipeline = new Pipeline({
    feedService: 'products-feed',
    feeds: o.feeds,
    feedServiceEnv: { CDE_FEEDS: o.feeds.join(',') },
    exporterEnv: { ...(o.receiverRate === 0 ? UNLIMITED_EXPORTER_ENV : {}) },
    receiverEnv: { CDE_RECEIVER_RATE_LIMIT: String(o.receiverRate) },
  });
  const kafka = new Kafka({
    clientId: 'bench-freshness',
    brokers: [...kafkaBrokers],
    logLevel: logLevel.NOTHING,
  });
  const consumer = kafka.consumer({ groupId: `${pipeline.tag}-bench-cdc` });
  const sightings: CdcSighting[] = [];
  const shop = await createConnection({ ...commerceDb, user: 'root', charset: 'utf8mb4' });
  try {
    await pipeline.start();
    await waitOnboarded(pipeline, o.feeds, 30 * 60_000);
    const before = await counters(pipeline, o.feeds);
    await consumer.connect();
    const admin = kafka.admin();
    await admin.connect();
    const topics = await admin.listTopics().finally(() => admin.disconnect());
    const prefix = tableTopic(commerceDb.database, '');
    await consumer.subscribe({ topics: topics.filter((t) => t.startsWith(prefix)), fromBeginning: false });
    const joined = joinedGroup(consumer, 240_000);
    joined.catch(() => undefined); // awaited below; not unhandled if an earlier step fails
    await consumer.run({
      eachMessage: ({ topic, message }) => {
        const sighting = sightingOf(topic, message.key, message.value, Number(message.timestamp));
        if (sighting) sightings.push(sighting);
        return Promise.resolve();
      },
    });
    // The consumer's first assignment takes a moment; changes before it would be missed.
    await joined;
    const startedAt = Date.now();
    const records = await runChangeWorkload(shop, {
      ratePerSecond: o.rate,
      maxChanges: Math.ceil(o.rate * o.durationS),
      maxDurationMs: o.durationS * 1000,
      mix: CATALOG_MIX,
    });
    const workloadS = (Date.now() - startedAt) / 1000;
    const drained = await waitDrained(pipeline, o.feeds, 10 * 60_000);
    const after = await counters(pipeline, o.feeds);
    const arrivals = await receiverArrivals(pipeline, o.feeds, new Date(startedAt - 1000));
    const capture = captureDelays(records, sightings);
    const endToEnd = receiverDelays(records, arrivals);
    const requests = after.requests - before.requests;
    const items = after.items - before.items;
    row(report, 'commit → Kafka (Debezium)', capture);
    row(report, 'commit → receiver', endToEnd);
    report.note(
      `${records.length} changes in ${workloadS.toFixed(1)} s (${(records.length / workloadS).toFixed(1)}/s); ` +
        `${endToEnd.length} with items to send; receiver rate limit ${o.receiverRate || 'off'}` +
        (drained ? '' : '; NOT drained within 10 min'),
    );
    const batch = FEEDS[o.feeds[0] ?? 'products'].defaultBatchSize;
    report.row('SaaS cost', {
      requests,
      items,
      'items/request': items / Math.max(requests, 1),
      'req/1000 changes': (requests * 1000) / Math.max(records.length, 1),
    });
    const p99Capture = percentile(capture, 99);
    const p99EndToEnd = percentile(endToEnd, 99);
    if (p99Capture > 0) report.ratio('receiver.p99/debezium.p99', p99EndToEnd / p99Capture);
    report.ratio('receiver.p99.s', p99EndToEnd / 1000);
    report.ratio('items/request÷batch', items / Math.max(requests, 1) / batch);
    report.print();
    report.save('p99 ms');
  } finally {
    await consumer.disconnect().catch(() => undefined);
    await pipeline.stop();
    await shop.end();
  }
}

function row(report: BenchReport, name: string, delays: readonly number[]): void {
  report.row(name, {
    changes: delays.length,
    'p50 ms': percentile(delays, 50),
    'p95 ms': percentile(delays, 95),
    'p99 ms': percentile(delays, 99),
    'max ms': percentile(delays, 100),
  });
}

function sightingOf(
  topic: string,
  key: Buffer | null,
  value: Buffer | null,
  at: number,
): CdcSighting | undefined {
  try {
    const decoded = decodeChangeEvent({ topic, key, value });
    if (decoded.kind !== 'change') return undefined;
    const rows: CdcRow[] = [];
    if ('after' in decoded && decoded.after) rows.push(decoded.after);
    if ('before' in decoded && decoded.before) rows.push(decoded.before);
    const entities = new Set<string>();
    for (const r of rows)
      for (const column of ENTITY_COLUMNS) {
        const v = r[column];
        if (v !== null && v !== undefined) entities.add(`${column}:${String(v)}`);
      }
    return { table: decoded.source.table, entities, at };
  } catch {
    // A tombstone or a heartbeat: nothing to time.
    return undefined;
  }
}

/** Per change: the first change event of one of its tables naming one of its entities, after its commit. */
function captureDelays(records: readonly ChangeRecord[], sightings: readonly CdcSighting[]): number[] {
  const byTable = new Map<string, CdcSighting[]>();
  for (const s of sightings) byTable.set(s.table, [...(byTable.get(s.table) ?? []), s]);
  const delays: number[] = [];
  for (const r of records) {
    const committed = r.committedAt.getTime();
    let first = Number.POSITIVE_INFINITY;
    for (const table of r.tables)
      for (const s of byTable.get(table) ?? []) {
        // Timestamps of one machine's clock; the broker stamps after the commit, give it 50 ms of rounding.
        if (s.at < committed - 50 || s.at >= first) continue;
        if (r.entityIds.some((id) => ENTITY_COLUMNS.some((c) => s.entities.has(`${c}:${String(id)}`))))
          first = s.at;
      }
    if (Number.isFinite(first)) delays.push(Math.max(0, first - committed));
  }
  return delays;
}

interface Arrival {
  readonly productId: string;
  readonly receivedAt: number;
}

/** Items (any feed of the bench) the receiver accepted since `since`, with the product they belong to. */
async function receiverArrivals(
  pipeline: Pipeline,
  feeds: readonly FeedName[],
  since: Date,
): Promise<Arrival[]> {
  const [rows] = await pipeline.shop.query<RowDataPacket[]>(
    `SELECT JSON_VALUE(item, '$.productId') AS product_id, received_at
       FROM \`${pipeline.receiverDb}\`.feed_items WHERE feed IN (?) AND received_at >= ?`,
    [feeds, since],
  );
  return rows
    .filter((r) => r['product_id'] !== null)
    .map((r) => ({
      productId: String(r['product_id']),
      receivedAt: new Date(r['received_at'] as Date | string).getTime(),
    }));
}

/**
 * Per product changed: its last change's commit → the last of its items the receiver accepted after that commit
 * (the receiver keeps the latest arrival of an item, so earlier changes of the same product are not timed).
 * Changes whose items did not change (same hash) send nothing and are left out.
 */
function receiverDelays(records: readonly ChangeRecord[], arrivals: readonly Arrival[]): number[] {
  const lastChange = new Map<string, number>();
  for (const r of records.filter((x) => PRODUCT_CHANGES.has(x.kind)))
    for (const id of r.entityIds)
      if (typeof id === 'number') lastChange.set(String(id), r.committedAt.getTime());
  const lastArrival = new Map<string, number>();
  for (const a of arrivals) {
    const committed = lastChange.get(a.productId);
    if (committed === undefined || a.receivedAt < committed) continue;
    lastArrival.set(a.productId, Math.max(lastArrival.get(a.productId) ?? 0, a.receivedAt));
  }
  return [...lastArrival].map(([id, at]) => at - (lastChange.get(id) ?? at));
}

async function counters(
  pipeline: Pipeline,
  feeds: readonly FeedName[],
): Promise<{ requests: number; items: number }> {
  const [rows] = await pipeline.shop.query<RowDataPacket[]>(
    `SELECT COALESCE(SUM(requests), 0) AS requests, COALESCE(SUM(accepted_items), 0) AS items
       FROM \`${pipeline.receiverDb}\`.feed_counters WHERE feed IN (?)`,
    [feeds],
  );
  return { requests: Number(rows[0]?.['requests'] ?? 0), items: Number(rows[0]?.['items'] ?? 0) };
}

/** Resolves once the consumer joined its group (listen before `run`, so the first join is not missed). */
function joinedGroup(consumer: ReturnType<Kafka['consumer']>, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(new Error(`the change-event consumer did not join its group within ${timeoutMs / 1000} s`)),
      timeoutMs,
    );
    consumer.on(consumer.events.GROUP_JOIN, () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

new Command()
  .name('bench freshness')
  .option('--rate <n>', 'changes per second', positive, 100)
  .option('--duration <s>', 'seconds of changes', positive, 60)
  .option('--receiver-rate <n>', "the receiver's requests/s limit (0: off)", (v) => Number(v), 0)
  .option('--feeds <list>', 'products-feed feeds to run', 'products')
  .action(async (options: { rate: number; duration: number; receiverRate: number; feeds: string }) => {
    const feeds = options.feeds.split(',').map((f) => {
      const feed = Object.keys(FEEDS).find((x) => x.toLowerCase() === f.trim().toLowerCase());
      if (!feed || FEEDS[feed as FeedName].service !== 'products-feed')
        throw new Error(`products-feed runs no feed "${f}"`);
      return feed as FeedName;
    });
    if (!Number.isInteger(options.receiverRate) || options.receiverRate < 0)
      throw new Error('--receiver-rate must be a whole number ≥ 0');
    await bench({
      rate: options.rate,
      durationS: options.duration,
      receiverRate: options.receiverRate,
      feeds,
    });
  })
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    process.stderr.write(`bench freshness: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
