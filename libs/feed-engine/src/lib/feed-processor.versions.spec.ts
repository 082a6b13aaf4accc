import { createLogger } from '@cde/platform/observability';
import { defineFeed } from './feed-definition';
import { FeedProcessor } from './feed-processor';
import { FEED, InMemoryFeedState, RecordingSink, websiteReader } from './testing/in-memory-feed';

const logger = createLogger({ service: 'scopes-feed', level: 'silent' });

/** The websites feed these specs sync, read from `source`. */
function websitesFeed(source: Map<string, Record<string, unknown>[]>) {
  return defineFeed({
    feed: FEED,
    minimalPayload: ['websiteId', 'websiteCode', 'updatedAt'],
    timestampField: 'updatedAt',
    hash: {},
    connect: () => ({ reader: websiteReader(source), changes: undefined }),
    sources: {},
  });
}

/** Two replicas of one feed on one feed state, each with its own clock. */
function replicas(source: Map<string, Record<string, unknown>[]>, clocks: readonly Date[]) {
  const state = new InMemoryFeedState();
  const sink = new RecordingSink();
  const definition = websitesFeed(source);
  const processors = clocks.map(
    (clock) =>
      new FeedProcessor(
        definition,
        websiteReader(source),
        { mode: 'immediate', batchSize: 100 },
        state.asRepository(),
        sink,
        logger,
        { now: () => clock },
      ),
  );
  const versions = () => sink.sent.map((m) => [m.item['websiteCode'], m.item['updatedAt'], m.deleted]);
  return { processors, versions, source };
}

describe('FeedProcessor: item versions', () => {
  it('never go back when the replica that syncs next runs 5 minutes behind the one that published last', async () => {
    const source = new Map([['1', [{ websiteId: '1', websiteCode: 'base' }]]]);
    const { processors, versions } = replicas(source, [
      new Date('2026-12-06T12:05:00.000Z'),
      new Date('2026-12-06T12:00:00.000Z'),
    ]);
    const [ahead, behind] = processors;
    await ahead!.sync({ ids: ['1'], operation: 'partial sync' });
    source.set('1', [{ websiteId: '1', websiteCode: 'renamed' }]);
    await behind!.sync({ ids: ['1'], operation: 'partial sync' });
    source.delete('1');
    await behind!.sync({ ids: ['1'], operation: 'partial sync' });
    expect(versions()).toEqual([
      ['base', '2026-12-06T12:05:00.000Z', false],
      ['renamed', '2026-12-06T12:05:00.001Z', false],
      ['renamed', '2026-12-06T12:05:00.002Z', true],
    ]);
  });

  it("take the clock's time when it is ahead of the last version, for new and changed items alike", async () => {
    const source = new Map([['1', [{ websiteId: '1', websiteCode: 'base' }]]]);
    const { processors, versions } = replicas(source, [
      new Date('2026-12-06T12:00:00.000Z'),
      new Date('2026-12-06T12:00:07.000Z'),
    ]);
    await processors[0]!.sync({ ids: ['1'], operation: 'partial sync' });
    source.set('1', [{ websiteId: '1', websiteCode: 'renamed' }]);
    await processors[1]!.sync({ ids: ['1'], operation: 'partial sync' });
    expect(versions()).toEqual([
      ['base', '2026-12-06T12:00:00.000Z', false],
      ['renamed', '2026-12-06T12:00:07.000Z', false],
    ]);
  });
});

describe('FeedProcessor: a resend after a stale refusal', () => {
  it('is stamped after the version the receiver holds, even one ahead of every clock, deletes included', async () => {
    const source = new Map([
      ['1', [{ websiteId: '1', websiteCode: 'base' }]],
      ['2', [{ websiteId: '2', websiteCode: 'gone' }]],
    ]);
    const { processors, versions } = replicas(source, [new Date('2026-12-06T12:00:00.000Z')]);
    const [replica] = processors;
    await replica!.sync({ ids: ['1', '2'], operation: 'partial sync' });
    source.delete('2');
    const held = '2026-12-06T13:00:00.000Z';
    await replica!.sync({
      ids: ['1', '2'],
      operation: 'retry failed items',
      force: true,
      versionFloor: held,
    });
    expect(versions()).toEqual([
      ['base', '2026-12-06T12:00:00.000Z', false],
      ['gone', '2026-12-06T12:00:00.000Z', false],
      ['base', '2026-12-06T13:00:00.001Z', false],
      ['gone', '2026-12-06T13:00:00.001Z', true],
    ]);
  });
});

describe('FeedProcessor: the publish time of a message', () => {
  it("comes from the feed state's shared clock, not the replica's own, like the item's version", async () => {
    const state = new InMemoryFeedState();
    const shared = new Date('2026-12-07T05:00:00.000Z');
    // The feed state database's clock; the replica's own (Date.now()) is today's time, far from it.
    state.clock = () => Promise.resolve(shared);
    const sink = new RecordingSink();
    const source = new Map([['1', [{ websiteId: '1', websiteCode: 'base' }]]]);
    const definition = websitesFeed(source);
    const repository = state.asRepository();
    const save = repository.saveAssembled.bind(repository);
    const saved: (Date | undefined)[] = [];
    repository.saveAssembled = (feed, states) => {
      saved.push(...states.map((s) => s.producedAt));
      return save(feed, states);
    };
    const processor = new FeedProcessor(
      definition,
      websiteReader(source),
      { mode: 'immediate', batchSize: 100 },
      repository,
      sink,
      logger,
    );
    await processor.sync({ ids: ['1'], operation: 'partial sync' });
    expect(sink.sent.map((m) => [m.item['updatedAt'], m.producedAt])).toEqual([
      [shared.toISOString(), shared.toISOString()],
    ]);
    // The save names the same publish, so its outcome (even one that comes back first) finds it.
    expect(saved).toEqual([shared]);
  });
});

describe('FeedProcessor: deletes of items the receiver holds and the feed state does not', () => {
  it('ask the shared clock only when one of them is unknown, and stamp the delete with it', async () => {
    const state = new InMemoryFeedState();
    const shared = new Date('2026-12-07T05:00:00.000Z');
    let asked = 0;
    state.clock = () => {
      asked++;
      return Promise.resolve(shared);
    };
    const sink = new RecordingSink();
    const source = new Map([['1', [{ websiteId: '1', websiteCode: 'base' }]]]);
    const processor = new FeedProcessor(
      websitesFeed(source),
      websiteReader(source),
      { mode: 'immediate', batchSize: 100 },
      state.asRepository(),
      sink,
      logger,
    );
    await processor.sync({ ids: ['1'], operation: 'partial sync' });
    asked = 0;
    const request = { operation: 'full sync' } as const;

    const known = { feedId: '1', item: { websiteId: '1', websiteCode: 'base' } };
    expect(await processor.deleteUnknown([known], request)).toBe(0);
    expect(asked).toBe(0);

    const unknown = { feedId: '9', item: { websiteId: '9', websiteCode: 'gone' } };
    expect(await processor.deleteUnknown([known, unknown], request)).toBe(1);
    expect(asked).toBe(1);
    expect(sink.sent.slice(1).map((m) => [m.item['websiteCode'], m.deleted, m.producedAt])).toEqual([
      ['gone', true, shared.toISOString()],
    ]);
  });
});
