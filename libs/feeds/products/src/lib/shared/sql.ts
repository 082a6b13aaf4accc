import type { CommerceDb, SqlParam } from '@cde/platform/commerce-db';

/** Ids per `IN (…)` list: long enough to batch, short enough for the server's packet and the planner. */
export const IN_CHUNK = 1000;

/** Runs `sql` (with one `IN (?)` placeholder as its first parameter) per chunk of ids and concatenates the rows. */
export async function queryByIds<Row extends object>(
  db: CommerceDb,
  sql: string,
  ids: readonly (string | number)[],
  params: readonly SqlParam[] = [],
): Promise<Row[]> {
  const unique = [...new Set(ids.map(String))];
  if (unique.length === 0) return [];
  const out: Row[] = [];
  for (let i = 0; i < unique.length; i += IN_CHUNK) {
    out.push(...(await db.query<Row>(sql, [unique.slice(i, i + IN_CHUNK), ...params])));
  }
  return out;
}

/** Groups rows by a key: the assemblers look rows up per entity without scanning. */
export function groupBy<Row, Key>(rows: readonly Row[], key: (row: Row) => Key): Map<Key, Row[]> {
  const map = new Map<Key, Row[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
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
