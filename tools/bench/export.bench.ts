/**
 * Exporter throughput against a rate-limited receiver: a backlog of feed items on a feed topic, the real
 * exporter and the real commerce-services receiver (limit 2 requests/s, like Commerce Services), and what the
 * receiver saw: requests/s while there was backlog, items per request, 429s. Target: ≥ 1.9 requests/s with full
 * batches.
 *
 *   ./dev bench export [--items 3000] [--rate 2]
 */
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { Kafka, logLevel } from 'kafkajs';
import { createConnection } from 'mysql2/promise';
import { request } from 'undici';
import { FEEDS, Topics, type FeedItemMessage } from '@cde/contracts';
import { openFeedStateDataSource } from '@cde/platform/feed-state';
import { startService, type ServiceProcess } from '@cde/testing/runtime';
import { positive } from '../cli-options';

const out = (line: string): void => void process.stdout.write(`${line}\n`);

interface RequestRecord {
  status: number;
  items: number;
  at: string;
}

/** One bench run's names: its topic, databases, receiver port and keys. */
interface BenchRun {
  readonly run: string;
  readonly prefix: string;
  readonly topic: string;
  readonly stateDb: string;
  readonly receiverDb: string;
  readonly port: number;
  readonly base: string;
  readonly keys: string;
  readonly apiKey: string;
}

function newRun(): BenchRun {
  const run = randomBytes(3).toString('hex');
  const prefix = `bench-${run}.`;
  const port = 19000 + Math.floor(Math.random() * 500);
  const keys = mkdtempSync(path.join(tmpdir(), 'cde-bench-'));
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  writeFileSync(path.join(keys, 'private.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
  writeFileSync(path.join(keys, 'public.pem'), publicKey.export({ type: 'spki', format: 'pem' }));
  return {
    run,
    prefix,
    topic: `${prefix}${Topics.feed('products')}`,
    stateDb: `bench_export_state_${run}`,
    receiverDb: `bench_export_receiver_${run}`,
    port,
    base: `http://127.0.0.1:${port}`,
    keys,
    apiKey: randomBytes(16).toString('hex'),
  };
}

async function bench(itemCount: number, rate: number): Promise<void> {
  const b = newRun();
  const db = await createConnection({
    host: '127.0.0.1',
    port: 3307,
    user: 'root',
    multipleStatements: true,
  });
  const kafka = new Kafka({ clientId: 'cde-bench', brokers: ['127.0.0.1:9092'], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  const services: ServiceProcess[] = [];
  try {
    await db.query(`CREATE DATABASE \`${b.stateDb}\`; CREATE DATABASE \`${b.receiverDb}\``);
    // The exporter writes outcomes into the feed state: it needs the tables.
    const state = await openFeedStateDataSource(
      { host: '127.0.0.1', port: 3307, user: 'root', password: '', database: b.stateDb },
      2,
    );
    await state.destroy();

    await admin.connect();
    await admin.createTopics({ topics: [{ topic: b.topic, numPartitions: 6 }], waitForLeaders: true });
    await produceBacklog(kafka, b, itemCount);
    services.push(startReceiver(b, rate));
    await waitFor(
      async () =>
        (await request(`${b.base}/health`).then(
          (r) => (r.body.dump(), r.statusCode),
          () => 0,
        )) === 200,
      60_000,
    );
    const started = Date.now();
    services.push(startExporter(b, rate));
    const timeoutMs = (itemCount / FEEDS.products.defaultBatchSize / rate) * 3000 + 60_000;
    await waitFor(async () => {
      const res = await request(`${b.base}/api/feeds/products/stats`, { headers: { 'x-api-key': b.apiKey } });
      const stats = (await res.body.json()) as { items: number };
      return stats.items >= itemCount;
    }, timeoutMs);
    await report(b, itemCount, rate, (Date.now() - started) / 1000);
  } finally {
    for (const s of services.reverse()) await s.stop();
    await admin.deleteTopics({ topics: [b.topic] }).catch(() => undefined);
    await admin.disconnect();
    await db.query(`DROP DATABASE IF EXISTS \`${b.stateDb}\`; DROP DATABASE IF EXISTS \`${b.receiverDb}\``);
    await db.end();
    rmSync(b.keys, { recursive: true, force: true });
  }
}

/** `itemCount` products items on the run's feed topic, as a feed service publishes them. */
async function produceBacklog(kafka: Kafka, b: BenchRun, itemCount: number): Promise<void> {
  const producer = kafka.producer();
  await producer.connect();
  const now = new Date().toISOString();
  const messages = Array.from({ length: itemCount }, (_, i): FeedItemMessage => {
    const sku = `BENCH-${b.run}-${i}`;
    return {
      feed: 'products',
      feedId: randomUUID(),
      feedHash: randomUUID(),
      sourceEntityId: String(i + 1),
      deleted: false,
      item: {
        sku,
        storeViewCode: 'default',
        storeCode: 'main_website_store',
        websiteCode: 'base',
        productId: i + 1,
        name: `Bench product ${i} – été`,
        type: 'SIMPLE',
        status: 'Enabled',
        visibility: 'Catalog, Search',
        description: 'x'.repeat(400),
        deleted: false,
        modifiedAt: now,
      },
      producedAt: now,
      traceId: randomUUID(),
      attempt: 0,
    };
  });
  for (let i = 0; i < messages.length; i += 1000) {
    await producer.send({
      topic: b.topic,
      messages: messages.slice(i, i + 1000).map((m) => ({ key: m.feedId, value: JSON.stringify(m) })),
    });
  }
  await producer.disconnect();
}

function startReceiver(b: BenchRun, rate: number): ServiceProcess {
  return startService('commerce-services', {
    CDE_RECEIVER_PORT: String(b.port),
    CDE_RECEIVER_API_KEY: b.apiKey,
    CDE_RECEIVER_PUBLIC_KEY_FILE: path.join(b.keys, 'public.pem'),
    CDE_RECEIVER_ENVIRONMENT_ID: 'bench',
    CDE_RECEIVER_DB_USER: 'root',
    CDE_RECEIVER_DB_PASSWORD: '',
    CDE_RECEIVER_DB_NAME: b.receiverDb,
    CDE_RECEIVER_RATE_LIMIT: String(rate),
    CDE_LOG_LEVEL: 'warn',
  });
}

function startExporter(b: BenchRun, rate: number): ServiceProcess {
  return startService('exporter', {
    CDE_EXPORT_TOPIC_PREFIX: b.prefix,
    CDE_KAFKA_CONSUMER_GROUP: `bench-exporter-${b.run}`,
    CDE_FEEDS: 'products',
    CDE_EXPORT_BASE_URL: b.base,
    CDE_EXPORT_ENVIRONMENT_ID: 'bench',
    CDE_EXPORT_API_KEY: b.apiKey,
    CDE_EXPORT_PRIVATE_KEY_FILE: path.join(b.keys, 'private.pem'),
    CDE_EXPORT_MAX_RPS: String(rate),
    CDE_METRICS_PORT: String(b.port + 1),
    CDE_FEED_DB_NAME: b.stateDb,
    CDE_FEED_DB_USER: 'root',
    CDE_FEED_DB_PASSWORD: '',
    CDE_LOG_LEVEL: 'warn',
  });
}

/** What the receiver saw: requests/s while there was backlog, items per request, 429s. */
async function report(b: BenchRun, itemCount: number, rate: number, wall: number): Promise<void> {
  const res = await request(`${b.base}/api/requests?limit=10000`, { headers: { 'x-api-key': b.apiKey } });
  const log = ((await res.body.json()) as { requests: RequestRecord[] }).requests.filter(
    (r) => r.items > 0 || r.status === 429,
  );
  const ok = log.filter((r) => r.status === 200).sort((a, c) => Date.parse(a.at) - Date.parse(c.at));
  const throttled = log.filter((r) => r.status === 429).length;
  const span = (Date.parse(ok.at(-1)!.at) - Date.parse(ok[0]!.at)) / 1000;
  const rps = (ok.length - 1) / span;
  const perRequest = ok.reduce((n, r) => n + r.items, 0) / ok.length;
  out(`bench export (products, ${itemCount} items, receiver limit ${rate} req/s)`);
  out(`  requests accepted       ${ok.length}`);
  out(`  429 answers             ${throttled}`);
  out(`  requests/s (backlog)    ${rps.toFixed(3)}`);
  out(`  rate / limit            ${(rps / rate).toFixed(3)} (target ≥ ${(1.9 / 2).toFixed(3)})`);
  out(`  items per request       ${perRequest.toFixed(1)} (batch size ${FEEDS.products.defaultBatchSize})`);
  out(`  items/s                 ${(itemCount / wall).toFixed(1)}`);
  out(`  wall time               ${wall.toFixed(1)} s (exporter start to last item stored)`);
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`not done within ${Math.round(timeoutMs / 1000)} s`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

new Command()
  .name('bench export')
  .option('--items <n>', 'feed items in the backlog', positive, 3000)
  .option('--rate <n>', 'receiver limit and exporter max, requests/s', positive, 2)
  .action((o: { items: number; rate: number }) => bench(Math.floor(o.items), o.rate))
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    process.stderr.write(`bench export: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
