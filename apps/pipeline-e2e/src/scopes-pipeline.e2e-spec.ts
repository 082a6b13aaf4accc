import type { ResultSetHeader } from 'mysql2/promise';
import { Pipeline } from './pipeline-harness';
import { expectedScopesItems, normaliseScopesItem } from './scopes-oracle';

/**
 * The whole pipeline for the scopes feeds: Commerce DB → Debezium → scopes-feed → exporter → commerce-services.
 * After quiescence the receiver holds exactly what the database implies (I1), and it follows changes and deletes.
 */
describe('scopes pipeline end to end', () => {
  const pipeline = new Pipeline({
    feedService: 'scopes-feed',
    feeds: ['scopesWebsite', 'scopesCustomerGroup'],
  });
  const tag = pipeline.tag;
  let shop: Pipeline['shop'];

  const receiverItems = (feed: string): Promise<Record<string, unknown>[]> => pipeline.items(feed);

  /** Polls until the receiver's live items equal the oracle's, or the time is up; returns the last difference. */
  const converge = async (timeoutMs: number): Promise<{ expected: unknown; actual: unknown }> => {
    const deadline = Date.now() + timeoutMs;
    let last: { expected: unknown; actual: unknown } = { expected: null, actual: null };
    while (Date.now() < deadline) {
      const oracle = await expectedScopesItems(shop);
      const websites = (await receiverItems('scopesWebsite')).filter((i) => i['deleted'] !== true);
      const groups = (await receiverItems('scopesCustomerGroup')).filter((i) => i['deleted'] !== true);
      const byId = <T extends Record<string, unknown>>(items: T[], key: string): Record<string, unknown> =>
        Object.fromEntries(items.map((i) => [String(i[key]), normaliseScopesItem(i)]));
      last = {
        expected: {
          websites: Object.fromEntries(oracle.websites),
          groups: Object.fromEntries(oracle.groups),
        },
        actual: { websites: byId(websites, 'websiteId'), groups: byId(groups, 'customerGroupId') },
      };
      if (JSON.stringify(last.expected) === JSON.stringify(last.actual)) return last;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    return last;
  };

  beforeAll(async () => {
    await pipeline.start();
    shop = pipeline.shop;
  });

  afterAll(async () => {
    await shop.query(
      `DELETE FROM store WHERE code LIKE '${tag}%'; DELETE FROM store_group WHERE code LIKE '${tag}%'; DELETE FROM store_website WHERE code LIKE '${tag}%'`,
    );
    await pipeline.stop();
  });

  it('delivers every scopes item, equal to what the database says', async () => {
    const result = await converge(120_000);
    expect(result.actual).toEqual(result.expected);
  });

  it('follows a new website with its store views, then its deletion', async () => {
    const [w] = await shop.query<ResultSetHeader>(
      'INSERT INTO store_website (code, name, sort_order, default_group_id, is_default) VALUES (?, ?, 50, 0, 0)',
      [`${tag}_w`, 'Pipeline'],
    );
    const [g] = await shop.query<ResultSetHeader>(
      'INSERT INTO store_group (website_id, name, root_category_id, default_store_id, code) VALUES (?, ?, 2, 0, ?)',
      [w.insertId, 'Pipeline Group', `${tag}_g`],
    );
    await shop.query(
      'INSERT INTO store (code, website_id, group_id, name, sort_order, is_active) VALUES (?, ?, ?, ?, 0, 1)',
      [`${tag}_v`, w.insertId, g.insertId, 'Pipeline View'],
    );
    const added = await converge(60_000);
    expect(added.actual).toEqual(added.expected);
    expect(JSON.stringify(added.actual)).toContain(`${tag}_v`);

    await shop.query(
      `DELETE FROM store WHERE code LIKE '${tag}%'; DELETE FROM store_group WHERE code LIKE '${tag}%'; DELETE FROM store_website WHERE code LIKE '${tag}%'`,
    );
    const removed = await converge(60_000);
    expect(removed.actual).toEqual(removed.expected);
    const deleted = (await receiverItems('scopesWebsite')).filter(
      (i) => i['websiteId'] === String(w.insertId),
    );
    expect(deleted).toEqual([expect.objectContaining({ deleted: true })]);
  });
});
