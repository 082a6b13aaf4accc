import { Topics, type FeedName } from '@cde/contracts';
import { testKafka } from '@cde/testing/runtime';
import { eventually, Pipeline } from './pipeline-harness';
import { normaliseScopesItem } from './scopes-oracle';

/**
 * docs/runbooks/replay-a-feed.md, its locally runnable steps: a receiver that lost everything is rebuilt from the
 * feed topics alone, without the Commerce DB: stop the exporter, reset its group's offsets on `cde.feed.<feed>`
 * to the earliest, start it again.
 */
describe('runbook: replay a feed', () => {
  const feeds: FeedName[] = ['scopesWebsite', 'scopesCustomerGroup'];
  // The replay resends whole topics, every earlier pipeline's items too: the receiver is fed from their beginning
  // before, as a deployment's is, so that it holds what the topics hold.
  const pipeline = new Pipeline({ feedService: 'scopes-feed', feeds, exporterStartsAt: 'beginning' });
  const kafka = testKafka('cde-replay-runbook');

  const snapshot = async (): Promise<Record<string, unknown[]>> => {
    const out: Record<string, unknown[]> = {};
    for (const feed of feeds) {
      out[feed] = (await pipeline.items(feed))
        .map((i) => JSON.stringify(normaliseScopesItem(i)))
        .sort()
        .map((i) => JSON.parse(i) as unknown);
    }
    return out;
  };

  beforeAll(async () => {
    await pipeline.start();
  });

  afterAll(async () => {
    await pipeline.stop();
  });

  it('rebuilds an emptied receiver from the topics', async () => {
    // The feeds are delivered and quiet.
    const delivered = await eventually(
      async () =>
        (
          await Promise.all(
            feeds.map(async (f) => (await pipeline.items(f)).length > 0 && pipeline.settled(f)),
          )
        ).every(Boolean),
      180_000,
    );
    expect(delivered).toBe(true);
    const before = await snapshot();

    // The receiver loses everything.
    await pipeline.shop.query(`TRUNCATE TABLE \`${pipeline.receiverDb}\`.feed_items`);
    expect(await snapshot()).toEqual({ scopesWebsite: [], scopesCustomerGroup: [] });

    // Runbook step 1: stop the exporter (in Kubernetes: scale it to 0).
    await pipeline.stopExporter();
    // Step 2: reset its group's offsets on the feed topics to the earliest
    // (kafka-consumer-groups.sh --reset-offsets --to-earliest --execute).
    const admin = kafka.admin();
    await admin.connect();
    try {
      for (const feed of feeds) {
        await admin.resetOffsets({
          groupId: pipeline.exporterGroup,
          topic: Topics.feed(feed),
          earliest: true,
        });
      }
    } finally {
      await admin.disconnect();
    }
    // Step 3: start it again; it resends what the compacted topics hold, the latest version of every item.
    await pipeline.startExporter();

    let after: Record<string, unknown[]> = {};
    await eventually(async () => {
      after = await snapshot();
      return JSON.stringify(after) === JSON.stringify(before);
    }, 180_000);
    expect(after).toEqual(before);
  });
});
