import type { FeedDeadLetterMessage } from '@cde/contracts';
import { createLogger } from '@cde/platform/observability';
import type { Counter, Gauge, Histogram } from 'prom-client';
import { ChangeBatchHandler } from './change-handler';
import { DeadLetterRetry } from './dead-letter-retry';
import { FeedMetrics } from './feed-metrics';
import { FeedProcessor } from './feed-processor';
import { ResyncCommands } from './resync-commands';
import { SyncJobRunner } from './sync-job-runner';
import type { CommerceDb } from '@cde/platform/commerce-db';
import {
  FEED,
  InMemoryFeedState,
  InMemorySyncJobs,
  RecordingSink,
  websiteFeed,
  websiteReader,
} from './testing/in-memory-feed';

const logger = createLogger({ service: 'scopes-feed', level: 'silent' });

async function valueOf(metric: Counter<string> | Gauge<string>, labels: Record<string, string>) {
  const { values } = await metric.get();
  return values.find((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l))?.value ?? 0;
}

async function observations(histogram: Histogram<string>, operation: string): Promise<number> {
  const { values } = await histogram.get();
  return (
    values.find(
      (v) =>
        v.metricName === 'cde_feed_sync_duration_seconds_count' &&
        v.labels['feed'] === FEED &&
        v.labels['operation'] === operation,
    )?.value ?? 0
  );
}

describe(FeedMetrics.name, () => {
  let now = Date.parse('2026-11-22T10:00:00.000Z');
  let metrics: FeedMetrics;
  let state: InMemoryFeedState;
  let sink: RecordingSink;
  let source: Map<string, Record<string, unknown>[]>;
  let processor: FeedProcessor;

  beforeEach(() => {
    metrics = new FeedMetrics({ service: 'scopes-feed', defaultMetrics: false, now: () => now });
    state = new InMemoryFeedState();
    sink = new RecordingSink();
    source = new Map([
      ['1', [{ websiteId: '1', websiteCode: 'base' }]],
      ['2', [{ websiteId: '2', websiteCode: 'eu' }]],
      ['3', [{ websiteId: '', websiteCode: 'broken' }]],
    ]);
    processor = new FeedProcessor(
      websiteFeed(source),
      websiteReader(source),
      { mode: 'immediate', batchSize: 10 },
      state.asRepository(),
      metrics.counting(sink),
      logger,
      { metrics },
    );
  });

  const count = (name: 'assembled' | 'published' | 'skipped' | 'deleted' | 'failed' | 'parked') =>
    valueOf(metrics[name], { feed: FEED });

  it('counts what each sync assembled, published, skipped, deleted and failed', async () => {
    await processor.sync({ ids: ['1', '2', '3'], operation: 'partial sync' });
    expect(await count('assembled')).toBe(3);
    expect(await count('published')).toBe(2);
    expect(await count('failed')).toBe(1); // website 3 has no identity
    expect(await count('skipped')).toBe(0);

    // Unchanged items are skipped; a vanished website becomes a published delete.
    source.delete('2');
    await processor.sync({ ids: ['1', '2'], operation: 'partial sync' });
    expect(await count('assembled')).toBe(4);
    expect(await count('skipped')).toBe(1);
    expect(await count('deleted')).toBe(1);
    expect(await count('published')).toBe(3);
    expect(sink.sent.at(-1)).toMatchObject({ deleted: true, sourceEntityId: '2' });
  });

  it('counts nothing for a dry run', async () => {
    await processor.sync({ ids: ['1', '2'], operation: 'full sync', dryRun: true });
    expect(await count('assembled')).toBe(0);
    expect(await count('published')).toBe(0);
    expect(sink.sent).toEqual([]);
  });

  it('sets the freshness from the newest commit time published, and keeps it for changes without one', async () => {
    const committed = new Date(now - 2_500);
    await processor.sync({ ids: ['1'], operation: 'partial sync', sourceCommitTime: committed });
    expect(await valueOf(metrics.freshness, { feed: FEED })).toBe(2.5);
    now += 60_000;
    await processor.sync({ ids: ['2'], operation: 'full sync' }); // a resync has no commit time
    expect(await valueOf(metrics.freshness, { feed: FEED })).toBe(2.5);
  });

  it('times partial syncs of change batches and counts undecodable change events as poison', async () => {
    const feed = websiteFeed(source);
    const handler = new ChangeBatchHandler(
      [{ processor, connected: feed.connect({} as CommerceDb), tables: feed.tables }],
      { enqueue: () => Promise.reject(new Error('no fan-out expected')) },
      logger,
      metrics,
    );
    const topic = 'commerce.magento.store_website';
    const change = {
      op: 'u',
      before: { website_id: 1, code: 'base' },
      after: { website_id: 1, code: 'base2' },
      source: { connector: 'mysql', name: 'commerce', ts_ms: now - 1_000, snapshot: 'false', db: 'magento' },
    };
    const result = await handler.handle([
      { topic, offset: '7', key: '{"website_id":1}', value: JSON.stringify(change) },
      { topic, offset: '8', key: '{"website_id":2}', value: 'not json' },
    ]);
    expect(result.poison).toHaveLength(1);
    expect(await valueOf(metrics.poison, { topic })).toBe(1);
    expect(await observations(metrics.syncDuration, 'partial_sync')).toBe(1);
    expect(await count('published')).toBe(1);
    expect(await valueOf(metrics.freshness, { feed: FEED })).toBe(1);
  });

  it('times retries and counts parked (rejected) items', async () => {
    await processor.sync({ ids: ['1'], operation: 'partial sync' });
    const [sent] = sink.sent;
    const retry = new DeadLetterRetry(
      FEED,
      processor,
      state.asRepository(),
      { emit: () => Promise.resolve() },
      logger,
      'scopes-feed',
      { maxAttempts: 2, baseDelayMs: 0, maxDelayMs: 0 },
      metrics,
    );
    const failure: FeedDeadLetterMessage = {
      feed: FEED,
      feedId: sent!.feedId,
      sourceEntityId: '1',
      feedHash: sent!.feedHash,
      statusCode: 503,
      reason: 'Service Unavailable',
      code: 'CDE02-08',
      traceId: sent!.traceId,
      attempts: 1,
      failedAt: new Date(0).toISOString(),
    };
    await retry.handle([failure]);
    expect(await observations(metrics.syncDuration, 'retry')).toBe(1);
    expect(await count('published')).toBe(2);

    // Past the budget a transient failure is still retried; a rejection parks the item.
    await retry.handle([{ ...failure, attempts: 2 }]);
    expect(await observations(metrics.syncDuration, 'retry')).toBe(2);
    expect(state.parked).toEqual([]);
    const [again] = sink.sent.slice(-1);
    await retry.handle([
      { ...failure, feedHash: again!.feedHash, attempts: 3, statusCode: 400, code: 'CDE02-09' },
    ]);
    expect(state.parked).toEqual([sent!.feedId]);
    expect(await count('parked')).toBe(1);
  });

  it('times a completed resync as a full sync, and counts its items', async () => {
    const jobs = new InMemorySyncJobs();
    const events = { emit: () => Promise.resolve() };
    const settings = { mode: 'immediate', batchSize: 2 } as const;
    const reader = websiteReader(source);
    const runner = new SyncJobRunner({
      service: 'scopes-feed',
      feeds: [{ feed: FEED, reader, processor, settings }],
      jobs: jobs.asRepository(),
      state: state.asRepository(),
      db: {} as CommerceDb,
      events,
      logger,
      metrics,
    });
    const commands = new ResyncCommands(jobs.asRepository(), events, logger, 'scopes-feed');
    const options = {
      dryRun: false,
      cleanupFeed: false,
      noReindex: false,
      continueResync: false,
      force: false,
    };
    const command = {
      type: 'resync',
      commandId: 'c1',
      requestedAt: '',
      requestedBy: 'test',
      feed: FEED,
    } as const;
    await commands.accept({ feed: FEED, reader, settings }, { ...command, options });
    await runner.runUntilIdle(FEED);
    expect(await observations(metrics.syncDuration, 'full_sync')).toBe(1);
    expect(await count('assembled')).toBe(3);
    expect(await count('published')).toBe(2);
    await commands.accept(
      { feed: FEED, reader, settings },
      { ...command, options: { ...options, dryRun: true } },
    );
    await runner.runUntilIdle(FEED);
    expect(await observations(metrics.syncDuration, 'full_sync')).toBe(1); // dry runs are not timed
  });

  it('labels every series with the app (never `service`), process metrics included, unprefixed', async () => {
    const withProcess = new FeedMetrics({ service: 'scopes-feed' });
    withProcess.onPoison('cde.commands', 2);
    const text = await withProcess.registry.metrics();
    expect(text).toContain('cde_feed_poison_messages_total{topic="cde.commands",app="scopes-feed"} 2');
    expect(text).toMatch(/^process_cpu_user_seconds_total\{app="scopes-feed"\} /m);
    expect(text).not.toMatch(/[{,]service=/);
  });
});
