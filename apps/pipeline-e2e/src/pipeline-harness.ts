import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { request } from 'undici';
import { FEEDS, Topics, type FeedName } from '@cde/contracts';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import {
  clockSkewEnv,
  connectCommerceDbAsShop,
  freePort,
  scratchDatabaseName,
  startService,
  testKafka,
  uniqueName,
  type ServiceProcess,
} from '@cde/testing/runtime';

/**
 * How long a started service may take to join its consumer group: on a loaded 2-core machine a new broker's topic
 * creation and the first rebalance have taken more than 90 s.
 */
const JOIN_TIMEOUT_MS = 240_000;

export interface PipelineOptions {
  /** The feed service app to run (scopes-feed, products-feed…) and the feeds the exporter sends. */
  readonly feedService: string;
  readonly feeds: readonly FeedName[];
  /** Extra environment of the feed service (CDE_FEEDS, CDE_FEED_MODES…). */
  readonly feedServiceEnv?: Readonly<Record<string, string>>;
  /** Extra environment of the exporter (CDE_EXPORT_MAX_RPS…). */
  readonly exporterEnv?: Readonly<Record<string, string>>;
  /** Extra environment of the receiver (CDE_RECEIVER_RATE_LIMIT: off unless given). */
  readonly receiverEnv?: Readonly<Record<string, string>>;
  /**
   * Names for the feed state and receiver databases (dropped first if they exist) instead of scratch names: a
   * benchmark names those the runtime keeps out of the binlog, as a deployment keeps its feed state. One pipeline
   * at a time holds them (a named lock on the server): a second one fails at its start, never drops the first's.
   */
  readonly databases?: { readonly state: string; readonly receiver: string };
  /**
   * Where the exporter's new group starts on the shared feed topics: at their end as this pipeline starts (the
   * default: this receiver gets this pipeline's items only), or at their beginning, as a deployment's does (a spec
   * that replays whole topics compares with a receiver fed from all of them).
   */
  readonly exporterStartsAt?: 'end' | 'beginning';
}

/** The processes of a pipeline, by what they are; the feed service's extra replicas are kept apart. */
export type PipelineRole = 'receiver' | 'feedService' | 'exporter';

export interface ItemPage {
  readonly items: Record<string, unknown>[];
  readonly total: number;
}

/**
 * One whole pipeline of real processes for a test file: its own receiver (port, database, keys, API key), feed
 * service and exporter (consumer groups and feed state of their own), against the runtime's Commerce DB.
 */
export class Pipeline {
  readonly tag = uniqueName('pipe').replace('-', '_');
  port = 0;
  base = '';
  readonly stateDb: string;
  readonly receiverDb: string;
  private readonly keysDir = mkdtempSync(path.join(tmpdir(), 'cde-pipeline-'));
  readonly apiKey = randomBytes(16).toString('hex');
  /** By role, never by position: adding a process cannot change which one a spec stops or kills. */
  private readonly processes = new Map<PipelineRole, ServiceProcess>();
  private readonly replicas: ServiceProcess[] = [];
  shop!: Connection;
  private feedServiceEnv: Record<string, string> = {};
  private exporterEnv: Record<string, string> = {};

  constructor(private readonly options: PipelineOptions) {
    this.stateDb = options.databases?.state ?? scratchDatabaseName('pipeline_state');
    this.receiverDb = options.databases?.receiver ?? scratchDatabaseName('pipeline_receiver');
  }

  /** The process of a role; throws before the pipeline started it. */
  process(role: PipelineRole): ServiceProcess {
    const s = this.processes.get(role);
    if (!s) throw new Error(`pipeline not started: no ${role}`);
    return s;
  }

  /** Every process, in the order they started: the receiver, the feed service, the exporter, then replicas. */
  get services(): ServiceProcess[] {
    const roles: PipelineRole[] = ['receiver', 'feedService', 'exporter'];
    return [...roles.flatMap((r) => this.processes.get(r) ?? []), ...this.replicas];
  }

  get feedService(): ServiceProcess {
    return this.process('feedService');
  }

  async start(): Promise<void> {
    this.port = await freePort();
    this.base = `http://127.0.0.1:${this.port}`;
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    writeFileSync(
      path.join(this.keysDir, 'private.pem'),
      privateKey.export({ type: 'pkcs8', format: 'pem' }),
    );
    writeFileSync(path.join(this.keysDir, 'public.pem'), publicKey.export({ type: 'spki', format: 'pem' }));
    this.shop = await connectCommerceDbAsShop({ multipleStatements: true });
    if (this.options.databases) {
      // Held by this connection until the pipeline stops (or its process ends).
      const lock = `cde_pipeline_${this.stateDb}`;
      const [[held]] = await this.shop.query<RowDataPacket[]>('SELECT GET_LOCK(?, 0) AS held', [lock]);
      if (Number(held?.['held']) !== 1)
        throw new Error(
          `another pipeline uses the databases ${this.stateDb} and ${this.receiverDb} (lock ${lock}); run one at a time`,
        );
      await this.shop.query(
        `DROP DATABASE IF EXISTS \`${this.stateDb}\`; DROP DATABASE IF EXISTS \`${this.receiverDb}\``,
      );
    }
    await this.shop.query(`CREATE DATABASE \`${this.stateDb}\`; CREATE DATABASE \`${this.receiverDb}\``);

    const receiver = startService('commerce-services', {
      CDE_RECEIVER_PORT: String(this.port),
      CDE_RECEIVER_API_KEY: this.apiKey,
      CDE_RECEIVER_PUBLIC_KEY_FILE: path.join(this.keysDir, 'public.pem'),
      CDE_RECEIVER_ENVIRONMENT_ID: 'pipeline',
      CDE_RECEIVER_DB_USER: 'root',
      CDE_RECEIVER_DB_PASSWORD: '',
      CDE_RECEIVER_DB_NAME: this.receiverDb,
      CDE_RECEIVER_RATE_LIMIT: '0',
      ...this.options.receiverEnv,
    });
    this.processes.set('receiver', receiver);
    const deadline = Date.now() + 60_000;
    for (;;) {
      const ok = await request(`${this.base}/health`).then(
        (r) => (r.body.dump(), r.statusCode === 200),
        () => false,
      );
      if (ok) break;
      if (Date.now() > deadline)
        throw new Error(`receiver not healthy:\n${receiver.lines.slice(-10).join('\n')}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const feedState = { CDE_FEED_DB_NAME: this.stateDb, CDE_FEED_DB_USER: 'root', CDE_FEED_DB_PASSWORD: '' };
    this.feedServiceEnv = {
      ...feedState,
      CDE_KAFKA_CONSUMER_GROUP: `${this.tag}-feeds`,
      CDE_LEGACY_SEND_INTERVAL_MS: '500',
      // A port of its own: `./dev up`'s service may hold the fixed one.
      CDE_METRICS_PORT: '0',
      ...this.options.feedServiceEnv,
    };
    this.exporterEnv = {
      ...feedState,
      CDE_KAFKA_CONSUMER_GROUP: this.exporterGroup,
      CDE_FEEDS: this.options.feeds.join(','),
      CDE_EXPORT_BASE_URL: this.base,
      CDE_EXPORT_ENVIRONMENT_ID: 'pipeline',
      CDE_EXPORT_API_KEY: this.apiKey,
      CDE_EXPORT_PRIVATE_KEY_FILE: path.join(this.keysDir, 'private.pem'),
      CDE_METRICS_PORT: '0',
      ...this.options.exporterEnv,
    };
    if (this.options.exporterStartsAt !== 'beginning') await this.exporterGroupAtTopicEnds();
    this.processes.set('feedService', startService(this.options.feedService, this.feedServiceEnv));
    this.processes.set('exporter', startService('exporter', this.exporterEnv));
    for (const s of [this.feedService, this.exporter])
      await s.waitForLine(/joined the consumer group/, JOIN_TIMEOUT_MS);
  }

  /**
   * Starts the exporter's new group at the end of its feed topics as they stand before this pipeline's feed service
   * publishes anything. The topics are the runtime's, shared by every pipeline of a test run: from their beginning
   * (a new group's default, right for a deployment) this receiver would also get the items of earlier pipelines,
   * such as a website a spec created and deleted after its feed service stopped, whose delete no feed ever sent.
   * One join of the group commits every partition's end (kafkajs's `admin.setOffsets` joins once per topic and
   * waits for a fetch each time: seconds per feed).
   */
  private async exporterGroupAtTopicEnds(): Promise<void> {
    const kafka = testKafka(`${this.tag}-offsets`);
    const admin = kafka.admin();
    await admin.connect();
    const ends: { topic: string; partition: number; offset: string }[] = [];
    try {
      const existing = new Set(await admin.listTopics());
      for (const topic of this.options.feeds.map((feed) => Topics.feed(feed)).filter((t) => existing.has(t)))
        for (const p of await admin.fetchTopicOffsets(topic))
          ends.push({ topic, partition: p.partition, offset: p.high });
    } finally {
      await admin.disconnect();
    }
    if (ends.length === 0) return;
    const topics = [...new Set(ends.map((e) => e.topic))];
    const consumer = kafka.consumer({ groupId: this.exporterGroup, maxWaitTimeInMs: 100 });
    await consumer.connect();
    try {
      let joined = false;
      consumer.on(consumer.events.GROUP_JOIN, () => void (joined = true));
      await consumer.subscribe({ topics, fromBeginning: true });
      await consumer.run({ autoCommit: false, eachBatch: () => Promise.resolve() });
      consumer.pause(topics.map((topic) => ({ topic })));
      if (!(await eventually(() => Promise.resolve(joined), JOIN_TIMEOUT_MS, 100)))
        throw new Error(`the exporter group did not join within ${JOIN_TIMEOUT_MS} ms`);
      await consumer.commitOffsets(ends);
    } finally {
      await consumer.disconnect();
    }
  }

  /** What the `cde` CLI needs to reach this pipeline: its feed state, its receiver and the exporter's keys. */
  get cliEnv(): Readonly<Record<string, string>> {
    return { ...this.exporterEnv, CDE_EXPORT_MAX_RPS: '50' };
  }

  /** The exporter's consumer group. */
  get exporterGroup(): string {
    return `${this.tag}-exporter`;
  }

  /** Stops the exporter (its group then has no member, so its offsets can be reset). */
  async stopExporter(): Promise<void> {
    await this.processes.get('exporter')?.stop();
  }

  /** A new exporter with the same settings, consuming again. */
  async startExporter(): Promise<ServiceProcess> {
    const next = startService('exporter', this.exporterEnv);
    this.processes.set('exporter', next);
    await next.waitForLine(/joined the consumer group/, JOIN_TIMEOUT_MS);
    return next;
  }

  /** kill -9 of the exporter (no shutdown hooks), then a new one with the same settings, consuming again. */
  async restartExporterAfterKill(): Promise<ServiceProcess> {
    await this.exporter.kill();
    return this.startExporter();
  }

  /**
   * One more replica of the feed service (same group, same settings, plus `env` such as {@link clockSkewedBy}),
   * consuming once it joined.
   */
  async addFeedServiceReplica(env: Readonly<Record<string, string>> = {}): Promise<ServiceProcess> {
    const replica = startService(this.options.feedService, { ...this.feedServiceEnv, ...env });
    this.replicas.push(replica);
    await replica.waitForLine(/joined the consumer group/, JOIN_TIMEOUT_MS);
    return replica;
  }

  /** The feed service processes still running: the first one and its replicas. */
  get feedServiceReplicas(): ServiceProcess[] {
    return [this.processes.get('feedService'), ...this.replicas].filter(
      (s): s is ServiceProcess => s !== undefined && s.child.exitCode === null && s.child.signalCode === null,
    );
  }

  /** Environment for a service whose wall clock runs `offsetMs` away from the machine's (negative: behind). */
  clockSkewedBy(offsetMs: number): Record<string, string> {
    return clockSkewEnv(offsetMs, this.keysDir);
  }

  /** kill -9 of the feed service (no shutdown hooks), then a new one with the same settings, consuming again. */
  async restartFeedServiceAfterKill(): Promise<ServiceProcess> {
    await this.feedService.kill();
    const next = startService(this.options.feedService, this.feedServiceEnv);
    this.processes.set('feedService', next);
    await next.waitForLine(/joined the consumer group/, JOIN_TIMEOUT_MS);
    return next;
  }

  /** The exporter process now running. */
  get exporter(): ServiceProcess {
    return this.process('exporter');
  }

  /** Sets the receiver's fault switches (`PUT /api/faults`), e.g. `{ errorRate: 1 }` for an outage. */
  setFaults(patch: Readonly<Record<string, unknown>>): Promise<void> {
    return this.faultsRequest('PUT', patch);
  }

  /** Every fault switch of the receiver off (`DELETE /api/faults`), held requests released. */
  resetFaults(): Promise<void> {
    return this.faultsRequest('DELETE');
  }

  private async faultsRequest(
    method: 'PUT' | 'DELETE',
    patch?: Readonly<Record<string, unknown>>,
  ): Promise<void> {
    const res = await request(`${this.base}/api/faults`, {
      method,
      headers: { 'x-api-key': this.apiKey, ...(patch && { 'content-type': 'application/json' }) },
      ...(patch && { body: JSON.stringify(patch) }),
    });
    await res.body.dump();
    if (res.statusCode !== 200) throw new Error(`fault switches answered ${res.statusCode} to ${method}`);
  }

  /**
   * A new connection to the Commerce DB as the shop, after a restart of the database server ended the last one.
   * The old one is destroyed, not ended: there is no server to say goodbye to.
   */
  async reconnectShop(): Promise<void> {
    this.shop.destroy();
    this.shop = await connectCommerceDbAsShop({ multipleStatements: true });
  }

  /** Items of a feed parked, or waiting for a retry (status 2), in the feed state. */
  async parkedOrRetrying(feed: FeedName): Promise<number> {
    const [rows] = (await this.shop.query(
      `SELECT COUNT(*) AS n FROM \`${this.stateDb}\`.\`${FEEDS[feed].stateTable}\` WHERE parked = 1 OR status IN (2, 409)`,
    )) as unknown as [{ n: number | string }[]];
    return Number(rows[0]?.n ?? 0);
  }

  /** One page of the receiver's items of a feed (`GET /api/feeds/{feed}/items`). */
  async itemPage(feed: string, query: Readonly<Record<string, string | number>> = {}): Promise<ItemPage> {
    const params = new URLSearchParams(
      Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]),
    );
    const res = await request(`${this.base}/api/feeds/${feed}/items?${params.toString()}`, {
      headers: { 'x-api-key': this.apiKey },
    });
    if (res.statusCode !== 200) {
      await res.body.dump();
      throw new Error(`read API answered ${res.statusCode}`);
    }
    return (await res.body.json()) as ItemPage;
  }

  /** Every item of a feed the receiver holds (paged through, bounded by `max`). */
  async items(feed: string, max = 100_000): Promise<Record<string, unknown>[]> {
    const out: Record<string, unknown>[] = [];
    for (let offset = 0; offset < max; offset += 1000) {
      const page = await this.itemPage(feed, { limit: 1000, offset });
      out.push(...page.items);
      if (page.items.length < 1000) break;
    }
    return out;
  }

  /** Identities (feed ids) of the items the receiver accepted at or after `since`, from its own database. */
  async receivedSince(feed: string, since: Date): Promise<Record<string, unknown>[]> {
    const [rows] = (await this.shop.query(
      `SELECT item FROM \`${this.receiverDb}\`.feed_items WHERE feed = ? AND received_at >= ?`,
      [feed, since],
    )) as unknown as [{ item: string | Record<string, unknown> }[]];
    return rows.map((r) =>
      typeof r.item === 'string' ? (JSON.parse(r.item) as Record<string, unknown>) : r.item,
    );
  }

  /**
   * Quiet: no item of the feed is on its way (published without an outcome, or waiting for a retry; a final
   * outcome or a parked item is not) and nothing arrived in the last two seconds. A test that counts what a
   * change sends starts from here, or it counts the tail of earlier deliveries too.
   */
  async settled(feed: FeedName): Promise<boolean> {
    if ((await this.onTheWay(feed)) > 0) return false;
    return (await this.receivedSince(feed, new Date(Date.now() - 2_000))).length === 0;
  }

  /** Items of a feed published without an outcome yet, or waiting for a retry (a parked item is final). */
  async onTheWay(feed: FeedName): Promise<number> {
    const [rows] = (await this.shop.query(
      `SELECT COUNT(*) AS open FROM \`${this.stateDb}\`.\`${FEEDS[feed].stateTable}\`
        WHERE parked = 0 AND status IN (0, 2, 409)`,
    )) as unknown as [{ open: number | string }[]];
    return Number(rows[0]?.open ?? 0);
  }

  /**
   * Waits until the feed is `settled`, or fails with what keeps it open: the open rows by status (with a few ids,
   * their attempts and errors) and the feed's latest receiver requests, so a red run explains itself.
   */
  async waitSettled(feed: FeedName, timeoutMs: number): Promise<void> {
    if (await eventually(() => this.settled(feed), timeoutMs)) return;
    const [open] = (await this.shop.query(
      `SELECT status, COUNT(*) AS n, MIN(modified_at) AS oldest,
              SUBSTRING(GROUP_CONCAT(CONCAT(feed_id, ' attempts=', attempts, ' ', COALESCE(errors, ''))
                ORDER BY modified_at SEPARATOR ' | '), 1, 600) AS sample
         FROM \`${this.stateDb}\`.\`${FEEDS[feed].stateTable}\`
        WHERE parked = 0 AND status IN (0, 2, 409) GROUP BY status`,
    )) as unknown as [Record<string, unknown>[]];
    const recent = (await this.requestsSince(feed, new Date(Date.now() - 60_000))).slice(0, 5);
    throw new Error(
      `${feed} not settled within ${timeoutMs} ms: open rows ${JSON.stringify(open)}; ` +
        `receiver requests in the last minute (newest first) ${JSON.stringify(recent)}`,
    );
  }

  /** The ingestion requests of a feed the receiver logged at or after `since` (`GET /api/requests`), newest first. */
  async requestsSince(feed: string, since: Date): Promise<{ status: number; items: number; at: string }[]> {
    const res = await request(`${this.base}/api/requests?feed=${feed}&limit=10000`, {
      headers: { 'x-api-key': this.apiKey },
    });
    if (res.statusCode !== 200) {
      await res.body.dump();
      throw new Error(`request log answered ${res.statusCode}`);
    }
    const { requests } = (await res.body.json()) as {
      requests: { status: number; items: number; at: string }[];
    };
    return requests.filter((r) => Date.parse(r.at) >= since.getTime());
  }

  async stop(): Promise<void> {
    for (const s of [...this.services].reverse()) await s.stop();
    await this.shop.query(
      `DROP DATABASE IF EXISTS \`${this.stateDb}\`; DROP DATABASE IF EXISTS \`${this.receiverDb}\``,
    );
    await this.shop.end();
    rmSync(this.keysDir, { recursive: true, force: true });
  }
}

/** Polls `check` until it returns true or the time is up; returns whether it held. */
export async function eventually(
  check: () => Promise<boolean>,
  timeoutMs: number,
  everyMs = 1_000,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** The topics a service's consumer holds since its latest join of its group (its log of the assignment). */
export function assignedTopics(service: ServiceProcess): string[] {
  const joined = service.lines.filter((l) => l.includes('joined the consumer group')).at(-1);
  if (joined === undefined) return [];
  const { assignment } = JSON.parse(joined) as { assignment?: Record<string, number[]> };
  return Object.entries(assignment ?? {})
    .filter(([, partitions]) => partitions.length > 0)
    .map(([topic]) => topic);
}
