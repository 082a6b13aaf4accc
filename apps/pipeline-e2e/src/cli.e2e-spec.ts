import { request } from 'undici';
import type { RowDataPacket } from 'mysql2/promise';
import { Topics } from '@cde/contracts';
import { testKafka } from '@cde/testing/runtime';
import { runCde, type CliRun } from './cde-cli';
import { eventually, Pipeline } from './pipeline-harness';

/**
 * The `cde` command line against a running pipeline (products-feed with the products feed, the exporter, the
 * bundled receiver): exit codes, bad input, status, explain for a renamed and for a parked product, failed retry,
 * replay into an emptied receiver, estimate and doctor. One pipeline for the whole file.
 */
describe('cde CLI end to end', () => {
  const pipeline = new Pipeline({
    feedService: 'products-feed',
    feeds: ['products'],
    feedServiceEnv: { CDE_FEEDS: 'products' },
  });
  const restore: string[] = [];
  let nameAttribute = 0;

  const cde = (args: readonly string[], timeoutMs = 120_000): Promise<CliRun> =>
    runCde(pipeline.cliEnv, args, timeoutMs);
  const json = <T>(run: CliRun): T => JSON.parse(run.stdout) as T;
  /** The end offsets of cde.commands: what the CLI has written there. */
  const commandOffsets = async (): Promise<string[]> => {
    const admin = testKafka('cde-cli-e2e').admin();
    await admin.connect();
    try {
      return (await admin.fetchTopicOffsets(Topics.commands)).map((p) => `${p.partition}:${p.offset}`).sort();
    } finally {
      await admin.disconnect();
    }
  };

  const faults = async (method: 'PUT' | 'DELETE', body?: unknown): Promise<void> => {
    const res = await request(`${pipeline.base}/api/faults`, {
      method,
      headers: {
        'x-api-key': pipeline.cliEnv['CDE_EXPORT_API_KEY'] ?? '',
        'content-type': 'application/json',
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    await res.body.dump();
    expect(res.statusCode).toBeLessThan(300);
  };

  /** A product in a store view with its name row, renamed to `name` (restored afterwards). */
  const rename = async (offset: number, name: string): Promise<{ sku: string; store: string }> => {
    const [rows] = await pipeline.shop.query<RowDataPacket[]>(
      `SELECT e.entity_id, e.sku, s.store_id, s.code FROM catalog_product_entity e
         JOIN catalog_product_website pw ON pw.product_id = e.entity_id
         JOIN store s ON s.website_id = pw.website_id AND s.store_id > 0
        ORDER BY e.entity_id, s.store_id LIMIT 1 OFFSET ?`,
      [offset],
    );
    const t = rows[0]!;
    const [old] = await pipeline.shop.query<RowDataPacket[]>(
      'SELECT value FROM catalog_product_entity_varchar WHERE entity_id = ? AND attribute_id = ? AND store_id = ?',
      [t['entity_id'], nameAttribute, t['store_id']],
    );
    restore.push(
      old[0]
        ? pipeline.shop.format(
            'UPDATE catalog_product_entity_varchar SET value = ? WHERE entity_id = ? AND attribute_id = ? AND store_id = ?',
            [old[0]['value'], t['entity_id'], nameAttribute, t['store_id']],
          )
        : pipeline.shop.format(
            'DELETE FROM catalog_product_entity_varchar WHERE entity_id = ? AND attribute_id = ? AND store_id = ?',
            [t['entity_id'], nameAttribute, t['store_id']],
          ),
    );
    await pipeline.shop.query(
      `INSERT INTO catalog_product_entity_varchar (attribute_id, store_id, entity_id, value) VALUES (?, ?, ?, ?)
       ON DUPLICATE KEY UPDATE value = VALUES(value)`,
      [nameAttribute, t['store_id'], t['entity_id'], name],
    );
    return { sku: String(t['sku']), store: String(t['code']) };
  };

  beforeAll(async () => {
    await pipeline.start();
    const [rows] = await pipeline.shop.query<RowDataPacket[]>(
      `SELECT attribute_id FROM eav_attribute WHERE attribute_code = 'name'
          AND entity_type_id = (SELECT entity_type_id FROM eav_entity_type WHERE entity_type_code = 'catalog_product')`,
    );
    nameAttribute = Number(rows[0]?.['attribute_id']);
  });

  afterAll(async () => {
    for (const sql of restore.reverse()) await pipeline.shop.query(sql);
    await pipeline.stop();
  });

  it('refuses bad input with exit 2, names what is wrong, and fails fast for a feed no service serves', async () => {
    const version = await cde(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const unknownFeed = await cde(['resync', '--feed', 'nope']);
    expect(unknownFeed.code).toBe(2);
    expect(unknownFeed.stderr).toContain('unknown feed "nope"');
    const unknownOption = await cde(['status', '--colour']);
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.stderr).toContain("unknown option '--colour'");
    const badId = await cde(['explain', '--feed', 'products', '--id', 'MH01', '--json']);
    expect(badId.code).toBe(2);
    expect(json<{ error: { code: string; message: string } }>(badId).error.message).toContain(
      'storeViewCode',
    );
    const help = await cde(['failed', 'retry', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--older-than');
    // prices-feed is not running: no command is sent, so there is no answer to wait for (a command sent would
    // wait up to --timeout for its result and end with exit 4, timed out, not 5).
    const commandsBefore = await commandOffsets();
    const noService = await cde(['resync', '--feed', 'prices', '--timeout', '3600', '--json']);
    expect(noService.code).toBe(5);
    expect(noService.stderr).toContain('no service serves feed prices');
    expect(await commandOffsets()).toEqual(commandsBefore);
  });

  it('shows the status of the delivered products feed', async () => {
    expect(
      await eventually(
        async () => (await pipeline.items('products')).length > 0 && pipeline.settled('products'),
        240_000,
      ),
    ).toBe(true);
    const run = await cde(['status', '--feed', 'products', '--json']);
    expect(run.code).toBe(0);
    const [products] = json<{ feeds: Record<string, unknown>[] }>(run).feeds;
    const received = (await pipeline.items('products')).length;
    expect(products).toMatchObject({
      feed: 'products',
      mode: 'immediate',
      sent: received,
      failed: 0,
      parked: 0,
      lag: 0,
    });
    expect((products?.['servedBy'] as string[]).length).toBe(1);
    expect(products?.['sourceRecords']).toBeGreaterThan(0);
  });

  it('explains a product whose name was just changed: the change, the versions, the receiver in sync', async () => {
    const renamed = `CLI renamed ${pipeline.tag}`;
    const { sku, store } = await rename(0, renamed);
    expect(
      await eventually(
        async () =>
          (await pipeline.itemPage('products', { sku, storeViewCode: store })).items[0]?.['name'] === renamed,
        90_000,
      ),
    ).toBe(true);
    await pipeline.waitSettled('products', 60_000);
    const run = await cde([
      'explain',
      '--feed',
      'products',
      '--id',
      `sku=${sku},storeViewCode=${store}`,
      '--json',
    ]);
    expect(run.code).toBe(0);
    const e = json<{
      verdict: string;
      changes: { table: string }[];
      published: { item: { name: string } }[];
      state: { status: number; sentHash: string; feedHash: string; requestId: string | null };
      receiver: { name: string };
      differences: unknown[];
    }>(run);
    expect(e.verdict).toMatch(/in sync/);
    expect(e.changes.map((c) => c.table)).toContain('catalog_product_entity_varchar');
    expect(e.published.length).toBeGreaterThanOrEqual(2);
    expect(e.published[e.published.length - 1]?.item.name).toBe(renamed);
    expect(e.state).toMatchObject({ status: 200, sentHash: e.state.feedHash });
    expect(e.state.requestId).toBeTruthy();
    expect(e.receiver.name).toBe(renamed);
    expect(e.differences).toEqual([]);
    const text = await cde(['explain', '--feed', 'products', '--id', `${sku},${store}`]);
    expect(text.stdout).toContain('in sync');
    const missing = await cde([
      'explain',
      '--feed',
      'products',
      '--id',
      'sku=NO-SUCH-SKU,storeViewCode=default',
    ]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no products item');
  });

  it('explains a product parked by a rejection, lists it, and retries it with exit 0', async () => {
    const renamed = `CLI rejected ${pipeline.tag}`;
    const [rows] = await pipeline.shop.query<RowDataPacket[]>(
      'SELECT sku FROM catalog_product_entity ORDER BY entity_id LIMIT 1 OFFSET 5',
    );
    const target = String(rows[0]?.['sku']);
    await faults('PUT', { rejectItems: [{ feed: 'products', field: 'sku', value: target }] });
    const { sku, store } = await rename(await offsetOf(target), renamed);
    expect(sku).toBe(target);
    let listed: { items: { feedId: string; identity: Record<string, string> }[] } = { items: [] };
    expect(
      await eventually(
        async () => {
          const run = await cde([
            'failed',
            'list',
            '--feed',
            'products',
            '--state',
            'parked',
            '--ids',
            sku,
            '--json',
          ]);
          listed = json(run);
          return listed.items.some((i) => i.identity['storeViewCode'] === store);
        },
        120_000,
        2_000,
      ),
    ).toBe(true);
    const explained = await cde([
      'explain',
      '--feed',
      'products',
      '--id',
      `sku=${sku},storeViewCode=${store}`,
      '--json',
    ]);
    const e = json<{ verdict: string; deliveries: { code: string }[]; state: { parked: boolean } }>(
      explained,
    );
    expect(e.state.parked).toBe(true);
    expect(e.verdict).toMatch(/parked after/);
    expect(e.deliveries.length).toBeGreaterThan(0);

    await faults('DELETE');
    const retry = await cde(['failed', 'retry', '--feed', 'products', '--ids', sku, '--json']);
    expect(retry.code).toBe(0);
    expect(
      await eventually(
        async () =>
          (await pipeline.itemPage('products', { sku, storeViewCode: store })).items[0]?.['name'] === renamed,
        90_000,
      ),
    ).toBe(true);
    expect(
      await eventually(
        async () =>
          json<{ items: unknown[] }>(
            await cde(['failed', 'list', '--feed', 'products', '--ids', sku, '--json']),
          ).items.length === 0,
        60_000,
        2_000,
      ),
    ).toBe(true);
  });

  it('replays the products feed into an emptied receiver, equal to what it held before', async () => {
    await pipeline.waitSettled('products', 60_000);
    const snapshot = async (): Promise<string[]> =>
      (await pipeline.items('products')).map((i) => JSON.stringify(i)).sort();
    const before = await snapshot();
    expect(before.length).toBeGreaterThan(0);
    // The receiver loses the feed (a new data space, a cleanup); everything else keeps running.
    await pipeline.shop.query(`DELETE FROM \`${pipeline.receiverDb}\`.feed_items WHERE feed = 'products'`);
    expect(await snapshot()).toEqual([]);
    const run = await cde(['replay', '--feed', 'products', '--json'], 240_000);
    expect(run.code).toBe(0);
    expect(json<{ results: { items: number; sent: number }[] }>(run).results[0]).toMatchObject({
      items: before.length,
      sent: before.length,
    });
    expect(await snapshot()).toEqual(before);
  });

  it('estimates the sync from real counts and checks the runtime', async () => {
    const estimate = await cde(['estimate', '--feed', 'products', '--rps', '2', '--json']);
    expect(estimate.code).toBe(0);
    const [products] = json<{ feeds: { records: number; requests: number; recordsFrom: string }[] }>(
      estimate,
    ).feeds;
    expect(products?.recordsFrom).toBe('feed state');
    expect(products?.requests).toBe(Math.ceil((products?.records ?? 0) / 100));
    const doctor = await cde(['doctor', '--json']);
    const report = json<{ result: string; checks: { area: string; name: string; result: string }[] }>(doctor);
    expect(doctor.code).toBe(report.result === 'fail' ? 1 : 0);
    expect(new Set(report.checks.map((c) => c.area))).toEqual(
      new Set(['database', 'connect', 'kafka', 'receiver', 'host']),
    );
    expect(report.checks.find((c) => c.name === 'binlog format')?.result).toBe('ok');
    expect(report.checks.find((c) => c.name === 'reachable')?.result).toBe('ok');
  });

  /** The OFFSET of rename()'s query that lands on the first store view of this SKU. */
  async function offsetOf(sku: string): Promise<number> {
    const [rows] = await pipeline.shop.query<RowDataPacket[]>(
      `SELECT e.sku FROM catalog_product_entity e
         JOIN catalog_product_website pw ON pw.product_id = e.entity_id
         JOIN store s ON s.website_id = pw.website_id AND s.store_id > 0
        ORDER BY e.entity_id, s.store_id`,
    );
    return rows.findIndex((r) => r['sku'] === sku);
  }
});
