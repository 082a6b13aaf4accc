import type { ResultSetHeader } from 'mysql2/promise';
import { FEEDS } from '@cde/contracts';
import { runCde, type CliRun } from './cde-cli';
import { Pipeline } from './pipeline-harness';
import { WebsitesOracle } from './websites-oracle';

interface ReconcileReport {
  readonly outcome: string;
  readonly dryRun: boolean;
  readonly checked: number;
  readonly missing: number;
  readonly unknown: number;
  readonly stale: number;
  readonly deleted: number;
}

/**
 * `cde reconcile` against a running pipeline (scopes-feed with the websites feed, the exporter, the receiver) after
 * the three ways the receiver drifts from the database without the pipeline seeing it: a website deleted while its
 * binlog events were lost (the session wrote no binlog), a website deleted after its feed-state row was lost, and
 * a website the receiver lost. A dry run reports them and changes nothing; the reconciliation brings the receiver
 * back to the oracle. A reliability spec: its websites are change events on the shared `store_website` topic,
 * which every later products pipeline of the same runtime also reads.
 */
describe('cde reconcile end to end', () => {
  const pipeline = new Pipeline({
    feedService: 'scopes-feed',
    feeds: ['scopesWebsite'],
    feedServiceEnv: { CDE_FEEDS: 'scopesWebsite' },
  });
  const tag = pipeline.tag;
  const stateTable = `\`${pipeline.stateDb}\`.\`${FEEDS.scopesWebsite.stateTable}\``;

  const cde = (args: readonly string[], timeoutMs = 300_000): Promise<CliRun> =>
    runCde(pipeline.cliEnv, args, timeoutMs);

  const websites = new WebsitesOracle(pipeline);

  beforeAll(async () => {
    await pipeline.start();
  });

  afterAll(async () => {
    await pipeline.shop.query(`DELETE FROM store_website WHERE code LIKE '${tag}%'`);
    // Nothing of this file may still be on its way when its processes stop.
    await pipeline.waitSettled('scopesWebsite', 120_000).catch(() => undefined);
    await pipeline.stop();
  });

  it('finds and repairs what the receiver holds that the database no longer has, and what it lost', async () => {
    const initial = await websites.converged(180_000);
    expect(initial.actual).toEqual(initial.expected);
    const add = async (suffix: string): Promise<number> => {
      const [w] = await pipeline.shop.query<ResultSetHeader>(
        'INSERT INTO store_website (code, name, sort_order, default_group_id, is_default) VALUES (?, ?, 70, 0, 0)',
        [`${tag}_${suffix}`, `Reconcile ${suffix}`],
      );
      return w.insertId;
    };
    const lostBinlog = await add('binlog');
    const lostState = await add('state');
    const added = await websites.converged(120_000);
    expect(added.actual).toEqual(added.expected);
    await pipeline.waitSettled('scopesWebsite', 60_000);

    // Deleted in a session that writes no binlog: change capture never sees it (a binlog purged while Connect was down).
    await pipeline.shop.query('SET SESSION sql_log_bin = 0');
    try {
      await pipeline.shop.query('DELETE FROM store_website WHERE website_id = ?', [lostBinlog]);
    } finally {
      await pipeline.shop.query('SET SESSION sql_log_bin = 1');
    }
    // Its feed-state row lost first, then deleted: the delete event finds nothing to delete.
    await pipeline.shop.query(`DELETE FROM ${stateTable} WHERE source_entity_id = ?`, [lostState]);
    await pipeline.shop.query('DELETE FROM store_website WHERE website_id = ?', [lostState]);
    // The receiver lost a website the database still has.
    const [first] = Object.keys(initial.expected);
    await pipeline.shop.query(
      `DELETE FROM \`${pipeline.receiverDb}\`.feed_items WHERE feed = 'scopesWebsite' AND JSON_VALUE(item, '$.websiteId') = ?`,
      [first],
    );
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const drifted = await websites.compare();
    expect(Object.keys(drifted.actual)).toEqual(
      expect.arrayContaining([String(lostBinlog), String(lostState)]),
    );
    expect(Object.keys(drifted.actual)).not.toContain(first);

    const dry = await cde(['reconcile', 'scopesWebsite', '--dry-run', '--json']);
    expect([dry.code, dry.code === 0 ? '' : dry.stderr]).toEqual([0, '']);
    const dryReport = JSON.parse(dry.stdout) as ReconcileReport;
    expect(dryReport).toMatchObject({
      outcome: 'complete',
      dryRun: true,
      missing: 1,
      unknown: 1,
      deleted: 2,
    });
    expect(await websites.compare()).toEqual(drifted);

    const run = await cde(['reconcile', 'scopesWebsite', '--json']);
    expect([run.code, run.code === 0 ? '' : run.stderr]).toEqual([0, '']);
    const report = JSON.parse(run.stdout) as ReconcileReport;
    expect(report).toMatchObject({ outcome: 'complete', dryRun: false, missing: 1, unknown: 1, deleted: 2 });
    expect(report.checked).toBeGreaterThanOrEqual(Object.keys(initial.expected).length + 2);
    expect(report.stale).toBeGreaterThanOrEqual(1);

    const repaired = await websites.converged(120_000);
    expect(repaired.actual).toEqual(repaired.expected);
    expect(await websites.receiverHas(lostBinlog)).toMatchObject({ deleted: true });
    expect(await websites.receiverHas(lostState)).toMatchObject({ deleted: true });

    // Anti-entropy run again on an agreeing receiver: nothing to repair.
    await pipeline.waitSettled('scopesWebsite', 60_000);
    const again = JSON.parse((await cde(['reconcile', 'scopesWebsite', '--json'])).stdout) as ReconcileReport;
    expect(again).toMatchObject({ outcome: 'complete', missing: 0, unknown: 0, stale: 0, deleted: 0 });
  });
});
