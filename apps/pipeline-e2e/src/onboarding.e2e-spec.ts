import type { RowDataPacket } from 'mysql2/promise';
import { eventually, Pipeline } from './pipeline-harness';
import { expectedProductNames, productKey } from './products-oracle';

interface JobRow {
  readonly state: string;
  readonly processed: number;
  readonly after_id: string | null;
}

/**
 * A feed's initial load is a resumable job: killed with -9 in the middle, the restarted service resumes it from
 * its last saved wave and the receiver ends up equal to what SQL says, each product synced by the job once.
 */
describe('onboarding survives kill -9', () => {
  // Small pages, one at a time: the load of the small catalog takes dozens of waves, so there is a middle.
  const pipeline = new Pipeline({
    feedService: 'products-feed',
    feeds: ['products'],
    feedServiceEnv: { CDE_FEEDS: 'products', CDE_FEED_BATCH_SIZES: 'products=20', CDE_SYNC_THREADS: '1' },
  });

  const onboarding = async (): Promise<JobRow | undefined> => {
    const [rows] = await pipeline.shop.query<RowDataPacket[]>(
      `SELECT state, processed, after_id FROM \`${pipeline.stateDb}\`.cde_sync_job WHERE singleton = 'onboarding:products'`,
    );
    const row = rows[0];
    return row
      ? {
          state: String(row['state']),
          processed: Number(row['processed']),
          after_id: row['after_id'] as string | null,
        }
      : undefined;
  };

  beforeAll(async () => {
    await pipeline.start();
  });

  afterAll(async () => {
    await pipeline.stop();
  });

  it('resumes after kill -9 from the last saved wave and converges to the oracle', async () => {
    const [count] = await pipeline.shop.query<RowDataPacket[]>(
      'SELECT COUNT(*) AS n FROM catalog_product_entity',
    );
    const total = Number(count[0]?.['n']);
    let atKill: JobRow | undefined;
    const midway = await eventually(
      async () => {
        atKill = await onboarding();
        return atKill !== undefined && atKill.state === 'running' && atKill.processed >= 100;
      },
      180_000,
      200,
    );
    expect(midway).toBe(true);
    expect(atKill!.processed).toBeLessThan(total);

    const restarted = await pipeline.restartFeedServiceAfterKill();
    // The new process waits for the dead one's lease to lapse, then resumes after the last saved wave.
    await restarted.waitForLine(/"feed":"products".*Resume after source id/, 120_000);
    let job: JobRow | undefined;
    expect(await eventually(async () => (job = await onboarding())?.state === 'done', 300_000, 1_000)).toBe(
      true,
    );
    // Counters come from the saved waves: the wave in flight at the kill was redone, nothing counted twice.
    expect(job!.processed).toBe(total);

    let expected = new Map<string, string | null>();
    let actual = new Map<string, unknown>();
    const converged = await eventually(
      async () => {
        expected = await expectedProductNames(pipeline.shop);
        actual = new Map(
          (await pipeline.items('products'))
            .filter((i) => i['deleted'] !== true)
            .map((i) => [productKey(String(i['sku']), String(i['storeViewCode'])), i['name']]),
        );
        return expected.size === actual.size && [...expected].every(([k, name]) => actual.get(k) === name);
      },
      240_000,
      2_000,
    );
    expect({ receiver: actual.size, sql: expected.size, converged }).toEqual({
      receiver: expected.size,
      sql: expected.size,
      converged: true,
    });
  });
});
