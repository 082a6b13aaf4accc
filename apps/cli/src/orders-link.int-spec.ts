import { EntityUuidRepository } from '@cde/platform/feed-state';
import { openScratchCatalog, shopRows, type ScratchCatalog } from '@cde/testing/commerce-db';
import { openScratchFeedState, type ScratchFeedState } from '@cde/testing/feeds';
import { linkOrders, type LinkProgress } from './orders-link';

/** `cde orders link` on a generated catalog: the filters select the orders, and a second run gives nothing new. */
describe(linkOrders.name, () => {
  let catalog: ScratchCatalog;
  let state: ScratchFeedState;
  let uuids: EntityUuidRepository;

  beforeAll(async () => {
    catalog = await openScratchCatalog({ profile: 'small' }, 'orders_link');
    state = await openScratchFeedState('orders_link_state');
    uuids = new EntityUuidRepository(state.dataSource);
  });

  afterAll(async () => {
    await state.close();
    await catalog.drop();
  });

  const count = async (sql: string): Promise<number> => Number((await shopRows(catalog, sql))[0]!['n']);

  it('links the orders of the given states in batches, with their items, credit memos and shipments', async () => {
    const progress: LinkProgress[] = [];
    const done = await linkOrders(catalog.db, uuids, { states: ['complete', 'closed'], batchSize: 7 }, (p) =>
      progress.push(p),
    );
    const selected = await count(
      "SELECT COUNT(*) AS n FROM sales_order WHERE state IN ('complete', 'closed')",
    );
    expect(selected).toBeGreaterThan(7);
    expect(done.orders).toBe(selected);
    expect(progress.length).toBe(Math.ceil(selected / 7));
    expect(progress.at(-1)).toEqual(done);
    expect(await uuids.count('order')).toBe(selected);
    expect(await uuids.count('order_item')).toBe(
      await count(`SELECT COUNT(*) AS n FROM sales_order_item i JOIN sales_order o ON o.entity_id = i.order_id
                    WHERE o.state IN ('complete', 'closed')`),
    );
    expect(await uuids.count('shipment')).toBe(
      await count(`SELECT COUNT(*) AS n FROM sales_shipment s JOIN sales_order o ON o.entity_id = s.order_id
                    WHERE o.state IN ('complete', 'closed')`),
    );
  });

  it('gives nothing twice, and takes the created-at window', async () => {
    const before = await uuids.find('order', ['1', '2', '3']);
    const again = await linkOrders(catalog.db, uuids, { states: ['complete', 'closed'], batchSize: 100 });
    expect(again.created).toBe(0);
    const [first] = await shopRows(
      catalog,
      "SELECT DATE_FORMAT(MIN(created_at), '%Y-%m-%d') AS d FROM sales_order",
    );
    const day = String(first!['d']);
    const window = await linkOrders(catalog.db, uuids, {
      states: [],
      from: day,
      to: `${day} 23:59:59`,
      batchSize: 100,
    });
    expect(window.orders).toBe(
      await count(
        `SELECT COUNT(*) AS n FROM sales_order WHERE created_at BETWEEN '${day}' AND '${day} 23:59:59'`,
      ),
    );
    await linkOrders(catalog.db, uuids, { states: [], batchSize: 1000 });
    expect(await uuids.count('order')).toBe(await count('SELECT COUNT(*) AS n FROM sales_order'));
    const after = await uuids.find('order', ['1', '2', '3']);
    for (const [id, uuid] of before) expect(after.get(id)).toBe(uuid);
  });
});
