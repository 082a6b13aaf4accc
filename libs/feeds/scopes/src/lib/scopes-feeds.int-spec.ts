import {
  FEEDS,
  Topics,
  type CdeEvent,
  type FeedItemMessage,
  type FeedName,
  type ResyncCommand,
  type ResyncOptions,
} from '@cde/contracts';
import { FeedMetrics, FeedService, hashFeedItem, type OutgoingFeedItem } from '@cde/feed-engine';
import { CommerceDb, type SqlParam } from '@cde/platform/commerce-db';
import { SyncJobRepository, type FeedStateRepository } from '@cde/platform/feed-state';
import { createLogger } from '@cde/platform/observability';
import { createCommerceSchema, oracleCount, type OracleQuery } from '@cde/testing/commerce-db';
import {
  collectEvery,
  feedUnderTest,
  MemorySink,
  openScratchFeedState,
  type ScratchFeedState,
} from '@cde/testing/feeds';
import {
  collectMessages,
  connectCommerceDbAsShop,
  loadRuntimeConfig,
  scratchDatabaseName,
  testKafka,
  uniqueName,
} from '@cde/testing/runtime';
import { randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import type { Connection } from 'mysql2/promise';
import { SCOPES_CUSTOMER_GROUP_FEED } from './scopes-customer-group.feed';
import { SCOPES_WEBSITE_FEED } from './scopes-website.feed';

/** Publishes to real Kafka topics of this test run and remembers what it sent, for assertions. */
class RecordingKafkaSink extends MemorySink {
  constructor(
    private readonly producer: Producer,
    readonly topicOf: (feed: FeedName) => string,
  ) {
    super();
  }
  override async publish(feed: FeedName, items: readonly OutgoingFeedItem[]): Promise<void> {
    await this.producer.send({
      topic: this.topicOf(feed),
      acks: -1,
      messages: items.map((i) => ({ key: i.message.feedId, value: i.json })),
    });
    await super.publish(feed, items);
  }
}

describe('scopes feeds on the feed engine', () => {
  const commerce = scratchDatabaseName('scopes_commerce');
  const prefix = uniqueName('cde-test-scopes');
  const kafka = testKafka('cde-scopes-test');
  const logger = createLogger({ service: 'scopes-feed', level: 'warn' });
  let shop: Connection;
  let db: CommerceDb;
  let feedState: ScratchFeedState;
  let state: FeedStateRepository;
  let jobs: SyncJobRepository;
  let producer: Producer;
  let sink: RecordingKafkaSink;
  const events: CdeEvent[] = [];
  const metrics = new FeedMetrics({ service: 'scopes-feed', defaultMetrics: false });
  let service: FeedService;

  const makeService = (mode: 'immediate' | 'legacy'): FeedService =>
    new FeedService({
      service: 'scopes-feed',
      feeds: [SCOPES_WEBSITE_FEED, SCOPES_CUSTOMER_GROUP_FEED],
      settings: { scopesWebsite: { mode, batchSize: 2 }, scopesCustomerGroup: { mode, batchSize: 2 } },
      db,
      state,
      jobs,
      sink,
      events: { emit: (e) => Promise.resolve(void events.push(e)) },
      logger,
      retryPolicy: { maxAttempts: 3, baseDelayMs: 50, maxDelayMs: 200 },
      metrics,
    });

  beforeAll(async () => {
    shop = await connectCommerceDbAsShop({ database: null, multipleStatements: true });
    await createCommerceSchema(shop, commerce);
    const { commerceDb } = loadRuntimeConfig();
    db = CommerceDb.connect({
      host: commerceDb.host,
      port: commerceDb.port,
      user: 'root',
      password: '',
      database: commerce,
      poolSize: 4,
    });
    feedState = await openScratchFeedState('scopes_state', 4);
    state = feedState.repository;
    jobs = new SyncJobRepository(feedState.dataSource);
    producer = kafka.producer({ idempotent: true });
    await producer.connect();
    sink = new RecordingKafkaSink(producer, (feed) => `${prefix}.${Topics.feed(feed)}`);
    // Two more websites with a store group and a view each, beyond the fresh install's base website.
    await shop.query(`USE \`${commerce}\``);
    await shop.query(`INSERT INTO store_website (website_id, code, name, sort_order, default_group_id, is_default) VALUES (2,'eu','EU',1,2,0),(3,'us','US',2,3,0);
      INSERT INTO store_group (group_id, website_id, name, root_category_id, default_store_id, code) VALUES (2,2,'EU Store',2,2,'eu_store'),(3,3,'US Store',2,3,'us_store');
      INSERT INTO store (store_id, code, website_id, group_id, name, sort_order, is_active) VALUES (2,'eu_fr',2,2,'Français',0,1),(3,'eu_de',2,2,'Deutsch',1,1),(4,'us_en',3,3,'English',0,1);`);
    service = makeService('immediate');
  });

  afterAll(async () => {
    await producer.disconnect();
    await db.close();
    await feedState.close();
    await shop.query(`DROP DATABASE IF EXISTS \`${commerce}\``);
    await shop.end();
    const admin = kafka.admin();
    await admin.connect();
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics });
    await admin.disconnect();
  });

  const resync = async (feed: FeedName, options: Partial<ResyncOptions> = {}): Promise<CdeEvent[]> => {
    const command: ResyncCommand = {
      type: 'resync',
      commandId: randomUUID(),
      requestedAt: new Date().toISOString(),
      requestedBy: 'test',
      feed,
      options: {
        dryRun: false,
        cleanupFeed: false,
        noReindex: false,
        continueResync: false,
        force: false,
        ...options,
      },
    };
    const before = events.length;
    await service.onCommand(command);
    await service.runPendingJobs(feed);
    return events.slice(before).filter((e) => e.commandId === command.commandId);
  };

  const resyncCommand = (feed: FeedName, commandId: string): ResyncCommand => ({
    type: 'resync',
    commandId,
    requestedAt: new Date().toISOString(),
    requestedBy: 'test',
    feed,
    options: { dryRun: false, cleanupFeed: false, noReindex: false, continueResync: false, force: false },
  });

  it("holds as many items as the shared SQL counts (./dev up's check) say", async () => {
    const query: OracleQuery = (sql, params = []) =>
      db.query<Record<string, unknown>>(sql, params as readonly SqlParam[]);
    for (const feed of [SCOPES_WEBSITE_FEED, SCOPES_CUSTOMER_GROUP_FEED]) {
      const items = await collectEvery(feedUnderTest(feed, db).reader, 2);
      expect(items.length).toBeGreaterThan(1);
      expect(items).toHaveLength(await oracleCount(query, feed.feed));
    }
  });

  it('syncs changed websites with their stores and views, and publishes nothing when nothing changed', async () => {
    const first = await service
      .processor('scopesWebsite')!
      .sync({ ids: ['1', '2'], operation: 'partial sync' });
    expect(first).toMatchObject({ processed: 2, synced: 2, skipped: 0, deleted: 0, failed: 0 });
    const items = sink.take().map((m) => m.item);
    expect(items).toContainEqual(
      expect.objectContaining({
        websiteId: '2',
        websiteCode: 'eu',
        deleted: false,
        stores: [
          {
            storeId: '2',
            storeCode: 'eu_store',
            storeViews: [
              { storeViewId: '2', storeViewCode: 'eu_fr' },
              { storeViewId: '3', storeViewCode: 'eu_de' },
            ],
          },
        ],
      }),
    );
    const again = await service
      .processor('scopesWebsite')!
      .sync({ ids: ['1', '2'], operation: 'partial sync' });
    expect(again).toMatchObject({ synced: 0, skipped: 2 });
    expect(sink.take()).toEqual([]);
    // What /metrics serves: the two published items, none for the unchanged second sync.
    expect(await metrics.registry.metrics()).toContain(
      'cde_feed_items_published_total{feed="scopesWebsite",app="scopes-feed"} 2',
    );
  });

  it("removes a deleted store view from its website's item, and sends a deleted website as deleted: true", async () => {
    await shop.query('DELETE FROM store WHERE store_id = 3');
    await service.processor('scopesWebsite')!.sync({ ids: ['2'], operation: 'partial sync' });
    const [updated] = sink.take();
    expect(updated!.item['stores']).toEqual([
      { storeId: '2', storeCode: 'eu_store', storeViews: [{ storeViewId: '2', storeViewCode: 'eu_fr' }] },
    ]);

    await service.processor('scopesWebsite')!.sync({ ids: ['3'], operation: 'partial sync' });
    expect(sink.take().map((m) => m.item['websiteCode'])).toEqual(['us']);
    await shop.query(
      'DELETE FROM store WHERE website_id = 3; DELETE FROM store_group WHERE website_id = 3; DELETE FROM store_website WHERE website_id = 3',
    );
    await service.processor('scopesWebsite')!.sync({ ids: ['3'], operation: 'partial sync' });
    expect(sink.take()).toEqual([
      expect.objectContaining({
        deleted: true,
        sourceEntityId: '3',
        item: { websiteId: '3', websiteCode: 'us', deleted: true, updatedAt: expect.any(String) as string },
      }),
    ]);
    // The delete is sent once.
    await service.processor('scopesWebsite')!.sync({ ids: ['3'], operation: 'partial sync' });
    expect(sink.take()).toEqual([]);
  });

  it('full resync sends only what changed, refuses a concurrent resync naming the holder, and --force resends all', async () => {
    const full = await resync('scopesCustomerGroup');
    expect(full.map((e) => e.type)).toEqual(expect.arrayContaining(['resync.started', 'resync.finished']));
    expect(full.at(-1)).toMatchObject({
      type: 'resync.finished',
      status: 'complete',
      processed: 4,
      synced: 4,
    });
    const groups = sink.take();
    expect(groups.map((m) => m.item['customerGroupId']).sort()).toEqual(['0', '1', '2', '3']);
    expect(groups[0]!.item['websites']).toEqual(['base', 'eu']);

    expect((await resync('scopesCustomerGroup')).at(-1)).toMatchObject({
      status: 'complete',
      synced: 0,
      skipped: 4,
    });
    expect((await resync('scopesCustomerGroup', { force: true })).at(-1)).toMatchObject({ synced: 4 });
    sink.take();

    // A resync recorded and not yet finished holds the feed: a second one is refused, naming it.
    const held = resyncCommand('scopesCustomerGroup', `held-by-test-${randomUUID()}`);
    await service.onCommand(held);
    const refused = await resync('scopesCustomerGroup');
    expect(refused).toEqual([
      expect.objectContaining({
        type: 'resync.refused',
        code: 'CDE04-20',
        holder: expect.stringContaining(`resync ${held.commandId}`) as string,
      }),
    ]);
    await service.runPendingJobs('scopesCustomerGroup');
  });

  it('ignores a command older than the command max age (a new consumer group must not rerun old resyncs)', async () => {
    const before = events.length;
    await service.onCommand({
      type: 'resync',
      commandId: randomUUID(),
      requestedAt: new Date(Date.now() - 3_600_000).toISOString(),
      requestedBy: 'test',
      feed: 'scopesWebsite',
      options: { dryRun: false, cleanupFeed: false, noReindex: false, continueResync: false, force: true },
    });
    expect(await service.runPendingJobs('scopesWebsite')).toBe(0);
    expect(events.length).toBe(before);
    expect(sink.take()).toEqual([]);
  });

  it('--dry-run collects and reports but publishes and writes nothing', async () => {
    await shop.query(
      "UPDATE customer_group SET tax_class_id = 3 WHERE customer_group_id = 1; INSERT INTO customer_group VALUES (7,'Dry',3)",
    );
    const before = await state.count('scopesCustomerGroup');
    const dry = await resync('scopesCustomerGroup', { dryRun: true });
    expect(dry.at(-1)).toMatchObject({ status: 'complete', dryRun: true, synced: 1 });
    expect(sink.take()).toEqual([]);
    expect(await state.count('scopesCustomerGroup')).toBe(before);
  });

  it('--by-ids with --id-type resends just those entities, bypassing the hash, and warns about unknown ids', async () => {
    const byCode = await resync('scopesWebsite', { byIds: ['base', 'nope'], idType: 'sku' });
    expect(byCode.at(-1)).toMatchObject({ status: 'complete', processed: 1, synced: 1 });
    expect(sink.take().map((m) => m.item['websiteCode'])).toEqual(['base']);
    const byId = await resync('scopesWebsite', { byIds: ['2'], idType: 'id' });
    expect(byId.at(-1)).toMatchObject({ synced: 1 });
    expect(sink.take().map((m) => m.item['websiteCode'])).toEqual(['eu']);
  });

  it('--batch-size and --thread-count page through the source; --continue-resync resumes after the checkpoint', async () => {
    await shop.query("INSERT INTO customer_group VALUES (8,'G8',3),(9,'G9',3),(10,'G10',3)");
    const run = await resync('scopesCustomerGroup', { batchSize: 2, threadCount: 2 });
    expect(run.at(-1)).toMatchObject({ status: 'complete', processed: 8, synced: 4 }); // groups 7–10 are new
    sink.take();
    // A resync that failed after group 8: continuing processes only what follows it.
    const earlier = await jobs.add({
      feed: 'scopesCustomerGroup',
      kind: 'resync',
      reason: 'resync earlier',
      spec: JSON.stringify({ scope: { all: true }, force: true }),
      commandId: 'earlier',
    });
    await jobs.claimNext('scopesCustomerGroup', 'test-runner', 30_000);
    await jobs.saveProgress(earlier!.id, 'test-runner', 30_000, {
      queryIndex: 0,
      afterId: '8',
      processed: 6,
      synced: 0,
      skipped: 6,
      deleted: 0,
      failed: 0,
    });
    await jobs.finish(earlier!.id, 'test-runner', 'failed', 'interrupted');
    const continued = await resync('scopesCustomerGroup', { continueResync: true, force: true });
    expect(continued.at(-1)).toMatchObject({ status: 'complete', processed: 6 + 2, synced: 2 });
    expect(
      sink
        .take()
        .map((m) => m.item['customerGroupId'])
        .sort(),
    ).toEqual(['10', '9']);
  });

  it('--cleanup-feed empties the feed state first, so everything is sent again', async () => {
    const run = await resync('scopesWebsite', { cleanupFeed: true });
    expect(run.at(-1)).toMatchObject({ status: 'complete', synced: 2 });
    expect(
      sink
        .take()
        .map((m) => m.item['websiteCode'])
        .sort(),
    ).toEqual(['base', 'eu']);
  });

  it('legacy mode stores whole items and sends them on schedule; --no-reindex resends the stored state', async () => {
    service = makeService('legacy');
    await shop.query("UPDATE store_website SET code = 'europe' WHERE website_id = 2");
    const result = await service.processor('scopesWebsite')!.sync({ ids: ['2'], operation: 'partial sync' });
    expect(result.synced).toBe(1);
    expect(sink.take()).toEqual([]); // stored, not yet sent
    expect(await service.sendLegacy()).toBe(1);
    const [sent] = sink.take();
    expect(sent!.item).toMatchObject({ websiteCode: 'europe', stores: expect.any(Array) as unknown[] });
    expect(sent!.feedHash).toBe(
      hashFeedItem(sent!.item, { unorderedArrays: ['stores', 'stores[].storeViews'] }),
    );
    expect(await service.sendLegacy()).toBe(0);

    const resend = await resync('scopesWebsite', { noReindex: true });
    // The state holds base and europe (--cleanup-feed above forgot the deleted us, as the original warns).
    expect(resend.at(-1)).toMatchObject({ status: 'complete', processed: 2, synced: 2 });
    expect(
      sink
        .take()
        .map((m) => m.item['websiteCode'])
        .sort(),
    ).toEqual(['base', 'europe']);
    service = makeService('immediate');
  });

  it('retries a failed delivery with the current content after a delay, never parks a transient failure, parks a rejection, retries it on demand', async () => {
    const processor = service.processor('scopesWebsite')!;
    await processor.sync({ ids: ['1'], operation: 'partial sync', force: true });
    const [sent] = sink.take();
    await shop.query("UPDATE store_website SET code = 'base_changed' WHERE website_id = 1");
    const failure = {
      feed: 'scopesWebsite' as const,
      feedId: sent!.feedId,
      sourceEntityId: '1',
      feedHash: sent!.feedHash,
      statusCode: 503,
      reason: 'Service Unavailable',
      code: 'CDE02-08',
      traceId: sent!.traceId,
    };
    const started = Date.now();
    await service.onDeadLetters('scopesWebsite', [
      { ...failure, attempts: 1, failedAt: new Date().toISOString() },
    ]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45); // waited for the first delay
    const [retried] = sink.take();
    expect(retried).toMatchObject({
      feedId: sent!.feedId,
      attempt: 1,
      item: { websiteCode: 'base_changed' },
    }); // current content

    // However often it failed, a transient failure is retried again: an outage parks nothing.
    await service.onDeadLetters('scopesWebsite', [
      { ...failure, feedHash: retried!.feedHash, attempts: 6, failedAt: new Date(0).toISOString() },
    ]);
    const [again] = sink.take();
    expect(again).toMatchObject({ feedId: sent!.feedId, attempt: 6 });
    expect(await state.listParked('scopesWebsite')).toEqual([]);

    // A rejection is final until the item changes: parked with its reason.
    await service.onDeadLetters('scopesWebsite', [
      {
        ...failure,
        feedHash: again!.feedHash,
        statusCode: 400,
        reason: 'websiteCode: too long',
        code: 'CDE02-09',
        attempts: 7,
        failedAt: new Date().toISOString(),
      },
    ]);
    expect(sink.take()).toEqual([]);
    expect((await state.listParked('scopesWebsite')).map((r) => r.feedId)).toEqual([sent!.feedId]);
    expect(events.at(-1)).toMatchObject({
      type: 'item.parked',
      feedId: sent!.feedId,
      attempts: 7,
      lastError: 'CDE02-09 websiteCode: too long',
    });

    // A failure of a version that a newer publish replaced is moot.
    await service.onDeadLetters('scopesWebsite', [
      { ...failure, feedHash: 'an-older-hash', attempts: 1, failedAt: new Date(0).toISOString() },
    ]);
    expect(sink.take()).toEqual([]);

    await service.onCommand({
      type: 'retry-parked',
      commandId: randomUUID(),
      requestedAt: new Date().toISOString(),
      requestedBy: 'test',
      feed: 'scopesWebsite',
    });
    await service.settle(10_000);
    expect(sink.take().map((m) => m.feedId)).toEqual([sent!.feedId]);
    expect(await state.listParked('scopesWebsite')).toEqual([]);
    await shop.query("UPDATE store_website SET code = 'base' WHERE website_id = 1");
  });

  it('published items are on the feed topic, keyed by feedId', async () => {
    const topic = sink.topicOf('scopesWebsite');
    const seen = await collectMessages(kafka, { topic, until: (m) => m.length >= 5, timeoutMs: 20_000 });
    expect(seen.length).toBeGreaterThanOrEqual(5);
    for (const { message } of seen) {
      const value = JSON.parse(message.value!.toString()) as FeedItemMessage;
      expect(message.key!.toString()).toBe(value.feedId);
      expect(value.feed).toBe('scopesWebsite');
    }
    expect(FEEDS.scopesWebsite.defaultMode).toBe('legacy');
  });
});
