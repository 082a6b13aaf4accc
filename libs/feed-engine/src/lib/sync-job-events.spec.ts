import { Writable } from 'node:stream';
import type { CdeEvent } from '@cde/contracts';
import type { SyncJob } from '@cde/platform/feed-state';
import { createLogger } from '@cde/platform/observability';
import { SyncJobReporter } from './sync-job-events';
import { FEED } from './testing/in-memory-feed';

function reporter() {
  const lines: Record<string, unknown>[] = [];
  const events: CdeEvent[] = [];
  const logger = createLogger({
    service: 'products-feed',
    destination: new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        done();
      },
    }),
  });
  const report = new SyncJobReporter(
    { service: 'products-feed', logger, events: { emit: (e) => Promise.resolve(void events.push(e)) } },
    'products-feed on test',
  );
  return { report, lines, events };
}

/** An onboarding job that earlier runs took to 133,200 of its entities. */
const resumed = {
  id: '6',
  feed: FEED,
  kind: 'onboarding',
  reason: 'first start of the feed',
  processed: 133_200,
} as unknown as SyncJob;

/** The progress line of the resumed job, having processed `processed` in all, this run started `secondsAgo`. */
async function progressOf(processed: number, synced: number, secondsAgo: number) {
  const t = reporter();
  const counters = { processed, synced, skipped: 0, deleted: 0, failed: 0 };
  await t.report.progress(FEED, resumed, 'full sync', counters, 500_800, {
    started: Date.now() - secondsAgo * 1000,
    processed: resumed.processed,
  });
  return t;
}

describe('SyncJobReporter.progress', () => {
  it("gives the rate and ETA of this run's work, not of the earlier runs' counted in this run's time", async () => {
    // Resumed 100 s ago at 133,200: 10,000 entities since, 100/s, 357,600 to go.
    const t = await progressOf(143_200, 800_000, 100);

    expect(t.lines).toHaveLength(1);
    expect(t.lines[0]?.['status']).toMatch(
      /^Progress 143200\/500800: synced 800000, skipped 0, deleted 0 \(100\/s, ETA 00:59:\d\d/,
    );
    // The event carries the job's counters since it began.
    expect(t.events).toEqual([expect.objectContaining({ type: 'sync.progress', processed: 143_200 })]);
  });

  it('says 0/s and no ETA before this run has processed anything', async () => {
    const t = await progressOf(133_200, 0, 5);

    expect(t.lines[0]?.['status']).toBe('Progress 133200/500800: synced 0, skipped 0, deleted 0 (0/s)');
  });
});
