/**
 * Groups rows by a key, in row order: assemblers look rows up per entity without scanning. Pure, so assemblers
 * may use it (the SQL helpers live in @cde/platform/commerce-db, which assemblers do not import).
 */
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
