import type { RowDataPacket } from 'mysql2/promise';
import { FEEDS } from '@cde/contracts';
import type { ServiceProcess } from '@cde/testing/runtime';
import { runCde } from './cde-cli';
import { assignedTopics, eventually, type Pipeline } from './pipeline-harness';
import { productsPipeline, ProductsScenario, seconds } from './products-scenario';
import {
  staleRefusals as receivedStaleRefusals,
  watchVersions as watchReceiverVersions,
} from './receiver-versions';

/** The change topic that carries a product's name: whoever holds it syncs the renames. */
const NAME_TOPIC = 'commerce.magento.catalog_product_entity_varchar';
const SKEW_MS = -5 * 60_000;

interface JobRow {
  readonly id: number;
  readonly state: string;
  readonly processed: number;
  readonly total: number | null;
}

/**
 * kill -9 and clock faults of the products pipeline's own processes (`./dev test reliability -- process-faults`):
 * the exporter killed with deliveries in flight, the feed service killed in the middle of a resync, a feed-service
 * replica killed in a burst of renames and another added (two rebalances), and replicas whose clocks disagree by
 * five minutes. After each, the receiver holds exactly what SQL says (I1), nothing is parked or left retrying (I5),
 * and no item's version went back at the receiver (I2). The scenarios share one pipeline and run in order; each
 * starts from a settled feed.
 */
describe('process faults (reliability)', () => {
  // Small export batches, so that a burst of renames is several requests and some are in flight at a kill.
  const pipeline = productsPipeline(20);
  const scenario = new ProductsScenario(pipeline);
  let shop: Pipeline['shop'];

  /** The feed state database's time (the clock versions come from, ADR 19), in ms. */
  const dbNow = async (): Promise<number> => {
    const [rows] = await shop.query<RowDataPacket[]>(
      'SELECT ROUND(UNIX_TIMESTAMP(CURRENT_TIMESTAMP(3)) * 1000) AS ms',
    );
    return Number(rows[0]?.['ms']);
  };

  const staleRefusals = (): Promise<number> => receivedStaleRefusals(pipeline);
  const watchVersions = (): { stop: () => Promise<string[]> } => watchReceiverVersions(pipeline);

  /**
   * The feed state of the products items of `skus` that failed as retryable: how many, how many failed at least
   * twice (redelivered from the dead-letter topic at least once), and their failed deliveries in all.
   */
  const deadLetterRounds = async (
    skus: readonly string[],
  ): Promise<{ items: number; redelivered: number; attempts: number }> => {
    const [rows] = await shop.query<RowDataPacket[]>(
      `SELECT COUNT(*) AS items, COALESCE(SUM(s.attempts >= 2), 0) AS redelivered, COALESCE(SUM(s.attempts), 0) AS attempts
         FROM \`${pipeline.stateDb}\`.\`${FEEDS.products.stateTable}\` s
         JOIN catalog_product_entity e ON e.entity_id = s.source_entity_id
        WHERE s.attempts >= 1 AND s.parked = 0 AND e.sku IN (?)`,
      [skus],
    );
    return {
      items: Number(rows[0]?.['items'] ?? 0),
      redelivered: Number(rows[0]?.['redelivered'] ?? 0),
      attempts: Number(rows[0]?.['attempts'] ?? 0),
    };
  };

  /** The one running replica whose latest assignment holds the names' topic (after a rebalance settled). */
  const nameHolder = async (): Promise<ServiceProcess> => {
    let holders: ServiceProcess[] = [];
    const one = await eventually(() => {
      holders = pipeline.feedServiceReplicas.filter((s) => assignedTopics(s).includes(NAME_TOPIC));
      return Promise.resolve(holders.length === 1);
    }, 240_000);
    if (!one || holders[0] === undefined)
      throw new Error(`no single replica holds ${NAME_TOPIC}: ${holders.length} claim it`);
    return holders[0];
  };

  const report = (line: string): void => {
    process.stdout.write(`process faults: ${line}\n`);
  };

  beforeAll(async () => {
    await scenario.start();
    shop = pipeline.shop;
  });

  afterAll(() => scenario.finish());

  it('delivers every rename after kill -9 of the exporter with deliveries in flight', async () => {
    const started = Date.now();
    const rows = await scenario.nameRows(100, 0);
    // One request a second, each held 300 ms: the burst's deliveries take many seconds, so some are in flight.
    await pipeline.setFaults({ rateLimit: 1, latencyMs: 300 });
    try {
      const burstAt = new Date();
      await scenario.rename(rows, 'exporter kill');
      // Killed once the receiver accepted part of the burst, not all of it.
      const arrived = await scenario.arrivedSince(burstAt, 180_000);
      await pipeline.restartExporterAfterKill();
      const restartedAt = Date.now();
      await scenario.expectOracleAndNothingOpen(300_000);
      // The kill came in the middle: part of the burst's items had arrived, the rest came after the restart.
      const changed = (await pipeline.receivedSince('products', burstAt)).length;
      expect(arrived).toBeLessThan(changed);
      report(
        `exporter kill: ${rows.length} renames (${changed} items), ${arrived} at the receiver at the kill, converged ` +
          `${seconds(Date.now() - restartedAt)} after the restart (scenario ${seconds(Date.now() - started)}), 0 parked`,
      );
    } finally {
      await pipeline.setFaults({ rateLimit: null, latencyMs: 0 });
    }
  });

  it('resumes a resync from its checkpoint after kill -9 of the feed service', async () => {
    const started = Date.now();
    const [count] = await shop.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM catalog_product_entity');
    const total = Number(count[0]?.['n']);
    const [before] = await shop.query<RowDataPacket[]>(
      `SELECT COALESCE(MAX(id), 0) AS id FROM \`${pipeline.stateDb}\`.cde_sync_job`,
    );
    const afterId = Number(before[0]?.['id']);
    const resyncJob = async (): Promise<JobRow | undefined> => {
      const [rows] = await shop.query<RowDataPacket[]>(
        `SELECT id, state, processed, total FROM \`${pipeline.stateDb}\`.cde_sync_job
          WHERE feed = 'products' AND kind = 'resync' AND id > ? ORDER BY id LIMIT 1`,
        [afterId],
      );
      const row = rows[0];
      return row
        ? {
            id: Number(row['id']),
            state: String(row['state']),
            processed: Number(row['processed']),
            total: row['total'] === null ? null : Number(row['total']),
          }
        : undefined;
    };

    // Small pages, one at a time, every item sent again: dozens of waves, so there is a middle.
    const cli = runCde(
      pipeline.cliEnv,
      ['resync', '--feed', 'products', '--force', '--batch-size', '20', '--thread-count', '1', '--json'],
      900_000,
    );
    let atKill: JobRow | undefined;
    const midway = await eventually(
      async () => {
        atKill = await resyncJob();
        return atKill !== undefined && atKill.state === 'running' && atKill.processed >= 100;
      },
      300_000,
      200,
    );
    expect(midway).toBe(true);
    const restarted = await pipeline.restartFeedServiceAfterKill();
    const killedAt = Date.now();
    expect(atKill!.processed).toBeLessThan(total);
    // The new process waits for the dead one's lease to lapse, then resumes after the last saved wave.
    await restarted.waitForLine(/"feed":"products".*Resume after source id/, 180_000);
    let job: JobRow | undefined;
    expect(await eventually(async () => (job = await resyncJob())?.state === 'done', 600_000)).toBe(true);
    // Counters come from the saved waves: the wave in flight at the kill was redone, nothing counted twice.
    expect(job!.processed).toBe(total);
    const run = await cli;
    expect([run.code, run.code === 0 ? '' : run.stderr]).toEqual([0, '']);
    expect(JSON.parse(run.stdout)).toMatchObject({ results: [{ feed: 'products', outcome: 'complete' }] });
    await scenario.expectOracleAndNothingOpen(300_000);
    report(
      `resync kill: killed at ${atKill!.processed}/${total} products, job done ${seconds(Date.now() - killedAt)} ` +
        `after the kill with ${job!.processed} processed (scenario ${seconds(Date.now() - started)}), 0 parked`,
    );
  });

  it('delivers every dead-lettered item after kill -9 of the feed service while it redelivers them', async () => {
    const started = Date.now();
    const rows = await scenario.nameRows(30, 400);
    // The receiver fails these products' items as retryable (per-item status 2): each goes to the dead-letter
    // topic, the feed service sends its current state again after its backoff, and it fails again, until lifted.
    await pipeline.setFaults({
      rejectItems: rows.map((r) => ({ feed: 'products', field: 'sku', value: r.sku, status: 2 })),
    });
    let retrying = { items: 0, redelivered: 0, attempts: 0 };
    try {
      await scenario.rename(rows, 'dead letter');
      // Killed once every item of the burst failed at least twice: each was redelivered from the dead-letter topic
      // once, and the consumer holds the next round's messages, waiting for their backoff, unacknowledged.
      const cycling = await eventually(
        async () => {
          retrying = await deadLetterRounds(rows.map((r) => r.sku));
          return retrying.items >= rows.length && retrying.redelivered === retrying.items;
        },
        300_000,
        500,
      );
      expect(cycling).toBe(true);
      await pipeline.feedService.kill();
    } finally {
      await pipeline.setFaults({ rejectItems: [] });
    }
    const killedAt = Date.now();
    await pipeline.restartFeedServiceAfterKill();
    await scenario.expectOracleAndNothingOpen(300_000);
    report(
      `dead-letter kill: ${rows.length} products (${retrying.items} items) failed as retryable, killed after ` +
        `${retrying.attempts} failed deliveries (every item redelivered at least once), converged ` +
        `${seconds(Date.now() - killedAt)} after the kill (scenario ${seconds(Date.now() - started)}), 0 parked`,
    );
  });

  it('loses no rename and never goes back when a replica dies in a burst and another joins', async () => {
    const started = Date.now();
    const staleBefore = await staleRefusals();
    const second = await pipeline.addFeedServiceReplica();
    const rows = await scenario.nameRows(150, 100);
    const watch = watchVersions();
    let wentBack: string[] = [];
    try {
      // The same products renamed three times: the last name is the one that must win everywhere.
      const burstAt = new Date();
      await scenario.rename(rows, 'burst 1');
      // kill -9 of the replica syncing the renames, once it published part of the burst.
      const holder = await nameHolder();
      await scenario.arrivedSince(burstAt, 180_000);
      await holder.kill();
      const killedAt = Date.now();
      await scenario.rename(rows, 'burst 2');
      // A third replica joins while the group is still moving the dead member's partitions.
      const third = await pipeline.addFeedServiceReplica();
      await scenario.rename(rows, 'burst 3');
      await scenario.expectOracleAndNothingOpen(420_000);
      report(
        `rebalance: ${rows.length} products renamed 3 times, ${holder === second ? 'new' : 'first'} replica killed, ` +
          `a third joined, converged ${seconds(Date.now() - killedAt)} after the kill; replicas now ` +
          `${pipeline.feedServiceReplicas.length}; ${(await staleRefusals()) - staleBefore} stale refusals ` +
          `(scenario ${seconds(Date.now() - started)}), 0 parked`,
      );
      expect(pipeline.feedServiceReplicas).toContain(third);
    } finally {
      wentBack = await watch.stop();
    }
    expect(wentBack).toEqual([]);
  });

  it('keeps the newest names when replicas disagree by five minutes', async () => {
    const started = Date.now();
    const staleBefore = await staleRefusals();
    // One replica of normal time syncs the first round alone.
    const [keep, ...others] = pipeline.feedServiceReplicas;
    expect(keep).toBeDefined();
    for (const s of others) await s.stop();
    const rows = await scenario.nameRows(60, 300);
    const round = async (label: string, by: ServiceProcess): Promise<void> => {
      const since = await dbNow();
      await scenario.rename(rows, label);
      await scenario.expectOracleAndNothingOpen(300_000);
      // Every renamed item carries a version from the shared clock, not the syncing replica's own (a second of
      // slack for the rounding of the two clocks' reads).
      const versions = (await pipeline.receivedSince('products', new Date(since))).map((i) =>
        String(i['modifiedAt']),
      );
      const older = versions.filter((v) => !(Date.parse(v) >= since - 1_000));
      expect(versions.length).toBeGreaterThanOrEqual(rows.length);
      expect({
        roundStart: new Date(since).toISOString(),
        older: older.slice(0, 5),
        count: older.length,
      }).toEqual({
        roundStart: new Date(since).toISOString(),
        older: [],
        count: 0,
      });
      expect(assignedTopics(by)).toContain(NAME_TOPIC);
    };
    await round('clock 1', keep!);

    // The skewed replica joins and the normal one leaves: the skewed one alone syncs the next round, right after
    // the normal one's; with versions from its own clock they would be five minutes older and refused as stale.
    const skewed = await pipeline.addFeedServiceReplica(pipeline.clockSkewedBy(SKEW_MS));
    const joined = await skewed.waitForLine(/joined the consumer group/, 1_000);
    const skewSeen = Date.now() - Date.parse((JSON.parse(joined) as { time: string }).time);
    expect(skewSeen).toBeGreaterThan(-SKEW_MS - 60_000);
    await keep!.stop();
    expect(await nameHolder()).toBe(skewed);
    await round('clock 2', skewed);

    // Two replicas five minutes apart, both consuming.
    const normal = await pipeline.addFeedServiceReplica();
    const holder = await nameHolder();
    await round('clock 3', holder);
    expect(pipeline.feedServiceReplicas).toContain(normal);
    expect(pipeline.feedServiceReplicas).toContain(skewed);
    const stale = (await staleRefusals()) - staleBefore;
    expect(stale).toBe(0);
    report(
      `clock skew: ${rows.length} products renamed 3 times (normal replica, skewed replica ${SKEW_MS / 1000} s alone, ` +
        `both; the third round synced by the ${holder === skewed ? 'skewed' : 'normal'} one), skew seen in its log ` +
        `${seconds(skewSeen)}, 0 stale refusals (scenario ${seconds(Date.now() - started)}), 0 parked`,
    );
  });
});
