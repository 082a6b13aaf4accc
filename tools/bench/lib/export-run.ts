import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { createConnection, type Connection } from 'mysql2/promise';
import { request } from 'undici';
import { Topics, type FeedItemMessage } from '@cde/contracts';
import { FeedStateRepository, openFeedStateDataSource } from '@cde/platform/feed-state';
import { freePort, loadRuntimeConfig, startService, type ServiceProcess } from '@cde/testing/runtime';

/**
 * One delivery benchmark's world on the local runtime: a products feed topic of its own filled with a backlog of
 * items as a feed service publishes them, a feed-state database for the exporter's outcomes, the bundled receiver
 * on a free port with its own database, and keys. Nothing is shared with a running `./dev up` but the broker and
 * the MariaDB server; everything is removed by `close`.
 */
export class ExportRun {
  readonly run = randomBytes(3).toString('hex');
  readonly prefix = `bench-${this.run}.`;
  readonly topic = `${this.prefix}${Topics.feed('products')}`;
  readonly stateDb = `bench_export_state_${this.run}`;
  readonly receiverDb = `bench_export_receiver_${this.run}`;
  readonly keys = mkdtempSync(path.join(tmpdir(), 'cde-bench-'));
  readonly apiKey = randomBytes(16).toString('hex');
  readonly kafka: Kafka;
  private readonly services: ServiceProcess[] = [];
  private readonly config = loadRuntimeConfig();

  private constructor(
    readonly port: number,
    readonly metricsPort: number,
    private readonly db: Connection,
  ) {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    writeFileSync(path.join(this.keys, 'private.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
    writeFileSync(path.join(this.keys, 'public.pem'), publicKey.export({ type: 'spki', format: 'pem' }));
    this.kafka = new Kafka({
      clientId: 'cde-bench',
      brokers: [...this.config.kafkaBrokers],
      logLevel: logLevel.NOTHING,
    });
  }

  static async open(): Promise<ExportRun> {
    const { commerceDb } = loadRuntimeConfig();
    const db = await createConnection({
      host: commerceDb.host,
      port: commerceDb.port,
      user: 'root',
      multipleStatements: true,
    });
    const run = new ExportRun(await freePort(), await freePort(), db);
    await db.query(`CREATE DATABASE \`${run.stateDb}\`; CREATE DATABASE \`${run.receiverDb}\``);
    // The exporter writes outcomes into the feed state: it needs the tables.
    const state = await openFeedStateDataSource(
      { host: commerceDb.host, port: commerceDb.port, user: 'root', password: '', database: run.stateDb },
      2,
    );
    await state.destroy();
    const admin = run.kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: run.topic, numPartitions: 6 }], waitForLeaders: true });
    await admin.disconnect();
    return run;
  }

  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get privateKeyPem(): string {
    return readFileSync(path.join(this.keys, 'private.pem'), 'utf8');
  }

  /**
   * `count` products items on the run's topic, with their feed-state rows as the feed service that published them
   * saved them (the exporter's outcomes land on those rows); `tag` keeps the SKUs of two backlogs apart.
   */
  async produceBacklog(count: number, tag = 'topic'): Promise<void> {
    const messages = backlogItems(`${this.run}-${tag}`, count);
    const { commerceDb } = loadRuntimeConfig();
    const state = await openFeedStateDataSource(
      { host: commerceDb.host, port: commerceDb.port, user: 'root', password: '', database: this.stateDb },
      2,
    );
    try {
      await new FeedStateRepository(state).saveAssembled(
        'products',
        messages.map((m) => ({
          feedId: m.feedId,
          sourceEntityId: m.sourceEntityId,
          feedHash: m.feedHash,
          feedData: m.item,
          isDeleted: m.deleted,
          sentHash: m.feedHash,
          producedAt: new Date(m.producedAt),
          sourceCommitTime: null,
        })),
      );
    } finally {
      await state.destroy();
    }
    const producer = this.kafka.producer();
    await producer.connect();
    try {
      for (let i = 0; i < messages.length; i += 1000)
        await producer.send({
          topic: this.topic,
          messages: messages.slice(i, i + 1000).map((m) => ({ key: m.feedId, value: JSON.stringify(m) })),
        });
    } finally {
      await producer.disconnect();
    }
  }

  /** The bundled receiver with this rate limit (0: off), healthy. */
  async startReceiver(rateLimit: number): Promise<void> {
    this.services.push(
      startService('commerce-services', {
        CDE_RECEIVER_PORT: String(this.port),
        CDE_RECEIVER_API_KEY: this.apiKey,
        CDE_RECEIVER_PUBLIC_KEY_FILE: path.join(this.keys, 'public.pem'),
        CDE_RECEIVER_ENVIRONMENT_ID: 'bench',
        CDE_RECEIVER_DB_USER: 'root',
        CDE_RECEIVER_DB_PASSWORD: '',
        CDE_RECEIVER_DB_NAME: this.receiverDb,
        CDE_RECEIVER_RATE_LIMIT: String(rateLimit),
      }),
    );
    await waitFor(
      async () =>
        (await request(`${this.base}/health`).then(
          (r) => (r.body.dump(), r.statusCode),
          () => 0,
        )) === 200,
      120_000,
    );
  }

  /** The real exporter on the run's topic, at most `maxRps` requests/s. */
  startExporter(maxRps: number): void {
    const exporter = startService('exporter', {
      CDE_EXPORT_TOPIC_PREFIX: this.prefix,
      CDE_KAFKA_CONSUMER_GROUP: `bench-exporter-${this.run}`,
      CDE_FEEDS: 'products',
      CDE_EXPORT_BASE_URL: this.base,
      CDE_EXPORT_ENVIRONMENT_ID: 'bench',
      CDE_EXPORT_API_KEY: this.apiKey,
      CDE_EXPORT_PRIVATE_KEY_FILE: path.join(this.keys, 'private.pem'),
      CDE_EXPORT_MAX_RPS: String(maxRps),
      CDE_METRICS_PORT: String(this.metricsPort),
      CDE_FEED_DB_NAME: this.stateDb,
      CDE_FEED_DB_USER: 'root',
      CDE_FEED_DB_PASSWORD: '',
    });
    this.services.push(exporter);
    this.exporterPid = exporter.child.pid;
  }

  /** The exporter's process id, once started. */
  exporterPid: number | undefined;

  /** The receiver's count of stored products items. */
  async storedItems(): Promise<number> {
    const res = await request(`${this.base}/api/feeds/products/stats`, {
      headers: { 'x-api-key': this.apiKey },
    });
    return ((await res.body.json()) as { items: number }).items;
  }

  /** Waits until the receiver stores `count` products items. */
  waitStored(count: number, timeoutMs: number): Promise<void> {
    return waitFor(async () => (await this.storedItems()) >= count, timeoutMs);
  }

  /** The receiver's request log: status, items and time of each ingestion request. */
  async requests(): Promise<RequestRecord[]> {
    const res = await request(`${this.base}/api/requests?limit=10000`, {
      headers: { 'x-api-key': this.apiKey },
    });
    return ((await res.body.json()) as { requests: RequestRecord[] }).requests;
  }

  async close(): Promise<void> {
    for (const s of this.services.reverse()) await s.stop();
    const admin = this.kafka.admin();
    await admin.connect().catch(() => undefined);
    await admin.deleteTopics({ topics: [this.topic] }).catch(() => undefined);
    await admin.disconnect();
    await this.db.query(
      `DROP DATABASE IF EXISTS \`${this.stateDb}\`; DROP DATABASE IF EXISTS \`${this.receiverDb}\``,
    );
    await this.db.end();
    rmSync(this.keys, { recursive: true, force: true });
  }
}

export interface RequestRecord {
  readonly status: number;
  readonly items: number;
  readonly at: string;
}

/** Products items as a feed service publishes them (about 0.7 KB of JSON each). */
export function backlogItems(tag: string, count: number): FeedItemMessage[] {
  const now = new Date().toISOString();
  return Array.from({ length: count }, (_, i): FeedItemMessage => ({
    feed: 'products',
    feedId: randomUUID(),
    feedHash: randomUUID(),
    sourceEntityId: String(i + 1),
    deleted: false,
    item: {
      sku: `BENCH-${tag}-${i}`,
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
  }));
}

/** Polls `check` every half second until it holds; throws after `timeoutMs`. */
export async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`not done within ${Math.round(timeoutMs / 1000)} s`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
