import type { Connection, RowDataPacket } from 'mysql2/promise';
import {
  createCommerceSchema,
  generateCommerceData,
  PROFILES,
  productCount,
  type ProfileName,
} from '@cde/testing/commerce-db';

/**
 * A generated catalog of a profile in its own database (`bench_<profile>` unless named), reused when it already
 * holds the profile's product count and `reuse` is set, generated afresh otherwise.
 */
export async function prepareCatalog(
  connection: Connection,
  profile: ProfileName,
  options: { readonly database?: string; readonly reuse: boolean },
): Promise<{ database: string; origin: 'reused' | 'generated' }> {
  const database = options.database ?? `bench_${profile}`;
  if (!/^[a-z0-9_]+$/.test(database)) throw new Error(`invalid database name "${database}"`);
  if (options.reuse && (await productsIn(connection, database)) === productCount(PROFILES[profile]))
    return { database, origin: 'reused' };
  await connection.query(`DROP DATABASE IF EXISTS \`${database}\``);
  await createCommerceSchema(connection, database);
  await connection.query(`USE \`${database}\``);
  await generateCommerceData(connection, { profile: PROFILES[profile] });
  return { database, origin: 'generated' };
}

async function productsIn(connection: Connection, database: string): Promise<number | undefined> {
  const [tables] = await connection.query<RowDataPacket[]>(
    'SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = ? AND table_name = ?',
    [database, 'catalog_product_entity'],
  );
  if (Number(tables[0]?.['n']) !== 1) return undefined;
  const [count] = await connection.query<RowDataPacket[]>(
    `SELECT COUNT(*) AS n FROM \`${database}\`.catalog_product_entity`,
  );
  return Number(count[0]?.['n']);
}
