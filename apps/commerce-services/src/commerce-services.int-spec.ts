import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { ingestionPath, type FeedName } from '@cde/contracts';
import { createLogger } from '@cde/platform/observability';
import { connectCommerceDbAsShop, loadRuntimeConfig, scratchDatabaseName } from '@cde/testing/runtime';
import type { INestApplication } from '@nestjs/common';
import { exportSPKI, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { Agent, request } from 'undici';
import { loadConfig } from './app.config';
import { createApp } from './app.factory';
import { createReceiverDataSource, runReceiverMigrations } from './database/receiver.data-source';

const API_KEY = 'test-api-key-0123456789';
const ENV = 'local';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const HANG_TIMEOUT_MS = 2_000;

interface Reply {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Record<string, unknown>;
}

interface PostOptions {
  readonly apiKey?: string | null;
  readonly token?: string | null;
  readonly gzip?: boolean;
  readonly environmentId?: string;
  readonly raw?: Buffer;
  readonly signal?: AbortSignal;
}

const price = (
  sku: string,
  updatedAt: string,
  patch: Record<string, unknown> = {},
): Record<string, unknown> => ({
  websiteId: 1,
  productId: 52,
  sku,
  type: 'SIMPLE',
  customerGroupCode: '0',
  websiteCode: 'base',
  regular: 52,
  updatedAt,
  deleted: false,
  ...patch,
});

const T1 = '2026-11-22T10:00:00.000Z';
const T2 = '2026-11-22T10:00:01.000Z';
const T3 = '2026-11-22T10:00:02.000Z';

describe('commerce-services (HTTP, real MariaDB)', () => {
  const database = scratchDatabaseName('receiver');
  const agent = new Agent({ connections: 16 });
  const logLines: string[] = [];
  let dir: string;
  let app: INestApplication;
  let base: string;
  let privateKey: KeyLike;
  let foreignKey: KeyLike;

  beforeAll(async () => {
    const root = await connectCommerceDbAsShop({ database: null });
    await root.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci`);
    await root.end();
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    ({ privateKey: foreignKey } = await generateKeyPair('RS256'));
    dir = await mkdtemp(path.join(tmpdir(), 'cde-receiver-'));
    const publicKeyFile = path.join(dir, 'public.pem');
    await writeFile(publicKeyFile, await exportSPKI(pair.publicKey));
    const { commerceDb } = loadRuntimeConfig();
    const config = loadConfig({
      CDE_RECEIVER_API_KEY: API_KEY,
      CDE_RECEIVER_PUBLIC_KEY_FILE: publicKeyFile,
      CDE_RECEIVER_ENVIRONMENT_ID: ENV,
      CDE_RECEIVER_RATE_LIMIT: '0',
      CDE_RECEIVER_HANG_TIMEOUT_MS: String(HANG_TIMEOUT_MS),
      CDE_RECEIVER_DB_HOST: commerceDb.host,
      CDE_RECEIVER_DB_PORT: String(commerceDb.port),
      CDE_RECEIVER_DB_USER: 'root',
      CDE_RECEIVER_DB_NAME: database,
    });
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    app = await createApp(config, createLogger({ service: 'commerce-services', destination }));
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
  });

  afterAll(async () => {
    await app?.close();
    await agent.close();
    const root = await connectCommerceDbAsShop({ database: null });
    await root.query(`DROP DATABASE IF EXISTS \`${database}\``);
    await root.end();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const token = (
    o: { key?: KeyLike; sub?: string; apiKey?: string; ageSeconds?: number; lifetime?: number } = {},
  ): Promise<string> => {
    const iat = Math.floor(Date.now() / 1_000) - (o.ageSeconds ?? 0);
    return new SignJWT({ apiKey: o.apiKey ?? API_KEY })
      .setProtectedHeader({ alg: 'RS256' })
      .setSubject(o.sub ?? ENV)
      .setIssuedAt(iat)
      .setExpirationTime(iat + (o.lifetime ?? 300))
      .sign(o.key ?? privateKey);
  };

  async function post(feed: FeedName, items: unknown, o: PostOptions = {}): Promise<Reply> {
    const gzip = o.gzip ?? true;
    const json = Buffer.from(JSON.stringify(items));
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (gzip) headers['content-encoding'] = 'gzip';
    if (o.apiKey !== null) headers['x-api-key'] = o.apiKey ?? API_KEY;
    if (o.token !== null) headers['x-gw-signature'] = o.token ?? (await token());
    const res = await request(`${base}${ingestionPath(feed, o.environmentId ?? ENV)}`, {
      dispatcher: agent,
      method: 'POST',
      headers,
      body: o.raw ?? (gzip ? gzipSync(json) : json),
      signal: o.signal,
    });
    return {
      status: res.statusCode,
      headers: res.headers,
      body: (await res.body.json()) as Record<string, unknown>,
    };
  }

  async function api(
    method: 'GET' | 'PUT' | 'DELETE',
    url: string,
    body?: unknown,
    apiKey: string | null = API_KEY,
  ): Promise<Reply> {
    const res = await request(`${base}${url}`, {
      dispatcher: agent,
      method,
      headers: {
        ...(apiKey === null ? {} : { 'x-api-key': apiKey }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.body.text();
    return {
      status: res.statusCode,
      headers: res.headers,
      body: (text.startsWith('{') ? JSON.parse(text) : { text }) as Record<string, unknown>,
    };
  }

  const items = async (query: string): Promise<{ items: Record<string, unknown>[]; total: number }> => {
    const reply = await api('GET', `/api/feeds/prices/items?${query}`);
    expect(reply.status).toBe(200);
    return reply.body as unknown as { items: Record<string, unknown>[]; total: number };
  };

  it('migrates its own database with TypeORM migrations, idempotently', async () => {
    const { commerceDb } = loadRuntimeConfig();
    const dataSource = createReceiverDataSource(
      { host: commerceDb.host, port: commerceDb.port, user: 'root', password: '', database },
      2,
    );
    await dataSource.initialize();
    try {
      await runReceiverMigrations(dataSource);
      const columns = await dataSource.query<{ c: string }[]>(
        "SELECT column_name AS c FROM information_schema.columns WHERE table_schema = ? AND table_name = 'feed_items' ORDER BY ordinal_position",
        [database],
      );
      expect(columns.map((r) => r.c)).toEqual([
        'id',
        'feed',
        'feed_id',
        'identity',
        'item',
        'version',
        'deleted',
        'received_at',
        'request_id',
      ]);
      const migrations = await dataSource.query<{ n: number | string }[]>(
        'SELECT COUNT(*) AS n FROM cde_migrations',
      );
      expect(Number(migrations[0]!.n)).toBe(1);
    } finally {
      await dataSource.destroy();
    }
  });

  it('ingests a gzip batch and serves the items back by their identity fields', async () => {
    const batch = [
      price('ACC-1', T1),
      price('ACC-1', T1, { websiteCode: 'second', websiteId: 2 }),
      price('ACC-2', T1),
    ];
    const reply = await post('prices', batch);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ failedItems: {} });
    expect(reply.headers['x-request-id']).toMatch(UUID);

    expect(await items('sku=ACC-1')).toMatchObject({ total: 2, items: [batch[0], batch[1]] });
    expect(await items('sku=ACC-1&websiteCode=second')).toEqual({ total: 1, items: [batch[1]] });
    expect(await items('sku=ACC-1&websiteCode=base&customerGroupCode=0')).toEqual({
      total: 1,
      items: [batch[0]],
    });
    expect(await items('sku=acc-1')).toEqual({ total: 0, items: [] });
    expect(await items('sku=ACC-1&limit=1&offset=1')).toEqual({ total: 2, items: [batch[1]] });

    const plain = await post('prices', [price('ACC-3', T1)], { gzip: false });
    expect(plain.status).toBe(200);
    expect((await items('sku=ACC-3')).total).toBe(1);
  });

  it('refuses a wrong or missing x-api-key with 401, on ingestion and on the APIs', async () => {
    for (const apiKey of ['wrong-key', null]) {
      const reply = await post('prices', [price('KEY-1', T1)], { apiKey });
      expect(reply.status).toBe(401);
      expect(reply.body).toMatchObject({ error: 'invalid_api_key', code: 'CDE20-01' });
      expect(reply.headers['x-request-id']).toMatch(UUID);
    }
    expect((await api('GET', '/api/feeds/prices/items', undefined, 'wrong-key')).status).toBe(401);
    expect((await api('GET', '/api/faults', undefined, null)).status).toBe(401);
    expect((await api('GET', '/api/requests', undefined, null)).body).toMatchObject({ code: 'CDE20-13' });
    expect((await items('sku=KEY-1')).total).toBe(0);
  });

  it('refuses a bad, expired, over-long or foreign signature with 401, another environment with 403', async () => {
    const cases: [string | null, number, string][] = [
      [null, 401, 'invalid_signature'],
      ['not-a-jwt', 401, 'invalid_signature'],
      [await token({ key: foreignKey }), 401, 'invalid_signature'],
      [await token({ ageSeconds: 400 }), 401, 'token_expired'],
      [await token({ lifetime: 301 }), 401, 'invalid_signature'],
      [await token({ apiKey: 'another-key' }), 401, 'invalid_signature'],
      [await token({ sub: 'production' }), 403, 'wrong_environment'],
    ];
    for (const [jwt, status, error] of cases) {
      const reply = await post('prices', [price('SIG-1', T1)], { token: jwt });
      expect({ status: reply.status, error: reply.body['error'] }).toEqual({ status, error });
    }
    expect((await post('prices', [price('SIG-1', T1)], { environmentId: 'production' })).status).toBe(404);
    const unknown = await request(`${base}/feeds/nope/v1/${ENV}`, {
      dispatcher: agent,
      method: 'POST',
      body: '[]',
    });
    expect(unknown.statusCode).toBe(404);
    expect(await unknown.body.json()).toMatchObject({ error: 'unknown_feed_path', code: 'CDE20-04' });
    expect((await items('sku=SIG-1')).total).toBe(0);
  });

  it('refuses malformed gzip, a non-array and too many items with 400', async () => {
    const malformed = await post('prices', null, { raw: Buffer.from('definitely not gzip') });
    expect(malformed).toMatchObject({ status: 400, body: { error: 'malformed_gzip', code: 'CDE20-05' } });
    expect(await post('prices', { sku: 'X' })).toMatchObject({
      status: 400,
      body: { error: 'not_an_array' },
    });
    expect(await post('prices', ['X'])).toMatchObject({ status: 400, body: { error: 'item_not_an_object' } });
    const tooMany = await post(
      'products',
      Array.from({ length: 101 }, () => ({})),
    );
    expect(tooMany).toMatchObject({ status: 400, body: { error: 'items_limit_exceeded', code: 'CDE20-06' } });
    const prices = Array.from({ length: 500 }, (_, i) => price(`LIMIT-${i}`, T1));
    expect((await post('prices', prices)).status).toBe(200);
    expect((await items('limit=1')).total).toBeGreaterThanOrEqual(500);
    expect((await post('prices', [...prices, price('LIMIT-500', T1)])).body).toMatchObject({
      error: 'items_limit_exceeded',
    });
  });

  it('reports an invalid item by its position and stores the others', async () => {
    const reply = await post('prices', [
      price('INV-1', T1),
      price('INV-2', T1, { regular: 'cheap' }),
      price('INV-3', T1, { sku: '' }),
      price('INV-4', T1),
    ]);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      failedItems: {
        '1': { message: '/regular must be number', field: 'regular' },
        '2': { message: expect.stringContaining('/sku') as unknown, field: 'sku' },
      },
    });
    expect((await items('sku=INV-1')).total).toBe(1);
    expect((await items('sku=INV-2')).total).toBe(0);
    expect((await items('sku=INV-4')).total).toBe(1);
  });

  it('never lets an older version overwrite a newer one (I2) and counts it stale', async () => {
    const before = (await api('GET', '/api/feeds/prices/stats')).body;
    expect((await post('prices', [price('VER-1', T2, { regular: 2 })])).status).toBe(200);
    const older = await post('prices', [price('VER-1', T1, { regular: 1 })]);
    // Listed as failed with its own status, so the sender knows it did not apply.
    expect(older).toMatchObject({
      status: 200,
      body: {
        failedItems: {
          '0': {
            status: 409,
            heldVersion: T2,
            field: 'updatedAt',
            message: `stale: version ${T1} is older than the version held, ${T2}`,
          },
        },
      },
    });
    expect((await items('sku=VER-1')).items).toEqual([price('VER-1', T2, { regular: 2 })]);

    // Equal version: an idempotent replace. Newer: replaces. Within one batch: in order.
    expect((await post('prices', [price('VER-1', T2, { regular: 22 })])).status).toBe(200);
    expect((await items('sku=VER-1')).items[0]).toMatchObject({ regular: 22 });
    await post('prices', [price('VER-1', T3, { regular: 3 }), price('VER-1', T2, { regular: 99 })]);
    expect((await items('sku=VER-1')).items[0]).toMatchObject({ regular: 3, updatedAt: T3 });

    const after = (await api('GET', '/api/feeds/prices/stats')).body;
    expect(Number(after['staleItems']) - Number(before['staleItems'])).toBe(2);
  });

  it('keeps the newest version per identity under concurrent batches (I2)', async () => {
    const skus = Array.from({ length: 20 }, (_, i) => `CONC-${i}`);
    const stock = (sku: string, k: number): Record<string, unknown> => ({
      stockId: '1',
      sku,
      qty: k,
      qtyForSale: k,
      infiniteStock: false,
      isSalable: true,
      updatedAt: `2026-11-22T11:00:0${k}.000Z`,
      deleted: false,
    });
    // Versions arrive out of order, identities locked in opposite orders: the newest must win everywhere.
    const order = [3, 7, 0, 5, 1, 6, 2, 4, 7, 0, 6, 1, 5, 2, 4, 3];
    const replies = await Promise.all(
      order.map((k, n) =>
        post(
          'inventoryStockStatus',
          (n % 2 === 0 ? skus : [...skus].reverse()).map((sku) => stock(sku, k)),
        ),
      ),
    );
    expect(replies.map((r) => r.status)).toEqual(order.map(() => 200));
    const stored = await api('GET', '/api/feeds/inventoryStockStatus/items?stockId=1&limit=1000');
    expect(stored.body['total']).toBe(20);
    for (const item of stored.body['items'] as Record<string, unknown>[])
      expect(item).toEqual(stock(String(item['sku']), 7));
    const stats = (await api('GET', '/api/feeds/inventoryStockStatus/stats')).body;
    expect(stats).toMatchObject({
      feed: 'inventoryStockStatus',
      items: 20,
      deleted: 0,
      requests: order.length,
      rejectedItems: 0,
    });
  });

  it('keeps deletes as state, newest version first', async () => {
    await post('prices', [price('DEL-1', T1), price('DEL-2', T1)]);
    const del = { sku: 'DEL-1', customerGroupCode: '0', websiteCode: 'base', updatedAt: T2, deleted: true };
    expect((await post('prices', [del])).body).toEqual({ failedItems: {} });
    expect(await items('sku=DEL-1&deleted=true')).toEqual({ total: 1, items: [del] });
    expect((await items('sku=DEL-1&deleted=false')).total).toBe(0);
    expect((await items('sku=DEL-2&deleted=false')).total).toBe(1);
    // A late live item older than the delete does not bring it back.
    await post('prices', [price('DEL-1', T1)]);
    expect((await items('sku=DEL-1')).items).toEqual([del]);
  });

  it('throttles above the rate limit with 429 and Retry-After, and accepts again after the wait', async () => {
    expect((await api('PUT', '/api/faults', { rateLimit: 2 })).body).toMatchObject({ effectiveRateLimit: 2 });
    try {
      const replies: Reply[] = [];
      for (const sku of ['RATE-1', 'RATE-2', 'RATE-3']) replies.push(await post('prices', [price(sku, T1)]));
      expect(replies.map((r) => r.status)).toEqual([200, 200, 429]);
      const throttled = replies[2]!;
      expect(throttled.body).toMatchObject({ error: 'rate_limited', code: 'CDE20-08' });
      const retryAfter = Number(throttled.headers['retry-after']);
      expect(Number.isInteger(retryAfter) && retryAfter >= 1).toBe(true);
      expect((await items('sku=RATE-3')).total).toBe(0);

      await new Promise((resolve) => setTimeout(resolve, retryAfter * 1_000));
      expect((await post('prices', [price('RATE-3', T1)])).status).toBe(200);
      expect((await items('sku=RATE-3')).total).toBe(1);
    } finally {
      await api('DELETE', '/api/faults');
    }
  });

  it('answers 503 before anything else at errorRate 1', async () => {
    await api('PUT', '/api/faults', { errorRate: 1 });
    try {
      const reply = await post('prices', [price('ERR-1', T1)], { apiKey: 'even-a-wrong-key' });
      expect(reply).toMatchObject({ status: 503, body: { error: 'service_unavailable', code: 'CDE20-10' } });
    } finally {
      await api('DELETE', '/api/faults');
    }
    expect((await items('sku=ERR-1')).total).toBe(0);
  });

  it('answers 401 to the right key while refuseKey is on, and still serves reads', async () => {
    await api('PUT', '/api/faults', { refuseKey: true });
    try {
      const reply = await post('prices', [price('KEY-REFUSED', T1)]);
      expect(reply).toMatchObject({ status: 401, body: { error: 'invalid_api_key', code: 'CDE20-01' } });
      expect((await items('sku=KEY-REFUSED')).total).toBe(0);
    } finally {
      await api('DELETE', '/api/faults');
    }
    expect((await post('prices', [price('KEY-REFUSED', T1)])).status).toBe(200);
  });

  it('reports items matched by rejectItems as failed items, and answers 400 to batches matched by rejectBatches', async () => {
    await api('PUT', '/api/faults', {
      rejectItems: [{ feed: 'prices', field: 'sku', value: 'FAULT-2' }],
      rejectBatches: [{ field: 'sku', value: 'FAULT-POISON' }],
    });
    try {
      const reply = await post('prices', [price('FAULT-1', T1), price('FAULT-2', T1)]);
      expect(reply).toEqual({
        status: 200,
        headers: expect.anything() as unknown,
        body: { failedItems: { '1': { message: 'rejected by fault switch', field: 'sku' } } },
      });
      expect((await items('sku=FAULT-1')).total).toBe(1);
      expect((await items('sku=FAULT-2')).total).toBe(0);

      const batch = await post('prices', [price('FAULT-3', T1), price('FAULT-POISON', T1)]);
      expect(batch).toMatchObject({
        status: 400,
        body: { error: 'batch_rejected', failedItems: { '1': { field: 'sku' } } },
      });
      expect((await items('sku=FAULT-3')).total).toBe(0);
    } finally {
      await api('DELETE', '/api/faults');
    }
  });

  it('holds requests while hang is on: until the client gives up, the switch goes off or the server times out', async () => {
    await api('PUT', '/api/faults', { hang: true });
    try {
      const started = Date.now();
      await expect(
        post('prices', [price('HANG-1', T1)], { signal: AbortSignal.timeout(300) }),
      ).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(HANG_TIMEOUT_MS);

      const released = post('prices', [price('HANG-2', T1)]);
      await waitFor(async () => (await api('GET', '/api/faults')).body['heldRequests'] === 1);
      await api('PUT', '/api/faults', { hang: false });
      expect((await released).status).toBe(200);

      await api('PUT', '/api/faults', { hang: true });
      const timedOut = await post('prices', [price('HANG-3', T1)]);
      expect(timedOut).toMatchObject({ status: 504, body: { error: 'hang_timeout' } });
    } finally {
      await api('DELETE', '/api/faults');
    }
    const log = (await api('GET', '/api/requests?limit=10&feed=prices')).body['requests'] as Record<
      string,
      unknown
    >[];
    expect(log.find((r) => r['status'] === 499)).toMatchObject({ error: 'client_gone', feed: 'prices' });
    expect((await items('sku=HANG-1')).total).toBe(0);
    expect((await items('sku=HANG-2')).total).toBe(1);
    expect((await items('sku=HANG-3')).total).toBe(0);
  });

  it('reflects it all in stats, the request log, metrics and logs', async () => {
    const stats = await api('GET', '/api/feeds/prices/stats');
    expect(stats.status).toBe(200);
    expect(stats.body).toMatchObject({ feed: 'prices', deleted: 1, staleItems: 3 });
    const s = stats.body as {
      items: number;
      requests: number;
      rejectedItems: number;
      lastReceivedAt: string;
    };
    expect((await items('deleted=false&limit=1')).total).toBe(s.items);
    expect(s.requests).toBeGreaterThan(20);
    // 2 invalid + 1 fault-rejected item + 2 items of the rejected batch + 1 non-object batch item.
    expect(s.rejectedItems).toBeGreaterThanOrEqual(5);
    expect(Date.now() - new Date(s.lastReceivedAt).getTime()).toBeLessThan(120_000);
    expect((await api('GET', '/api/feeds/nope/stats')).status).toBe(404);
    expect((await api('GET', '/api/feeds/prices/items?name=x')).status).toBe(400);

    const requests = (await api('GET', '/api/requests?limit=1000')).body['requests'] as Record<
      string,
      unknown
    >[];
    const statuses = new Set(requests.map((r) => r['status']));
    for (const status of [200, 400, 401, 403, 404, 429, 499, 503, 504]) expect(statuses).toContain(status);
    expect(requests[0]).toEqual({
      method: 'POST',
      path: '/feeds/products/v1/prices/local',
      feed: 'prices',
      status: expect.any(Number) as unknown,
      items: expect.any(Number) as unknown,
      failedItems: expect.any(Number) as unknown,
      staleItems: expect.any(Number) as unknown,
      latencyMs: expect.any(Number) as unknown,
      requestId: expect.stringMatching(UUID) as unknown,
      at: expect.any(String) as unknown,
      ...(requests[0]!['error'] === undefined ? {} : { error: expect.any(String) as unknown }),
    });

    const metrics = await request(`${base}/metrics`, { dispatcher: agent });
    const text = await metrics.body.text();
    expect(text).toMatch(/cde_receiver_requests_total\{feed="prices",status="429"\} 1/);
    expect(text).toMatch(/cde_receiver_items_total\{feed="prices",outcome="stale"\} 3/);
    expect(text).toContain('cde_receiver_request_duration_seconds_bucket');

    expect((await api('GET', '/health', undefined, null)).body).toEqual({ status: 'ok' });
    expect((await api('GET', '/ready', undefined, null)).body).toEqual({ status: 'ready' });
    expect((await api('GET', '/nothing-here')).body).toMatchObject({ error: 'not_found' });

    const records = logLines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const warnings = records.filter((r) => r['level'] === 'warn' && r['operation'] === 'ingest');
    expect(warnings.length).toBeGreaterThan(10);
    for (const w of warnings) expect(String(w['code'])).toMatch(/^CDE20-\d\d$/);
    expect(new Set(warnings.map((w) => w['code']))).toEqual(
      new Set([
        'CDE20-01',
        'CDE20-02',
        'CDE20-03',
        'CDE20-04',
        'CDE20-05',
        'CDE20-06',
        'CDE20-07',
        'CDE20-08',
        'CDE20-09',
        'CDE20-10',
        'CDE20-11',
      ]),
    );
    const all = logLines.join('\n');
    expect(all).not.toContain(API_KEY);
    expect(all).not.toContain('ACC-1');
    expect(all).not.toContain('eyJ');
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
