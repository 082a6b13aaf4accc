/*
 * Columns as mysql2 returns them, made uniform: mysql2 gives strings for decimals and big ids, numbers for small
 * ints, Buffers for some casts. Readers type rows once, by naming each column's kind, so assemblers see one type
 * per column.
 */

/** A row as the driver returns it. */
export type RawRow = Readonly<Record<string, unknown>>;

/** How a column is read: text (ids and decimals stay exact), a small integer, or either of them nullable. */
export type ColumnKind = 'text' | 'text?' | 'int' | 'int?';

type KindOf<T> = [T] extends [string]
  ? 'text'
  : [T] extends [number]
    ? 'int'
    : [T] extends [string | null]
      ? 'text?'
      : [T] extends [number | null]
        ? 'int?'
        : never;

/** The kind of every field of a row type, by column name: `{ option_id: 'text', store_id: 'int' }`. */
export type RowColumns<Row> = { readonly [K in keyof Row]-?: KindOf<Row[K]> };

const text = (v: unknown): string =>
  typeof v === 'string'
    ? v
    : typeof v === 'number' || typeof v === 'bigint'
      ? String(v)
      : Buffer.isBuffer(v)
        ? v.toString('utf8')
        : JSON.stringify(v);

const READERS: Readonly<Record<ColumnKind, (v: unknown) => string | number | null>> = {
  text,
  'text?': (v) => (v === null || v === undefined ? null : text(v)),
  int: (v) => Number(v),
  'int?': (v) => (v === null || v === undefined ? null : Number(v)),
};

/** Raw rows as typed rows: every field of `Row` read from its column as its kind says. */
export function rowsOf<Row>(raw: readonly RawRow[], columns: RowColumns<Row>): Row[] {
  const fields = Object.entries(columns as Readonly<Record<string, ColumnKind>>).map(
    ([name, kind]) => [name, READERS[kind]] as const,
  );
  return raw.map((r) => Object.fromEntries(fields.map(([name, read]) => [name, read(r[name])])) as Row);
}
