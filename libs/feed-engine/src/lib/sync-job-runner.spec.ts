import type { CdeEvent } from '@cde/contracts';
import type { CommerceDb, SqlParam } from '@cde/platform/commerce-db';
import { createLogger } from '@cde/platform/observability';
import { ChangeBatchHandler, INLINE_ENTITIES } from './change-handler';
import { defineFeed, everything, fanOut, type FeedReader } from './feed-definition';
import { FeedProcessor } from './feed-processor';
import { BINLOG_LOSS_REQUESTER } from './binlog-loss';
import { SyncJobRunner } from './sync-job-runner';
import { feedIdOf } from './feed-identity';
import { reconcileSpec, serializeSpec, type SyncScope } from './sync-job-spec';
import { WaveReads } from './wave-reads';
import {
  FEED,
  InMemoryFeedState,
  InMemorySyncJobs,
  RecordingSink,
  websiteChange,
  websiteFeed,
  websiteReader,
} from './testing/in-memory-feed';

const logger = createLogger({ service: 'scopes-feed', level: 'silent' });
const settings = { mode: 'immediate', batchSize: 2 } as const;

/** A Commerce DB answering keyset pages of `ids` (the last two parameters are the cursor and the limit). */
/** Polls until the condition holds, 50 times 20 ms at most; the assertion after it says whether it did. */
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 50 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
}

/** The reconciliation a binlog loss records (`BinlogLossWatch`), as the runner finds it. */
async function addReconcileAfterLoss(t: ReturnType<typeof setup>): Promise<void> {
  await t.jobs.add({
    feed: FEED,
    kind: 'resync',
    reason: 'binlog loss',
    spec: serializeSpec(reconcileSpec({ resend: [], unknown: [] })),
    requestedBy: BINLOG_LOSS_REQUESTER,
  });
}

function keysetDb(ids: readonly number[]): CommerceDb {
  return {
    query: (_sql: string, params: readonly SqlParam[] = []) => {
      const after = Number(params[params.length - 2]);
      const limit = Number(params[params.length - 1]);
      return Promise.resolve(
        ids
          .filter((id) => id > after)
          .slice(0, limit)
          .map((id) => ({ id })),
      );
    },
  } as unknown as CommerceDb;
}

function setup(
  count: number,
  options: { db?: CommerceDb; threads?: number; concurrency?: number; listsEveryEntity?: boolean } = {},
) {
  const source = new Map<string, Record<string, unknown>[]>();
  for (let i = 1; i <= count; i++) source.set(String(i), [{ websiteId: String(i), websiteCode: `w${i}` }]);
  const state = new InMemoryFeedState();
  const sink = new RecordingSink();
  const jobs = new InMemorySyncJobs();
  const events: CdeEvent[] = [];
  const reads: string[][] = [];
  const waves: (WaveReads | undefined)[] = [];
  const plain = websiteReader(source);
  const reader: FeedReader = {
    ...plain,
    ...(options.listsEveryEntity ? { listsEveryEntity: true } : {}),
    collect: (ids, wave) => {
      reads.push([...ids]);
      waves.push(wave);
      return plain.collect(ids);
    },
  };
  const processor = new FeedProcessor(
    websiteFeed(source),
    reader,
    settings,
    state.asRepository(),
    sink,
    logger,
  );
  const runner = (captureReady?: () => Promise<boolean>, reconcileReady?: () => Promise<boolean>) =>
    new SyncJobRunner({
      service: 'scopes-feed',
      feeds: [{ feed: FEED, reader, processor, settings }],
      jobs: jobs.asRepository(),
      state: state.asRepository(),
      db: options.db ?? keysetDb([]),
      events: { emit: (e) => Promise.resolve(void events.push(e)) },
      logger,
      threads: options.threads ?? 1,
      ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
      progressIntervalMs: 0,
      ...(captureReady ? { captureReady } : {}),
      ...(reconcileReady ? { reconcileReady } : {}),
    });
  /** The feed's onboarding job, as a first start adds it: a full sync of every entity. */
  const addOnboarding = () =>
    jobs.add({
      feed: FEED,
      kind: 'onboarding',
      reason: 'first start',
      spec: serializeSpec({ scope: { all: true } }),
    });
  return { source, state, sink, jobs, events, reads, waves, processor, runner, addOnboarding };
}

/** Records a fan-out of the feed, as a change's handler does. */
const recordFanOut = (t: ReturnType<typeof setup>, scope: SyncScope) =>
  t.jobs.add({ feed: FEED, kind: 'fan-out', reason: 'a change', spec: serializeSpec({ scope }) });

/** Makes `change` (a source edit, a job recorded) happen once, right after the first batch a job syncs. */
function onFirstBatch(t: ReturnType<typeof setup>, change: () => Promise<unknown>): void {
  const original = t.processor.sync.bind(t.processor);
  let changed = false;
  t.processor.sync = async (request) => {
    const result = await original(request);
    if (!changed) {
      changed = true;
      await change();
    }
    return result;
  };
}

describe(SyncJobRunner.name, () => {
  it('syncs a full job in waves of pages, saving its place, and reports it as a background sync', async () => {
    const t = setup(5, { threads: 2 });
    await t.addOnboarding();
    await t.runner().runUntilIdle(FEED);
    expect(t.reads).toEqual([['1', '2'], ['3', '4'], ['5']]);
    expect(t.sink.sent.map((m) => m.sourceEntityId)).toEqual(['1', '2', '3', '4', '5']);
    expect(t.jobs.jobs[0]).toMatchObject({ state: 'done', processed: 5, synced: 5, afterId: '5' });
    // A progress event after each wave (the interval is 0 here): two waves, then the end.
    expect(t.events.map((e) => e.type)).toEqual([
      'sync.started',
      'sync.progress',
      'sync.progress',
      'sync.finished',
    ]);
    expect(t.events.at(-1)).toMatchObject({ kind: 'onboarding', status: 'complete', processed: 5 });
  });

  it('gives the batches of a wave one WaveReads to share, and each wave a new one', async () => {
    const t = setup(5, { threads: 2 });
    await t.addOnboarding();
    await t.runner().runUntilIdle(FEED);
    const [a, b, c] = t.waves;
    expect(t.waves).toHaveLength(3);
    expect(a).toBeInstanceOf(WaveReads);
    expect(b).toBe(a);
    expect(c).toBeInstanceOf(WaveReads);
    expect(c).not.toBe(a);
  });

  it.each([
    ['two slots', 2],
    ['one slot: the wave ahead takes none of its own', 1],
  ])(
    'starts the next wave as a batch of this one finishes, never more than `threads` batches at once (%s)',
    async (_, concurrency) => {
      const t = setup(6, { threads: 2, concurrency });
      await t.addOnboarding();
      const original = t.processor.sync.bind(t.processor);
      const order: string[] = [];
      let running = 0;
      let most = 0;
      let nextWaveStarted = (): void => undefined;
      const nextWave = new Promise<void>((resolve) => (nextWaveStarted = resolve));
      t.processor.sync = async (request) => {
        const ids = request.ids.join(',');
        order.push(`start ${ids}`);
        running++;
        most = Math.max(most, running);
        if (ids === '5,6') nextWaveStarted();
        // The first batch is slow: without a wave ahead, 5,6 would wait for it (the race ends the wait anyway).
        if (ids === '1,2') await Promise.race([nextWave, new Promise((resolve) => setTimeout(resolve, 500))]);
        const result = await original(request);
        running--;
        order.push(`end ${ids}`);
        return result;
      };
      await t.runner().runUntilIdle(FEED);
      expect(order.indexOf('start 5,6')).toBeLessThan(order.indexOf('end 1,2'));
      expect(most).toBe(2);
      expect(t.jobs.jobs[0]).toMatchObject({ state: 'done', processed: 6, synced: 6, afterId: '6' });
    },
  );

  it('resumes a job from its last saved wave when its runner died, without syncing the earlier pages again', async () => {
    const t = setup(6);
    await t.addOnboarding();
    // The first runner dies while reading the third page: its lease is gone, its place is after entity 4.
    const failing = t.runner();
    const original = t.processor.sync.bind(t.processor);
    let calls = 0;
    t.processor.sync = (request) => (++calls === 3 ? Promise.reject(new Error('killed')) : original(request));
    const run = failing.runUntilIdle(FEED, 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await failing.stop(10);
    await run;
    t.processor.sync = original;
    expect(t.jobs.jobs[0]).toMatchObject({ afterId: '4', processed: 4, attempts: 1 });
    t.jobs.jobs[0] = { ...t.jobs.jobs[0]!, leaseOwner: null }; // the lease lapsed
    t.reads.length = 0;
    await t.runner().runUntilIdle(FEED);
    expect(t.reads).toEqual([['5', '6']]);
    expect(t.jobs.jobs[0]).toMatchObject({ state: 'done', processed: 6 });
  });

  it('turns entities the state holds but the source no longer lists into deletes', async () => {
    const t = setup(3);
    await t.processor.sync({ ids: ['1', '2', '3'], operation: 'partial sync' });
    t.source.delete('2');
    t.source.delete('3');
    t.sink.sent.length = 0;
    await t.jobs.add({
      feed: FEED,
      kind: 'resync',
      reason: 'resync',
      spec: serializeSpec({ scope: { all: true } }),
    });
    await t.runner().runUntilIdle(FEED);
    expect(t.sink.sent.map((m) => [m.sourceEntityId, m.deleted])).toEqual([
      ['2', true],
      ['3', true],
    ]);
  });

  it('reconciles: resends what the receiver lacks, deletes what only it holds, keeps what the source yields', async () => {
    const t = setup(3);
    await t.processor.sync({ ids: ['1', '2', '3'], operation: 'partial sync' });
    const [one, two, three] = t.sink.sent.map((m) => ({ feedId: m.feedId, hash: m.feedHash }));
    await t.state.recordOutcomes(
      FEED,
      [one!, two!, three!].map((x) => ({
        feedId: x.feedId,
        sentHash: x.hash,
        status: 200,
        errors: null,
        requestId: null,
      })),
    );
    t.sink.sent.length = 0;
    // The receiver lost website 1; it holds website 9, which the source never had, and website 2, whose state row
    // is gone; website 3 was deleted in the source while its binlog events were lost.
    t.state.rows.delete(two!.feedId);
    t.source.delete('3');
    const nine = {
      feedId: feedIdOf(FEED, ['websiteId'], { websiteId: '9' }),
      item: { websiteId: '9', websiteCode: 'w9', name: 'x' },
    };
    const again = { feedId: two!.feedId, item: { websiteId: '2', websiteCode: 'w2' } };
    await t.jobs.add({
      feed: FEED,
      kind: 'resync',
      reason: 'reconcile',
      spec: serializeSpec(reconcileSpec({ resend: [one!.feedId], unknown: [nine, again] })),
    });
    await t.runner().runUntilIdle(FEED);
    expect(t.sink.sent.map((m) => [m.sourceEntityId, m.deleted, m.item])).toEqual([
      ['1', false, expect.objectContaining({ websiteId: '1' })],
      ['2', false, expect.objectContaining({ websiteId: '2' })],
      ['3', true, expect.objectContaining({ websiteId: '3', deleted: true })],
      ['0', true, expect.objectContaining({ websiteId: '9', websiteCode: 'w9', deleted: true })],
    ]);
    // The delete of an item only the receiver held carries its minimal payload, nothing else it had.
    expect(Object.keys(t.sink.sent[3]?.item ?? {}).sort()).toEqual([
      'deleted',
      'updatedAt',
      'websiteCode',
      'websiteId',
    ]);
    expect(t.jobs.jobs[0]).toMatchObject({ state: 'done', processed: 3, synced: 4, deleted: 2 });
    expect(t.state.rows.get(nine.feedId)).toMatchObject({ isDeleted: true, sourceEntityId: '0' });
  });

  it('reconciles nothing in a dry run: the state keeps its hashes and nothing is published', async () => {
    const t = setup(2);
    await t.processor.sync({ ids: ['1', '2'], operation: 'partial sync' });
    const before = new Map(t.state.rows);
    t.sink.sent.length = 0;
    const nine = { feedId: feedIdOf(FEED, ['websiteId'], { websiteId: '9' }), item: { websiteId: '9' } };
    await t.jobs.add({
      feed: FEED,
      kind: 'resync',
      reason: 'reconcile',
      spec: serializeSpec(reconcileSpec({ resend: [...before.keys()], unknown: [nine] }, true)),
    });
    await t.runner().runUntilIdle(FEED);
    expect(t.sink.sent).toEqual([]);
    expect(t.state.rows).toEqual(before);
    expect(t.events.at(-1)).toMatchObject({ type: 'resync.finished', dryRun: true, deleted: 1 });
  });

  it('pages through the keyset listings of a fan-out, one after the other', async () => {
    const t = setup(8, { db: keysetDb([2, 4, 6, 8]) });
    const queries = [
      { sql: 'SELECT id … WHERE id > ? ORDER BY id LIMIT ?', params: [] },
      { sql: 'SELECT id … WHERE w = ? AND id > ? ORDER BY id LIMIT ?', params: ['x'] },
    ];
    await t.jobs.add({
      feed: FEED,
      kind: 'fan-out',
      reason: 'store 1',
      spec: serializeSpec({ scope: { queries } }),
    });
    await t.runner().runUntilIdle(FEED);
    expect(t.reads).toEqual([
      ['2', '4'],
      ['6', '8'],
      ['2', '4'],
      ['6', '8'],
    ]);
    expect(t.jobs.jobs[0]).toMatchObject({ state: 'done', processed: 8, synced: 4 });
  });

  it('lets a waiting fan-out go first between the waves of a long sync (after the wave already started), which then resumes', async () => {
    const t = setup(6);
    await t.addOnboarding();
    onFirstBatch(t, () => recordFanOut(t, { ids: ['6'] }));
    await t.runner().runUntilIdle(FEED);
    expect(t.reads).toEqual([['1', '2'], ['3', '4'], ['6'], ['5', '6']]);
    expect(t.jobs.jobs.map((j) => j.state)).toEqual(['done', 'done']);
  });

  describe('fan-outs while the onboarding waits', () => {
    /** The website a message carries (its code tells which version of the source it was read from). */
    const codes = (t: ReturnType<typeof setup>) =>
      t.sink.sent.map((m) => [m.sourceEntityId, m.deleted ? 'deleted' : m.item['websiteCode']]);

    it('leave every entity to an onboarding that has not started: it reads them after the change', async () => {
      const t = setup(4, { listsEveryEntity: true });
      await t.addOnboarding();
      t.source.set('3', [{ websiteId: '3', websiteCode: 'renamed' }]);
      await recordFanOut(t, { all: true });
      await t.runner().runUntilIdle(FEED);
      expect(t.reads).toEqual([
        ['1', '2'],
        ['3', '4'],
      ]);
      expect(t.jobs.jobs.map((j) => [j.kind, j.state, j.processed])).toEqual([
        ['onboarding', 'done', 4],
        ['fan-out', 'done', 0],
      ]);
      expect(codes(t)).toEqual([
        ['1', 'w1'],
        ['2', 'w2'],
        ['3', 'renamed'],
        ['4', 'w4'],
      ]);
    });

    it('sync only what a stepped-aside onboarding has passed; it reads the rest, and finds the deletes past it', async () => {
      const t = setup(8, { listsEveryEntity: true });
      await t.processor.sync({ ids: ['8'], operation: 'partial sync' }); // a live change before the start
      t.reads.length = 0;
      await t.addOnboarding();
      // After the first batch: 1 and 7 renamed, 2 and 8 deleted, and a fan-out of every entity recorded.
      onFirstBatch(t, async () => {
        t.source.set('1', [{ websiteId: '1', websiteCode: 'renamed' }]);
        t.source.set('7', [{ websiteId: '7', websiteCode: 'renamed' }]);
        t.source.delete('2');
        t.source.delete('8');
        await recordFanOut(t, { all: true });
      });
      await t.runner().runUntilIdle(FEED);
      // The onboarding steps aside after 4 (the wave it had started); the fan-out goes up to 4 (2 is gone), and
      // leaves the delete of 8 to the onboarding.
      expect(t.reads).toEqual([['1', '2'], ['3', '4'], ['1', '3'], ['2'], ['4'], ['5', '6'], ['7'], ['8']]);
      expect(codes(t)).toEqual([
        ['8', 'w8'],
        ['1', 'w1'],
        ['2', 'w2'],
        ['3', 'w3'],
        ['4', 'w4'],
        ['1', 'renamed'],
        ['2', 'deleted'],
        ['5', 'w5'],
        ['6', 'w6'],
        ['7', 'renamed'],
        ['8', 'deleted'],
      ]);
      expect(t.jobs.jobs.map((j) => [j.kind, j.state])).toEqual([
        ['onboarding', 'done'],
        ['fan-out', 'done'],
      ]);
    });

    it('go whole once the onboarding is done, while a runner holds it, or when the reader does not list every entity', async () => {
      const done = setup(2, { listsEveryEntity: true });
      await done.addOnboarding();
      await done.runner().runUntilIdle(FEED);
      await recordFanOut(done, { ids: ['1', '2'] });
      done.reads.length = 0;
      await done.runner().runUntilIdle(FEED);
      expect(done.reads).toEqual([['1', '2']]);

      const held = setup(2, { listsEveryEntity: true });
      await held.addOnboarding();
      await held.jobs.claimNext(FEED, 'another replica', 30_000);
      await recordFanOut(held, { ids: ['1', '2'] });
      await held.runner().runUntilIdle(FEED);
      expect(held.reads).toEqual([['1', '2']]);

      const unlisted = setup(2);
      await unlisted.addOnboarding();
      await recordFanOut(unlisted, { ids: ['2'] });
      await unlisted.runner().runUntilIdle(FEED);
      expect(unlisted.reads).toEqual([['2'], ['1', '2']]);
    });
  });

  it('starts no onboarding before change capture streams, and other jobs meanwhile', async () => {
    const t = setup(2);
    await t.addOnboarding();
    await t.jobs.add({
      feed: FEED,
      kind: 'fan-out',
      reason: 'live',
      spec: serializeSpec({ scope: { ids: ['1'] } }),
    });
    let streaming = false;
    const runner = t.runner(() => Promise.resolve(streaming));
    runner.start();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(t.jobs.jobs.map((j) => j.state)).toEqual(['pending', 'done']);
    streaming = true;
    runner.wake(FEED);
    await until(() => t.jobs.jobs[0]?.state === 'done');
    await runner.stop(1_000);
    expect(t.jobs.jobs[0]?.state).toBe('done');
  });

  it('holds a reconciliation after a binlog loss until change capture streams again, asking each time', async () => {
    const t = setup(2);
    await addReconcileAfterLoss(t);
    await t.jobs.add({
      feed: FEED,
      kind: 'resync',
      reason: 'resync c1',
      spec: serializeSpec({ scope: { ids: ['1'] } }),
      commandId: 'c1',
    });
    let streaming = false;
    let asked = 0;
    const runner = t.runner(undefined, () => Promise.resolve((asked++, streaming)));
    runner.start();
    await until(() => t.jobs.jobs[1]?.state === 'done');
    expect(t.jobs.jobs.map((j) => j.state)).toEqual(['pending', 'done']);
    const before = asked;
    runner.wake(FEED);
    await until(() => asked !== before);
    expect(t.jobs.jobs[0]?.state).toBe('pending');
    streaming = true;
    runner.wake(FEED);
    await until(() => t.jobs.jobs[0]?.state === 'done');
    await runner.stop(1_000);
    expect(t.jobs.jobs[0]?.state).toBe('done');
  });

  it('asks again once it claimed a reconciliation after a binlog loss, and lets it go while capture is down', async () => {
    const t = setup(2);
    await addReconcileAfterLoss(t);
    // The lane asked before the job was recorded (true), the loss is seen, the claim asks again (false).
    const answers = [true, false];
    const runner = t.runner(undefined, () => Promise.resolve(answers.shift() ?? false));
    runner.start();
    await until(() => answers.length === 0);
    await runner.stop(1_000);
    expect(t.jobs.jobs[0]).toMatchObject({ processed: 0, leaseOwner: null });
    expect(t.jobs.jobs[0]?.state).not.toBe('done');
    expect(t.sink.sent).toEqual([]);
  });

  it('refuses nothing and loses nothing when a resync keeps failing: it stops after three waves, resumable', async () => {
    const t = setup(2);
    await t.jobs.add({
      feed: FEED,
      kind: 'resync',
      reason: 'resync c1',
      spec: serializeSpec({ scope: { all: true } }),
      commandId: 'c1',
    });
    t.processor.sync = () => Promise.reject(new Error('database gone'));
    const runner = new SyncJobRunner({
      service: 'scopes-feed',
      feeds: [{ feed: FEED, reader: websiteReader(t.source), processor: t.processor, settings }],
      jobs: t.jobs.asRepository(),
      state: t.state.asRepository(),
      db: keysetDb([]),
      events: { emit: (e) => Promise.resolve(void t.events.push(e)) },
      logger,
      sleep: () => Promise.resolve(),
    });
    await runner.runUntilIdle(FEED);
    expect(t.jobs.jobs[0]).toMatchObject({ state: 'failed', attempts: 3, lastError: 'database gone' });
    expect(t.events.at(-1)).toMatchObject({ type: 'resync.finished', status: 'failed', commandId: 'c1' });
  });
});

describe(`${ChangeBatchHandler.name} with fan-outs`, () => {
  function handlerFor(affected: (id: number) => ReturnType<typeof everything> | string[]) {
    const t = setup(3);
    const feed = defineFeed({
      feed: FEED,
      minimalPayload: ['websiteId'],
      timestampField: 'updatedAt',
      hash: {},
      connect: () => ({ reader: websiteReader(t.source), changes: undefined }),
      sources: { store_website: (e) => affected(Number(e.after?.['website_id'])) },
    });
    const queued: { reason: string; spec: unknown }[] = [];
    const handler = new ChangeBatchHandler(
      [{ processor: t.processor, connected: feed.connect({} as CommerceDb), tables: feed.tables }],
      { enqueue: (_feed, f) => Promise.resolve(void queued.push({ reason: f.reason, spec: f.spec })) },
      logger,
    );
    return { t, handler, queued };
  }

  it('reports the tables a feed received snapshot reads of, once per batch, and not for incremental snapshots', async () => {
    const t = setup(3);
    const seen: [string, readonly string[]][] = [];
    const handler = new ChangeBatchHandler(
      [
        {
          processor: t.processor,
          connected: websiteFeed(t.source).connect({} as CommerceDb),
          tables: ['store_website'],
        },
      ],
      {
        enqueue: () => Promise.resolve(),
        snapshotRead: (feed, tables) => Promise.resolve(void seen.push([feed, tables])),
      },
      logger,
    );
    const read = (id: number, snapshot: string) => {
      const e = websiteChange(id);
      const value = JSON.parse(e.value) as Record<string, unknown>;
      return {
        ...e,
        value: JSON.stringify({
          ...value,
          op: 'r',
          before: null,
          source: { ...(value['source'] as object), snapshot },
        }),
      };
    };
    await handler.handle([websiteChange(1), read(2, 'incremental')]);
    expect(seen).toEqual([]);
    await handler.handle([read(1, 'first'), read(2, 'true'), websiteChange(3)]);
    expect(seen).toEqual([[FEED, ['store_website']]]);
    // The reads are still signals: their entities are synced like any change (unchanged ones skipped).
    expect(t.sink.sent.map((m) => m.sourceEntityId).sort()).toEqual(['1', '2', '3']);
  });

  it('syncs a few entities itself and records a fan-out as a job, once per batch', async () => {
    const { t, handler, queued } = handlerFor((id) =>
      id === 3 ? everything('website 3') : fanOut('website', [{ sql: 'q', params: [id] }]),
    );
    await handler.handle([websiteChange(1), websiteChange(1), websiteChange(3)]);
    expect(queued).toEqual([
      { reason: 'store_website: website', spec: { scope: { queries: [{ sql: 'q', params: [1] }] } } },
      { reason: 'store_website: website 3', spec: { scope: { all: true } } },
    ]);
    expect(t.sink.sent).toEqual([]);
  });

  it(`records more than ${INLINE_ENTITIES} entities of one batch as a job instead of syncing them in the call`, async () => {
    const many = Array.from({ length: INLINE_ENTITIES + 1 }, (_, i) => String(i + 1));
    const { t, handler, queued } = handlerFor((id) => (id === 1 ? many : ['2']));
    await handler.handle([websiteChange(1)]);
    expect(queued).toHaveLength(1);
    expect(queued[0]?.spec).toEqual({ scope: { ids: many } });
    expect(t.sink.sent).toEqual([]);
    await handler.handle([websiteChange(2)]);
    expect(t.sink.sent.map((m) => m.sourceEntityId)).toEqual(['2']);
  });
});
