import { SyncCode } from '@cde/contracts';
import type { CommerceDb } from '@cde/platform/commerce-db';
import { BatchHeldBackError } from '@cde/platform/kafka';
import { defineFeed, type FeedReader } from './feed-definition';
import { FeedMetrics } from './feed-metrics';
import { FeedService } from './feed-service';
import { CommerceSchemaError } from './schema-error';
import { SyncJobRunner } from './sync-job-runner';
import { serializeSpec } from './sync-job-spec';
import {
  FEED,
  InMemoryFeedState,
  InMemorySyncJobs,
  mysqlError,
  RecordingSink,
  recordingLogger,
  websiteChange as change,
  websiteReader,
} from './testing/in-memory-feed';

const COLUMN_GONE = () =>
  mysqlError(
    'ER_BAD_FIELD_ERROR',
    1054,
    "Unknown column 'code' in 'field list'",
    'SELECT group_id, website_id, code FROM store_group WHERE website_id IN (?)',
  );

/**
 * A scopesWebsite service over an in-memory source whose reads fail with an unknown column while `schema.broken`
 * (every entity alike, as after an ALTER TABLE … DROP COLUMN), and whose change mapping can fail the same way.
 */
function setup(count: number) {
  const source = new Map<string, Record<string, unknown>[]>();
  for (let i = 1; i <= count; i++) source.set(String(i), [{ websiteId: String(i), websiteCode: `w${i}` }]);
  const schema = { broken: false, mappingBroken: false };
  const reads: string[][] = [];
  const plain = websiteReader(source);
  const reader: FeedReader = {
    ...plain,
    collect: (ids) => {
      reads.push([...ids]);
      return schema.broken ? Promise.reject(COLUMN_GONE()) : plain.collect(ids);
    },
  };
  const { logger, records, coded } = recordingLogger();
  const feed = defineFeed({
    feed: FEED,
    minimalPayload: ['websiteId', 'websiteCode'],
    timestampField: 'updatedAt',
    hash: {},
    connect: () => ({ reader, changes: undefined }),
    sources: {
      store_website: (e) => {
        if (schema.mappingBroken) throw COLUMN_GONE();
        return [String((e.after ?? e.before)?.['website_id'])];
      },
    },
  });
  const state = new InMemoryFeedState();
  const sink = new RecordingSink();
  const jobs = new InMemorySyncJobs();
  const metrics = new FeedMetrics({ service: 'scopes-feed', defaultMetrics: false });
  const service = new FeedService({
    service: 'scopes-feed',
    feeds: [feed],
    settings: { [FEED]: { mode: 'immediate', batchSize: 100 } },
    db: {} as CommerceDb,
    state: state.asRepository(),
    jobs: jobs.asRepository(),
    sink,
    events: { emit: () => Promise.resolve() },
    logger,
    metrics,
  });
  const ids = [...source.keys()];
  const schemaErrors = async () => (await metrics.schemaErrors.get()).values.map((v) => v.value);
  return { source, schema, reads, records, state, sink, jobs, metrics, service, ids, coded, schemaErrors };
}

/** The job runner of the setup's feed, pages of two, retrying at once; what it logs is kept. */
function runnerOf(t: ReturnType<typeof setup>) {
  const { logger, records } = recordingLogger('info');
  const runner = new SyncJobRunner({
    service: 'scopes-feed',
    feeds: [
      {
        feed: FEED,
        reader: websiteReader(t.source),
        processor: t.service.processor(FEED)!,
        settings: { mode: 'immediate', batchSize: 2 },
      },
    ],
    jobs: t.jobs.asRepository(),
    state: t.state.asRepository(),
    db: {} as CommerceDb,
    events: { emit: () => Promise.resolve() },
    logger,
    sleep: () => Promise.resolve(),
  });
  return { runner, records };
}

/** Every entity synced and delivered while the schema is whole, then renamed, so each has something to send. */
async function primed(count: number) {
  const t = setup(count);
  await t.service.processor(FEED)!.sync({ ids: t.ids, operation: 'full sync' });
  for (const [id, row] of t.state.rows) t.state.rows.set(id, { ...row, status: 200 });
  for (const items of t.source.values()) items[0]!['websiteName'] = 'renamed';
  t.sink.sent.length = 0;
  t.reads.length = 0;
  return t;
}

describe('a schema error of the Commerce DB', () => {
  it('fails change batches as a whole, retried, held back, parking nothing, and told once; the fixed schema heals it', async () => {
    const t = await primed(6);
    const before = new Map([...t.state.rows].map(([id, row]) => [id, { ...row }]));
    t.schema.broken = true;
    const batch = [change(1), change(2), change(3), change(4)];

    for (let attempt = 0; attempt < 5; attempt++) {
      const failure = await t.service.onChanges(batch).then(
        () => undefined,
        (error: unknown) => error,
      );
      // Held back on purpose: the transport commits nothing and retries; its watchdog does not take it for a stall.
      expect(failure).toBeInstanceOf(CommerceSchemaError);
      expect(failure).toBeInstanceOf(BatchHeldBackError);
    }
    // One read per attempt: no halving entity by entity.
    expect(t.reads).toEqual(Array.from({ length: 5 }, () => ['1', '2', '3', '4']));
    expect(t.state.parked).toEqual([]);
    expect(t.state.rows).toEqual(before);
    expect(t.sink.sent).toEqual([]);
    expect(t.coded(SyncCode.EntityUnreadable)).toEqual([]);
    const told = t.coded(SyncCode.SchemaMismatch);
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ level: 50, feed: FEED, operation: 'partial sync', object: 'code' });
    expect(told[0]!['msg']).toMatch(
      /Unknown column 'code' in 'field list' \(ER_BAD_FIELD_ERROR, reading store_group\)/,
    );
    expect(told[0]!['msg']).toMatch(/upgrade cde .* or restore the column code/);
    expect(await t.schemaErrors()).toEqual([5]);

    t.schema.broken = false;
    await t.service.onChanges(batch);
    expect(t.sink.sent.map((m) => m.sourceEntityId).sort()).toEqual(['1', '2', '3', '4']);
    expect(t.state.parked).toEqual([]);
    expect(
      t.records.filter(
        (r) =>
          r['msg'] ===
          `feed ${FEED} reads the Commerce DB again: the syncs held back by ${SyncCode.SchemaMismatch} go on`,
      ),
    ).toHaveLength(1);
  });

  it('holds a batch back when mapping a change to its entities meets one', async () => {
    const t = await primed(2);
    t.schema.mappingBroken = true;
    await expect(t.service.onChanges([change(1)])).rejects.toBeInstanceOf(CommerceSchemaError);
    await expect(t.service.onChanges([change(1)])).rejects.toBeInstanceOf(CommerceSchemaError);
    expect(t.coded(SyncCode.SchemaMismatch)).toHaveLength(1);
    expect(t.reads).toEqual([]);
    t.schema.mappingBroken = false;
    await t.service.onChanges([change(1)]);
    expect(t.sink.sent.map((m) => m.sourceEntityId)).toEqual(['1']);
  });

  it('never parks an entity that has items, nor logs one as unreadable, whatever the batch', async () => {
    const t = await primed(100);
    t.schema.broken = true;
    const processor = t.service.processor(FEED)!;
    await expect(processor.sync({ ids: t.ids, operation: 'partial sync' })).rejects.toBeInstanceOf(
      CommerceSchemaError,
    );
    expect(t.reads).toHaveLength(1);
    expect([...t.state.rows.values()].filter((r) => r.parked)).toEqual([]);
    expect(t.coded(SyncCode.EntityUnreadable)).toEqual([]);
  });

  it('keeps a background job waiting, retried from its place without a log per retry, until the schema reads', async () => {
    const t = await primed(4);
    t.schema.broken = true;
    await t.jobs.add({
      feed: FEED,
      kind: 'fan-out',
      reason: 'store_group: websites',
      spec: serializeSpec({ scope: { ids: t.ids } }),
    });
    const { runner, records } = runnerOf(t);
    await runner.runUntilIdle(FEED, 4);

    const job = t.jobs.jobs[0]!;
    expect(job).toMatchObject({ state: 'running', leaseOwner: null, attempts: 4, processed: 0 });
    expect(job.lastError).toMatch(
      /^CDE04-29 feed scopesWebsite cannot read the Commerce DB: Unknown column 'code'/,
    );
    // The processor's watch told it once; the runner's retries are not logged as failed waves.
    expect(t.coded(SyncCode.SchemaMismatch)).toHaveLength(1);
    expect(records.filter((r) => r['code'] === SyncCode.WaveFailed)).toEqual([]);
    expect(t.state.parked).toEqual([]);
    expect(t.sink.sent).toEqual([]);

    t.schema.broken = false;
    await runner.runUntilIdle(FEED, 1);
    expect(t.jobs.jobs[0]).toMatchObject({ state: 'done', processed: 4 });
    expect(t.sink.sent.map((m) => m.sourceEntityId).sort()).toEqual(['1', '2', '3', '4']);
  });

  it('stops a resync after three failed waves with the schema error as its reason, resumable', async () => {
    const t = await primed(2);
    t.schema.broken = true;
    await t.jobs.add({
      feed: FEED,
      kind: 'resync',
      reason: 'resync c1',
      spec: serializeSpec({ scope: { ids: t.ids } }),
      commandId: 'c1',
    });
    const { runner, records } = runnerOf(t);
    await runner.runUntilIdle(FEED);
    expect(t.jobs.jobs[0]).toMatchObject({ state: 'failed', attempts: 3 });
    expect(t.jobs.jobs[0]!.lastError).toMatch(/^CDE04-29 /);
    // Only the stop is logged by the runner, once.
    expect(records.filter((r) => r['code'] === SyncCode.WaveFailed).map((r) => r['msg'])).toEqual([
      expect.stringMatching(/^sync failed 3 times in a row and stops .*: CDE04-29 /),
    ]);
    expect(t.state.parked).toEqual([]);
  });

  it('is told once by the clock too, instead of a failed pass per tick', async () => {
    const t = setup(1);
    const { logger, records } = recordingLogger('info');
    const service = new FeedService({
      service: 'scopes-feed',
      feeds: [
        defineFeed({
          feed: FEED,
          minimalPayload: ['websiteId'],
          timestampField: 'updatedAt',
          hash: {},
          connect: () => ({ reader: websiteReader(t.source), changes: undefined }),
          sources: {},
          clock: () => Promise.reject(COLUMN_GONE()),
        }),
      ],
      settings: { [FEED]: { mode: 'immediate', batchSize: 100 } },
      db: {} as CommerceDb,
      state: t.state.asRepository(),
      jobs: t.jobs.asRepository(),
      sink: t.sink,
      events: { emit: () => Promise.resolve() },
      logger,
      metrics: t.metrics,
    });
    for (let tick = 0; tick < 3; tick++) await service.onClock(new Date(Date.UTC(2026, 10, 1, 0, tick)));
    expect(records.map((r) => [r['code'], r['operation']])).toEqual([[SyncCode.SchemaMismatch, 'clock']]);
    expect(await t.schemaErrors()).toEqual([3]);
  });
});
