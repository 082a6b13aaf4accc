import type { FeedName } from '@cde/contracts';
import type { ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import { eventually, Pipeline } from './pipeline-harness';
import { expectedProductNames, receivedProductNames } from './products-oracle';

const CATALOG_FEEDS: readonly FeedName[] = [
  'products',
  'productAttributes',
  'categories',
  'variants',
  'productOverrides',
  'categoryPermissions',
];

/**
 * The catalog feeds through the whole pipeline: Commerce DB → Debezium → products-feed → exporter →
 * commerce-services. The receiver ends up with one products item per product × store view, named as SQL says;
 * a store-view name change reaches exactly its item, a price change re-publishes nothing, a delete arrives.
 */
describe('products pipeline end to end', () => {
  const pipeline = new Pipeline({ feedService: 'products-feed', feeds: CATALOG_FEEDS });
  const tag = pipeline.tag;
  const restore: string[] = [];
  let shop: Pipeline['shop'];
  let nameAttribute = 0;
  let priceAttribute = 0;

  const liveProducts = async (): Promise<Map<string, unknown>> =>
    receivedProductNames(await pipeline.items('products'));

  const attributeId = async (code: string): Promise<number> => {
    const [rows] = await shop.query<RowDataPacket[]>(
      `SELECT attribute_id FROM eav_attribute WHERE attribute_code = ?
          AND entity_type_id = (SELECT entity_type_id FROM eav_entity_type WHERE entity_type_code = 'catalog_product')`,
      [code],
    );
    return Number(rows[0]?.['attribute_id']);
  };

  /** Lines the feed service logs from now on. */
  const logMark = (): number => pipeline.feedService.lines.length;
  const loggedSince = (mark: number, pattern: RegExp): boolean =>
    pipeline.feedService.lines.slice(mark).some((l) => pattern.test(l));

  beforeAll(async () => {
    await pipeline.start();
    shop = pipeline.shop;
    nameAttribute = await attributeId('name');
    priceAttribute = await attributeId('price');
  });

  afterAll(async () => {
    for (const sql of restore.reverse()) await shop.query(sql);
    await pipeline.stop();
  });

  /**
   * Products items the receiver took at or after `since` in a version published since then: what a change sent. An
   * exporter may deliver an already delivered message again (at least once); that copy keeps its version and is
   * applied idempotently, so it is not counted as sent by the change.
   */
  const publishedSince = async (since: Date): Promise<Record<string, unknown>[]> =>
    (await pipeline.receivedSince('products', since)).filter(
      (i) => String(i['modifiedAt']) >= since.toISOString(),
    );

  it('delivers one products item per product × store view, named as the database says', async () => {
    let expected = new Map<string, string | null>();
    let actual = new Map<string, unknown>();
    const converged = await eventually(
      async () => {
        expected = await expectedProductNames(shop);
        actual = await liveProducts();
        return expected.size === actual.size && [...expected].every(([k, name]) => actual.get(k) === name);
      },
      240_000,
      2_000,
    );
    if (!converged) {
      const missing = [...expected.keys()].filter((k) => !actual.has(k)).slice(0, 5);
      const extra = [...actual.keys()].filter((k) => !expected.has(k)).slice(0, 5);
      const wrong = [...expected].filter(([k, n]) => actual.has(k) && actual.get(k) !== n).slice(0, 5);
      throw new Error(
        `receiver ${actual.size} vs SQL ${expected.size} items; missing ${JSON.stringify(missing)}, extra ${JSON.stringify(extra)}, wrong names ${JSON.stringify(wrong)}`,
      );
    }
    expect(actual.size).toBeGreaterThan(0);
    // Before counting what single changes send: everything delivered so far is acknowledged and quiet.
    await pipeline.waitSettled('products', 120_000);
  });

  it('sends a store-view name change to exactly the affected item', async () => {
    // A product sold in a website with at least two store views, so the other view's item must stay untouched.
    const [rows] = await shop.query<RowDataPacket[]>(
      `SELECT e.entity_id, e.sku, s.store_id, s.code FROM catalog_product_entity e
         JOIN catalog_product_website pw ON pw.product_id = e.entity_id
         JOIN store s ON s.website_id = pw.website_id AND s.store_id > 0
        WHERE (SELECT COUNT(*) FROM store x WHERE x.website_id = pw.website_id) >= 2
        ORDER BY e.entity_id LIMIT 1`,
    );
    const target = rows[0]!;
    const [old] = await shop.query<RowDataPacket[]>(
      'SELECT value_id, value FROM catalog_product_entity_varchar WHERE entity_id = ? AND attribute_id = ? AND store_id = ?',
      [target['entity_id'], nameAttribute, target['store_id']],
    );
    restore.push(
      old[0]
        ? shop.format('UPDATE catalog_product_entity_varchar SET value = ? WHERE value_id = ?', [
            old[0]['value'],
            old[0]['value_id'],
          ])
        : shop.format(
            'DELETE FROM catalog_product_entity_varchar WHERE entity_id = ? AND attribute_id = ? AND store_id = ?',
            [target['entity_id'], nameAttribute, target['store_id']],
          ),
    );
    await pipeline.waitSettled('products', 60_000);
    const since = new Date(Date.now() - 1_000);
    const renamed = `Überarbeitet ${tag} — ação`;
    await shop.query(
      `INSERT INTO catalog_product_entity_varchar (attribute_id, store_id, entity_id, value) VALUES (?, ?, ?, ?)
       ON DUPLICATE KEY UPDATE value = VALUES(value)`,
      [nameAttribute, target['store_id'], target['entity_id'], renamed],
    );
    const arrived = await eventually(async () => {
      const page = await pipeline.itemPage('products', {
        sku: String(target['sku']),
        storeViewCode: String(target['code']),
      });
      return page.items[0]?.['name'] === renamed;
    }, 60_000);
    expect(arrived).toBe(true);
    // Once the feed is quiet again (nothing on its way, nothing arriving): only this item was received again.
    await pipeline.waitSettled('products', 60_000);
    const received = await publishedSince(since);
    expect(received.map((i) => [i['sku'], i['storeViewCode']])).toEqual([[target['sku'], target['code']]]);
  });

  it('does not re-publish products when only their price changes', async () => {
    const [rows] = await shop.query<RowDataPacket[]>(
      `SELECT d.value_id, d.value, d.entity_id, e.sku FROM catalog_product_entity_decimal d
         JOIN catalog_product_entity e ON e.entity_id = d.entity_id
        WHERE d.attribute_id = ? AND d.store_id = 0 ORDER BY d.entity_id LIMIT 1`,
      [priceAttribute],
    );
    const target = rows[0]!;
    restore.push(
      shop.format('UPDATE catalog_product_entity_decimal SET value = ? WHERE value_id = ?', [
        target['value'],
        target['value_id'],
      ]),
    );
    await pipeline.waitSettled('products', 60_000);
    const since = new Date(Date.now() - 1_000);
    const mark = logMark();
    await shop.query('UPDATE catalog_product_entity_decimal SET value = value + 1.5 WHERE value_id = ?', [
      target['value_id'],
    ]);
    // The products feed saw the change, assembled the product again and found nothing to send.
    const seen = await eventually(
      () => Promise.resolve(loggedSince(mark, /"feed":"products".*Complete: processed [1-9]\d*, synced 0/)),
      60_000,
      500,
    );
    expect(seen).toBe(true);
    await pipeline.waitSettled('products', 60_000);
    expect(await publishedSince(since)).toEqual([]);
  });

  it("delivers a deleted product's items with deleted: true", async () => {
    const sku = `${tag}-sku`;
    const [created] = await shop.query<ResultSetHeader>(
      `INSERT INTO catalog_product_entity (attribute_set_id, type_id, sku, has_options, required_options)
       VALUES (4, 'simple', ?, 0, 0)`,
      [sku],
    );
    const id = created.insertId;
    restore.push(shop.format('DELETE FROM catalog_product_entity WHERE entity_id = ?', [id]));
    await shop.query(
      `INSERT INTO catalog_product_entity_varchar (attribute_id, store_id, entity_id, value) VALUES (?, 0, ?, ?);
       INSERT INTO catalog_product_website (product_id, website_id) SELECT ?, MIN(website_id) FROM store_website WHERE website_id > 0`,
      [nameAttribute, id, `Produkt ${tag}`, id],
    );
    const [views] = await shop.query<RowDataPacket[]>(
      `SELECT s.code FROM store s JOIN catalog_product_website pw ON pw.website_id = s.website_id
        WHERE pw.product_id = ? AND s.store_id > 0`,
      [id],
    );
    const codes = views.map((v) => String(v['code'])).sort();
    const present = await eventually(async () => {
      const page = await pipeline.itemPage('products', { sku });
      return page.items.filter((i) => i['deleted'] === false).length === codes.length;
    }, 60_000);
    expect(present).toBe(true);

    await shop.query('DELETE FROM catalog_product_entity WHERE entity_id = ?', [id]);
    let items: Record<string, unknown>[] = [];
    const gone = await eventually(async () => {
      items = (await pipeline.itemPage('products', { sku })).items;
      return items.length === codes.length && items.every((i) => i['deleted'] === true);
    }, 60_000);
    expect(gone).toBe(true);
    expect(items.map((i) => i['storeViewCode']).sort()).toEqual(codes);
  });
});
