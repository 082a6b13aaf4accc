import type { RowDataPacket } from 'mysql2/promise';
import { eventually, Pipeline } from './pipeline-harness';

const FEED = 'inventoryStockStatus';

/** The (stock, SKU) pairs MSI's rules give items: a source item in an enabled source linked to the stock. */
const EXPECTED_PAIRS = `SELECT COUNT(DISTINCT l.stock_id, p.entity_id) AS n
   FROM catalog_product_entity p
   JOIN inventory_source_item si ON si.sku = p.sku
   JOIN inventory_source s ON s.source_code = si.source_code AND s.enabled = 1
   JOIN inventory_source_stock_link l ON l.source_code = si.source_code
   JOIN inventory_stock st ON st.stock_id = l.stock_id
  WHERE p.type_id IN ('simple', 'virtual', 'downloadable', 'giftcard')`;

/**
 * The stock status feed through the whole pipeline: Commerce DB (the generated catalog, with MSI) → Debezium →
 * inventory-feed → exporter → commerce-services. A stock update and an order's reservation each reach exactly
 * their items within seconds; a best-seller changing 50 times a second costs a few requests, not one per change,
 * and does not hold up another SKU.
 */
describe('inventory pipeline end to end', () => {
  const pipeline = new Pipeline({ feedService: 'inventory-feed', feeds: [FEED] });
  const tag = pipeline.tag;
  const restore: string[] = [];
  let shop: Pipeline['shop'];
  let skus: string[] = [];

  const rows = async (sql: string, params: unknown[] = []): Promise<RowDataPacket[]> =>
    (await shop.query<RowDataPacket[]>(sql, params))[0];

  const item = async (stockId: string, sku: string): Promise<Record<string, unknown> | undefined> =>
    (await pipeline.itemPage(FEED, { stockId, sku })).items.find((i) => i['sku'] === sku);

  /** The default stock's quantity of a SKU as SQL sums it. */
  const defaultStockQty = async (sku: string): Promise<number> => {
    const [row] = await rows(
      `SELECT SUM(IF(si.status = 1, si.quantity, 0)) AS qty FROM inventory_source_item si
         JOIN inventory_source s ON s.source_code = si.source_code AND s.enabled = 1
         JOIN inventory_source_stock_link l ON l.source_code = si.source_code AND l.stock_id = 1
        WHERE si.sku = ?`,
      [sku],
    );
    return Number(row?.['qty']);
  };

  const settled = (): Promise<void> => pipeline.waitSettled(FEED, 120_000);

  const setDefaultSource = (sku: string, quantity: number): Promise<unknown> =>
    shop.query(
      "UPDATE inventory_source_item SET quantity = ?, status = 1 WHERE source_code = 'default' AND sku = ?",
      [quantity, sku],
    );

  /** Received items of the feed since `since`, as "stockId|sku". */
  const receivedSince = async (since: Date): Promise<string[]> =>
    (await pipeline.receivedSince(FEED, since))
      .map((i) => `${String(i['stockId'])}|${String(i['sku'])}`)
      .sort();

  beforeAll(async () => {
    await pipeline.start();
    shop = pipeline.shop;
    // Simple products in stock at the default source, with the configuration's settings.
    const found = await rows(
      `SELECT p.sku, si.quantity FROM catalog_product_entity p
         JOIN inventory_source_item si ON si.sku = p.sku AND si.source_code = 'default' AND si.status = 1
         JOIN cataloginventory_stock_item ci ON ci.product_id = p.entity_id AND ci.stock_id = 1
        WHERE p.type_id = 'simple' AND si.quantity > 10 AND ci.use_config_manage_stock = 1
          AND ci.use_config_backorders = 1 AND ci.use_config_min_qty = 1
        ORDER BY p.entity_id LIMIT 4`,
    );
    skus = found.map((r) => String(r['sku']));
    for (const r of found)
      restore.push(
        shop.format(
          "UPDATE inventory_source_item SET quantity = ?, status = 1 WHERE source_code = 'default' AND sku = ?",
          [r['quantity'], r['sku']],
        ),
      );
    restore.push(shop.format('DELETE FROM inventory_reservation WHERE metadata LIKE ?', [`%${tag}%`]));
  });

  afterAll(async () => {
    for (const sql of restore.reverse()) await shop.query(sql);
    await pipeline.stop();
  });

  it('delivers an item per stock × SKU of the catalog', async () => {
    expect(skus).toHaveLength(4);
    const [expected] = await rows(EXPECTED_PAIRS);
    let live = 0;
    const delivered = await eventually(
      async () => {
        live = (await pipeline.items(FEED)).filter((i) => i['deleted'] !== true).length;
        return live === Number(expected?.['n']);
      },
      240_000,
      2_000,
    );
    expect({ delivered, live }).toEqual({ delivered: true, live: Number(expected?.['n']) });
  });

  it('a stock update reaches exactly the items of its SKU within seconds', async () => {
    await settled();
    const sku = skus[0]!;
    const since = new Date();
    await setDefaultSource(sku, 4321);
    const qty = await defaultStockQty(sku);
    const arrived = await eventually(async () => (await item('1', sku))?.['qty'] === qty, 30_000, 250);
    const seconds = (Date.now() - since.getTime()) / 1000;
    expect({ arrived, withinSeconds: seconds < 30 }).toEqual({ arrived: true, withinSeconds: true });
    await settled();
    const received = await receivedSince(since);
    expect(received.length).toBeGreaterThan(0);
    expect(received.every((k) => k.endsWith(`|${sku}`))).toBe(true);
    expect(received).toContain(`1|${sku}`);
  });

  it('an order’s reservation reaches exactly its stock × SKU item, its quantity for sale lowered', async () => {
    await settled();
    const sku = skus[1]!;
    const before = await item('1', sku);
    expect(before).toBeDefined();
    const since = new Date();
    await shop.query(
      'INSERT INTO inventory_reservation (stock_id, sku, quantity, metadata) VALUES (1, ?, -3, ?)',
      [sku, JSON.stringify({ event_type: 'order_placed', object_type: 'order', object_id: tag })],
    );
    const lowered = Number(before?.['qtyForSale']) - 3;
    const arrived = await eventually(
      async () => (await item('1', sku))?.['qtyForSale'] === lowered,
      30_000,
      250,
    );
    expect(arrived).toBe(true);
    await settled();
    expect(await receivedSince(since)).toEqual([`1|${sku}`]);
    expect(await item('1', sku)).toMatchObject({ qty: before?.['qty'], isSalable: true });
  });

  it('coalesces a best-seller changing 50 times a second, without holding up another SKU', async () => {
    await settled();
    const [hot, other] = [skus[2]!, skus[3]!];
    const since = new Date();
    const changes = 250;
    let otherChangedAt = 0;
    // The workload's pace (one update every 20 ms), not a wait for a result.
    for (let i = 1; i <= changes; i++) {
      await setDefaultSource(hot, 1000 + i);
      if (i === changes / 2) {
        await setDefaultSource(other, 777);
        otherChangedAt = Date.now();
      }
      const due = since.getTime() + i * 20 - Date.now();
      if (due > 0) await new Promise((resolve) => setTimeout(resolve, due));
    }
    const otherQty = await defaultStockQty(other);
    const otherArrived = await eventually(
      async () => (await item('1', other))?.['qty'] === otherQty,
      30_000,
      250,
    );
    const otherSeconds = (Date.now() - otherChangedAt) / 1000;
    const hotQty = await defaultStockQty(hot);
    const hotArrived = await eventually(async () => (await item('1', hot))?.['qty'] === hotQty, 60_000, 500);
    expect({ otherArrived, hotArrived }).toEqual({ otherArrived: true, hotArrived: true });
    expect(otherSeconds).toBeLessThan(30);
    await settled();
    const requests = await pipeline.requestsSince(FEED, since);
    // Every change of the hot SKU changes its item, yet the receiver gets a few requests for all of them.
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.length).toBeLessThan(changes / 5);
    expect((await receivedSince(since)).every((k) => k.endsWith(`|${hot}`) || k.endsWith(`|${other}`))).toBe(
      true,
    );
  });
});
