import { Topics, type CdeEvent, type FeedItemMessage, type ResyncCommand } from '@cde/contracts';
import {
  collectMessages,
  connectCommerceDbAsShop,
  scratchDatabaseName,
  startService,
  testKafka,
  uniqueName,
  type CollectedMessage,
  type ServiceProcess,
} from '@cde/testing/runtime';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Connection, ResultSetHeader } from 'mysql2/promise';
import { request } from 'undici';

const ROOT = path.resolve(__dirname, '../../..');

/**
 * scopes-feed end to end: rows change in the Commerce DB → Debezium → Kafka → the scopes-feed process → the feed
 * topics. Each run uses its own consumer group and feed-state database, and values no other run uses.
 */
describe('scopes-feed end to end', () => {
  const kafka = testKafka('cde-scopes-e2e');
  const stateDb = scratchDatabaseName('scopes_e2e_state');
  const group = uniqueName('scopes-feed-e2e');
  const tag = uniqueName('e2e').replace('-', '_');
  let shop: Connection;
  let service: ServiceProcess;
  /** Items produced before this (the service catching up with the history of a fresh group) are not ours. */
  let startedAt = Date.now();

  const env = (consumerGroup: string): Record<string, string> => ({
    CDE_KAFKA_CONSUMER_GROUP: consumerGroup,
    CDE_FEED_DB_NAME: stateDb,
    CDE_FEED_DB_USER: 'root',
    CDE_FEED_DB_PASSWORD: '',
    CDE_FEED_MODES: 'scopesWebsite=immediate,scopesCustomerGroup=immediate',
    CDE_LOG_LEVEL: 'info',
    // A free port each: the replay below runs a second instance beside the first.
    CDE_METRICS_PORT: '0',
  });

  const start = async (consumerGroup = group): Promise<ServiceProcess> => {
    const s = startService('scopes-feed', env(consumerGroup));
    await s.waitForLine(/scopes-feed consuming/, 60_000);
    return s;
  };

  const feedMessages = (m: readonly CollectedMessage[]): FeedItemMessage[] =>
    m.filter((x) => x.message.value).map((x) => JSON.parse(x.message.value!.toString()) as FeedItemMessage);

  /** Items of the feed topic produced after this test started, read until `until` holds. */
  const read = async (
    feed: 'scopesWebsite' | 'scopesCustomerGroup',
    until: (items: FeedItemMessage[]) => boolean,
    timeoutMs = 60_000,
  ) => {
    const fresh = (m: readonly CollectedMessage[]): FeedItemMessage[] =>
      feedMessages(m).filter((x) => Date.parse(x.producedAt) >= startedAt);
    return fresh(
      await collectMessages(kafka, { topic: Topics.feed(feed), until: (m) => until(fresh(m)), timeoutMs }),
    );
  };

  beforeAll(async () => {
    shop = await connectCommerceDbAsShop({ multipleStatements: true });
    await shop.query(`CREATE DATABASE IF NOT EXISTS \`${stateDb}\``);
    service = await start();
    // A fresh group and feed state first replay the captured history: wait until that is done and quiet.
    await service.waitForLine(/"feed":"scopesWebsite".*Complete: processed/, 60_000);
    for (let quiet = 0, seen = service.lines.length; quiet < 3;) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      quiet = service.lines.length === seen ? quiet + 1 : 0;
      seen = service.lines.length;
    }
    startedAt = Date.now();
  });

  afterAll(async () => {
    // Remove what this run created while the service still runs, so its deletes reach the feed topics and the
    // topics keep matching the database for whoever reads them next.
    const [groups] = (await shop.query(
      'SELECT customer_group_id AS id FROM customer_group WHERE customer_group_code LIKE ?',
      [`${tag}%`],
    )) as unknown as [{ id: number }[]];
    await shop.query(
      `DELETE FROM store WHERE code LIKE '${tag}%'; DELETE FROM store_group WHERE code LIKE '${tag}%'; DELETE FROM store_website WHERE code LIKE '${tag}%'`,
    );
    await shop.query(`DELETE FROM customer_group WHERE customer_group_code LIKE '${tag}%'`);
    const gone = new Set(groups.map((g) => String(g.id)));
    await Promise.all([
      read('scopesWebsite', (items) =>
        items.some((i) => i.deleted && i.sourceEntityId === String(websiteId)),
      ),
      read(
        'scopesCustomerGroup',
        (items) =>
          new Set(items.filter((i) => i.deleted && gone.has(i.sourceEntityId)).map((i) => i.sourceEntityId))
            .size === gone.size,
      ),
    ]);
    await service.stop();
    await shop.query(`DROP DATABASE IF EXISTS \`${stateDb}\``);
    await shop.end();
  });

  let websiteId = 0;

  it('publishes exactly the affected items when a website is created', async () => {
    await shop.query('START TRANSACTION');
    const [w] = await shop.query<ResultSetHeader>(
      'INSERT INTO store_website (code, name, sort_order, default_group_id, is_default) VALUES (?, ?, 9, 0, 0)',
      [`${tag}_w`, 'E2E Website'],
    );
    websiteId = w.insertId;
    const [g] = await shop.query<ResultSetHeader>(
      'INSERT INTO store_group (website_id, name, root_category_id, default_store_id, code) VALUES (?, ?, 2, 0, ?)',
      [websiteId, 'E2E Group', `${tag}_g`],
    );
    await shop.query(
      'INSERT INTO store (code, website_id, group_id, name, sort_order, is_active) VALUES (?, ?, ?, ?, 0, 1), (?, ?, ?, ?, 1, 1)',
      [`${tag}_v1`, websiteId, g.insertId, 'View 1', `${tag}_v2`, websiteId, g.insertId, 'View 2'],
    );
    await shop.query('COMMIT');

    const websites = await read('scopesWebsite', (items) =>
      items.some((i) => i.item['websiteCode'] === `${tag}_w` && JSON.stringify(i.item).includes(`${tag}_v2`)),
    );
    const ours = websites.filter((i) => i.sourceEntityId === String(websiteId));
    expect(ours.at(-1)!.item).toMatchObject({
      websiteId: String(websiteId),
      websiteCode: `${tag}_w`,
      deleted: false,
      stores: [
        {
          storeCode: `${tag}_g`,
          storeViews: [{ storeViewCode: `${tag}_v1` }, { storeViewCode: `${tag}_v2` }],
        },
      ],
    });
    // Only the new website is published, never the others.
    expect(new Set(websites.map((i) => i.sourceEntityId))).toEqual(new Set([String(websiteId)]));
    expect(ours.at(-1)!.sourceCommitTime).toBeDefined();

    // A new website changes every customer group's website list.
    const [[{ n }]] = (await shop.query('SELECT COUNT(*) AS n FROM customer_group')) as unknown as [
      [{ n: number }],
    ];
    const groups = await read(
      'scopesCustomerGroup',
      (items) =>
        new Set(
          items.filter((i) => (i.item['websites'] as string[]).includes(`${tag}_w`)).map((i) => i.feedId),
        ).size >= Number(n),
    );
    expect(
      new Set(
        groups
          .filter((i) => (i.item['websites'] as string[]).includes(`${tag}_w`))
          .map((i) => i.sourceEntityId),
      ).size,
    ).toBe(Number(n));
  });

  it('serves metrics and health on the port it logs', async () => {
    const line = await service.waitForLine(/metrics and health listening/, 10_000);
    const { port } = JSON.parse(line) as { port: number };
    const get = async (p: string) => {
      const res = await request(`http://127.0.0.1:${port}${p}`);
      return { status: res.statusCode, body: await res.body.text() };
    };
    expect((await get('/health/live')).status).toBe(200);
    expect((await get('/health/ready')).status).toBe(200);
    const metrics = await get('/metrics');
    expect(metrics.body).toMatch(
      /cde_feed_items_published_total\{feed="scopesWebsite",app="scopes-feed"\} [1-9]/,
    );
    expect(metrics.body).toMatch(
      /cde_feed_sync_duration_seconds_count\{[^}]*feed="scopesWebsite",operation="partial_sync"\} [1-9]/,
    );
    expect(metrics.body).toContain('process_resident_memory_bytes{app="scopes-feed"}');
  });

  it('publishes nothing for a change the items do not show, nor when the events are replayed', async () => {
    await shop.query('UPDATE store_website SET name = ? WHERE website_id = ?', [
      'E2E Website renamed',
      websiteId,
    ]);
    await service.waitForLine(new RegExp(`"feed":"scopesWebsite".*processed 1, synced 0, skipped 1`), 60_000);

    // Replay: a second consumer group reads every event from the start against the same feed state.
    const replay = await start(`${group}-replay`);
    await replay.waitForLine(/"feed":"scopesWebsite".*Complete: processed/, 60_000);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await replay.stop();
    expect(replay.lines.filter((l) => /Complete: processed \d+, synced [1-9]/.test(l))).toEqual([]);
  });

  it("removes a deleted store view from its website's item", async () => {
    await shop.query('DELETE FROM store WHERE code = ?', [`${tag}_v1`]);
    const items = await read('scopesWebsite', (all) =>
      all.some(
        (i) => i.sourceEntityId === String(websiteId) && !JSON.stringify(i.item).includes(`${tag}_v1`),
      ),
    );
    const latest = items.filter((i) => i.sourceEntityId === String(websiteId)).at(-1)!;
    expect(latest.item['stores']).toEqual([
      expect.objectContaining({ storeViews: [expect.objectContaining({ storeViewCode: `${tag}_v2` })] }),
    ]);
  });

  it('runs a resync requested on cde.commands and reports it on cde.events', async () => {
    const producer = kafka.producer();
    await producer.connect();
    const command: ResyncCommand = {
      type: 'resync',
      commandId: randomUUID(),
      requestedAt: new Date().toISOString(),
      requestedBy: 'test',
      feed: 'scopesWebsite',
      options: {
        byIds: [`${tag}_w`],
        idType: 'sku',
        dryRun: false,
        cleanupFeed: false,
        noReindex: false,
        continueResync: false,
        force: false,
      },
    };
    await producer.send({
      topic: Topics.commands,
      messages: [{ key: command.feed, value: JSON.stringify(command) }],
    });
    await producer.disconnect();
    const events = await collectMessages(kafka, {
      topic: Topics.events,
      until: (m) =>
        m.some(
          (x) =>
            /resync\.(finished|refused)/.test(x.message.value?.toString() ?? '') &&
            (x.message.value?.toString() ?? '').includes(command.commandId),
        ),
      timeoutMs: 60_000,
    });
    const ours = events
      .map((e) => JSON.parse(e.message.value!.toString()) as CdeEvent)
      .filter((e) => e.commandId === command.commandId);
    expect(ours[0]!.type).toBe('resync.started');
    expect(ours.at(-1)).toMatchObject({
      type: 'resync.finished',
      status: 'complete',
      processed: 1,
      synced: 1,
    });
    expect(ours.slice(1, -1).every((e) => e.type === 'resync.progress')).toBe(true);
  });

  it('the cde CLI resyncs a feed with saas:resync options and reports the result', () => {
    const cli = (args: string[]): { status: number | null; out: string } => {
      const r = spawnSync(
        path.join(ROOT, 'node_modules/.bin/tsx'),
        [path.join(ROOT, 'apps/cli/src/main.ts'), ...args],
        {
          cwd: ROOT,
          encoding: 'utf8',
          timeout: 120_000,
        },
      );
      return { status: r.status, out: `${r.stdout}${r.stderr}` };
    };
    const forced = cli([
      'resync',
      '--feed=scopescustomergroup',
      '--force',
      '--batch-size=2',
      '--thread-count=2',
      '--timeout=90',
    ]);
    expect(forced.out).toMatch(/scopesCustomerGroup: complete: processed \d+, synced \d+/);
    expect(forced.status).toBe(0);
    const dry = cli(['resync', '--feed=scopesWebsite', '--dry-run', '--timeout=90']);
    expect(dry.out).toContain('(dry run: nothing sent or saved)');
    const bad = cli(['resync', '--feed=scopesWebsite', '--thread-count=0']);
    expect(bad.status).toBe(2);
    expect(bad.out).toContain('--thread-count must be an integer from 1 to 32');
  });

  it('resumes after kill -9 without losing a publish, duplicating at most the in-flight batch', async () => {
    // Forty groups in forty transactions: forty change events, consumed over one or more batches.
    for (let i = 0; i < 40; i++)
      await shop.query('INSERT INTO customer_group (customer_group_code, tax_class_id) VALUES (?, 3)', [
        `${tag}_g${i}`,
      ]);
    const [rows] = (await shop.query(
      'SELECT customer_group_id AS id FROM customer_group WHERE customer_group_code LIKE ?',
      [`${tag}_g%`],
    )) as unknown as [{ id: number }[]];
    const ids = new Set(rows.map((r) => String(r.id)));
    // Kill -9 as soon as the first of them is published, wherever the rest are, then start again.
    await read('scopesCustomerGroup', (items) => items.some((i) => ids.has(i.sourceEntityId)), 60_000);
    await service.kill();
    service = await start();
    const items = await read(
      'scopesCustomerGroup',
      (all) =>
        new Set(all.filter((i) => ids.has(i.sourceEntityId)).map((i) => i.sourceEntityId)).size === ids.size,
      90_000,
    );
    const perGroup = new Map<string, number>();
    for (const i of items.filter((x) => ids.has(x.sourceEntityId)))
      perGroup.set(i.sourceEntityId, (perGroup.get(i.sourceEntityId) ?? 0) + 1);
    expect(perGroup.size).toBe(40); // nothing lost
    expect(Math.max(...perGroup.values())).toBeLessThanOrEqual(2); // at most the in-flight batch again
  });
});
