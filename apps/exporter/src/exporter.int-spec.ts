import {
  ExportCode,
  feedOfIngestionPath,
  IngestionHeaders,
  type BatchDelivered,
  type CdeEvent,
  type FeedDeadLetterMessage,
  type FeedItemMessage,
  type FeedName,
} from '@cde/contracts';
import { ExportMetrics, ExportTopics } from '@cde/export';
import {
  createFeedStateDataSource,
  FeedStateRepository,
  runFeedStateMigrations,
  type FeedStateRow,
} from '@cde/platform/feed-state';
import { createKafka } from '@cde/platform/kafka';
import { ServiceLifecycle, startService as startInProcess } from '@cde/platform/service';
import {
  collectMessages,
  connectCommerceDbAsShop,
  loadRuntimeConfig,
  scratchDatabaseName,
  startService,
  uniqueName,
} from '@cde/testing/runtime';
import type { INestMicroservice } from '@nestjs/common';
import { importSPKI, jwtVerify, type KeyLike } from 'jose';
import type { Admin, Kafka, Producer } from 'kafkajs';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import path from 'node:path';
import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { gunzipSync } from 'node:zlib';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { loadConfig } from './app.config';
import { exporterService } from './app.module';

/**
 * The exporter against the real broker and MariaDB, and a real HTTP receiver (node:http) that checks the
 * protocol (path, headers, JWT, gzip) and answers per scenario. Each exporter gets its own topic prefix, consumer
 * group and scratch feed-state database; everything is removed afterwards.
 */

const ENVIRONMENT_ID = 'it-env';
const API_KEY = 'it-api-key';
const sha1 = (text: string): string => createHash('sha1').update(text).digest('hex');

// ------------------------------------------------------------------------------------------------ receiver

interface ReceivedRequest {
  readonly at: number;
  readonly feed: FeedName;
  readonly items: Record<string, unknown>[];
}

interface Answer {
  readonly status: number;
  readonly body?: unknown;
  readonly retryAfter?: string;
  /** Answer only after this long (a slow receiver). */
  readonly delayMs?: number;
}

interface AnsweredRequest extends ReceivedRequest {
  readonly status: number;
  readonly answeredAt: number;
  readonly retryAfterMs?: number;
}

/** A receiver speaking the ingestion protocol; `answer` decides each response (200 by default). */
class TestReceiver {
  readonly requests: AnsweredRequest[] = [];
  readonly protocolErrors: string[] = [];
  answer: (request: ReceivedRequest) => Answer = () => ({ status: 200 });
  private server: Server | undefined;
  private key: KeyLike | undefined;

  async start(publicKeyPem: string): Promise<string> {
    this.key = await importSPKI(publicKeyPem, 'RS256');
    const server = createServer((request, response) => {
      const at = Date.now();
      void this.handle(request, at).then(({ status, body, retryAfter }) => {
        const headers: Record<string, string> = {
          'content-type': 'application/json',
          [IngestionHeaders.requestId]: `req-${this.requests.length}`,
        };
        if (retryAfter !== undefined) headers[IngestionHeaders.retryAfter] = retryAfter;
        response.writeHead(status, headers).end(body === undefined ? '' : JSON.stringify(body));
      });
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (server === undefined) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Items the receiver accepted (200 and not listed as failed), by feed. */
  /** Requests being answered right now. */
  inFlight = 0;
  /** SKUs of every item a request brought, answered or not yet. */
  readonly seen = new Set<string>();

  accepted(feed: FeedName): Record<string, unknown>[] {
    return this.requests.filter((r) => r.feed === feed && r.status === 200).flatMap((r) => r.items);
  }

  private async handle(request: IncomingMessage, at: number): Promise<Answer> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const problem = await this.protocolProblem(request);
    const target = feedOfIngestionPath(request.url ?? '');
    if (problem !== undefined || target === undefined) {
      this.protocolErrors.push(problem ?? `unknown path ${request.url}`);
      return { status: 401, body: { error: problem } };
    }
    let items: Record<string, unknown>[];
    try {
      items = JSON.parse(gunzipSync(Buffer.concat(chunks)).toString('utf8')) as Record<string, unknown>[];
    } catch (error) {
      this.protocolErrors.push(`body: ${String(error)}`);
      return { status: 400, body: { error: 'not gzip JSON' } };
    }
    const received: ReceivedRequest = { at, feed: target.feed, items };
    for (const i of items) this.seen.add(String(i['sku']));
    this.inFlight++;
    const answer = this.answer(received);
    if (answer.delayMs !== undefined) await sleep(answer.delayMs);
    this.inFlight--;
    this.requests.push({
      ...received,
      status: answer.status,
      answeredAt: Date.now(),
      ...(answer.retryAfter === undefined ? {} : { retryAfterMs: Number(answer.retryAfter) * 1000 }),
    });
    return answer;
  }

  private async protocolProblem(request: IncomingMessage): Promise<string | undefined> {
    const h = request.headers;
    if (request.method !== 'POST') return `method ${request.method}`;
    if (h['content-type'] !== 'application/json') return `content-type ${h['content-type']}`;
    if (h['content-encoding'] !== 'gzip') return `content-encoding ${h['content-encoding']}`;
    if (h[IngestionHeaders.apiKey] !== API_KEY) return 'x-api-key';
    const token = h[IngestionHeaders.signature];
    if (typeof token !== 'string' || this.key === undefined) return 'no x-gw-signature';
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: ['RS256'],
        subject: ENVIRONMENT_ID,
      });
      if (payload['apiKey'] !== API_KEY) return 'apiKey claim';
      if (payload.exp === undefined || payload.iat === undefined || payload.exp - payload.iat > 300)
        return 'lifetime';
    } catch (error) {
      return `x-gw-signature: ${String(error)}`;
    }
    if (feedOfIngestionPath(request.url ?? '')?.environmentId !== ENVIRONMENT_ID)
      return `path ${request.url}`;
    return undefined;
  }
}

// ------------------------------------------------------------------------------------------------ harness

class LogCapture {
  readonly records: Record<string, unknown>[] = [];
  readonly logger = pino(
    { level: 'info', messageKey: 'status' },
    new Writable({
      write: (chunk: Buffer, _encoding, done): void => {
        for (const line of chunk.toString().split('\n')) {
          if (line.trim() !== '') this.records.push(JSON.parse(line) as Record<string, unknown>);
        }
        done();
      },
    }),
  );

  withCode(code: string): Record<string, unknown>[] {
    return this.records.filter((r) => r['code'] === code);
  }
}

interface Exporter {
  readonly app: INestMicroservice;
  readonly topics: ExportTopics;
  readonly group: string;
  readonly logs: LogCapture;
  readonly metricsPort: number;
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(200);
  }
}

/** The largest number of timestamps in any window of `windowMs` starting at one of them. */
function maxInWindow(times: readonly number[], windowMs: number): number {
  return Math.max(0, ...times.map((t) => times.filter((u) => u >= t && u < t + windowMs).length));
}

describe('exporter (Kafka, MariaDB, HTTP receiver)', () => {
  const { kafkaBrokers, commerceDb } = loadRuntimeConfig();
  const database = scratchDatabaseName('exporter');
  const keyDir = mkdtempSync(path.join(tmpdir(), 'cde-exporter-it-'));
  const privateKeyFile = path.join(keyDir, 'private.pem');
  const receiver = new TestReceiver();
  const exporters: Exporter[] = [];
  /** Topic prefixes and groups of exporters run as processes. */
  const processes: { readonly prefix: string; readonly group: string }[] = [];
  let baseUrl: string;
  let dataSource: DataSource;
  let state: FeedStateRepository;
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;

  beforeAll(async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    writeFileSync(privateKeyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    baseUrl = await receiver.start(publicKey.export({ type: 'spki', format: 'pem' }).toString());

    const root = await connectCommerceDbAsShop({ database: null });
    await root.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci`);
    await root.end();
    dataSource = createFeedStateDataSource(
      { host: commerceDb.host, port: commerceDb.port, user: 'root', password: '', database },
      2,
    );
    await dataSource.initialize();
    await runFeedStateMigrations(dataSource);
    state = new FeedStateRepository(dataSource);

    kafka = createKafka({
      brokers: [...kafkaBrokers],
      clientId: 'cde-exporter-it',
      logger: pino({ level: 'error' }),
    });
    admin = kafka.admin();
    await admin.connect();
    producer = kafka.producer();
    await producer.connect();
  });

  afterAll(async () => {
    for (const exporter of exporters) await exporter.app.close();
    await producer?.disconnect();
    if (admin !== undefined) {
      const owners = [...exporters.map((e) => ({ prefix: e.topics.prefix, group: e.group })), ...processes];
      const ours = (await admin.listTopics()).filter((t) => owners.some((o) => t.startsWith(o.prefix)));
      if (ours.length > 0) await admin.deleteTopics({ topics: ours }).catch(() => undefined);
      await admin.deleteGroups(owners.map((o) => o.group)).catch(() => undefined);
      await admin.disconnect();
    }
    if (dataSource?.isInitialized) {
      await dataSource.query(`DROP DATABASE IF EXISTS \`${database}\``);
      await dataSource.destroy();
    }
    await receiver.stop();
    rmSync(keyDir, { recursive: true, force: true });
  });

  /** An exporter in this process, configured through the app's own config parser. */
  async function startExporter(env: Record<string, string>): Promise<Exporter> {
    const prefix = `${uniqueName('it')}.`;
    const group = uniqueName('exporter-it');
    const logs = new LogCapture();
    const config = loadConfig({
      CDE_KAFKA_BROKERS: kafkaBrokers.join(','),
      CDE_KAFKA_CONSUMER_GROUP: group,
      CDE_EXPORT_TOPIC_PREFIX: prefix,
      CDE_FEED_DB_HOST: commerceDb.host,
      CDE_FEED_DB_PORT: String(commerceDb.port),
      CDE_FEED_DB_USER: 'root',
      CDE_FEED_DB_PASSWORD: '',
      CDE_FEED_DB_NAME: database,
      CDE_EXPORT_BASE_URL: baseUrl,
      CDE_EXPORT_ENVIRONMENT_ID: ENVIRONMENT_ID,
      CDE_EXPORT_API_KEY: API_KEY,
      CDE_EXPORT_PRIVATE_KEY_FILE: privateKeyFile,
      CDE_METRICS_PORT: '0',
      CDE_EXPORT_REQUEST_TIMEOUT_MS: '5000',
      ...env,
    });
    const topics = new ExportTopics(config.topicPrefix, config.feeds);
    const app = await startInProcess(exporterService, {
      config,
      logger: logs.logger,
      transport: {
        sessionTimeoutMs: 10_000,
        heartbeatIntervalMs: 1_000,
        retryBackoff: { baseDelayMs: 200, maxDelayMs: 1_000 },
      },
      nestLogs: false,
    });
    const metricsPort = app.get(ServiceLifecycle).metricsPort ?? 0;
    const exporter = { app, topics, group, logs, metricsPort };
    exporters.push(exporter);
    return exporter;
  }

  let counter = 0;

  /** Builds a feed item message; `version` goes into the item, so the receiver can tell versions apart. */
  function feedItem(
    feed: FeedName,
    sku: string,
    patch: { version?: number; attempt?: number; extra?: Record<string, unknown> } = {},
  ): FeedItemMessage {
    const item = {
      sku,
      storeViewCode: 'default',
      name: `v${patch.version ?? 1}`,
      deleted: false,
      ...patch.extra,
    };
    return {
      feed,
      feedId: sha1(`${feed}\0${sku}`),
      feedHash: sha1(JSON.stringify(item)),
      sourceEntityId: String(++counter),
      deleted: false,
      item,
      producedAt: new Date().toISOString(),
      traceId: `trace-${sku}`,
      attempt: patch.attempt ?? 0,
    };
  }

  /** Writes the feed state as the feed service does when it publishes a version (sent_hash = its hash). */
  async function seed(messages: readonly FeedItemMessage[]): Promise<void> {
    for (const feed of new Set(messages.map((m) => m.feed))) {
      await state.saveAssembled(
        feed,
        messages
          .filter((m) => m.feed === feed)
          .map((m) => ({
            feedId: m.feedId,
            sourceEntityId: m.sourceEntityId,
            feedHash: m.feedHash,
            feedData: { sku: m.item['sku'] },
            isDeleted: false,
            sentHash: m.feedHash,
            sourceCommitTime: null,
          })),
      );
    }
  }

  /** Seeds the feed state (unless told not to), then produces the messages to the feed topics. */
  async function publish(
    exporter: Pick<Exporter, 'topics'>,
    messages: readonly FeedItemMessage[],
    withState = true,
  ): Promise<void> {
    if (withState) await seed(messages);
    for (const feed of new Set(messages.map((m) => m.feed))) {
      const ofFeed = messages.filter((m) => m.feed === feed);
      await producer.send({
        topic: exporter.topics.feed(feed),
        acks: -1,
        messages: ofFeed.map((m) => ({ key: m.feedId, value: JSON.stringify(m) })),
      });
    }
  }

  /** Waits until every item's state row left status 0, and returns the rows. */
  async function outcomes(feed: FeedName, messages: readonly FeedItemMessage[], timeoutMs = 60_000) {
    const ids = messages.map((m) => m.feedId);
    return waitFor(
      `outcomes of ${ids.length} ${feed} items`,
      async () => {
        const rows = await state.findByFeedIds(feed, ids);
        return [...rows.values()].filter((r) => r.status !== 0).length === new Set(ids).size
          ? rows
          : undefined;
      },
      timeoutMs,
    );
  }

  const statusOf = (rows: Map<string, FeedStateRow>, m: FeedItemMessage): number | undefined =>
    rows.get(m.feedId)?.status;

  async function deadLetters(
    exporter: Exporter,
    feed: FeedName,
    count: number,
  ): Promise<FeedDeadLetterMessage[]> {
    const seen = await collectMessages(kafka, {
      topic: exporter.topics.feedDeadLetter(feed),
      until: (m) => m.length >= count,
      timeoutMs: 20_000,
    });
    return seen.map((m) => JSON.parse(m.message.value!.toString()) as FeedDeadLetterMessage);
  }

  async function committedEverything(
    exporter: Pick<Exporter, 'topics' | 'group'>,
    feed: FeedName,
  ): Promise<boolean> {
    const topic = exporter.topics.feed(feed);
    const ends = await admin.fetchTopicOffsets(topic);
    const [committed] = await admin.fetchOffsets({ groupId: exporter.group, topics: [topic] });
    return ends.every(
      (end) =>
        committed?.partitions.find((p) => p.partition === end.partition)?.offset === end.high ||
        end.high === '0',
    );
  }

  /** A sample of the exporter's metrics, by its name with labels. */
  async function metricOf(exporter: Pick<Exporter, 'metricsPort'>, series: string): Promise<number> {
    const text = await fetch(`http://127.0.0.1:${exporter.metricsPort}/metrics`).then((r) => r.text());
    const line = text.split('\n').find((l) => l.startsWith(`${series} `));
    return line === undefined ? NaN : Number(line.slice(series.length + 1));
  }

  // ---------------------------------------------------------------------------------------------- main exporter

  describe('with a steady receiver', () => {
    let exporter: Exporter;
    const MAX_RPS = 5;

    beforeAll(async () => {
      exporter = await startExporter({
        CDE_FEEDS: 'products,prices',
        CDE_EXPORT_BATCH_SIZES: 'products=10,prices=20',
        CDE_EXPORT_MAX_RPS: String(MAX_RPS),
        CDE_EXPORT_CONCURRENCY: '2',
        CDE_EXPORT_RETRY_MAX_ATTEMPTS: '7',
        CDE_EXPORT_RETRY_BASE_MS: '50',
        CDE_EXPORT_RETRY_MAX_MS: '200',
        CDE_EXPORT_BREAKER_FAILURES: '4',
        CDE_EXPORT_BREAKER_OPEN_MS: '400',
        CDE_EXPORT_BREAKER_MAX_OPEN_MS: '1600',
        CDE_EXPORT_LINGER_MS: '100',
        CDE_EXPORT_CALL_BUDGET_MS: '60000',
        CDE_EXPORT_REDACT_FIELDS: 'products:description,products:media.secret',
      });
    });

    beforeEach(() => {
      receiver.answer = () => ({ status: 200 });
    });

    it('delivers every item in batches of the feed size, records 200 with the request id, and emits audit events', async () => {
      const messages = Array.from({ length: 95 }, (_, i) =>
        feedItem('products', `deliver-${i}`, {
          extra: { description: 'secret text', media: [{ url: 'u', secret: 1 }] },
        }),
      );
      const before = receiver.requests.length;
      await publish(exporter, messages);
      const rows = await outcomes('products', messages);

      expect(messages.map((m) => statusOf(rows, m))).toEqual(messages.map(() => 200));
      expect(rows.get(messages[0]!.feedId)!.errors).toBeNull();
      const requests = receiver.requests.slice(before);
      expect(Math.max(...requests.map((r) => r.items.length))).toBeLessThanOrEqual(10);
      const accepted = requests.flatMap((r) => r.items);
      expect(accepted.map((i) => i['sku']).sort()).toEqual(messages.map((m) => m.item['sku']).sort());
      // Redacted before sending, dotted paths through arrays included.
      expect(accepted.every((i) => !('description' in i))).toBe(true);
      expect(accepted[0]!['media']).toEqual([{ url: 'u' }]);
      expect(receiver.protocolErrors).toEqual([]);

      const events = await collectMessages(kafka, {
        topic: exporter.topics.events,
        until: (m) =>
          m
            .map((x) => JSON.parse(x.message.value!.toString()) as CdeEvent)
            .filter((e): e is BatchDelivered => e.type === 'export.batch-delivered')
            .reduce((n, e) => n + e.items, 0) >= 95,
        timeoutMs: 20_000,
      });
      const delivered = events.map((x) => JSON.parse(x.message.value!.toString()) as BatchDelivered);
      expect(delivered).toHaveLength(requests.length);
      expect(delivered[0]).toMatchObject({
        type: 'export.batch-delivered',
        service: 'exporter',
        feed: 'products',
        statusCode: 200,
        failedItems: 0,
        requestId: expect.stringMatching(/^req-/) as string,
      });
      expect(delivered.every((e) => e.bytes > 0 && e.latencyMs >= 0)).toBe(true);
      // The request id of the response that settled it is stored (metadata[0]).
      const [stored] = await dataSource.query<{ metadata: string }[]>(
        'SELECT metadata FROM cde_products_feed WHERE feed_id = ?',
        [messages[0]!.feedId],
      );
      expect(JSON.parse(stored!.metadata)).toEqual([expect.stringMatching(/^req-\d+$/)]);
      await waitFor('committed offsets', async () =>
        (await committedEverything(exporter, 'products')) ? true : undefined,
      );
    });

    it(`never exceeds ${MAX_RPS} requests per second, and uses the allowance while there is a backlog`, async () => {
      const messages = Array.from({ length: 400 }, (_, i) => feedItem('products', `rate-${i}`));
      const before = receiver.requests.length;
      // The receiver notes an arrival when this process's event loop gets to it: a stall on a busy machine delays
      // one note and not the next, so notes can be closer than the requests were. A one-second window of requests
      // is at least (1 s - the longest stall) of notes.
      const stalls = monitorEventLoopDelay({ resolution: 10 });
      stalls.enable();
      await publish(exporter, messages);
      await outcomes('products', messages, 120_000);
      stalls.disable();
      const stallMs = Math.ceil(stalls.max / 1e6);
      const times = receiver.requests.slice(before).map((r) => r.at);
      const spanS = (times.at(-1)! - times[0]!) / 1000;
      const achieved = (times.length - 1) / spanS;
      const busiest = maxInWindow(times, 1000 - Math.min(stallMs, 500));
      const gaps = times.slice(1).map((t, i) => t - times[i]!);
      process.stdout.write(
        `rate: ${times.length} requests in ${spanS.toFixed(2)} s = ${achieved.toFixed(2)} req/s (limit ${MAX_RPS}); busiest 1 s window: ${busiest}; arrival gaps ${Math.min(...gaps)}–${Math.max(...gaps)} ms; longest event-loop stall ${stallMs} ms; items/request ${(400 / times.length).toFixed(1)}\n`,
      );
      expect(busiest).toBeLessThanOrEqual(MAX_RPS);
      expect(achieved).toBeLessThanOrEqual(MAX_RPS);
      expect(achieved).toBeGreaterThan(MAX_RPS * 0.85);
    });

    it('rides out a short 5xx outage and delivers every item', async () => {
      const messages = Array.from({ length: 30 }, (_, i) => feedItem('products', `outage-${i}`));
      const outageEnds = Date.now() + 1_000;
      receiver.answer = () =>
        Date.now() < outageEnds ? { status: 503, body: { error: 'maintenance' } } : { status: 200 };
      const before = receiver.requests.length;
      await publish(exporter, messages);
      const rows = await outcomes('products', messages);
      expect(messages.map((m) => statusOf(rows, m))).toEqual(messages.map(() => 200));
      expect(receiver.requests.slice(before).some((r) => r.status === 503)).toBe(true);
      expect(exporter.logs.withCode(ExportCode.ServerError).length).toBeGreaterThan(0);
    });

    it('pauses a feed through an outage longer than its retries (circuit open, probes only), parks nothing, and delivers every item once the receiver heals', async () => {
      let down = true;
      receiver.answer = (r) =>
        r.feed === 'prices' && down ? { status: 500, body: { error: 'broken' } } : { status: 200 };
      const messages = Array.from({ length: 5 }, (_, i) => feedItem('prices', `outage-long-${i}`));
      const before = receiver.requests.length;
      await publish(exporter, messages);
      // Probes fail: the open time doubles (400, 800, 1600 ms) while nothing is dead-lettered.
      await waitFor('three failed probes', () =>
        Promise.resolve(
          exporter.logs.withCode(ExportCode.CircuitOpened).filter((r) => r['openMs'] !== undefined).length >=
            4
            ? true
            : undefined,
        ),
      );
      const duringOutage = receiver.requests.slice(before).filter((r) => r.feed === 'prices');
      const outageMs = Date.now() - duringOutage[0]!.at;
      const rows = await state.findByFeedIds(
        'prices',
        messages.map((m) => m.feedId),
      );
      expect([...rows.values()].map((r) => r.status)).toEqual(messages.map(() => 0));
      expect(await metricOf(exporter, 'cde_exporter_circuit_state{feed="prices"}')).toBeGreaterThan(0);

      down = false;
      const healedAt = Date.now();
      const delivered = await outcomes('prices', messages, 30_000);
      const convergedMs = Date.now() - healedAt;
      expect(messages.map((m) => statusOf(delivered, m))).toEqual(messages.map(() => 200));
      expect(exporter.logs.withCode(ExportCode.CircuitClosed).length).toBeGreaterThan(0);
      // Without the breaker, 7 attempts every 50–200 ms per rerun: here 4 failures, then one probe per opening.
      expect(duringOutage.length).toBeLessThan(20);
      await waitFor('committed offsets', async () =>
        (await committedEverything(exporter, 'prices')) ? true : undefined,
      );
      process.stdout.write(
        `outage: ${duringOutage.length} requests in ${outageMs} ms of outage, 0 parked or dead-lettered, converged ${convergedMs} ms after healing\n`,
      );
    });

    it('fails only the rejected items of a mixed batch: 400 splitting, and 200 with failed items', async () => {
      receiver.answer = (r) => {
        if (r.items.some((i) => String(i['sku']).startsWith('mixed-bad')))
          return { status: 400, body: { error: 'invalid sku' } };
        const failedItems = Object.fromEntries(
          r.items.flatMap((i, position) =>
            String(i['sku']).startsWith('mixed-fail')
              ? [[String(position), { message: 'name too long', field: 'name' }]]
              : [],
          ),
        );
        return { status: 200, body: { failedItems } };
      };
      const good = Array.from({ length: 16 }, (_, i) => feedItem('products', `mixed-good-${i}`));
      const bad = [feedItem('products', 'mixed-bad-1'), feedItem('products', 'mixed-bad-2')];
      const failed = [feedItem('products', 'mixed-fail-1')];
      const all = [
        ...good.slice(0, 5),
        bad[0]!,
        ...good.slice(5, 11),
        failed[0]!,
        ...good.slice(11),
        bad[1]!,
      ];
      await publish(exporter, all);
      const rows = await outcomes('products', all);

      expect(good.map((m) => statusOf(rows, m))).toEqual(good.map(() => 200));
      expect(bad.map((m) => rows.get(m.feedId))).toEqual(
        bad.map(() => expect.objectContaining({ status: 400, errors: 'invalid sku' }) as FeedStateRow),
      );
      expect(rows.get(failed[0]!.feedId)).toMatchObject({ status: 1, errors: 'name: name too long' });
      // The log record of a rejection follows its outcome: wait for it, then count.
      const rejectedLogs = () =>
        exporter.logs.withCode(ExportCode.Rejected).filter((r) => r['feedId'] !== undefined);
      await waitFor('two rejection log records', () =>
        Promise.resolve(rejectedLogs().length >= 2 ? true : undefined),
      ).catch(() => undefined);
      expect(rejectedLogs()).toHaveLength(2);
      // The rejected and failed items, and only they, are on the dead-letter topic with their reason.
      const dlt = (await deadLetters(exporter, 'products', 3)).filter((d) =>
        all.some((m) => m.feedId === d.feedId),
      );
      expect(dlt.map((d) => [d.feedId, d.statusCode, d.code, d.reason]).sort()).toEqual(
        [
          [bad[0]!.feedId, 400, ExportCode.Rejected, 'invalid sku'],
          [bad[1]!.feedId, 400, ExportCode.Rejected, 'invalid sku'],
          [failed[0]!.feedId, 1, ExportCode.Rejected, 'name: name too long'],
        ].sort(),
      );
    });

    it('writes outcomes guarded by the hash sent: an older version never marks a newer state', async () => {
      const older = feedItem('products', 'guard-1', { version: 1 });
      const newer = feedItem('products', 'guard-1', { version: 2 });
      // The feed service has published the newer version already; the older one is still on its way.
      await seed([newer]);
      const before = receiver.requests.length;
      const marker = feedItem('products', 'guard-marker');
      await publish(exporter, [older], false);
      await publish(exporter, [marker]);
      await waitFor('the older version to be delivered', () =>
        Promise.resolve(
          receiver.requests
            .slice(before)
            .some(
              (r) => r.status === 200 && r.items.some((i) => i['sku'] === 'guard-1' && i['name'] === 'v1'),
            )
            ? true
            : undefined,
        ),
      );
      await outcomes('products', [marker]);
      // Outcomes are written before the handler resolves; the marker came after the older version.
      await waitFor('committed offsets', async () =>
        (await committedEverything(exporter, 'products')) ? true : undefined,
      );
      const row = (await state.findByFeedIds('products', [newer.feedId])).get(newer.feedId)!;
      expect(row).toMatchObject({
        feedHash: newer.feedHash,
        sentHash: newer.feedHash,
        status: 0,
        errors: null,
      });

      // Two versions in one batch: only the latest is sent.
      const v1 = feedItem('products', 'guard-2', { version: 1 });
      const v2 = feedItem('products', 'guard-2', { version: 2 });
      await seed([v2]);
      const from = receiver.requests.length;
      await producer.send({
        topic: exporter.topics.feed('products'),
        acks: -1,
        messages: [v1, v2].map((m) => ({ key: m.feedId, value: JSON.stringify(m) })),
      });
      expect(statusOf(await outcomes('products', [v2]), v2)).toBe(200);
      const sent = receiver.requests
        .slice(from)
        .flatMap((r) => r.items.filter((i) => i['sku'] === 'guard-2'));
      expect(sent.map((i) => i['name'])).toEqual(['v2']);
    });

    it('skips tombstones and dead-letters messages that are not feed items, then commits', async () => {
      const good = feedItem('products', 'poison-neighbour');
      await publish(exporter, [good]);
      await producer.send({
        topic: exporter.topics.feed('products'),
        acks: -1,
        messages: [
          { key: good.feedId, value: null },
          { key: good.feedId, value: '{"not":"a feed item"}' },
        ],
      });
      expect(statusOf(await outcomes('products', [good]), good)).toBe(200);
      const poison = await collectMessages(kafka, {
        topic: exporter.topics.serviceDeadLetter,
        until: (m) => m.length >= 1,
        timeoutMs: 20_000,
      });
      expect(poison.map((p) => p.message.headers?.['cde-code']?.toString())).toEqual([
        ExportCode.MalformedFeedMessage,
      ]);
      await waitFor('committed offsets', async () =>
        (await committedEverything(exporter, 'products')) ? true : undefined,
      );
    });

    it('serves metrics and health', async () => {
      const metrics = await fetch(`http://127.0.0.1:${exporter.metricsPort}/metrics`).then((r) => r.text());
      expect(metrics).toMatch(/cde_exporter_requests_total\{feed="products",status="200"\} \d+/);
      expect(metrics).toMatch(/cde_exporter_circuit_transitions_total\{feed="prices",state="open"\} [1-9]/);
      expect(metrics).toContain('cde_exporter_circuit_state{feed="prices"} 0');
      expect(metrics).toMatch(/cde_exporter_allowed_requests_per_second 5/);
      expect(metrics).toContain('cde_exporter_request_duration_seconds_bucket');
      expect(metrics).toContain('cde_exporter_requests_in_flight 0');
      const health = await fetch(`http://127.0.0.1:${exporter.metricsPort}/health`);
      expect(health.status).toBe(200);
      expect(exporter.app.get(ExportMetrics)).toBeInstanceOf(ExportMetrics);
    });
  });

  // ---------------------------------------------------------------------------------------------- 429 storm

  describe('with items of every size', () => {
    /** The receiver refuses a request whose items' JSON passes this (413), as a body limit would. */
    const RECEIVER_LIMIT = 10_000;
    let exporter: Exporter;

    beforeAll(async () => {
      exporter = await startExporter({
        CDE_FEEDS: 'products',
        CDE_EXPORT_BATCH_SIZES: 'products=10',
        CDE_EXPORT_MAX_REQUEST_BYTES: '20000',
        CDE_EXPORT_MAX_RPS: '50',
        CDE_EXPORT_LINGER_MS: '100',
        CDE_EXPORT_CALL_BUDGET_MS: '60000',
      });
    });

    it('cuts batches by bytes, splits a batch the receiver finds too large (413), and rejects only an item too large on its own', async () => {
      receiver.answer = (r) =>
        JSON.stringify(r.items).length > RECEIVER_LIMIT
          ? { status: 413, body: { error: 'body_too_large' } }
          : { status: 200 };
      const padded = (sku: string, bytes: number) =>
        feedItem('products', sku, { extra: { description: 'x'.repeat(bytes) } });
      const mid = Array.from({ length: 10 }, (_, i) => padded(`size-mid-${i}`, 4_000));
      const huge = padded('size-huge', 40_000);
      const all = [...mid.slice(0, 4), huge, ...mid.slice(4)];
      await publish(exporter, all);
      const rows = await outcomes('products', all);

      expect(mid.map((m) => statusOf(rows, m))).toEqual(mid.map(() => 200));
      expect(rows.get(huge.feedId)).toMatchObject({ status: 400 });
      expect(rows.get(huge.feedId)?.errors).toContain('HTTP 413');
      const ours = receiver.requests.filter((r) => r.items.some((i) => String(i['sku']).startsWith('size-')));
      // No request passed the exporter's limit, except the huge item, which went alone.
      for (const r of ours) {
        if (r.items.some((i) => i['sku'] === 'size-huge')) expect(r.items).toHaveLength(1);
        else expect(JSON.stringify(r.items).length).toBeLessThanOrEqual(20_000);
      }
      // Some batch within the exporter's limit was over the receiver's: it was split, and its halves went through.
      expect(ours.filter((r) => r.status === 413 && r.items.length > 1).length).toBeGreaterThan(0);
      await waitFor('the too-large rejection log record', () =>
        Promise.resolve(
          exporter.logs.withCode(ExportCode.TooLarge).some((l) => l['feedId'] === huge.feedId)
            ? true
            : undefined,
        ),
      );
    });
  });

  describe('in a 429 storm', () => {
    it('sends nothing before Retry-After has passed, slows down, defers what waits too long, and delivers everything once', async () => {
      const exporter = await startExporter({
        CDE_FEEDS: 'products',
        CDE_EXPORT_BATCH_SIZES: 'products=10',
        CDE_EXPORT_MAX_RPS: '5',
        CDE_EXPORT_CONCURRENCY: '2',
        CDE_EXPORT_CALL_BUDGET_MS: '1500',
        CDE_EXPORT_LINGER_MS: '0',
      });
      const messages = Array.from({ length: 60 }, (_, i) => feedItem('products', `storm-${i}`));
      const stormEnds = Date.now() + 4_000;
      receiver.answer = () => (Date.now() < stormEnds ? { status: 429, retryAfter: '2' } : { status: 200 });
      const before = receiver.requests.length;
      await publish(exporter, messages);
      const rows = await outcomes('products', messages, 90_000);
      expect(messages.map((m) => statusOf(rows, m))).toEqual(messages.map(() => 200));

      const requests = receiver.requests.slice(before);
      const throttled = requests.filter((r) => r.status === 429);
      expect(throttled.length).toBeGreaterThan(0);
      // I7: after a 429 answered at t with Retry-After s, no request arrives before t + s.
      const early = throttled.flatMap((t) =>
        requests
          .filter((r) => r.at > t.answeredAt && r.at < t.answeredAt + t.retryAfterMs!)
          .map((r) => r.at - t.answeredAt),
      );
      expect(early).toEqual([]);
      // Every item accepted exactly once: settled items are not resent when a deferred batch runs again.
      const skus = receiver
        .accepted('products')
        .map((i) => String(i['sku']))
        .filter((sku) => sku.startsWith('storm-'));
      expect(skus.sort()).toEqual(messages.map((m) => String(m.item['sku'])).sort());
      expect(exporter.logs.withCode(ExportCode.Throttled).length).toBe(throttled.length);
      expect(exporter.logs.withCode(ExportCode.Deferred).length).toBeGreaterThan(0);
      expect(
        exporter.logs.records.some((r) => r['code'] === ExportCode.Throttled && Number(r['allowedRps']) < 5),
      ).toBe(true);
      process.stdout.write(
        `429 storm: ${throttled.length} throttled responses, ${requests.length - throttled.length} accepted requests, ${exporter.logs.withCode(ExportCode.Deferred).length} deferrals, 0 requests before Retry-After\n`,
      );
    });
  });

  // ---------------------------------------------------------------------------------------------- process

  describe('as a process', () => {
    it('boots from its environment, and on SIGTERM finishes the request in flight, records it and exits', async () => {
      const prefix = `${uniqueName('it')}.`;
      const group = uniqueName('exporter-it');
      processes.push({ prefix, group });
      const service = startService('exporter', {
        CDE_KAFKA_BROKERS: kafkaBrokers.join(','),
        CDE_KAFKA_CONSUMER_GROUP: group,
        CDE_EXPORT_TOPIC_PREFIX: prefix,
        CDE_FEEDS: 'products',
        CDE_FEED_DB_HOST: commerceDb.host,
        CDE_FEED_DB_PORT: String(commerceDb.port),
        CDE_FEED_DB_USER: 'root',
        CDE_FEED_DB_PASSWORD: '',
        CDE_FEED_DB_NAME: database,
        CDE_EXPORT_BASE_URL: baseUrl,
        CDE_EXPORT_ENVIRONMENT_ID: ENVIRONMENT_ID,
        CDE_EXPORT_API_KEY: API_KEY,
        CDE_EXPORT_PRIVATE_KEY_FILE: privateKeyFile,
        CDE_METRICS_PORT: '0',
        CDE_LOG_LEVEL: 'info',
      });
      try {
        await service.waitForLine(/exporter consuming/, 60_000);
        const messages = Array.from({ length: 5 }, (_, i) => feedItem('products', `process-${i}`));
        const slow = (r: ReceivedRequest): boolean =>
          r.items.some((i) => String(i['sku']).startsWith('process-'));
        receiver.answer = (r) => (slow(r) ? { status: 200, delayMs: 2_000 } : { status: 200 });
        await publish({ topics: new ExportTopics(prefix, ['products']) }, messages);
        // Every item has reached the receiver (the topic's partitions may bring them in more than one request)
        // and a request is still being answered: the stop lands in flight.
        await waitFor('all items at the receiver, a request in flight', () =>
          Promise.resolve(
            messages.every((m) => receiver.seen.has(String(m.item['sku']))) && receiver.inFlight > 0
              ? true
              : undefined,
          ),
        );
        // I6: nothing is committed while the outcome of the batch is unknown.
        const topics = new ExportTopics(prefix, ['products']);
        expect(await committedEverything({ topics, group }, 'products')).toBe(false);

        const stoppedAt = Date.now();
        await service.stop(30_000);
        const stopMs = Date.now() - stoppedAt;
        const rows = await state.findByFeedIds(
          'products',
          messages.map((m) => m.feedId),
        );
        expect(messages.map((m) => rows.get(m.feedId)?.status)).toEqual(messages.map(() => 200));
        // …and the finished batch was committed on the way out.
        expect(await committedEverything({ topics, group }, 'products')).toBe(true);
        expect(stopMs).toBeLessThan(15_000);
        expect(service.lines.filter((l) => /"level":"(fatal|error)"/.test(l))).toEqual([]);
        // The API key and the signature never reach the logs.
        expect(service.lines.filter((l) => l.includes(API_KEY) || l.includes('eyJ'))).toEqual([]);
        process.stdout.write(`graceful stop with a request in flight: ${stopMs} ms\n`);
      } finally {
        await service.kill();
      }
    });
  });
});
