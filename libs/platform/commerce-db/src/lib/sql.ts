import type { CommerceDb, SqlParam } from './commerce-db';
import { rowsOf, type RawRow, type RowColumns } from './row-columns';

/** Ids per `IN (…)` query: large enough to batch, short enough for the server's packet and the planner. */
export const IN_CHUNK = 1000;

/** Runs `sql` (with one `IN (?)` placeholder as its first parameter) per chunk of ids and concatenates the rows. */
export async function queryByIds<Row extends object>(
  db: CommerceDb,
  sql: string,
  ids: readonly (string | number)[],
  params: readonly SqlParam[] = [],
): Promise<Row[]> {
  const out: Row[] = [];
  for (const chunk of idChunks(ids)) out.push(...(await db.query<Row>(sql, [chunk, ...params])));
  return out;
}

/** `queryByIds` with each row typed by its columns' kinds (see rowsOf). */
export async function queryRows<Row>(
  db: CommerceDb,
  sql: string,
  ids: readonly (string | number)[],
  columns: RowColumns<Row>,
  params: readonly SqlParam[] = [],
): Promise<Row[]> {
  return rowsOf(await queryByIds<RawRow>(db, sql, ids, params), columns);
}

/** The distinct ids a lookup by ids gives: `sql` selects them as `id`, with its `IN (?)` first (see queryByIds). */
export async function queryIds(
  db: CommerceDb,
  sql: string,
  ids: readonly (string | number)[],
  params: readonly SqlParam[] = [],
): Promise<string[]> {
  const rows = await queryByIds<{ id: string | number }>(db, sql, ids, params);
  return [...new Set(rows.map((r) => String(r.id)))];
}

/** The distinct ids as strings, in chunks of IN_CHUNK (none for no ids). */
export function idChunks(ids: readonly (string | number)[]): string[][] {
  const unique = [...new Set(ids.map(String))];
  const out: string[][] = [];
  for (let i = 0; i < unique.length; i += IN_CHUNK) out.push(unique.slice(i, i + IN_CHUNK));
  return out;
}

/** True for MySQL/MariaDB's "table doesn't exist" (a schema without that table, e.g. no EE tables). */
export function isMissingTable(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'ER_NO_SUCH_TABLE';
}

/** The rows of a query on a table the schema may lack (Adobe Commerce or MSI only): `absent` without the table. */
export async function unlessMissingTable<T>(query: Promise<T>, absent: T): Promise<T> {
  try {
    return await query;
  } catch (error) {
    if (isMissingTable(error)) return absent;
    throw error;
  }
}
