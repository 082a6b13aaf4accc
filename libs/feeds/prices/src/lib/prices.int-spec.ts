import { customerGroupCode, type FeedItemMessage } from '@cde/contracts';
import { FeedService, type FeedProcessor } from '@cde/feed-engine';
import { SyncJobRepository } from '@cde/platform/feed-state';
import { createLogger } from '@cde/platform/observability';
import {
  attributeIdsByCode,
  catalogQuery,
  openScratchCatalog,
  oracleCount,
  shopRows,
  type ScratchCatalog,
  type ScratchCatalogSource,
} from '@cde/testing/commerce-db';
import {
  changeEvent,
  collectEvery,
  expandAffected,
  expectSameItems,
  feedUnderTest,
  MemorySink,
  openScratchFeedState,
  type FeedUnderTest,
  type ScratchFeedState,
} from '@cde/testing/feeds';
import type { AssembledPrice } from './assemble-price-items';
import { definePricesFeed } from './prices.feed';

/** Noon UTC of the generator's day: the same date in every website's time zone of both catalogs. */
const NOW = new Date('2026-11-01T12:00:00Z');
const TODAY = '2026-11-01';
const PRICES = definePricesFeed(() => NOW);

type Row = Record<string, unknown>;
const text = (v: unknown): string | null =>
  typeof v === 'string' || typeof v === 'number' ? String(v) : null;
const keyOf = (i: Pick<AssembledPrice, 'sku' | 'websiteCode' | 'customerGroupCode'>): string =>
  `${i.sku}|${i.websiteCode}|${i.customerGroupCode}`;

/**
 * The expected items from SQL: each price attribute's most specific row for the website (its default store
 * view, another of its store views, the default scope; store views only with the website price scope), tier
 * rows of the website over those of all websites, today's rule rows; assembled by the rules of the feed.
 */
async function oracle(catalog: ScratchCatalog): Promise<Map<string, AssembledPrice>> {
  const ids = await attributeIdsByCode(catalog, 'catalog_product');
  const [scopeRow] = await shopRows(
    catalog,
    "SELECT value FROM core_config_data WHERE path = 'catalog/price/scope' AND scope = 'default'",
  );
  const websiteScope = text(scopeRow?.['value']) === '1' ? 1 : 0;
  const pick = (table: string, code: string): string => {
    const where = `FROM catalog_product_entity_${table} v LEFT JOIN store s ON s.store_id = v.store_id
      WHERE v.entity_id = e.entity_id AND v.attribute_id = ${Number(ids[code])}
        AND (v.store_id = 0 OR (${websiteScope} = 1 AND s.website_id = w.website_id))`;
    return `(SELECT CAST(v.value AS CHAR) ${where}
              ORDER BY v.store_id = 0, v.store_id <> COALESCE(g.default_store_id, 0), v.store_id LIMIT 1) AS ${code},
            (SELECT COUNT(*) ${where}) AS ${code}_rows`;
  };
  const bases = await shopRows(
    catalog,
    `SELECT e.entity_id, e.sku, w.website_id, w.code AS website_code,
            CASE WHEN e.type_id = 'bundle' THEN
                   CASE pt.value WHEN 1 THEN 'BUNDLE_FIXED' WHEN 0 THEN 'BUNDLE_DYNAMIC' ELSE 'BUNDLE' END
                 WHEN e.type_id IN ('simple', 'downloadable', 'grouped') THEN UPPER(e.type_id)
                 ELSE 'SIMPLE' END AS type,
            ${pick('decimal', 'price')}, ${pick('decimal', 'special_price')},
            ${pick('datetime', 'special_from_date')}, ${pick('datetime', 'special_to_date')}
       FROM catalog_product_entity e
       JOIN catalog_product_website pw ON pw.product_id = e.entity_id
       JOIN store_website w ON w.website_id = pw.website_id AND w.website_id > 0
       LEFT JOIN store_group g ON g.group_id = w.default_group_id
       LEFT JOIN catalog_product_entity_int pt
         ON pt.entity_id = e.entity_id AND pt.attribute_id = ${Number(ids['price_type'])} AND pt.store_id = 0
      WHERE e.type_id NOT IN ('configurable', 'giftcard')`,
  );
  const tiers = await shopRows(
    catalog,
    `SELECT t.entity_id, pw.website_id, t.all_groups, t.customer_group_id, t.qty + 0 AS qty,
            CAST(t.value AS CHAR) AS value, CAST(t.percentage_value AS CHAR) AS pct
       FROM catalog_product_entity_tier_price t
       JOIN catalog_product_website pw ON pw.product_id = t.entity_id AND t.website_id IN (0, pw.website_id)
      WHERE NOT (t.website_id = 0 AND EXISTS (
              SELECT 1 FROM catalog_product_entity_tier_price o
               WHERE o.entity_id = t.entity_id AND o.website_id = pw.website_id AND o.all_groups = t.all_groups
                 AND o.customer_group_id = t.customer_group_id AND o.qty = t.qty))`,
  );
  const rules = await shopRows(
    catalog,
    `SELECT r.product_id, r.website_id, r.customer_group_id, CAST(r.rule_price AS CHAR) AS rule_price
       FROM catalogrule_product_price r
       JOIN catalog_product_website pw ON pw.product_id = r.product_id AND pw.website_id = r.website_id
      WHERE r.rule_date = ?`,
    [TODAY],
  );
  const parents = await shopRows(
    catalog,
    `SELECT DISTINCT r.child_id, pw.website_id, p.sku,
            UPPER(IF(p.type_id IN ('simple', 'configurable', 'downloadable', 'grouped', 'bundle', 'giftcard'),
                     p.type_id, 'simple')) AS type
       FROM catalog_product_relation r
       JOIN catalog_product_entity p ON p.entity_id = r.parent_id
       JOIN catalog_product_website pw ON pw.product_id = p.entity_id
      ORDER BY p.sku`,
  );
  const at = (r: Row): string =>
    `${String(r['entity_id'] ?? r['product_id'] ?? r['child_id'])}/${String(r['website_id'])}`;
  const group = <T extends Row>(rows: T[]): Map<string, T[]> => {
    const map = new Map<string, T[]>();
    for (const r of rows) map.set(at(r), [...(map.get(at(r)) ?? []), r]);
    return map;
  };
  const tiersAt = group(tiers);
  const rulesAt = group(rules);
  const parentsAt = group(parents);
  const amount = (t: Row): { price: number } | { percentage: number } =>
    t['pct'] === null ? { price: Number(t['value']) } : { percentage: Number(t['pct']) };
  const expected = new Map<string, AssembledPrice>();
  for (const b of bases) {
    const day = (v: unknown): string | null => (typeof v === 'string' ? v.slice(0, 10) : null);
    const from = Number(b['special_from_date_rows']) > 0 ? day(b['special_from_date']) : null;
    const to = Number(b['special_to_date_rows']) > 0 ? day(b['special_to_date']) : null;
    const bundle = String(b['type']).startsWith('BUNDLE_');
    const special =
      Number(b['special_price_rows']) > 0 &&
      b['special_price'] !== null &&
      (from === null || from <= TODAY) &&
      (to === null || TODAY <= to)
        ? [
            {
              code: 'special_price' as const,
              ...(bundle
                ? { percentage: Number(b['special_price']) }
                : { price: Number(b['special_price']) }),
            },
          ]
        : [];
    const rows = tiersAt.get(at(b)) ?? [];
    const groupPrice = (g: number | null): Row | undefined =>
      rows.find(
        (t) =>
          Number(t['qty']) === 1 &&
          (g === null
            ? Number(t['all_groups']) === 1
            : Number(t['all_groups']) === 0 && Number(t['customer_group_id']) === g),
      );
    const tierList = (g: number | null): { qty: number; price?: number; percentage?: number }[] => {
      const byQty = new Map<number, Row>();
      for (const t of rows)
        if (Number(t['qty']) > 1 && Number(t['all_groups']) === 1) byQty.set(Number(t['qty']), t);
      for (const t of rows)
        if (
          g !== null &&
          Number(t['qty']) > 1 &&
          Number(t['all_groups']) === 0 &&
          Number(t['customer_group_id']) === g
        )
          byQty.set(Number(t['qty']), t);
      return [...byQty.keys()].sort((x, y) => x - y).map((qty) => ({ qty, ...amount(byQty.get(qty)!) }));
    };
    const parentList = (parentsAt.get(at(b)) ?? []).map((p) => ({
      type: String(p['type']),
      sku: String(p['sku']),
    }));
    const base = {
      websiteId: Number(b['website_id']),
      productId: Number(b['entity_id']),
      sku: String(b['sku']),
      type: String(b['type']),
      websiteCode: String(b['website_code']),
      ...(parentList.length > 0 ? { parents: parentList } : {}),
      regular: Number(b['price_rows']) > 0 && b['price'] !== null ? Number(b['price']) : 0,
    };
    const all = groupPrice(null);
    const item: AssembledPrice = {
      ...base,
      customerGroupCode: '0',
      discounts: [...special, ...(all ? [{ code: 'group' as const, ...amount(all) }] : [])],
      tierPrices: tierList(null),
    };
    expected.set(keyOf(item), item);
    const ruleOf = new Map(
      (rulesAt.get(at(b)) ?? []).map((r) => [Number(r['customer_group_id']), Number(r['rule_price'])]),
    );
    const groups = new Set([
      ...ruleOf.keys(),
      ...rows
        .filter((t) => Number(t['qty']) === 1 && Number(t['all_groups']) === 0)
        .map((t) => Number(t['customer_group_id'])),
    ]);
    for (const g of groups) {
      const own = groupPrice(g) ?? all;
      const rule = ruleOf.get(g);
      const groupItem: AssembledPrice = {
        ...base,
        customerGroupCode: customerGroupCode(g),
        discounts: [
          ...special,
          ...(own ? [{ code: 'group' as const, ...amount(own) }] : []),
          ...(rule === undefined ? [] : [{ code: 'catalog_rule' as const, price: rule }]),
        ],
        tierPrices: tierList(g),
      };
      expected.set(keyOf(groupItem), groupItem);
    }
  }
  return expected;
}

const SOURCES: readonly [string, ScratchCatalogSource][] = [
  ['the Magento 2.4.8 dump', { dump: '2.4.8' }],
  ['a generated small catalog', { profile: 'small' }],
];

describe.each(SOURCES)('prices feed on %s', (_name, source) => {
  let catalog: ScratchCatalog;
  let feed: FeedUnderTest<AssembledPrice>;
  let items: AssembledPrice[];
  const onGenerated = 'dump' in source ? it.skip : it;

  beforeAll(async () => {
    catalog = await openScratchCatalog(source, 'prices');
    feed = feedUnderTest(PRICES, catalog.db);
    items = (await collectEvery(feed.reader, 97)).map((c) => c.item);
  });

  afterAll(async () => {
    await catalog.drop();
  });

  it('makes the items the SQL oracle makes, every field equal', async () => {
    expect(items.length).toBeGreaterThan(0);
    expectSameItems(items, keyOf, await oracle(catalog));
  });

  it("holds as many items as the shared SQL count (./dev up's check) says", async () => {
    const count = await oracleCount(catalogQuery(catalog), 'prices', { ordersFullResyncDays: 7, now: NOW });
    expect(items).toHaveLength(count);
  });

  onGenerated('carries special, group, catalog rule and tier prices, fixed and percentage', () => {
    const codes = new Set(items.flatMap((i) => (i.discounts ?? []).map((d) => d.code)));
    expect([...codes].sort()).toEqual(['catalog_rule', 'group', 'special_price']);
    const tiers = items.flatMap((i) => i.tierPrices ?? []);
    expect(tiers.some((t) => t.percentage !== undefined)).toBe(true);
    expect(tiers.some((t) => t.price !== undefined)).toBe(true);
    expect(items.some((i) => i.type === 'BUNDLE_FIXED' || i.type === 'BUNDLE_DYNAMIC')).toBe(true);
    expect(items.some((i) => (i.parents ?? []).length > 0)).toBe(true);
    const rulesWithGroup = items.filter((i) => {
      const c = (i.discounts ?? []).map((d) => d.code);
      return c.includes('group') && c.includes('catalog_rule');
    });
    expect(rulesWithGroup.length).toBeGreaterThan(0);
  });
});

describe('prices feed on the engine (generated small catalog)', () => {
  let catalog: ScratchCatalog;
  let state: ScratchFeedState;
  let feed: FeedUnderTest<AssembledPrice>;
  let processor: FeedProcessor;
  const sink = new MemorySink();

  beforeAll(async () => {
    catalog = await openScratchCatalog({ profile: 'small' }, 'prices_engine');
    state = await openScratchFeedState('prices_state');
    feed = feedUnderTest(PRICES, catalog.db);
    processor = state.processor(feed, sink);
    await processor.sync({ ids: await feed.reader.listEntityIds('0', 100_000), operation: 'full sync' });
    sink.take();
  });

  afterAll(async () => {
    await state.close();
    await catalog.drop();
  });

  const syncChange = async (
    table: string,
    before: Row | null,
    after: Row | null,
  ): Promise<FeedItemMessage[]> => {
    const source = feed.sources.find((s) => s.table === table)!;
    const ids = await source.affectedIds(changeEvent(table, before as never, after as never));
    await processor.sync({ ids, operation: 'partial sync' });
    return sink.take();
  };

  /** A simple product with a group price, in every website it is assigned to. */
  const pricedProduct = async (): Promise<{ id: number; sku: string; items: number }> => {
    const [row] = await shopRows(
      catalog,
      `SELECT e.entity_id, e.sku FROM catalog_product_entity e
        WHERE e.type_id = 'simple' AND EXISTS (SELECT 1 FROM catalog_product_entity_tier_price t
                WHERE t.entity_id = e.entity_id AND t.qty = 1 AND t.all_groups = 0)
        ORDER BY e.entity_id LIMIT 1`,
    );
    const id = Number(row?.['entity_id']);
    const collected = await feed.reader.collect([String(id)]);
    return { id, sku: String(row?.['sku']), items: collected.length };
  };

  it('an unchanged product publishes nothing', async () => {
    const { id } = await pricedProduct();
    await processor.sync({ ids: [String(id)], operation: 'partial sync' });
    expect(sink.take()).toEqual([]);
  });

  it('a price change publishes exactly the items of that product, with the new regular price', async () => {
    const { id, items: count } = await pricedProduct();
    const priceId = (await attributeIdsByCode(catalog, 'catalog_product'))['price'];
    await catalog.shop.query(
      'UPDATE catalog_product_entity_decimal SET value = 123.450000 WHERE entity_id = ? AND attribute_id = ? AND store_id = 0',
      [id, priceId],
    );
    const row = { value_id: 1, entity_id: id, attribute_id: priceId, store_id: 0 };
    const sent = await syncChange(
      'catalog_product_entity_decimal',
      { ...row, value: '1' },
      { ...row, value: '123.45' },
    );
    expect(sent).toHaveLength(count);
    expect(
      sent.every((m) => m.sourceEntityId === String(id) && !m.deleted && m.item['regular'] === 123.45),
    ).toBe(true);
    // Another attribute's value (weight): nothing.
    const weight = Number((await attributeIdsByCode(catalog, 'catalog_product'))['weight']);
    const other = { value_id: 2, entity_id: id, attribute_id: weight, store_id: 0 };
    expect(
      await feed.sources
        .find((s) => s.table === 'catalog_product_entity_decimal')!
        .affectedIds(
          changeEvent('catalog_product_entity_decimal', { ...other, value: '1' }, { ...other, value: '2' }),
        ),
    ).toEqual([]);
  });

  it('a renamed SKU publishes its items under the new SKU and deletes the old identities (#502)', async () => {
    const { id, sku, items: count } = await pricedProduct();
    const renamed = `${sku}-renamed`;
    await catalog.shop.query('UPDATE catalog_product_entity SET sku = ? WHERE entity_id = ?', [renamed, id]);
    const sent = await syncChange(
      'catalog_product_entity',
      { entity_id: id, sku },
      { entity_id: id, sku: renamed },
    );
    expect(sent.filter((m) => m.deleted).map((m) => m.item['sku'])).toEqual(Array<string>(count).fill(sku));
    expect(sent.filter((m) => !m.deleted).map((m) => m.item['sku'])).toEqual(
      Array<string>(count).fill(renamed),
    );
  });

  it("a group price removed: that group's items are deleted, the base items stay", async () => {
    const { id } = await pricedProduct();
    const before = await feed.reader.collect([String(id)]);
    await catalog.shop.query('DELETE FROM catalog_product_entity_tier_price WHERE entity_id = ?', [id]);
    await catalog.shop.query('DELETE FROM catalogrule_product_price WHERE product_id = ?', [id]);
    const sent = await syncChange('catalog_product_entity_tier_price', { value_id: 1, entity_id: id }, null);
    const groupItems = before.filter((c) => c.item.customerGroupCode !== '0').length;
    expect(sent.filter((m) => m.deleted)).toHaveLength(groupItems);
    expect(sent.filter((m) => m.deleted).every((m) => m.item['customerGroupCode'] !== '0')).toBe(true);
  });

  it('a rule re-index into the replica reaches every rule-priced product in the background', async () => {
    const [row] = await shopRows(
      catalog,
      'SELECT COUNT(DISTINCT product_id) AS n FROM catalogrule_product_price',
    );
    const ids = await feed.sources
      .find((s) => s.table === 'catalogrule_product_price_replica')!
      .affectedIds(
        changeEvent('catalogrule_product_price_replica', null, { rule_product_price_id: 1, product_id: 1 }),
      );
    expect(ids.length).toBe(Number(row?.['n']));
    expect(ids.length).toBeGreaterThan(0);
  });
});

describe('prices clock (generated small catalog)', () => {
  let catalog: ScratchCatalog;

  beforeAll(async () => {
    catalog = await openScratchCatalog({ profile: 'small' }, 'prices_clock');
  });

  afterAll(async () => {
    await catalog.drop();
  });

  it("finds the special prices whose window opened or closed as a website's day turned, and none within a day", async () => {
    const ids = await attributeIdsByCode(catalog, 'catalog_product');
    const [product] = await shopRows(
      catalog,
      `SELECT e.entity_id FROM catalog_product_entity e JOIN catalog_product_website w ON w.product_id = e.entity_id
        WHERE e.type_id = 'simple' ORDER BY e.entity_id LIMIT 1`,
    );
    const id = Number(product?.['entity_id']);
    for (const [code, value] of [
      ['special_price', '7.500000'],
      ['special_from_date', `${TODAY} 00:00:00`],
    ] as const) {
      const table = code === 'special_price' ? 'decimal' : 'datetime';
      await catalog.shop.query(
        `DELETE FROM catalog_product_entity_${table} WHERE entity_id = ? AND attribute_id = ?`,
        [id, ids[code]],
      );
      await catalog.shop.query(
        `INSERT INTO catalog_product_entity_${table} (attribute_id, store_id, entity_id, value) VALUES (?, 0, ?, ?)`,
        [ids[code], id, value],
      );
    }
    await catalog.shop.query(
      `DELETE FROM catalog_product_entity_datetime WHERE entity_id = ? AND attribute_id = ?`,
      [id, ids['special_to_date']],
    );
    // Yesterday the window was not open yet; at noon today it is.
    const yesterday = definePricesFeed(() => new Date('2026-10-31T12:00:00Z'));
    const before = await feedUnderTest(yesterday, catalog.db).reader.collect([String(id)]);
    expect(before.every((c) => !(c.item.discounts ?? []).some((d) => d.code === 'special_price'))).toBe(true);
    const feed = feedUnderTest(PRICES, catalog.db);
    const after = await feed.reader.collect([String(id)]);
    expect(after.every((c) => (c.item.discounts ?? [])[0]?.code === 'special_price')).toBe(true);

    const connected = PRICES.connect(catalog.db);
    const changed = await expandAffected(
      catalog.db,
      feed.reader,
      await connected.clockChanges(new Date('2026-10-31T12:00:00Z'), NOW),
    );
    expect(changed).toContain(String(id));
    // Rule-priced products of the old or new day are in it too.
    const [ruled] = await shopRows(
      catalog,
      "SELECT COUNT(DISTINCT product_id) AS n FROM catalogrule_product_price WHERE rule_date IN ('2026-10-31', ?)",
      [TODAY],
    );
    expect(changed.length).toBeGreaterThanOrEqual(Number(ruled?.['n']));
    expect(await connected.clockChanges(new Date('2026-11-01T11:00:00Z'), NOW)).toEqual([]);
  });
});

describe('prices day change on the engine (generated small catalog)', () => {
  // The catalog is put on Los Angeles time (the default scope's time zone, so every website's), which left daylight
  // saving time on Nov 1 2026: its Nov 2 starts at 08:00Z.
  const BEFORE_MIDNIGHT = new Date('2026-11-02T07:50:00Z');
  const AFTER_MIDNIGHT = new Date('2026-11-02T08:10:00Z');
  let clock = BEFORE_MIDNIGHT;
  let catalog: ScratchCatalog;
  let state: ScratchFeedState;
  let service: FeedService;
  const sink = new MemorySink();

  beforeAll(async () => {
    catalog = await openScratchCatalog({ profile: 'small' }, 'prices_day');
    await catalog.shop.query(
      "UPDATE core_config_data SET value = 'America/Los_Angeles' WHERE path = 'general/locale/timezone' AND scope = 'default'",
    );
    state = await openScratchFeedState('prices_day_state', 4);
    service = new FeedService({
      service: 'prices-feed',
      feeds: [definePricesFeed(() => clock)],
      settings: { prices: { mode: 'immediate', batchSize: 500 } },
      db: catalog.db,
      state: state.repository,
      jobs: new SyncJobRepository(state.dataSource),
      sink,
      events: { emit: () => Promise.resolve() },
      logger: createLogger({ service: 'prices-feed', level: 'warn' }),
      now: () => clock,
    });
  });

  afterAll(async () => {
    await state.close();
    await catalog.drop();
  });

  it('publishes a special price whose window opens as the website turns to that day, and nothing else unchanged', async () => {
    const ids = await attributeIdsByCode(catalog, 'catalog_product');
    // Simple products in a website without rule prices or special price dates: one gets a window opening on
    // Nov 2, the other stays as it is.
    const plain = await shopRows(
      catalog,
      `SELECT e.entity_id FROM catalog_product_entity e
        WHERE e.type_id = 'simple'
          AND EXISTS (SELECT 1 FROM catalog_product_website w WHERE w.product_id = e.entity_id)
          AND NOT EXISTS (SELECT 1 FROM catalogrule_product_price r WHERE r.product_id = e.entity_id)
          AND NOT EXISTS (SELECT 1 FROM catalog_product_entity_datetime d WHERE d.entity_id = e.entity_id
                            AND d.attribute_id IN (?, ?))
        ORDER BY e.entity_id LIMIT 2`,
      [ids['special_from_date'], ids['special_to_date']],
    );
    const [opening, unrelated] = plain.map((r) => String(r['entity_id']));
    expect(unrelated).toBeDefined();
    await catalog.shop.query(
      'DELETE FROM catalog_product_entity_decimal WHERE entity_id = ? AND attribute_id = ?',
      [opening, ids['special_price']],
    );
    await catalog.shop.query(
      'INSERT INTO catalog_product_entity_decimal (attribute_id, store_id, entity_id, value) VALUES (?, 0, ?, 7.5)',
      [ids['special_price'], opening],
    );
    await catalog.shop.query(
      `INSERT INTO catalog_product_entity_datetime (attribute_id, store_id, entity_id, value)
         VALUES (?, 0, ?, '2026-11-02 00:00:00')`,
      [ids['special_from_date'], opening],
    );
    const prices = service.processor('prices')!;
    const reader = feedUnderTest(
      definePricesFeed(() => clock),
      catalog.db,
    ).reader;
    await prices.sync({ ids: await reader.listEntityIds('0', 100_000), operation: 'full sync' });
    const synced = sink.take();
    const special = (m: FeedItemMessage): unknown[] =>
      ((m.item['discounts'] ?? []) as { code: string; price?: number }[]).filter(
        (d) => d.code === 'special_price',
      );
    const openingItems = synced.filter((m) => m.sourceEntityId === opening);
    expect(openingItems.length).toBeGreaterThan(0);
    expect(openingItems.flatMap(special)).toEqual([]);

    // The start-up pass (Nov 1, as the service starts) finds nothing that changed.
    await service.onClock();
    expect(await service.runPendingJobs('prices')).toBe(1);
    expect(sink.take()).toEqual([]);

    // Within the day: no job.
    clock = new Date(BEFORE_MIDNIGHT.getTime() + 5 * 60_000);
    await service.onClock();
    expect(await service.runPendingJobs('prices')).toBe(0);

    // Past the website's midnight: the window opened.
    clock = AFTER_MIDNIGHT;
    await service.onClock();
    expect(await service.runPendingJobs('prices')).toBe(1);
    const sent = sink.take();
    const reopened = sent.filter((m) => m.sourceEntityId === opening);
    expect(reopened).toHaveLength(openingItems.length);
    expect(reopened.every((m) => !m.deleted && special(m).length === 1)).toBe(true);
    expect(reopened.map((m) => special(m)[0])).toEqual(
      Array<unknown>(reopened.length).fill({ code: 'special_price', price: 7.5 }),
    );
    expect(sent.filter((m) => m.sourceEntityId === unrelated)).toEqual([]);
    // Only products a day change can reach: the opened window, and the rule-priced ones of the old or new day.
    const ruled = new Set(
      (
        await shopRows(
          catalog,
          "SELECT DISTINCT product_id FROM catalogrule_product_price WHERE rule_date IN ('2026-11-01', '2026-11-02')",
        )
      ).map((r) => String(r['product_id'])),
    );
    const closedOrOpened = new Set(
      (
        await shopRows(
          catalog,
          `SELECT DISTINCT entity_id FROM catalog_product_entity_datetime
            WHERE (attribute_id = ? AND DATE(value) = '2026-11-02') OR (attribute_id = ? AND DATE(value) = '2026-11-01')`,
          [ids['special_from_date'], ids['special_to_date']],
        )
      ).map((r) => String(r['entity_id'])),
    );
    expect(sent.filter((m) => !ruled.has(m.sourceEntityId) && !closedOrOpened.has(m.sourceEntityId))).toEqual(
      [],
    );

    // The next tick of the same day queues nothing more.
    clock = new Date(AFTER_MIDNIGHT.getTime() + 30_000);
    await service.onClock();
    expect(await service.runPendingJobs('prices')).toBe(0);
  });
});
