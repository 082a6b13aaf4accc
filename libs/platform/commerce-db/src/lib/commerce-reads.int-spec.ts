import { connectCommerceDbAsShop, loadRuntimeConfig, scratchDatabaseName } from '@cde/testing/runtime';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { CommerceDb } from './commerce-db';
import { keyset, pageKeyset } from './keyset';
import { IN_CHUNK, queryByIds, queryIds, unlessMissingTable } from './sql';

/*
 * The helpers need more ids than the Magento dumps have products (IN_CHUNK and beyond), so this spec fills a table
 * of its own; the Magento reads built on them run against the real dump in @cde/platform/magento.
 */
const ROWS = IN_CHUNK * 2 + 500;

describe('reads by ids and keyset listings, on MariaDB', () => {
  const database = scratchDatabaseName('commerce_reads');
  let shop: Connection;
  let db: CommerceDb;

  beforeAll(async () => {
    shop = await connectCommerceDbAsShop({ database: null, multipleStatements: true });
    await shop.query(
      `CREATE DATABASE \`${database}\`; USE \`${database}\`;
       CREATE TABLE entity (entity_id INT UNSIGNED PRIMARY KEY, parent_id INT UNSIGNED NOT NULL);
       INSERT INTO entity (entity_id, parent_id) SELECT seq * 2, seq MOD 7 FROM seq_1_to_${ROWS};`,
    );
    const { commerceDb } = loadRuntimeConfig();
    db = CommerceDb.connect({ ...commerceDb, user: 'root', password: '', database, poolSize: 2 });
  });

  afterAll(async () => {
    await db.close();
    await shop.query(`DROP DATABASE IF EXISTS \`${database}\``);
    await shop.end();
  });

  it('queryByIds reads every chunk of ids, once per distinct id, with the parameters after the ids', async () => {
    const even = Array.from({ length: ROWS }, (_, i) => String((i + 1) * 2));
    const wanted = [...even, ...even.slice(0, 10), '1', '3', 'x'];
    const rows = await queryByIds<{ entity_id: number }>(
      db,
      'SELECT entity_id FROM entity WHERE entity_id IN (?) AND parent_id >= ? ORDER BY entity_id',
      wanted,
      [0],
    );
    expect(rows.map((r) => String(r.entity_id))).toEqual(even);
    expect(await queryByIds(db, 'SELECT entity_id FROM entity WHERE entity_id IN (?)', [])).toEqual([]);
  });

  it('queryIds gives the distinct ids a lookup finds', async () => {
    const parents = await queryIds(
      db,
      'SELECT parent_id AS id FROM entity WHERE entity_id IN (?)',
      Array.from({ length: 50 }, (_, i) => (i + 1) * 2),
    );
    expect(parents.sort()).toEqual(['0', '1', '2', '3', '4', '5', '6']);
  });

  it('pageKeyset walks a listing page by page and resumes after any id', async () => {
    const listing = keyset(
      'SELECT entity_id AS id FROM entity WHERE parent_id = ? AND entity_id > ? ORDER BY entity_id LIMIT ?',
      [3],
    );
    const walked: string[] = [];
    for (let after: string | null = null; ;) {
      const page = await pageKeyset(db, listing, after, 100);
      walked.push(...page);
      if (page.length < 100) break;
      after = page[page.length - 1] ?? null;
    }
    const [expected] = await shop.query<RowDataPacket[]>(
      'SELECT COUNT(*) AS n FROM entity WHERE parent_id = 3',
    );
    expect(walked).toHaveLength(Number(expected[0]?.['n']));
    expect(new Set(walked).size).toBe(walked.length);
    expect(await pageKeyset(db, listing, walked[9] ?? null, 2)).toEqual(walked.slice(10, 12));
    // A cursor that is not an id starts before every id.
    expect(await pageKeyset(db, listing, 'start', 2)).toEqual(walked.slice(0, 2));
  });

  it('reads a table the schema lacks as empty, and fails on any other error', async () => {
    await expect(
      unlessMissingTable(db.query('SELECT * FROM magento_catalogpermissions'), []),
    ).resolves.toEqual([]);
    await expect(unlessMissingTable(db.query('SELECT no_such_column FROM entity'), [])).rejects.toThrow(
      /no_such_column/,
    );
  });
});
