import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { RowDataPacket } from 'mysql2/promise';
import { magentoDumpPath } from '@cde/testing/commerce-db';
import { connectCommerceDbAsShop, loadRuntimeConfig, scratchDatabaseName } from '@cde/testing/runtime';

/** The seed command `./dev up` runs for CDE_SEED=<dump path>, on both real Magento databases. */
describe('seed command with a Magento dump', () => {
  const root = path.resolve(__dirname, '../..');
  const seed = (args: string[]): { status: number | null; out: string } => {
    const { commerceDb } = loadRuntimeConfig();
    const r = spawnSync(
      path.join(root, 'node_modules/.bin/tsx'),
      ['tools/commerce-db/seed.ts', ...args, '--port', String(commerceDb.port)],
      {
        cwd: root,
        encoding: 'utf8',
        timeout: 240_000,
      },
    );
    return { status: r.status, out: `${r.stdout}${r.stderr}` };
  };

  it.each([
    ['2.4.8', 23, 'Lançamentos'],
    ['2.4.5-p1', 17, null],
  ] as const)(
    'loads the %s dump as is (%i products), UTF-8 intact, and keeps it on a second run',
    async (version, products, categoryName) => {
      const database = scratchDatabaseName('seed_dump');
      const db = await connectCommerceDbAsShop({ database: null });
      try {
        const first = seed([magentoDumpPath(version), '--database', database]);
        expect(first.out).toContain(`ready with ${products} products`);
        expect(first.status).toBe(0);

        const [count] = await db.query<RowDataPacket[]>(
          `SELECT COUNT(*) AS n FROM \`${database}\`.catalog_product_entity`,
        );
        expect(Number(count[0]!['n'])).toBe(products);
        const [collations] = await db.query<RowDataPacket[]>(
          'SELECT DISTINCT table_collation AS c FROM information_schema.tables WHERE table_schema = ? AND table_type = ?',
          [database, 'BASE TABLE'],
        );
        expect(collations.map((r) => String(r['c'])).every((c) => c.startsWith('utf8'))).toBe(true);
        if (categoryName) {
          const [names] = await db.query<RowDataPacket[]>(
            `SELECT v.value FROM \`${database}\`.catalog_category_entity_varchar v WHERE v.value = ? COLLATE utf8mb4_bin`,
            [categoryName],
          );
          // Accent-exact (the table collation is accent-insensitive): the bytes survived the load.
          expect(names.map((r) => String(r['value']))).toEqual([categoryName]);
        }

        const again = seed([magentoDumpPath(version), '--database', database]);
        expect(again.status).toBe(0);
        expect(again.out).toContain('already holds a catalog');
      } finally {
        await db.query(`DROP DATABASE IF EXISTS \`${database}\``);
        await db.end();
      }
    },
  );

  it('refuses a seed that is neither a profile nor a file, with a clear message', () => {
    const r = seed(['tiny', '--database', 'scratch_never_created']);
    expect(r.status).toBe(1);
    expect(r.out).toContain(
      'neither a profile (small, medium, large, extra_large, none) nor a readable file',
    );
  });
});
