import type { CommerceDb } from '@cde/platform/commerce-db';
import { createLogger } from '@cde/platform/observability';
import { defineFeed, fanOut } from './feed-definition';
import { FeedService } from './feed-service';
import {
  FEED,
  InMemoryFeedState,
  InMemorySyncJobs,
  RecordingSink,
  websiteReader,
} from './testing/in-memory-feed';

const logger = createLogger({ service: 'scopes-feed', level: 'silent' });

function serviceWithClock(changed: (since: Date, now: Date) => string[]) {
  const asked: [string, string][] = [];
  const feed = defineFeed({
    feed: FEED,
    minimalPayload: ['websiteId', 'websiteCode'],
    timestampField: 'updatedAt',
    hash: {},
    connect: () => ({ reader: websiteReader(new Map()), changes: undefined }),
    sources: {},
    clock: (since, now) => {
      asked.push([since.toISOString(), now.toISOString()]);
      const ids = changed(since, now);
      return ids.length > 100 ? fanOut('many', []) : ids;
    },
  });
  const jobs = new InMemorySyncJobs();
  const service = new FeedService({
    service: 'scopes-feed',
    feeds: [feed],
    settings: { [FEED]: { mode: 'immediate', batchSize: 100 } },
    db: {} as CommerceDb,
    state: new InMemoryFeedState().asRepository(),
    jobs: jobs.asRepository(),
    sink: new RecordingSink(),
    events: { emit: () => Promise.resolve() },
    logger,
  });
  return { service, jobs, asked };
}

describe('FeedService.onClock', () => {
  it('starts the clock on the first tick, then asks each tick for what time changed since the last one', async () => {
    const { service, jobs, asked } = serviceWithClock((since) =>
      since.getUTCHours() === 23 ? ['7', '3'] : [],
    );
    await service.onClock(new Date('2026-11-01T22:00:00Z'));
    expect(asked).toEqual([]);
    await service.onClock(new Date('2026-11-01T23:00:00Z'));
    expect(jobs.jobs).toEqual([]);
    await service.onClock(new Date('2026-11-02T00:00:00Z'));
    expect(asked).toEqual([
      ['2026-11-01T22:00:00.000Z', '2026-11-01T23:00:00.000Z'],
      ['2026-11-01T23:00:00.000Z', '2026-11-02T00:00:00.000Z'],
    ]);
    expect(jobs.jobs).toHaveLength(1);
    expect(jobs.jobs[0]).toMatchObject({
      feed: FEED,
      kind: 'fan-out',
      reason: 'clock: 2 entities changed with time',
    });
    expect(JSON.parse(jobs.jobs[0]!.spec)).toEqual({ scope: { ids: ['3', '7'] } });
  });

  it('queues a fan-out as a background job of its own', async () => {
    const many = Array.from({ length: 101 }, (_, i) => String(i + 1));
    const { service, jobs } = serviceWithClock(() => many);
    await service.onClock(new Date('2026-11-01T22:00:00Z'));
    await service.onClock(new Date('2026-11-01T22:00:30Z'));
    expect(jobs.jobs.map((j) => j.reason)).toEqual(['clock: many']);
  });
});
