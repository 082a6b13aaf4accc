import type { ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import { request } from 'undici';
import { binlogPositionLost, connectorStatusSchema, type BinlogPositionLost } from '@cde/platform/cdc';
import { loadRuntimeConfig, startRuntimePart, stopRuntimePart } from '@cde/testing/runtime';
import { ConnectorRunbook } from './connector-runbook';
import { eventually, Pipeline } from './pipeline-harness';
import { seconds } from './products-scenario';
import { WebsitesOracle } from './websites-oracle';

/** The feed service asks the connector's status this often here (30 s by default). */
const WATCH_INTERVAL_MS = 3_000;

/**
 * The binlog purged while Kafka Connect was down (`./dev test reliability -- binlog-purge`): with
 * `snapshot.mode=no_data` the connector task fails on its lost position instead of taking a snapshot. The feed
 * service (scopes-feed with the websites feed) sees the failed task, logs CDE04-28, counts the loss and records a
 * reconciliation that waits; the spec then acts as the operator with docs/runbooks/binlog-purged.md (stop, delete
 * offsets, resume), and the reconciliation runs once the connector streams again: the website deleted and the one
 * renamed while nothing was captured reach the receiver. A reliability spec: it stops Connect and purges the binlogs
 * of the runtime every later spec uses.
 */
describe('binlog purged while Kafka Connect was down (reliability)', () => {
  const pipeline = new Pipeline({
    feedService: 'scopes-feed',
    feeds: ['scopesWebsite'],
    feedServiceEnv: {
      CDE_FEEDS: 'scopesWebsite',
      CDE_CONNECTOR_WATCH_INTERVAL_MS: String(WATCH_INTERVAL_MS),
    },
  });
  const tag = pipeline.tag;
  const runbook = new ConnectorRunbook(loadRuntimeConfig().connectUrl);

  const websites = new WebsitesOracle(pipeline);
  /** The reconciliations recorded after a binlog loss, from the feed state. */
  const lossJobs = async (): Promise<{ id: string; state: string; deleted: number; synced: number }[]> => {
    const [rows] = await pipeline.shop.query<RowDataPacket[]>(
      `SELECT id, state, deleted, synced FROM \`${pipeline.stateDb}\`.cde_sync_job
        WHERE feed = 'scopesWebsite' AND requested_by = 'binlog-loss' ORDER BY id`,
    );
    return rows.map((r) => ({
      id: String(r['id']),
      state: String(r['state']),
      deleted: Number(r['deleted']),
      synced: Number(r['synced']),
    }));
  };
  /** `cde_feed_binlog_loss_total{feed="scopesWebsite"}` on the feed service's /metrics. */
  const lossCount = async (): Promise<number> => {
    const listening = await pipeline.feedService.waitForLine(/metrics and health listening/, 10_000);
    const { port } = JSON.parse(listening) as { port: number };
    const res = await request(`http://127.0.0.1:${port}/metrics`);
    const text = await res.body.text();
    const line = text.split('\n').find((l) => /^cde_feed_binlog_loss_total\{.*feed="scopesWebsite"/.test(l));
    return line === undefined ? 0 : Number(line.split(' ').at(-1));
  };

  /**
   * `FLUSH BINARY LOGS`, then `PURGE BINARY LOGS TO` the newest file until only it is left: MariaDB keeps a file
   * until its binlog checkpoint is written (it may be needed for crash recovery) and purges it on a later try.
   */
  const purgeBinlogs = async (): Promise<string[]> => {
    await pipeline.shop.query('FLUSH BINARY LOGS');
    const [before] = await pipeline.shop.query<RowDataPacket[]>('SHOW BINARY LOGS');
    const newest = String(before.at(-1)?.['Log_name']);
    let left: string[] = [];
    const done = await eventually(
      async () => {
        await pipeline.shop.query(`PURGE BINARY LOGS TO '${newest}'`);
        const [logs] = await pipeline.shop.query<RowDataPacket[]>('SHOW BINARY LOGS');
        left = logs.map((l) => String(l['Log_name']));
        return left.length === 1;
      },
      60_000,
      500,
    );
    if (!done) throw new Error(`binlogs not purged within 60 s: ${left.join(', ')} left`);
    return before.slice(0, -1).map((l) => String(l['Log_name']));
  };

  beforeAll(async () => {
    await pipeline.start();
  });

  afterAll(async () => {
    // A red run must not leave the runtime without change capture for the specs after it.
    const status = await runbook.status();
    if (status === undefined) await startRuntimePart('connect').catch(() => undefined);
    const after = await runbook.status();
    if (after && after.tasks.some((t) => t.state === 'FAILED')) {
      await runbook.stopDeleteOffsetsResume(60_000).catch(() => undefined);
      await runbook.waitRunning(120_000).catch(() => undefined);
    }
    await pipeline.shop.query(`DELETE FROM store_website WHERE code LIKE '${tag}%'`);
    await pipeline.waitSettled('scopesWebsite', 120_000).catch(() => undefined);
    await pipeline.stop();
  });

  it('detects the purged position, waits for the connector, then reconciles the gap', async () => {
    const add = async (suffix: string): Promise<number> => {
      const [w] = await pipeline.shop.query<ResultSetHeader>(
        'INSERT INTO store_website (code, name, sort_order, default_group_id, is_default) VALUES (?, ?, 80, 0, 0)',
        [`${tag}_${suffix}`, `Binlog purge ${suffix}`],
      );
      return w.insertId;
    };
    const gone = await add('gone');
    const renamed = await add('renamed');
    const before = await websites.converged(240_000);
    expect(before.actual).toEqual(before.expected);
    await pipeline.waitSettled('scopesWebsite', 60_000);

    // Kafka Connect down; the shop goes on: one website deleted, one renamed.
    await stopRuntimePart('connect');
    await pipeline.shop.query('DELETE FROM store_website WHERE website_id = ?', [gone]);
    await pipeline.shop.query('UPDATE store_website SET code = ? WHERE website_id = ?', [
      `${tag}_renamed_again`,
      renamed,
    ]);
    // The binlog retention runs out meanwhile: every file the connector's position is in is purged.
    const purged = await purgeBinlogs();
    const purgedAt = Date.now();
    expect(purged.length).toBeGreaterThan(0);
    const { tookMs: connectStartMs } = await startRuntimePart('connect');

    // The task fails on the purged position (on MariaDB with a GTID position the server refuses it: error 1236)…
    let lost: BinlogPositionLost | undefined;
    let last: unknown;
    const failed = await eventually(
      async () => {
        const status = (last = await runbook.status());
        lost = status === undefined ? undefined : binlogPositionLost(connectorStatusSchema.parse(status));
        return lost !== undefined;
      },
      180_000,
      1_000,
    );
    if (!failed) throw new Error(`the task did not fail on its purged position: ${JSON.stringify(last)}`);
    const failedAt = Date.now();

    // …the feed service sees it: CDE04-28 naming the runbook, the loss counted, a reconciliation recorded that waits.
    const logged = await pipeline.feedService.waitForLine(/"code":"CDE04-28"/, 120_000);
    const detectedAt = Date.now();
    expect(JSON.parse(logged)).toMatchObject({
      level: 'error',
      feed: 'scopesWebsite',
      runbook: 'docs/runbooks/binlog-purged.md',
      cause: lost?.cause,
    });
    expect(await lossCount()).toBe(1);
    await pipeline.feedService.waitForLine(/reconciliation after a binlog loss waits/, 60_000);
    // Still one job, still waiting (the gate was closed when the lane said so), the deleted website still live.
    expect((await lossJobs()).map((j) => j.state)).toEqual(['pending']);
    expect(await lossCount()).toBe(1);
    expect(await websites.receiverHas(gone)).toMatchObject({ deleted: false });
    const [clock] = await pipeline.shop.query<RowDataPacket[]>('SELECT current_timestamp(3) AS t');
    const runbookDbTime = String(clock[0]?.['t']);

    // The operator follows the runbook: stop, delete offsets, resume; the connector streams from the current position.
    const runbookAt = Date.now();
    await runbook.stopDeleteOffsetsResume(60_000);
    await runbook.waitRunning(180_000);
    const runningAt = Date.now();

    // The reconciliation runs once change capture streams, and brings the receiver back to the database.
    const reconciled = await eventually(async () => (await lossJobs())[0]?.state === 'done', 300_000, 1_000);
    const doneAt = Date.now();
    expect([reconciled, await lossJobs()]).toEqual([
      true,
      [expect.objectContaining({ state: 'done', deleted: 1 })],
    ]);
    // It started only after the operator acted: it waited for the connector, not for anything else.
    const [startedEarly] = await pipeline.shop.query<RowDataPacket[]>(
      `SELECT id FROM \`${pipeline.stateDb}\`.cde_sync_job
        WHERE requested_by = 'binlog-loss' AND (started_at IS NULL OR started_at < ?)`,
      [runbookDbTime],
    );
    expect(startedEarly).toEqual([]);
    const after = await websites.converged(120_000);
    expect(after.actual).toEqual(after.expected);
    expect(await websites.receiverHas(gone)).toMatchObject({ deleted: true });
    expect(await websites.receiverHas(renamed)).toMatchObject({
      deleted: false,
      websiteCode: `${tag}_renamed_again`,
    });
    await pipeline.waitSettled('scopesWebsite', 60_000);
    expect(await pipeline.parkedOrRetrying('scopesWebsite')).toBe(0);
    // Change capture works again: a website added now reaches the receiver as a change.
    const later = await add('later');
    expect(await eventually(async () => (await websites.receiverHas(later)) !== undefined, 120_000)).toBe(
      true,
    );

    process.stdout.write(
      `binlog purge: the task said "${lost?.cause ?? ''}"; Connect started in ${seconds(connectStartMs)}, task FAILED ${seconds(failedAt - purgedAt)} ` +
        `after the purge, CDE04-28 ${seconds(detectedAt - purgedAt)} after it (watch every ` +
        `${seconds(WATCH_INTERVAL_MS)}); runbook to RUNNING ${seconds(runningAt - runbookAt)}, reconciliation done ` +
        `${seconds(doneAt - runningAt)} after RUNNING (${seconds(doneAt - purgedAt)} after the purge), 0 parked\n`,
    );
  });
});
