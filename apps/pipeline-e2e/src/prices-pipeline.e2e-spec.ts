import { customerGroupCode } from '@cde/contracts';
import type { RowDataPacket } from 'mysql2/promise';
import { eventually, Pipeline } from './pipeline-harness';

/**
 * The prices feed through the whole pipeline: Commerce DB → Debezium → prices-feed → exporter →
 * commerce-services. A price change reaches exactly the items of its product; a catalog rule price for today
 * re-publishes the product's item of that website and group.
 */
describe('prices pipeline end to end', () => {
  const pipeline = new Pipeline({ feedService: 'prices-feed', feeds: ['prices'] });
  const restore: string[] = [];
  let shop: Pipeline['shop'];

  const attributeId = async (code: string): Promise<number> => {
    const [rows] = await shop.query<RowDataPacket[]>(
      `SELECT attribute_id FROM eav_attribute WHERE attribute_code = ?
          AND entity_type_id = (SELECT entity_type_id FROM eav_entity_type WHERE entity_type_code = 'catalog_product')`,
      [code],
    );
    return Number(rows[0]?.['attribute_id']);
  };

  const liveItemsOf = async (sku: string): Promise<Record<string, unknown>[]> =>
    (await pipeline.itemPage('prices', { sku })).items.filter((i) => i['deleted'] !== true);

  beforeAll(async () => {
    await pipeline.start();
    shop = pipeline.shop;
  });

  afterAll(async () => {
    for (const sql of restore.reverse()) await shop.query(sql);
    await pipeline.stop();
  });

  it('onboards the prices of the catalog and goes quiet', async () => {
    const [count] = await shop.query<RowDataPacket[]>(
      `SELECT COUNT(*) AS n FROM catalog_product_entity e JOIN catalog_product_website w ON w.product_id = e.entity_id
        WHERE e.type_id NOT IN ('configurable', 'giftcard')`,
    );
    const bases = Number(count[0]?.['n']);
    const loaded = await eventually(
      async () =>
        (await pipeline.items('prices')).filter((i) => i['customerGroupCode'] === '0').length === bases,
      300_000,
      2_000,
    );
    expect(loaded).toBe(true);
    await pipeline.waitSettled('prices', 120_000);
  });

  it('sends a price change to exactly the items of that product', async () => {
    const price = await attributeId('price');
    const [rows] = await shop.query<RowDataPacket[]>(
      `SELECT d.value_id, d.value, e.sku FROM catalog_product_entity_decimal d
         JOIN catalog_product_entity e ON e.entity_id = d.entity_id AND e.type_id = 'simple'
        WHERE d.attribute_id = ? AND d.store_id = 0
          AND EXISTS (SELECT 1 FROM catalog_product_entity_tier_price t WHERE t.entity_id = e.entity_id AND t.qty = 1)
        ORDER BY d.entity_id LIMIT 1`,
      [price],
    );
    const target = rows[0]!;
    const sku = String(target['sku']);
    restore.push(
      shop.format('UPDATE catalog_product_entity_decimal SET value = ? WHERE value_id = ?', [
        target['value'],
        target['value_id'],
      ]),
    );
    const before = await liveItemsOf(sku);
    expect(before.length).toBeGreaterThan(1);
    const since = new Date(Date.now() - 1_000);
    const started = Date.now();
    await shop.query('UPDATE catalog_product_entity_decimal SET value = 4321.5 WHERE value_id = ?', [
      target['value_id'],
    ]);
    const arrived = await eventually(
      async () => {
        const items = await liveItemsOf(sku);
        return items.length === before.length && items.every((i) => i['regular'] === 4321.5);
      },
      60_000,
      250,
    );
    expect(arrived).toBe(true);
    const seconds = (Date.now() - started) / 1000;
    expect(seconds).toBeLessThan(60);
    await pipeline.waitSettled('prices', 60_000);
    const received = await pipeline.receivedSince('prices', since);
    expect(received.map((i) => i['sku'])).toEqual(before.map(() => sku));
    expect(
      received.map((i) => `${String(i['websiteCode'])}|${String(i['customerGroupCode'])}`).sort(),
    ).toEqual(before.map((i) => `${String(i['websiteCode'])}|${String(i['customerGroupCode'])}`).sort());
  });

  it("re-publishes a product's item when a catalog rule price for today is indexed", async () => {
    const [rows] = await shop.query<RowDataPacket[]>(
      `SELECT e.entity_id, e.sku, w.website_id, w.code FROM catalog_product_entity e
         JOIN catalog_product_website pw ON pw.product_id = e.entity_id
         JOIN store_website w ON w.website_id = pw.website_id
        WHERE e.type_id = 'simple' ORDER BY e.entity_id DESC LIMIT 1`,
    );
    const target = rows[0]!;
    // The runtime's time zone is UTC (core_config_data): the rule index's day is the UTC date.
    const today = new Date().toISOString().slice(0, 10);
    const group = 1;
    restore.push(
      shop.format(
        'DELETE FROM catalogrule_product_price WHERE product_id = ? AND website_id = ? AND customer_group_id = ? AND rule_date = ?',
        [target['entity_id'], target['website_id'], group, today],
      ),
    );
    await shop.query(
      `INSERT INTO catalogrule_product_price (rule_date, customer_group_id, product_id, rule_price, website_id)
       VALUES (?, ?, ?, 1.23, ?) ON DUPLICATE KEY UPDATE rule_price = VALUES(rule_price)`,
      [today, group, target['entity_id'], target['website_id']],
    );
    const arrived = await eventually(
      async () =>
        (await liveItemsOf(String(target['sku']))).some(
          (i) =>
            i['websiteCode'] === target['code'] &&
            i['customerGroupCode'] === customerGroupCode(group) &&
            JSON.stringify(i['discounts']).includes('"code":"catalog_rule","price":1.23'),
        ),
      60_000,
      250,
    );
    expect(arrived).toBe(true);
  });
});
