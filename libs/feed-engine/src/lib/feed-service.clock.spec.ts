import { SyncCode } from '@cde/contracts';
import type { CommerceDb } from '@cde/platform/commerce-db';
import { defineFeed, fanOut } from './feed-definition';
import { FeedService } from './feed-service';
import {
  FEED,
  InMemoryFeedState,
  InMemorySyncJobs,
  RecordingSink,
  recordingLogger,
  websiteReader,
} from './testing/in-memory-feed';

function serviceWithClock(changed: (since: Date | null, now: Date) => string[], fail = () => false) {
  const { logger, records } = recordingLogger('error');
  const asked: [string | null, string][] = [];
  const feed = defineFeed({
    feed: FEED,
    minimalPayload: ['websiteId', 'websiteCode'],
    timestampField: 'updatedAt',
    hash: {},
    connect: () => ({ reader: websiteReader(new Map()), changes: undefined }),
    sources: {},
    clock: (since, now) => {
      asked.push([since?.toISOString() ?? null, now.toISOString()]);
      if (fail()) throw new Error('db down');
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
  return { service, jobs, asked, records };
}

describe('FeedService.onClock', () => {
  it('asks with no since on the first pass (start-up), then each tick for what time changed since the last one', async () => {
    const { service, jobs, asked } = serviceWithClock((since) =>
      since === null ? ['5'] : since.getUTCHours() === 23 ? ['7', '3', '7'] : [],
    );
    await service.onClock(new Date('2026-11-01T22:00:00Z'));
    expect(jobs.jobs.map((j) => j.reason)).toEqual(['clock: 1 entities changed with time']);
    await service.onClock(new Date('2026-11-01T23:00:00Z'));
    expect(jobs.jobs).toHaveLength(1);
    await service.onClock(new Date('2026-11-02T00:00:00Z'));
    expect(asked).toEqual([
      [null, '2026-11-01T22:00:00.000Z'],
      ['2026-11-01T22:00:00.000Z', '2026-11-01T23:00:00.000Z'],
      ['2026-11-01T23:00:00.000Z', '2026-11-02T00:00:00.000Z'],
    ]);
    expect(jobs.jobs).toHaveLength(2);
    expect(jobs.jobs[1]).toMatchObject({
      feed: FEED,
      kind: 'fan-out',
      reason: 'clock: 2 entities changed with time',
    });
    expect(JSON.parse(jobs.jobs[1]!.spec)).toEqual({ scope: { ids: ['3', '7'] } });
  });

  it('logs a failed pass with its code and asks again from the same moment at the next tick', async () => {
    let down = true;
    const { service, jobs, asked, records } = serviceWithClock(
      (since) => (since === null ? ['5'] : []),
      () => down,
    );
    await service.onClock(new Date('2026-11-01T22:00:00Z'));
    expect(records.map((r) => [r['code'], r['feed']])).toEqual([[SyncCode.ClockFailed, FEED]]);
    down = false;
    await service.onClock(new Date('2026-11-01T22:00:30Z'));
    expect(asked.map(([since]) => since)).toEqual([null, null]);
    expect(jobs.jobs).toHaveLength(1);
    await service.onClock(new Date('2026-11-01T22:01:00Z'));
    expect(asked.at(-1)).toEqual(['2026-11-01T22:00:30.000Z', '2026-11-01T22:01:00.000Z']);
  });

  it('queues a fan-out as a background job of its own', async () => {
    const many = Array.from({ length: 101 }, (_, i) => String(i + 1));
    const { service, jobs } = serviceWithClock(() => many);
    await service.onClock(new Date('2026-11-01T22:00:00Z'));
    expect(jobs.jobs.map((j) => j.reason)).toEqual(['clock: many']);
  });
});
