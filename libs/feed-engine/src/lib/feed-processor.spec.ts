import { messageLimitsOf } from '@cde/platform/kafka';
import { createLogger } from '@cde/platform/observability';
import { FeedProcessor } from './feed-processor';
import { FEED, InMemoryFeedState, RecordingSink, websiteFeed, websiteReader } from './testing/in-memory-feed';

const logger = createLogger({ service: 'scopes-feed', level: 'silent' });

/** Answers after a round trip with what was true when asked. */
const late = async <T>(value: T): Promise<T> => {
  await new Promise((resolve) => setTimeout(resolve, 20));
  return value;
};

describe(FeedProcessor.name, () => {
  it('publishes an entity once when two syncs of it run at the same time (two partitions, one product)', async () => {
    // Reads of the state answer late with what was there when asked, as a database round trip does: without the
    // lock, both syncs ask before either has saved.
    class SlowState extends InMemoryFeedState {
      override async findBySourceIds(feed: typeof FEED, ids: readonly string[]) {
        return late(await super.findBySourceIds(feed, ids));
      }
      override async findByFeedIds(feed: typeof FEED, ids: readonly string[]) {
        return late(await super.findByFeedIds(feed, ids));
      }
    }
    const state = new SlowState();
    const sink = new RecordingSink();
    const source = new Map([['1', [{ websiteId: '1', websiteCode: 'base' }]]]);
    const definition = websiteFeed(source);
    const processor = new FeedProcessor(
      definition,
      websiteReader(source),
      { mode: 'immediate', batchSize: 100 },
      state.asRepository(),
      sink,
      logger,
    );
    const [a, b] = await Promise.all([
      processor.sync({ ids: ['1'], operation: 'partial sync' }),
      processor.sync({ ids: ['1', '2'], operation: 'partial sync' }),
    ]);
    expect(sink.sent.filter((m) => m.feed === FEED && m.sourceEntityId === '1')).toHaveLength(1);
    expect(a.synced + b.synced).toBe(1);
    expect(a.skipped + b.skipped).toBe(1);
  });

  const withLargeItem = (sink: RecordingSink) => {
    const state = new InMemoryFeedState();
    const source = new Map([
      ['1', [{ websiteId: '1', websiteCode: 'base' }]],
      // 1.5 MB: a productAttributes item of an attribute with 30,000 options, per store view.
      ['2', [{ websiteId: '2', websiteCode: 'huge', name: 'x'.repeat(1_500_000) }]],
      ['3', [{ websiteId: '3', websiteCode: 'us' }]],
    ]);
    const processor = new FeedProcessor(
      websiteFeed(source),
      websiteReader(source),
      { mode: 'immediate', batchSize: 100 },
      state.asRepository(),
      sink,
      logger,
    );
    return { state, processor };
  };

  it('parks an item too large for one Kafka message with its size, and publishes the rest of the batch', async () => {
    // A deployment at Kafka's 1 MiB default: the publisher takes 1 MiB less 16 KiB.
    const sink = Object.assign(new RecordingSink(), {
      maxMessageBytes: messageLimitsOf(1_048_576).maxRequestBytes,
    });
    const { state, processor } = withLargeItem(sink);
    const result = await processor.sync({ ids: ['1', '2', '3'], operation: 'partial sync' });
    expect(sink.sent.map((m) => m.sourceEntityId)).toEqual(['1', '3']);
    expect(result.messages).toHaveLength(2);
    const huge = [...state.rows.values()].find((r) => r.sourceEntityId === '2')!;
    expect(state.parked).toEqual([huge.feedId]);
    expect(huge).toMatchObject({ status: 400, parked: true });
    expect(huge.errors).toMatch(/^CDE04-25 the item takes 150\d{4} bytes, over the 1032192-byte limit/);
    // Final until it changes: an unchanged resync sends nothing.
    await processor.sync({ ids: ['2'], operation: 'partial sync' });
    expect(sink.sent).toHaveLength(2);
  });

  it('publishes the same item whole under the default 4 MiB limit', async () => {
    const sink = new RecordingSink();
    const { state, processor } = withLargeItem(sink);
    const result = await processor.sync({ ids: ['1', '2', '3'], operation: 'partial sync' });
    expect(sink.sent.map((m) => m.sourceEntityId)).toEqual(['1', '2', '3']);
    expect(result.synced).toBe(3);
    expect(state.parked).toEqual([]);
    // Each message goes out as the one JSON text its size was checked on.
    expect(sink.json).toEqual(sink.sent.map((m) => JSON.stringify(m)));
  });

  it('hands a forced legacy send of an unchanged, already sent item back to the scheduled sender', async () => {
    const state = new InMemoryFeedState();
    const source = new Map([['1', [{ websiteId: '1', websiteCode: 'base' }]]]);
    const processor = new FeedProcessor(
      websiteFeed(source),
      websiteReader(source),
      { mode: 'legacy', batchSize: 100 },
      state.asRepository(),
      new RecordingSink(),
      logger,
    );
    await processor.sync({ ids: ['1'], operation: 'full sync' });
    const [row] = [...state.rows.values()];
    if (!row) throw new Error('no row saved');
    // The legacy sender sent it and the receiver accepted it.
    state.rows.set(row.feedId, { ...row, sentHash: row.feedHash, status: 200 });

    const unforced = await processor.sync({ ids: ['1'], operation: 'full sync' });
    expect(unforced.skipped).toBe(1);
    expect(state.rows.get(row.feedId)?.sentHash).toBe(row.feedHash);

    const forced = await processor.sync({ ids: ['1'], operation: 'full sync', force: true });
    expect(forced.synced).toBe(1);
    expect(state.rows.get(row.feedId)?.sentHash).toBeNull();
  });
});
