import { createLogger } from '@cde/platform/observability';
import { SyncCode } from '@cde/contracts';
import { BINLOG_LOSS_QUIET_MS, BinlogLossWatch, reconcileAfterSnapshot } from './binlog-loss';
import { FeedMetrics } from './feed-metrics';
import { parseSpec, reconcileSpec, serializeSpec } from './sync-job-spec';
import { FEED, InMemorySyncJobs } from './testing/in-memory-feed';

const done = { state: 'done' } as const;
const reconciling = {
  kind: 'resync',
  spec: serializeSpec(reconcileSpec({ resend: [], unknown: [] })),
} as const;
const resync = { kind: 'resync', spec: serializeSpec({ scope: { all: true } }) } as const;

describe(reconcileAfterSnapshot.name, () => {
  it.each([
    ['never onboarded', { onboarding: undefined, open: [], lastStarted: undefined }, false],
    [
      'still onboarding',
      { onboarding: { state: 'running' as const }, open: [], lastStarted: undefined },
      false,
    ],
    ['onboarded, nothing open', { onboarding: done, open: [], lastStarted: undefined }, true],
    ['a plain resync open', { onboarding: done, open: [resync], lastStarted: undefined }, true],
    ['a reconciliation open', { onboarding: done, open: [reconciling], lastStarted: undefined }, false],
    ['one started just now here', { onboarding: done, open: [], lastStarted: 1_000 }, false],
    [
      'one started a quiet period ago',
      { onboarding: done, open: [], lastStarted: 1_000 - BINLOG_LOSS_QUIET_MS },
      true,
    ],
  ])('%s → %s', (_case, input, expected) => {
    expect(reconcileAfterSnapshot({ ...input, now: 1_000 })).toBe(expected);
  });
});

describe(BinlogLossWatch.name, () => {
  it('starts one reconciliation job per loss, counts it and logs it with its code', async () => {
    const jobs = new InMemorySyncJobs();
    const onboarding = await jobs.add({
      feed: FEED,
      kind: 'onboarding',
      reason: 'first start',
      spec: serializeSpec({ scope: { all: true } }),
      singleton: `onboarding:${FEED}`,
    });
    const logger = createLogger({ service: 'scopes-feed', level: 'silent' });
    const error = jest.spyOn(logger, 'error');
    const metrics = new FeedMetrics({ service: 'scopes-feed', defaultMetrics: false });
    const woken: string[] = [];
    const watch = new BinlogLossWatch(jobs.asRepository(), logger, (f) => woken.push(f), metrics);

    await watch.snapshotRead(FEED, ['store_website']);
    expect(jobs.jobs).toHaveLength(1); // onboarding not done: nothing
    jobs.jobs[0] = { ...jobs.jobs[0]!, state: 'done', id: onboarding!.id };

    await watch.snapshotRead(FEED, ['store_website']);
    await watch.snapshotRead(FEED, ['store_group']);
    const reconciliations = jobs.jobs.filter((j) => j.kind === 'resync');
    expect(reconciliations).toHaveLength(1);
    expect(parseSpec(reconciliations[0]!.spec)).toEqual({
      scope: { all: true },
      reconcile: { resend: [], unknown: [] },
    });
    expect(reconciliations[0]!.reason).toContain('store_website');
    expect(woken).toEqual([FEED]);
    expect(error.mock.calls.map((call) => call[0])).toEqual([
      expect.objectContaining({ feed: FEED, code: SyncCode.BinlogLoss }),
    ]);
    expect((await metrics.binlogLoss.get()).values).toEqual([
      expect.objectContaining({ labels: { feed: FEED }, value: 1 }),
    ]);
  });
});
