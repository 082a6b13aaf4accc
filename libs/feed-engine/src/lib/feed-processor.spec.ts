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
});
