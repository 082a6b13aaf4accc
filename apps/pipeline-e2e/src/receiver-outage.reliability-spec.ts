import type { RowDataPacket } from 'mysql2/promise';
import { eventually, Pipeline } from './pipeline-harness';
import { expectedProductNames, receivedProductNames } from './products-oracle';

/** The outage's length: 10 minutes unless CDE_RELIABILITY_OUTAGE_MS says otherwise (a shorter rehearsal). */
const OUTAGE_MS = Number(process.env['CDE_RELIABILITY_OUTAGE_MS'] ?? 600_000);
const RENAMES = 100;

/**
 * A long receiver outage during changes (`./dev test reliability`): the receiver answers 503 to everything for
 * OUTAGE_MS while 100 products are renamed, spread over the outage. The exporter's circuit opens and probes; after
 * the receiver heals, the receiver holds exactly what SQL says (I1), with nothing parked or waiting for a retry
 * (I5), within the backlog's time at the allowed rate (I4).
 */
describe('receiver outage during changes (reliability)', () => {
  const pipeline = new Pipeline({
    feedService: 'products-feed',
    feeds: ['products'],
    feedServiceEnv: { CDE_FEEDS: 'products' },
  });
  const restore: string[] = [];
  let shop: Pipeline['shop'];

  const liveProducts = async (): Promise<Map<string, unknown>> =>
    receivedProductNames(await pipeline.items('products'));

  /** Whether the receiver's products equal SQL's, polled for up to `timeoutMs`. */
  const converge = (timeoutMs: number): Promise<boolean> =>
    eventually(
      async () => {
        const expected = await expectedProductNames(shop);
        const actual = await liveProducts();
        return expected.size === actual.size && [...expected].every(([k, name]) => actual.get(k) === name);
      },
      timeoutMs,
      2_000,
    );

  beforeAll(async () => {
    await pipeline.start();
    shop = pipeline.shop;
  });

  afterAll(async () => {
    await pipeline.setFaults({ errorRate: 0 }).catch(() => undefined);
    for (const sql of restore.reverse()) await shop.query(sql);
    await pipeline.stop();
  });

  it(`ends a ${OUTAGE_MS / 1000} s outage during ${RENAMES} renames with every change delivered and nothing parked`, async () => {
    expect(await converge(300_000)).toBe(true);
    const [names] = await shop.query<RowDataPacket[]>(
      `SELECT v.value_id, v.value FROM catalog_product_entity_varchar v
         JOIN eav_attribute a ON a.attribute_id = v.attribute_id AND a.attribute_code = 'name'
          AND a.entity_type_id = (SELECT entity_type_id FROM eav_entity_type WHERE entity_type_code = 'catalog_product')
        WHERE v.store_id = 0 ORDER BY v.entity_id LIMIT ?`,
      [RENAMES],
    );
    for (const row of names) {
      restore.push(
        shop.format('UPDATE catalog_product_entity_varchar SET value = ? WHERE value_id = ?', [
          row['value'],
          row['value_id'],
        ]),
      );
    }

    await pipeline.setFaults({ errorRate: 1 });
    const outageStarted = Date.now();
    try {
      // The renames are spread over the outage (fault schedule, not a proof): half of it, then it goes on.
      const spacing = OUTAGE_MS / 2 / names.length;
      for (const [i, row] of names.entries()) {
        await shop.query('UPDATE catalog_product_entity_varchar SET value = ? WHERE value_id = ?', [
          `${String(row['value'])} (renamed ${i})`,
          row['value_id'],
        ]);
        await new Promise((resolve) => setTimeout(resolve, spacing));
      }
      await pipeline.exporter.waitForLine(/CDE02-16/, OUTAGE_MS);
      const left = outageStarted + OUTAGE_MS - Date.now();
      if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
      expect(await pipeline.parkedOrRetrying('products')).toBe(0);
    } finally {
      await pipeline.setFaults({ errorRate: 0 });
    }
    const healedAt = Date.now();
    const converged = await converge(300_000);
    const convergedMs = Date.now() - healedAt;
    expect(converged).toBe(true);
    expect(await pipeline.parkedOrRetrying('products')).toBe(0);
    const probes = pipeline.exporter.lines.filter((l) => l.includes('the probe failed')).length;
    process.stdout.write(
      `receiver outage: ${RENAMES} renames over ${Math.round((healedAt - outageStarted) / 1000)} s down, ${probes} failed probes, converged ${(convergedMs / 1000).toFixed(1)} s after healing, 0 parked\n`,
    );
  });
});
