import { SyncCode } from '@cde/contracts';
import type { ConnectorApi, ConnectorStatus, SourceOffset } from '@cde/platform/cdc';
import { createLogger } from '@cde/platform/observability';
import { BINLOG_LOSS_REQUESTER, BinlogLossWatch } from './binlog-loss';
import { CAPTURE_GATE_MS, ConnectorWatch } from './connector-watch';
import { FeedMetrics } from './feed-metrics';
import { parseSpec, serializeSpec } from './sync-job-spec';
import { FEED, InMemorySyncJobs } from './testing/in-memory-feed';

const PURGED_TRACE =
  'org.apache.kafka.connect.errors.ConnectException: An exception occurred in the change event producer. This connector will be stopped.\n' +
  "Caused by: io.debezium.DebeziumException: The connector is trying to read binlog starting at binlog file 'commerce-bin.000003', pos=1234, skipping 0 events plus 0 rows, but this is no longer available on the server. Reconfigure the connector to use a snapshot when needed.";

/** A Connect whose answers a test sets. */
class FakeConnect implements ConnectorApi {
  current: ConnectorStatus | Error | undefined = {
    connector: { state: 'RUNNING' },
    tasks: [{ id: 0, state: 'RUNNING' }],
  };
  stored: SourceOffset[] = [{ offset: { file: 'commerce-bin.000003', pos: 1234 } }];
  asked = 0;

  status(): Promise<ConnectorStatus | undefined> {
    this.asked++;
    return this.current instanceof Error ? Promise.reject(this.current) : Promise.resolve(this.current);
  }

  offsets(): Promise<SourceOffset[] | undefined> {
    return Promise.resolve(this.stored);
  }

  fail(): void {
    this.current = {
      connector: { state: 'RUNNING' },
      tasks: [{ id: 0, state: 'FAILED', trace: PURGED_TRACE }],
    };
  }

  recover(offsets: SourceOffset[]): void {
    this.current = { connector: { state: 'RUNNING' }, tasks: [{ id: 0, state: 'RUNNING' }] };
    this.stored = offsets;
  }
}

async function setUp(): Promise<{
  connect: FakeConnect;
  jobs: InMemorySyncJobs;
  watch: ConnectorWatch;
  error: jest.SpyInstance;
  metrics: FeedMetrics;
  clock: { now: number };
}> {
  const jobs = new InMemorySyncJobs();
  const onboarding = await jobs.add({
    feed: FEED,
    kind: 'onboarding',
    reason: 'first start',
    spec: serializeSpec({ scope: { all: true } }),
    singleton: `onboarding:${FEED}`,
  });
  jobs.jobs[0] = { ...jobs.jobs[0]!, state: 'done', id: onboarding!.id };
  const logger = createLogger({ service: 'scopes-feed', level: 'silent' });
  const error = jest.spyOn(logger, 'error');
  const metrics = new FeedMetrics({ service: 'scopes-feed', defaultMetrics: false });
  const clock = { now: 1_000_000 };
  const loss = new BinlogLossWatch(
    jobs.asRepository(),
    logger,
    () => undefined,
    metrics,
    () => clock.now,
  );
  const connect = new FakeConnect();
  const watch = new ConnectorWatch(connect, [FEED], loss, logger, () => clock.now);
  return { connect, jobs, watch, error, metrics, clock };
}

describe(ConnectorWatch.name, () => {
  it('turns a task failed on a purged binlog position into one binlog loss per feed, told and counted', async () => {
    const { connect, jobs, watch, error, metrics } = await setUp();
    await watch.check();
    expect(jobs.jobs.filter((j) => j.kind === 'resync')).toEqual([]);

    connect.fail();
    await watch.check();
    await watch.check();
    const reconciliations = jobs.jobs.filter((j) => j.kind === 'resync');
    expect(reconciliations).toHaveLength(1);
    expect(reconciliations[0]).toMatchObject({ requestedBy: BINLOG_LOSS_REQUESTER, state: 'pending' });
    expect(parseSpec(reconciliations[0]!.spec)).toMatchObject({ reconcile: { resend: [], unknown: [] } });
    expect(error.mock.calls).toEqual([
      [
        expect.objectContaining({
          feed: FEED,
          code: SyncCode.BinlogLoss,
          trace: expect.stringMatching(/^org\.apache\.kafka\.connect\.errors\.ConnectException/) as string,
          cause: expect.stringContaining('is no longer available on the server') as string,
          runbook: 'docs/runbooks/binlog-purged.md',
        }),
        expect.stringContaining('docs/runbooks/binlog-purged.md'),
      ],
    ]);
    expect((await metrics.binlogLoss.get()).values).toEqual([
      expect.objectContaining({ labels: { feed: FEED }, value: 1 }),
    ]);
  });

  it('takes Connect not answering for no loss', async () => {
    const { connect, jobs, watch } = await setUp();
    connect.current = new Error('connect ECONNREFUSED');
    await watch.check();
    connect.current = undefined; // not registered
    await watch.check();
    expect(jobs.jobs.filter((j) => j.kind === 'resync')).toEqual([]);
  });

  it('opens the gate only once the connector streams again from past the lost position, asking each time', async () => {
    const { connect, watch, clock } = await setUp();
    expect(await watch.streaming()).toBe(true);
    connect.fail();
    await watch.check();
    clock.now += CAPTURE_GATE_MS;
    expect(await watch.streaming()).toBe(false);

    // Restarted without deleting its offsets: RUNNING for a moment, still at the purged position.
    connect.recover([{ offset: { file: 'commerce-bin.000003', pos: 1234 } }]);
    clock.now += CAPTURE_GATE_MS;
    expect(await watch.streaming()).toBe(false);
    // Offsets deleted, schema captured again: a snapshot offset, then the current position.
    connect.recover([]);
    clock.now += CAPTURE_GATE_MS;
    expect(await watch.streaming()).toBe(false);
    connect.recover([{ offset: { file: 'commerce-bin.000009', pos: 4, snapshot: true } }]);
    clock.now += CAPTURE_GATE_MS;
    expect(await watch.streaming()).toBe(false);
    connect.recover([{ offset: { file: 'commerce-bin.000009', pos: 330 } }]);
    clock.now += CAPTURE_GATE_MS;
    expect(await watch.streaming()).toBe(true);
  });

  it('forgets an answer given just before the task failed once the loss is seen', async () => {
    const { connect, watch } = await setUp();
    expect(await watch.streaming()).toBe(true); // the task still running, at its old position
    connect.fail();
    await watch.check();
    expect(await watch.streaming()).toBe(false); // within the gate period, asked again
  });

  it('asks Connect at most once per gate period, however many lanes ask', async () => {
    const { connect, watch, clock } = await setUp();
    await Promise.all([watch.streaming(), watch.streaming(), watch.streaming()]);
    expect(connect.asked).toBe(1);
    clock.now += CAPTURE_GATE_MS;
    await watch.streaming();
    expect(connect.asked).toBe(2);
  });
});
