import { connectCommerceDbAsShop, loadRuntimeConfig, scratchDatabaseName } from '@cde/testing/runtime';
import type { DataSource } from 'typeorm';
import { createFeedStateDataSource, runFeedStateMigrations } from './feed-state.data-source';
import { FeedStateRepository, type AssembledState } from './feed-state.repository';
import { SourceIndex1797600000000 } from './migrations/1797600000000-source-index';

describe(FeedStateRepository.name, () => {
  const database = scratchDatabaseName('feed_state');
  let dataSource: DataSource;
  let sut: FeedStateRepository;

  beforeAll(async () => {
    const root = await connectCommerceDbAsShop({ database: null });
    await root.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci`);
    await root.end();
    const { commerceDb } = loadRuntimeConfig();
    dataSource = createFeedStateDataSource(
      { host: commerceDb.host, port: commerceDb.port, user: 'root', password: '', database },
      4,
    );
    await dataSource.initialize();
    await runFeedStateMigrations(dataSource);
    await runFeedStateMigrations(dataSource); // idempotent
    sut = new FeedStateRepository(dataSource);
  });

  afterAll(async () => {
    await dataSource.query(`DROP DATABASE IF EXISTS \`${database}\``);
    await dataSource.destroy();
  });

  const assembled = (feedId: string, hash: string, patch: Partial<AssembledState> = {}): AssembledState => ({
    feedId,
    sourceEntityId: '7',
    feedHash: hash,
    feedData: { sku: 'A', storeViewCode: 'default', name: 'Größe' },
    isDeleted: false,
    sentHash: hash,
    sourceCommitTime: new Date('2026-11-22T10:00:00Z'),
    ...patch,
  });

  it("tells the database's time to the millisecond, the clock every replica stamps versions with", async () => {
    const before = Date.now();
    const clock = await sut.clock();
    const after = Date.now();
    // The database runs on this host: its clock agrees with ours within a generous second.
    expect(clock.getTime()).toBeGreaterThan(before - 1_000);
    expect(clock.getTime()).toBeLessThan(after + 1_000);
  });

  it("creates one table per feed with the original's columns and ours", async () => {
    const rows = await dataSource.query<{ c: string }[]>(
      "SELECT column_name AS c FROM information_schema.columns WHERE table_schema = ? AND table_name = 'cde_products_feed' ORDER BY ordinal_position",
      [database],
    );
    expect(rows.map((r) => r.c)).toEqual([
      'id',
      'source_entity_id',
      'feed_id',
      'modified_at',
      'is_deleted',
      'status',
      'feed_data',
      'feed_hash',
      'errors',
      'metadata',
      'sent_hash',
      'attempts',
      'parked',
      'produced_at',
      'acked_at',
      'outcome_of',
      'source_commit_time',
      'trace_parent',
    ]);
    const tables = await dataSource.query<{ n: number }[]>(
      'SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = ?',
      [database],
    );
    // feeds, sync jobs, entity UUIDs, early outcomes, migrations table
    expect(Number(tables[0]!.n)).toBe(11 + 1 + 1 + 1 + 1);
  });

  it('indexes each feed table by feed id, source entity (not modified_at, which every write sets), status and parked', async () => {
    const indexes = async () =>
      (
        await dataSource.query<{ name: string; columns: string }[]>(
          `SELECT index_name AS name, GROUP_CONCAT(column_name ORDER BY seq_in_index) AS columns
           FROM information_schema.statistics WHERE table_schema = ? AND table_name = 'cde_products_feed'
          GROUP BY index_name`,
          [database],
        )
      ).sort((a, b) => (a.name < b.name ? -1 : 1));
    const expected = [
      { name: 'PRIMARY', columns: 'id' },
      { name: 'cde_products_feed_feed_id', columns: 'feed_id' },
      { name: 'cde_products_feed_parked', columns: 'parked' },
      { name: 'cde_products_feed_source', columns: 'source_entity_id' },
      { name: 'cde_products_feed_status', columns: 'status' },
    ];
    expect(await indexes()).toEqual(expected);
    // A database that ran the earlier migrations only: down to them and up again gives the same indexes.
    const migration = new SourceIndex1797600000000();
    const runner = dataSource.createQueryRunner();
    try {
      await migration.down(runner);
      expect(await indexes()).toEqual(
        expected
          .map((i) =>
            i.name === 'cde_products_feed_source'
              ? { name: 'cde_products_feed_source_modified', columns: 'source_entity_id,modified_at' }
              : i,
          )
          .sort((a, b) => (a.name < b.name ? -1 : 1)),
      );
      await migration.up(runner);
      await migration.up(runner); // idempotent
    } finally {
      await runner.release();
    }
    expect(await indexes()).toEqual(expected);
  });

  it('upserts assembled items by feed_id and reads them back by feed id and source id, UTF-8 intact', async () => {
    await sut.saveAssembled('products', [
      assembled('f1', 'h1'),
      assembled('f2', 'h2', { sourceEntityId: '8' }),
    ]);
    await sut.saveAssembled('products', [assembled('f1', 'h1b')]);
    const byFeedId = await sut.findByFeedIds('products', ['f1', 'f2', 'nope']);
    expect([...byFeedId.keys()].sort()).toEqual(['f1', 'f2']);
    expect(byFeedId.get('f1')).toMatchObject({
      feedHash: 'h1b',
      sentHash: 'h1b',
      status: 0,
      isDeleted: false,
      sourceEntityId: '7',
    });
    expect(byFeedId.get('f1')!.feedData['name']).toBe('Größe');
    expect((await sut.findBySourceIds('products', ['8'])).map((r) => r.feedId)).toEqual(['f2']);
  });

  it('writes a batch of mixed outcomes, each onto its own row and only onto the version that was sent', async () => {
    await sut.saveAssembled(
      'prices',
      ['m1', 'm2', 'm3', 'm4', 'm5'].map((id) => assembled(id, 'v1')),
    );
    const outcome = (feedId: string, status: number, errors: string | null, sentHash = 'v1') => ({
      feedId,
      sentHash,
      status,
      errors,
      requestId: status === 200 ? 'r-ok' : `r-${feedId}`,
    });
    const written = await sut.recordOutcomes('prices', [
      outcome('m1', 200, null),
      outcome('m2', 200, null),
      outcome('m3', 400, 'price: must be a number'),
      outcome('m4', 2, '503'),
      outcome('m5', 200, null, 'v0'), // answers a version the row does not hold
    ]);
    expect(written).toBe(4);
    const rows = await sut.findByFeedIds('prices', ['m1', 'm2', 'm3', 'm4', 'm5']);
    expect(Object.fromEntries([...rows].map(([id, r]) => [id, [r.status, r.errors, r.attempts]]))).toEqual({
      m1: [200, null, 0],
      m2: [200, null, 0],
      m3: [400, 'price: must be a number', 0],
      m4: [2, '503', 1],
      m5: [0, null, 0],
    });
  });

  it('writes an outcome only onto the version that was sent (an old outcome never marks a newer item)', async () => {
    await sut.saveAssembled('prices', [assembled('p1', 'v1')]);
    await sut.saveAssembled('prices', [assembled('p1', 'v2')]); // a newer version is published before v1's outcome
    expect(
      await sut.recordOutcomes('prices', [
        { feedId: 'p1', sentHash: 'v1', status: 200, errors: null, requestId: 'r1' },
      ]),
    ).toBe(0);
    expect((await sut.findByFeedIds('prices', ['p1'])).get('p1')).toMatchObject({
      status: 0,
      sentHash: 'v2',
    });
    expect(
      await sut.recordOutcomes('prices', [
        { feedId: 'p1', sentHash: 'v2', status: 2, errors: '503', requestId: 'r2' },
      ]),
    ).toBe(1);
    expect(
      await sut.recordOutcomes('prices', [
        { feedId: 'p1', sentHash: 'v2', status: 2, errors: '503', requestId: 'r3' },
      ]),
    ).toBe(1);
    expect((await sut.findByFeedIds('prices', ['p1'])).get('p1')).toMatchObject({
      status: 2,
      attempts: 2,
      errors: '503',
    });
    await sut.park('prices', 'p1', `rejected: ${'x'.repeat(70_000)}`);
    const [parked] = await sut.listParked('prices');
    expect(parked?.feedId).toBe('p1');
    // A receiver's text of any length is cut to what `errors` keeps.
    expect(parked?.errors).toHaveLength(2_000);
    expect(parked?.errors?.endsWith('…')).toBe(true);
    await sut.saveAssembled('prices', [assembled('p1', 'v3')]); // a new version un-parks and resets the budget
    expect((await sut.findByFeedIds('prices', ['p1'])).get('p1')).toMatchObject({
      status: 0,
      attempts: 0,
      parked: false,
      errors: null,
    });
  });

  describe('an outcome that comes back before its publish is saved', () => {
    const at = (s: number): Date => new Date(Date.UTC(2026, 11, 5, 12, 0, s));
    const accepted = (feedId: string, sentHash: string, producedAt: Date) => ({
      feedId,
      sentHash,
      status: 200,
      errors: null,
      requestId: 'r',
      producedAt,
    });
    const statusOf = async (feedId: string) =>
      (await sut.findByFeedIds('prices', [feedId])).get(feedId)?.status;

    it('is kept for a new item and applied by its save', async () => {
      expect(await sut.recordOutcomes('prices', [accepted('e1', 'h1', at(1))])).toBe(0);
      await sut.saveAssembled('prices', [assembled('e1', 'h1', { producedAt: at(1) })]);
      expect(await statusOf('e1')).toBe(200);
      const [left] = await dataSource.query<{ n: number }[]>(
        "SELECT COUNT(*) AS n FROM cde_early_outcome WHERE feed_id = 'e1'",
      );
      expect(Number(left!.n)).toBe(0);
    });

    it('is kept for a new version of a known item and applied by its save', async () => {
      await sut.saveAssembled('prices', [assembled('e2', 'h1', { producedAt: at(1) })]);
      await sut.recordOutcomes('prices', [accepted('e2', 'h1', at(1))]);
      expect(await sut.recordOutcomes('prices', [accepted('e2', 'h2', at(2))])).toBe(0);
      expect(await statusOf('e2')).toBe(200); // still h1's outcome
      await sut.saveAssembled('prices', [assembled('e2', 'h2', { producedAt: at(2) })]);
      expect((await sut.findByFeedIds('prices', ['e2'])).get('e2')).toMatchObject({
        sentHash: 'h2',
        status: 200,
      });
    });

    it('is kept by the save of a republished version (a retry answered before its save)', async () => {
      await sut.saveAssembled('prices', [assembled('e3', 'h1', { producedAt: at(1) })]);
      await sut.recordOutcomes('prices', [{ ...accepted('e3', 'h1', at(1)), status: 2, errors: '503' }]);
      expect(await sut.recordOutcomes('prices', [accepted('e3', 'h1', at(5))])).toBe(1);
      await sut.saveAssembled('prices', [assembled('e3', 'h1', { producedAt: at(5) })]);
      expect(await statusOf('e3')).toBe(200);
      // A later publish of the same version waits for its own outcome.
      await sut.saveAssembled('prices', [assembled('e3', 'h1', { producedAt: at(9) })]);
      expect(await statusOf('e3')).toBe(0);
    });

    it('is applied when its own save lands between the read of the rows and the keeping of the outcome', async () => {
      // The exporter answered while the feed service was saving this very publish: the save commits just after the
      // outcome found no row, and must not make the outcome look stale.
      const query = dataSource.query.bind(dataSource);
      let raced = false;
      const spy = jest.spyOn(dataSource, 'query').mockImplementation((async (
        sql: string,
        parameters?: unknown[],
      ) => {
        const result: unknown = await query(sql, parameters);
        if (!raced && sql.startsWith('SELECT feed_id, sent_hash, produced_at FROM')) {
          raced = true;
          await sut.saveAssembled('prices', [assembled('e6', 'h1', { producedAt: at(1) })]);
        }
        return result;
      }) as typeof dataSource.query);
      try {
        expect(await sut.recordOutcomes('prices', [accepted('e6', 'h1', at(1))])).toBe(1);
      } finally {
        spy.mockRestore();
      }
      expect(raced).toBe(true);
      expect(await statusOf('e6')).toBe(200);
    });

    it('is dropped when a later publish was saved, and never marks that later version', async () => {
      await sut.saveAssembled('prices', [assembled('e4', 'h1', { producedAt: at(1) })]);
      await sut.saveAssembled('prices', [assembled('e4', 'h2', { producedAt: at(2) })]);
      expect(await sut.recordOutcomes('prices', [accepted('e4', 'h1', at(1))])).toBe(0);
      const [kept] = await dataSource.query<{ n: number }[]>(
        "SELECT COUNT(*) AS n FROM cde_early_outcome WHERE feed_id = 'e4'",
      );
      expect(Number(kept!.n)).toBe(0);
      // Back to h1's content later: a new publish, which the stale outcome does not answer.
      await sut.saveAssembled('prices', [assembled('e4', 'h1', { producedAt: at(3) })]);
      expect(await statusOf('e4')).toBe(0);
    });

    it('are applied together by one save, each to its own row and version, with its own answer and time', async () => {
      // e10 has early outcomes of two versions (the exporter answered both publishes before either save): only the
      // one of the version the save holds applies; the other waits for its own save.
      expect(
        await sut.recordOutcomes('prices', [
          { ...accepted('e10', 'h1', at(1)), status: 2, errors: '503', requestId: 'r1' },
          accepted('e10', 'h2', at(2)),
          { ...accepted('e11', 'h1', at(1)), status: 400, errors: 'bad sku', requestId: 'r2' },
          accepted('e12', 'h1', at(3)),
        ]),
      ).toBe(0);
      await sut.saveAssembled('prices', [
        assembled('e10', 'h1', { producedAt: at(1) }),
        assembled('e11', 'h1', { producedAt: at(1) }),
        assembled('e12', 'h1', { producedAt: at(2) }), // an earlier publish of the version the outcome answers
      ]);
      const rows = await sut.findByFeedIds('prices', ['e10', 'e11', 'e12']);
      expect(rows.get('e10')).toMatchObject({ status: 2, errors: '503', attempts: 1 });
      expect(rows.get('e11')).toMatchObject({ status: 400, errors: 'bad sku', attempts: 0 });
      expect(rows.get('e12')).toMatchObject({ status: 200, errors: null });
      const outcomeOf = await dataSource.query<{ feed_id: string; outcome_of: string; metadata: string }[]>(
        "SELECT feed_id, outcome_of, metadata FROM cde_product_prices_feed WHERE feed_id IN ('e10', 'e11', 'e12') ORDER BY feed_id",
      );
      expect(outcomeOf.map((r) => [r.feed_id, r.outcome_of, r.metadata])).toEqual([
        ['e10', '2026-12-05 12:00:01.000', '["r1"]'],
        ['e11', '2026-12-05 12:00:01.000', '["r2"]'],
        ['e12', '2026-12-05 12:00:03.000', '["r"]'],
      ]);
      await sut.saveAssembled('prices', [assembled('e10', 'h2', { producedAt: at(2) })]);
      expect((await sut.findByFeedIds('prices', ['e10'])).get('e10')).toMatchObject({
        sentHash: 'h2',
        status: 200,
        attempts: 0,
      });
      const [left] = await dataSource.query<{ n: number }[]>(
        "SELECT COUNT(*) AS n FROM cde_early_outcome WHERE feed_id IN ('e10', 'e11', 'e12')",
      );
      expect(Number(left!.n)).toBe(0);
    });

    it('is applied to a legacy item marked published after its outcome came back', async () => {
      await sut.saveAssembled('scopesWebsite', [assembled('e5', 'x1', { sentHash: null })]);
      expect(await sut.recordOutcomes('scopesWebsite', [{ ...accepted('e5', 'x1', at(4)) }])).toBe(0);
      await sut.markPublished('scopesWebsite', [{ feedId: 'e5', hash: 'x1', producedAt: at(4) }]);
      expect((await sut.findByFeedIds('scopesWebsite', ['e5'])).get('e5')?.status).toBe(200);
    });
  });

  it('lists legacy items waiting to be published, with the trace they were stored in, and marks them published', async () => {
    const traceParent = `00-${'a'.repeat(32)}-${'b'.repeat(16)}-01`;
    await sut.saveAssembled('scopesWebsite', [
      assembled('w1', 'x1', { sentHash: null, traceParent }),
      assembled('w2', 'x2', { sentHash: null }),
    ]);
    const waiting = await sut.listUnpublished('scopesWebsite', 10);
    expect(Object.fromEntries(waiting.map((r) => [r.feedId, r.traceParent]))).toEqual({
      w1: traceParent,
      w2: null,
    });
    expect((await sut.listUnpublished('scopesWebsite', 10)).map((r) => r.feedId).sort()).toEqual([
      'w1',
      'w2',
    ]);
    await sut.markPublished('scopesWebsite', [{ feedId: 'w1', hash: 'x1' }]);
    expect((await sut.listUnpublished('scopesWebsite', 10)).map((r) => r.feedId)).toEqual(['w2']);
    await sut.markUnpublished('scopesWebsite', ['w1']);
    expect((await sut.listUnpublished('scopesWebsite', 10)).map((r) => r.feedId).sort()).toEqual([
      'w1',
      'w2',
    ]);
  });

  it('sums up where the items of a feed stand', async () => {
    await sut.saveAssembled('categoryPermissions', [
      assembled('s-accepted', 'h1'),
      assembled('s-rejected', 'h2'),
      assembled('s-pending', 'h3'),
      assembled('s-retrying', 'h4'),
      assembled('s-stale', 'h7'),
      assembled('s-parked', 'h5'),
      assembled('s-deleted', 'h6', { isDeleted: true }),
    ]);
    await sut.recordOutcomes('categoryPermissions', [
      { feedId: 's-accepted', sentHash: 'h1', status: 200, errors: null, requestId: 'r1' },
      { feedId: 's-rejected', sentHash: 'h2', status: 400, errors: 'bad', requestId: 'r1' },
      { feedId: 's-retrying', sentHash: 'h4', status: 2, errors: '503', requestId: 'r1' },
      { feedId: 's-stale', sentHash: 'h7', status: 409, errors: 'stale', requestId: 'r1' },
      { feedId: 's-parked', sentHash: 'h5', status: 2, errors: '503', requestId: 'r1' },
      { feedId: 's-deleted', sentHash: 'h6', status: 200, errors: null, requestId: 'r1' },
    ]);
    await sut.park('categoryPermissions', 's-parked', 'CDE02-05 503');
    expect(await sut.deliverySummary('categoryPermissions')).toEqual({
      items: 7,
      accepted: 2,
      rejected: 1,
      pending: 1,
      // A failed delivery (2) and an item refused as stale (409): both go out again by themselves.
      retrying: 2,
      parked: 1,
      deleted: 1,
      lastAckedAt: expect.any(String) as string,
    });
  });

  it('cleans up sent deletes older than the retention, and only those', async () => {
    await sut.saveAssembled('variants', [
      assembled('d1', 'dh', { isDeleted: true }),
      assembled('d2', 'dh2', { isDeleted: true }),
    ]);
    await sut.recordOutcomes('variants', [
      { feedId: 'd1', sentHash: 'dh', status: 200, errors: null, requestId: null },
    ]);
    expect(await sut.cleanupDeleted('variants', new Date(Date.now() + 60_000))).toBe(1);
    expect([...(await sut.findByFeedIds('variants', ['d1', 'd2'])).keys()]).toEqual(['d2']);
  });
});
