import type { ResultSetHeader } from 'mysql2/promise';
import { eventually, Pipeline } from './pipeline-harness';
import { expectedScopesItems, normaliseScopesItem } from './scopes-oracle';

/**
 * The whole pipeline for the scopes feeds: Commerce DB → Debezium → scopes-feed → exporter → commerce-services.
 * After quiescence the receiver holds exactly what the database implies (I1), and it follows changes and deletes.
 */
describe('scopes pipeline end to end', () => {
  const pipeline = new Pipeline({
    feedService: 'scopes-feed',
    feeds: ['scopesWebsite', 'scopesCustomerGroup'],
    // Budgets small enough that an outage of seconds outlasts them: before the circuit breaker it parked items.
    exporterEnv: {
      CDE_EXPORT_RETRY_MAX_ATTEMPTS: '2',
      CDE_EXPORT_RETRY_BASE_MS: '100',
      CDE_EXPORT_RETRY_MAX_MS: '500',
      CDE_EXPORT_BREAKER_FAILURES: '3',
      CDE_EXPORT_BREAKER_OPEN_MS: '1000',
      CDE_EXPORT_BREAKER_MAX_OPEN_MS: '4000',
    },
    feedServiceEnv: {
      CDE_DLT_RETRY_MAX_ATTEMPTS: '2',
      CDE_DLT_RETRY_BASE_MS: '200',
      CDE_DLT_RETRY_MAX_MS: '1000',
    },
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

  it('sends an item the receiver refused as stale (409) again after the version it holds: the change arrives, nothing parked', async () => {
    const code = `${tag}_s`;
    const [w] = await shop.query<ResultSetHeader>(
      'INSERT INTO store_website (code, name, sort_order, default_group_id, is_default) VALUES (?, ?, 70, 0, 0)',
      [code, 'Stale'],
    );
    const held = async (): Promise<{ version: string; code: unknown } | undefined> => {
      const [rows] = (await shop.query(
        `SELECT version, JSON_UNQUOTE(JSON_EXTRACT(item, '$.websiteCode')) AS code
           FROM \`${pipeline.receiverDb}\`.feed_items
          WHERE feed = 'scopesWebsite' AND JSON_UNQUOTE(JSON_EXTRACT(item, '$.websiteId')) = ?`,
        [String(w.insertId)],
      )) as unknown as [{ version: string; code: unknown }[]];
      return rows[0];
    };
    expect(await eventually(async () => (await held()) !== undefined, 60_000)).toBe(true);
    await pipeline.waitSettled('scopesWebsite', 60_000);
    // The receiver holds a version an hour ahead of every clock here (stamped by a clock that ran ahead, say).
    const ahead = new Date(Date.now() + 3_600_000).toISOString();
    await shop.query(
      `UPDATE \`${pipeline.receiverDb}\`.feed_items SET version = ?
        WHERE feed = 'scopesWebsite' AND JSON_UNQUOTE(JSON_EXTRACT(item, '$.websiteId')) = ?`,
      [ahead, String(w.insertId)],
    );
    const changedAt = Date.now();
    await shop.query('UPDATE store_website SET code = ? WHERE website_id = ?', [`${code}2`, w.insertId]);
    // Real signals: the exporter logged the refusal, then the renamed item arrived with a version after the held one.
    await pipeline.exporter.waitForLine(/CDE02-19/, 60_000);
    expect(await eventually(async () => (await held())?.code === `${code}2`, 60_000)).toBe(true);
    const healedMs = Date.now() - changedAt;
    expect((await held())!.version > ahead).toBe(true);
    await pipeline.waitSettled('scopesWebsite', 60_000);
    expect(await pipeline.parkedOrRetrying('scopesWebsite')).toBe(0);
    process.stdout.write(
      `stale refusal: the change arrived after the held version ${healedMs} ms after commit\n`,
    );
  });

  it('rides out a receiver outage during changes: the feed pauses, nothing is parked, every change arrives after healing', async () => {
    await pipeline.setFaults({ errorRate: 1 });
    const outageStarted = Date.now();
    const created: number[] = [];
    try {
      // New websites, then renamed: each also changes every customer group's list of websites.
      for (let i = 0; i < 10; i++) {
        const [w] = await shop.query<ResultSetHeader>(
          'INSERT INTO store_website (code, name, sort_order, default_group_id, is_default) VALUES (?, ?, 60, 0, 0)',
          [`${tag}_o${i}`, `Outage ${i}`],
        );
        created.push(w.insertId);
      }
      for (const [i, id] of created.entries()) {
        await shop.query('UPDATE store_website SET code = ? WHERE website_id = ?', [`${tag}_r${i}`, id]);
      }
      // Real signals: the circuit opened, and a probe failed after it (the outage outlasted every retry budget).
      await pipeline.exporter.waitForLine(/CDE02-16.*the probe failed/, 60_000);
      expect(await pipeline.parkedOrRetrying('scopesWebsite')).toBe(0);
      expect(await pipeline.parkedOrRetrying('scopesCustomerGroup')).toBe(0);
    } finally {
      await pipeline.setFaults({ errorRate: 0 });
    }
    const healedAt = Date.now();
    const converged = await converge(60_000);
    const convergedMs = Date.now() - healedAt;
    expect(converged.actual).toEqual(converged.expected);
    expect(JSON.stringify(converged.actual)).toContain(`${tag}_r9`);
    expect(await pipeline.parkedOrRetrying('scopesWebsite')).toBe(0);
    expect(await pipeline.parkedOrRetrying('scopesCustomerGroup')).toBe(0);
    expect(pipeline.exporter.lines.some((l) => l.includes('CDE02-17'))).toBe(true);
    process.stdout.write(
      `receiver outage: 20 website changes, ${healedAt - outageStarted} ms down, converged ${convergedMs} ms after healing, 0 parked\n`,
    );
  });
});
