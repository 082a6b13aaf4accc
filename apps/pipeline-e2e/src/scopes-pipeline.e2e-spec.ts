import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { request } from 'undici';
import type { Connection, ResultSetHeader } from 'mysql2/promise';
import {
  connectCommerceDbAsShop,
  scratchDatabaseName,
  startService,
  uniqueName,
  type ServiceProcess,
} from '@cde/testing/runtime';
import { expectedScopesItems, normaliseScopesItem } from './scopes-oracle';

/**
 * The whole pipeline for the scopes feeds: Commerce DB → Debezium → scopes-feed → exporter → commerce-services.
 * After quiescence the receiver holds exactly what the database implies (I1), and it follows changes and deletes.
 */
describe('scopes pipeline end to end', () => {
  const port = 18090 + Math.floor(Math.random() * 500);
  const base = `http://127.0.0.1:${port}`;
  const stateDb = scratchDatabaseName('pipeline_state');
  const receiverDb = scratchDatabaseName('pipeline_receiver');
  const tag = uniqueName('pipe').replace('-', '_');
  const keysDir = mkdtempSync(path.join(tmpdir(), 'cde-pipeline-'));
  const apiKey = randomBytes(16).toString('hex');
  let shop: Connection;
  const services: ServiceProcess[] = [];

  const receiverItems = async (feed: string): Promise<Record<string, unknown>[]> => {
    const res = await request(`${base}/api/feeds/${feed}/items?limit=1000`, {
      headers: { 'x-api-key': apiKey },
    });
    const body = (await res.body.json()) as { items: Record<string, unknown>[] };
    if (res.statusCode !== 200) throw new Error(`read API answered ${res.statusCode}`);
    return body.items;
  };

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
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    writeFileSync(path.join(keysDir, 'private.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
    writeFileSync(path.join(keysDir, 'public.pem'), publicKey.export({ type: 'spki', format: 'pem' }));
    shop = await connectCommerceDbAsShop({ multipleStatements: true });
    await shop.query(`CREATE DATABASE \`${stateDb}\`; CREATE DATABASE \`${receiverDb}\``);

    const receiver = startService('commerce-services', {
      CDE_RECEIVER_PORT: String(port),
      CDE_RECEIVER_API_KEY: apiKey,
      CDE_RECEIVER_PUBLIC_KEY_FILE: path.join(keysDir, 'public.pem'),
      CDE_RECEIVER_ENVIRONMENT_ID: 'pipeline',
      CDE_RECEIVER_DB_USER: 'root',
      CDE_RECEIVER_DB_PASSWORD: '',
      CDE_RECEIVER_DB_NAME: receiverDb,
      CDE_RECEIVER_RATE_LIMIT: '0',
    });
    services.push(receiver);
    const deadline = Date.now() + 60_000;
    for (;;) {
      const ok = await request(`${base}/health`).then(
        (r) => (r.body.dump(), r.statusCode === 200),
        () => false,
      );
      if (ok) break;
      if (Date.now() > deadline)
        throw new Error(`receiver not healthy:\n${receiver.lines.slice(-10).join('\n')}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const feedState = { CDE_FEED_DB_NAME: stateDb, CDE_FEED_DB_USER: 'root', CDE_FEED_DB_PASSWORD: '' };
    services.push(
      startService('scopes-feed', {
        ...feedState,
        CDE_CONSUMER_GROUP: `${tag}-scopes`,
        CDE_LEGACY_SEND_INTERVAL_MS: '500',
      }),
      startService('exporter', {
        ...feedState,
        CDE_CONSUMER_GROUP: `${tag}-exporter`,
        EXPORT_FEEDS: 'scopesWebsite,scopesCustomerGroup',
        CDE_EXPORT_BASE_URL: base,
        CDE_EXPORT_ENVIRONMENT_ID: 'pipeline',
        CDE_EXPORT_API_KEY: apiKey,
        CDE_EXPORT_PRIVATE_KEY_FILE: path.join(keysDir, 'private.pem'),
        CDE_EXPORTER_METRICS_PORT: String(port + 1),
      }),
    );
    for (const s of services.slice(1)) await s.waitForLine(/joined the consumer group/, 60_000);
  });

  afterAll(async () => {
    for (const s of services.reverse()) await s.stop();
    await shop.query(
      `DELETE FROM store WHERE code LIKE '${tag}%'; DELETE FROM store_group WHERE code LIKE '${tag}%'; DELETE FROM store_website WHERE code LIKE '${tag}%'`,
    );
    await shop.query(`DROP DATABASE IF EXISTS \`${stateDb}\`; DROP DATABASE IF EXISTS \`${receiverDb}\``);
    await shop.end();
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
