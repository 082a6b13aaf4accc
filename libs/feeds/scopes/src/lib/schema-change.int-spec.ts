import { SyncCode, type CdeEvent, type ResyncCommand } from '@cde/contracts';
import { CommerceGrantError, CommerceSchemaError, FeedMetrics, FeedService } from '@cde/feed-engine';
import { CommerceDb } from '@cde/platform/commerce-db';
import { SyncJobRepository, type FeedStateRepository } from '@cde/platform/feed-state';
import { BatchHeldBackError } from '@cde/platform/kafka';
import { createCommerceSchema } from '@cde/testing/commerce-db';
import { MemorySink, openScratchFeedState, type ScratchFeedState } from '@cde/testing/feeds';
import { connectCommerceDbAsShop, loadRuntimeConfig, scratchDatabaseName } from '@cde/testing/runtime';
import { randomUUID } from 'node:crypto';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import pino from 'pino';
import { SCOPES_WEBSITE_FEED } from './scopes-website.feed';

/** A Debezium update of a website row, as the change consumer hands it to the service. */
const websiteChange = (id: number, offset: number) => ({
  topic: 'commerce.magento.store_website',
  partition: 0,
  offset: String(offset),
  key: JSON.stringify({ website_id: id }),
  value: JSON.stringify({
    op: 'u',
    before: { website_id: id },
    after: { website_id: id },
    source: { connector: 'mysql', name: 'commerce', ts_ms: Date.now(), snapshot: 'false', db: 'magento' },
  }),
});

/** What a transport's retries of one batch see: each attempt's rejection, or 'ok'. */
async function attempts(service: FeedService, batch: ReturnType<typeof websiteChange>[], n: number) {
  const outcomes: unknown[] = [];
  for (let i = 0; i < n; i++)
    outcomes.push(
      await service.onChanges(batch).then(
        () => 'ok',
        (error: unknown) => error,
      ),
    );
  return outcomes;
}

/** The scopesWebsite feed service on a Commerce DB and a feed state, with what it logs, publishes and emits. */
function scopesWebsiteService(db: CommerceDb, feedState: ScratchFeedState) {
  const sink = new MemorySink();
  const records: Record<string, unknown>[] = [];
  const events: CdeEvent[] = [];
  const metrics = new FeedMetrics({ service: 'scopes-feed', defaultMetrics: false });
  const service = new FeedService({
    service: 'scopes-feed',
    feeds: [SCOPES_WEBSITE_FEED],
    settings: { scopesWebsite: { mode: 'immediate', batchSize: 10 } },
    db,
    state: feedState.repository,
    jobs: new SyncJobRepository(feedState.dataSource),
    sink,
    events: { emit: (e) => Promise.resolve(void events.push(e)) },
    logger: pino(
      { level: 'info' },
      { write: (line: string) => void records.push(JSON.parse(line) as Record<string, unknown>) },
    ),
    metrics,
  });
  const coded = (code: string) => records.filter((r) => r['code'] === code);
  return { service, sink, records, events, metrics, coded };
}

/** The feed service's Commerce DB on the runtime's server: a scratch database, as a user. */
function commerceDbOf(database: string, user: string, password: string): CommerceDb {
  const { commerceDb } = loadRuntimeConfig();
  return CommerceDb.connect({
    host: commerceDb.host,
    port: commerceDb.port,
    user,
    password,
    database,
    poolSize: 4,
  });
}

/** Two more websites with their store groups and stores, in the scratch Commerce DB the shop connection uses. */
async function seedWebsites(shop: Connection, commerce: string): Promise<void> {
  await createCommerceSchema(shop, commerce);
  await shop.query(`USE \`${commerce}\``);
  await shop.query(`INSERT INTO store_website (website_id, code, name, sort_order, default_group_id, is_default) VALUES (2,'eu','EU',1,2,0),(3,'us','US',2,3,0);
      INSERT INTO store_group (group_id, website_id, name, root_category_id, default_store_id, code) VALUES (2,2,'EU Store',2,2,'eu_store'),(3,3,'US Store',2,3,'us_store');
      INSERT INTO store (store_id, code, website_id, group_id, name, sort_order, is_active) VALUES (2,'eu_fr',2,2,'Français',0,1),(3,'us_en',3,3,'English',0,1);`);
}

describe('scopesWebsite when an ALTER TABLE breaks its reader', () => {
  const commerce = scratchDatabaseName('schema_commerce');
  let shop: Connection;
  let db: CommerceDb;
  let feedState: ScratchFeedState;
  let state: FeedStateRepository;
  let service: FeedService;
  let sink: MemorySink;
  let records: Record<string, unknown>[];
  let events: CdeEvent[];
  let metrics: FeedMetrics;
  let coded: (code: string) => Record<string, unknown>[];
  const schemaErrorsCounted = async () =>
    (await metrics.schemaErrors.get()).values.find((v) => v.labels.feed === 'scopesWebsite')?.value ?? 0;

  beforeAll(async () => {
    shop = await connectCommerceDbAsShop({ database: null, multipleStatements: true });
    await seedWebsites(shop, commerce);
    db = commerceDbOf(commerce, 'root', '');
    feedState = await openScratchFeedState('schema_state', 4);
    state = feedState.repository;
    ({ service, sink, records, events, metrics, coded } = scopesWebsiteService(db, feedState));
  });

  afterAll(async () => {
    await db.close();
    await feedState.close();
    await shop.query(`DROP DATABASE IF EXISTS \`${commerce}\``);
    await shop.end();
  });

  it('holds its syncs back without parking anything, tells it once, and publishes everything once the column is back', async () => {
    const batch = [websiteChange(1, 1), websiteChange(2, 2), websiteChange(3, 3)];
    expect(await attempts(service, batch, 1)).toEqual(['ok']);
    expect(
      sink
        .take()
        .map((m) => m.item['websiteCode'])
        .sort(),
    ).toEqual(['base', 'eu', 'us']);

    // The store groups' code column is renamed under the reader, while the shop goes on changing.
    await shop.query('ALTER TABLE store_group RENAME COLUMN code TO group_code');
    await shop.query("UPDATE store SET code = 'eu_de' WHERE store_id = 2");
    const failures = await attempts(service, batch, 4);
    for (const failure of failures) {
      expect(failure).toBeInstanceOf(CommerceSchemaError);
      // The transport commits nothing on it and retries, and its watchdog does not take the wait for a stall.
      expect(failure).toBeInstanceOf(BatchHeldBackError);
    }
    expect((failures[0] as CommerceSchemaError).mismatch).toMatchObject({
      code: 'ER_BAD_FIELD_ERROR',
      object: 'code',
      tables: ['store_group'],
    });

    const rows = await state.findBySourceIds('scopesWebsite', ['1', '2', '3']);
    expect(rows).toHaveLength(3);
    expect(rows.filter((r) => r.parked || r.errors !== null || r.isDeleted)).toEqual([]);
    expect(sink.take()).toEqual([]);
    expect(coded(SyncCode.EntityUnreadable)).toEqual([]);
    const told = coded(SyncCode.SchemaMismatch);
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ level: 50, feed: 'scopesWebsite', dbError: 'ER_BAD_FIELD_ERROR' });
    // MariaDB's text: it names the clause ('SELECT') where MySQL names the list ('field list').
    expect(told[0]!['msg']).toBe(
      "CDE04-29 feed scopesWebsite cannot read the Commerce DB: Unknown column 'code' in 'SELECT' " +
        '(ER_BAD_FIELD_ERROR, reading store_group). The schema is not the one this version of cde reads: ' +
        'upgrade cde to a version that reads it, or restore the column code. The sync is retried until it reads; ' +
        'nothing is parked or committed meanwhile.',
    );
    expect(await schemaErrorsCounted()).toBe(4);
    expect(await metrics.registry.metrics()).toContain(
      'cde_feed_schema_errors_total{feed="scopesWebsite",app="scopes-feed"} 4',
    );

    // Another break is another message: told again, once.
    await shop.query('ALTER TABLE store_group RENAME COLUMN group_code TO code');
    await shop.query('ALTER TABLE store RENAME TO store_moved');
    expect((await attempts(service, batch, 2)).every((f) => f instanceof CommerceSchemaError)).toBe(true);
    expect(coded(SyncCode.SchemaMismatch).map((r) => r['object'])).toEqual(['code', `${commerce}.store`]);

    // The schema is restored: the next retry of the same batch reads and sends what changed meanwhile.
    await shop.query('ALTER TABLE store_moved RENAME TO store');
    expect(await attempts(service, batch, 1)).toEqual(['ok']);
    const healed = sink.take();
    expect(healed.map((m) => m.sourceEntityId)).toEqual(['2']);
    expect(healed[0]!.item['stores']).toEqual([
      { storeId: '2', storeCode: 'eu_store', storeViews: [{ storeViewId: '2', storeViewCode: 'eu_de' }] },
    ]);
    expect(
      records.filter(
        (r) =>
          r['msg'] ===
          'feed scopesWebsite reads the Commerce DB again: the syncs held back by CDE04-29 go on',
      ),
    ).toHaveLength(1);
    const after = await state.findBySourceIds('scopesWebsite', ['1', '2', '3']);
    expect(after.filter((r) => r.parked)).toEqual([]);
    expect(coded(SyncCode.SchemaMismatch)).toHaveLength(2);
  });

  it('stops a resync with the schema error as its reason, resumable once the table is back, losing nothing', async () => {
    await shop.query(
      "INSERT INTO store_website (website_id, code, name, sort_order, default_group_id, is_default) VALUES (4,'asia','Asia',3,0,0)",
    );
    await shop.query('ALTER TABLE store_group RENAME TO store_group_moved');
    const command: ResyncCommand = {
      type: 'resync',
      commandId: randomUUID(),
      requestedAt: new Date().toISOString(),
      requestedBy: 'test',
      feed: 'scopesWebsite',
      options: { dryRun: false, cleanupFeed: false, noReindex: false, continueResync: false, force: false },
    };
    const before = records.length;
    await service.onCommand(command);
    await service.runPendingJobs('scopesWebsite');
    const finished = events.filter((e) => e.commandId === command.commandId && e.type === 'resync.finished');
    expect(finished).toEqual([
      expect.objectContaining({
        status: 'failed',
        error: expect.stringMatching(
          new RegExp(
            `^CDE04-29 feed scopesWebsite cannot read the Commerce DB: Table '${commerce}.store_group' doesn't exist \\(ER_NO_SUCH_TABLE`,
          ),
        ) as string,
      }),
    ]);
    const since = records.slice(before);
    expect(since.filter((r) => r['code'] === SyncCode.SchemaMismatch)).toHaveLength(1);
    // The three failed waves: only the stop is logged as a failed wave.
    expect(since.filter((r) => r['code'] === SyncCode.WaveFailed)).toHaveLength(1);
    expect((await state.findBySourceIds('scopesWebsite', ['1', '2', '3'])).filter((r) => r.parked)).toEqual(
      [],
    );
    expect(sink.take()).toEqual([]);

    await shop.query('ALTER TABLE store_group_moved RENAME TO store_group');
    const resumed = { ...command, commandId: randomUUID(), requestedAt: new Date().toISOString() };
    await service.onCommand({ ...resumed, options: { ...resumed.options, continueResync: true } });
    await service.runPendingJobs('scopesWebsite');
    expect(events.filter((e) => e.commandId === resumed.commandId).at(-1)).toEqual(
      expect.objectContaining({ type: 'resync.finished', status: 'complete' }),
    );
    expect(sink.take().map((m) => m.item['websiteCode'])).toEqual(['asia']);
  });
});

describe('scopesWebsite when a REVOKE takes a grant from its reader', () => {
  const commerce = scratchDatabaseName('grant_commerce');
  // One user per run: MariaDB's user names are global to the server.
  const user = `cde_reader_${Math.random().toString(36).slice(2, 8)}`;
  const account = `'${user}'@'127.0.0.1'`;
  let shop: Connection;
  let db: CommerceDb;
  let feedState: ScratchFeedState;
  let t: ReturnType<typeof scopesWebsiteService>;

  beforeAll(async () => {
    shop = await connectCommerceDbAsShop({ database: null, multipleStatements: true });
    await seedWebsites(shop, commerce);
    const password = randomUUID();
    await shop.query(`CREATE USER ${account} IDENTIFIED BY '${password}'`);
    // Table-level grants, which MariaDB checks at every statement: a REVOKE or a GRANT reaches the pool's open
    // connections at once (a database-level one only reaches connections opened after it).
    const [tables] = await shop.query<RowDataPacket[]>(
      'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = ?',
      [commerce],
    );
    for (const { name } of tables)
      await shop.query(`GRANT SELECT ON \`${commerce}\`.\`${String(name)}\` TO ${account}`);
    db = commerceDbOf(commerce, user, password);
    feedState = await openScratchFeedState('grant_state', 4);
    t = scopesWebsiteService(db, feedState);
  });

  afterAll(async () => {
    await db.close();
    await feedState.close();
    await shop.query(`DROP USER IF EXISTS ${account}`);
    await shop.query(`DROP DATABASE IF EXISTS \`${commerce}\``);
    await shop.end();
  });

  it('holds its syncs back without parking anything, names the user and the GRANT once, and heals without a restart once granted', async () => {
    const batch = [websiteChange(1, 1), websiteChange(2, 2), websiteChange(3, 3)];
    expect(await attempts(t.service, batch, 1)).toEqual(['ok']);
    expect(t.sink.take()).toHaveLength(3);

    await shop.query(`REVOKE SELECT ON \`${commerce}\`.store_group FROM ${account}`);
    await shop.query("UPDATE store SET code = 'eu_de' WHERE store_id = 2");
    const failures = await attempts(t.service, batch, 3);
    for (const failure of failures) {
      expect(failure).toBeInstanceOf(CommerceGrantError);
      expect(failure).toBeInstanceOf(BatchHeldBackError);
    }
    expect((failures[0] as CommerceGrantError).grant).toMatchObject({
      kind: 'table',
      code: 'ER_TABLEACCESS_DENIED_ERROR',
      command: 'SELECT',
      userName: user,
      database: commerce,
      object: 'store_group',
    });
    const rows = await feedState.repository.findBySourceIds('scopesWebsite', ['1', '2', '3']);
    expect(rows.filter((r) => r.parked || r.errors !== null || r.isDeleted)).toEqual([]);
    expect(t.sink.take()).toEqual([]);
    expect(t.coded(SyncCode.EntityUnreadable)).toEqual([]);
    expect(t.coded(SyncCode.SchemaMismatch)).toEqual([]);
    const told = t.coded(SyncCode.MissingGrant);
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({
      level: 50,
      feed: 'scopesWebsite',
      dbError: 'ER_TABLEACCESS_DENIED_ERROR',
      object: 'store_group',
      dbUser: expect.stringMatching(new RegExp(`^'${user}'@`)) as string,
    });
    expect(told[0]!['msg']).toContain(
      `may not read the table store_group of the Commerce DB as its database user '${user}'@`,
    );
    expect(told[0]!['msg']).toContain(`GRANT SELECT ON \`${commerce}\`.* TO '${user}'@'%'`);
    expect(await t.metrics.registry.metrics()).toContain(
      'cde_feed_grant_errors_total{feed="scopesWebsite",app="scopes-feed"} 3',
    );
    expect((await t.metrics.schemaErrors.get()).values).toEqual([]);

    // Granted again: the next retry of the same batch reads, on the same pool, and sends what changed meanwhile.
    await shop.query(`GRANT SELECT ON \`${commerce}\`.store_group TO ${account}`);
    expect(await attempts(t.service, batch, 1)).toEqual(['ok']);
    expect(t.sink.take().map((m) => m.sourceEntityId)).toEqual(['2']);
    expect(
      t.records.filter(
        (r) =>
          r['msg'] ===
          'feed scopesWebsite reads the Commerce DB again: the syncs held back by CDE04-30 go on',
      ),
    ).toHaveLength(1);
    expect(t.coded(SyncCode.MissingGrant)).toHaveLength(1);
  });
});
