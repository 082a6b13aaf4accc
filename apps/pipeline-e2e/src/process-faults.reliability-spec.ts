import type { RowDataPacket } from 'mysql2/promise';
import type { ServiceProcess } from '@cde/testing/runtime';
import { runCde } from './cde-cli';
import { assignedTopics, eventually, Pipeline } from './pipeline-harness';
import { expectedProductNames, receivedProductNames } from './products-oracle';

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
  const pipeline = new Pipeline({
    feedService: 'products-feed',
    feeds: ['products'],
    feedServiceEnv: { CDE_FEEDS: 'products' },
    exporterEnv: { CDE_EXPORT_BATCH_SIZES: 'products=20' },
  });
  /** Original store-level names by value_id, restored at the end. */
  const originals = new Map<number, string>();
  let shop: Pipeline['shop'];

  const liveProducts = async (): Promise<Map<string, unknown>> =>
    receivedProductNames(await pipeline.items('products'));

  /** Polls until the receiver's products equal SQL's; returns the last comparison (I1). */
  const converge = async (
    timeoutMs: number,
  ): Promise<{ converged: boolean; receiver: number; sql: number; differing: string[] }> => {
    let last = { converged: false, receiver: 0, sql: 0, differing: [] as string[] };
    await eventually(
      async () => {
        const expected = await expectedProductNames(shop);
        const actual = await liveProducts();
        const differing = [...expected]
          .filter(([k, name]) => actual.get(k) !== name)
          .map(([k]) => k.replace('\u0000', '@'));
        last = {
          converged: expected.size === actual.size && differing.length === 0,
          receiver: actual.size,
          sql: expected.size,
          differing: differing.slice(0, 5),
        };
        return last.converged;
      },
      timeoutMs,
      2_000,
    );
    return last;
  };

  /** I1 and I5: the receiver equals the oracle, then the feed is settled with nothing parked or retrying. */
  const expectOracleAndNothingOpen = async (timeoutMs: number): Promise<void> => {
    const result = await converge(timeoutMs);
    expect(result).toMatchObject({ converged: true, receiver: result.sql });
    await pipeline.waitSettled('products', 120_000);
    expect(await pipeline.parkedOrRetrying('products')).toBe(0);
  };

  /** The store-level name rows of `count` products, from the `offset`-th on, remembered for the restore. */
  const nameRows = async (
    count: number,
    offset: number,
  ): Promise<{ valueId: number; original: string }[]> => {
    const [rows] = await shop.query<RowDataPacket[]>(
      `SELECT v.value_id, v.value FROM catalog_product_entity_varchar v
         JOIN eav_attribute a ON a.attribute_id = v.attribute_id AND a.attribute_code = 'name'
          AND a.entity_type_id = (SELECT entity_type_id FROM eav_entity_type WHERE entity_type_code = 'catalog_product')
        WHERE v.store_id = 0 ORDER BY v.entity_id LIMIT ? OFFSET ?`,
      [count, offset],
    );
    return rows.map((r) => {
      const valueId = Number(r['value_id']);
      if (!originals.has(valueId)) originals.set(valueId, String(r['value']));
      return { valueId, original: originals.get(valueId)! };
    });
  };

  /** One UPDATE per product, back to back (each its own change event). */
  const rename = async (
    rows: readonly { valueId: number; original: string }[],
    label: string,
  ): Promise<void> => {
    for (const row of rows) {
      await shop.query('UPDATE catalog_product_entity_varchar SET value = ? WHERE value_id = ?', [
        `${row.original} (${label})`,
        row.valueId,
      ]);
    }
  };

  /** The feed state database's time (the clock versions come from, ADR 19), in ms. */
  const dbNow = async (): Promise<number> => {
    const [rows] = await shop.query<RowDataPacket[]>(
      'SELECT ROUND(UNIX_TIMESTAMP(CURRENT_TIMESTAMP(3)) * 1000) AS ms',
    );
    return Number(rows[0]?.['ms']);
  };

  /** The receiver's held version per product item (feed_id → modifiedAt), from its own database. */
  const heldVersions = async (): Promise<Map<string, string>> => {
    const [rows] = await shop.query<RowDataPacket[]>(
      `SELECT feed_id, version FROM \`${pipeline.receiverDb}\`.feed_items WHERE feed = 'products'`,
    );
    return new Map(rows.map((r) => [String(r['feed_id']), String(r['version'])]));
  };

  /** Items the receiver refused as older than the version it held, so far (I2's refusals). */
  const staleRefusals = async (): Promise<number> => {
    const [rows] = await shop.query<RowDataPacket[]>(
      `SELECT stale_items FROM \`${pipeline.receiverDb}\`.feed_counters WHERE feed = 'products'`,
    );
    return Number(rows[0]?.['stale_items'] ?? 0);
  };

  /**
   * Samples the receiver's held versions every second until stopped, and lists every item whose held version was
   * ever seen older than an earlier sample of it (I2 watched from outside the receiver).
   */
  const watchVersions = (): { stop: () => Promise<string[]> } => {
    const newest = new Map<string, string>();
    const wentBack: string[] = [];
    let running = true;
    const loop = (async () => {
      while (running) {
        for (const [feedId, version] of await heldVersions()) {
          const seen = newest.get(feedId);
          if (seen !== undefined && version < seen) wentBack.push(`${feedId}: ${seen} -> ${version}`);
          else newest.set(feedId, version);
        }
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
    })();
    return {
      stop: async () => {
        running = false;
        await loop;
        return wentBack;
      },
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
  const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

  beforeAll(async () => {
    await pipeline.start();
    shop = pipeline.shop;
    const initial = await converge(300_000);
    expect(initial).toMatchObject({ converged: true });
    await pipeline.waitSettled('products', 120_000);
  });

  afterAll(async () => {
    await pipeline.setFaults({ rateLimit: null, latencyMs: 0 }).catch(() => undefined);
    for (const [valueId, value] of originals) {
      await shop.query('UPDATE catalog_product_entity_varchar SET value = ? WHERE value_id = ?', [
        value,
        valueId,
      ]);
    }
    // Nothing of this file may still be on its way when its processes stop.
    if (pipeline.feedServiceReplicas.length > 0)
      await pipeline.waitSettled('products', 180_000).catch(() => undefined);
    await pipeline.stop();
  });

  it('delivers every rename after kill -9 of the exporter with deliveries in flight', async () => {
    const started = Date.now();
    const rows = await nameRows(100, 0);
    // One request a second, each held 300 ms: the burst's deliveries take many seconds, so some are in flight.
    await pipeline.setFaults({ rateLimit: 1, latencyMs: 300 });
    try {
      const burstAt = new Date();
      await rename(rows, 'exporter kill');
      // Killed once the receiver accepted part of the burst, not all of it.
      let arrived = 0;
      const midway = await eventually(
        async () => {
          arrived = (await pipeline.receivedSince('products', burstAt)).length;
          return arrived > 0;
        },
        180_000,
        100,
      );
      expect(midway).toBe(true);
      await pipeline.restartExporterAfterKill();
      const restartedAt = Date.now();
      await expectOracleAndNothingOpen(300_000);
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
    await expectOracleAndNothingOpen(300_000);
    report(
      `resync kill: killed at ${atKill!.processed}/${total} products, job done ${seconds(Date.now() - killedAt)} ` +
        `after the kill with ${job!.processed} processed (scenario ${seconds(Date.now() - started)}), 0 parked`,
    );
  });

  it('loses no rename and never goes back when a replica dies in a burst and another joins', async () => {
    const started = Date.now();
    const staleBefore = await staleRefusals();
    const second = await pipeline.addFeedServiceReplica();
    const rows = await nameRows(150, 100);
    const watch = watchVersions();
    let wentBack: string[] = [];
    try {
      // The same products renamed three times: the last name is the one that must win everywhere.
      const burstAt = new Date();
      await rename(rows, 'burst 1');
      // kill -9 of the replica syncing the renames, once it published part of the burst.
      const holder = await nameHolder();
      expect(
        await eventually(
          async () => (await pipeline.receivedSince('products', burstAt)).length > 0,
          180_000,
          100,
        ),
      ).toBe(true);
      await holder.kill();
      const killedAt = Date.now();
      await rename(rows, 'burst 2');
      // A third replica joins while the group is still moving the dead member's partitions.
      const third = await pipeline.addFeedServiceReplica();
      await rename(rows, 'burst 3');
      await expectOracleAndNothingOpen(420_000);
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
    const rows = await nameRows(60, 300);
    const round = async (label: string, by: ServiceProcess): Promise<void> => {
      const since = await dbNow();
      await rename(rows, label);
      await expectOracleAndNothingOpen(300_000);
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
