/*
 * Columns as mysql2 returns them, made uniform: mysql2 gives strings for decimals and big ids, numbers for small
 * ints, Buffers for some casts. Readers normalize rows once, so assemblers see one type per column.
 */

/** A row as the driver returns it. */
export type RawRow = Readonly<Record<string, unknown>>;

/** A column as text: ids and decimals stay exact. */
export const text = (v: unknown): string =>
  typeof v === 'string'
    ? v
    : typeof v === 'number' || typeof v === 'bigint'
      ? String(v)
      : Buffer.isBuffer(v)
        ? v.toString('utf8')
        : JSON.stringify(v);

export const nullableText = (v: unknown): string | null => (v === null || v === undefined ? null : text(v));

/** A small integer column (flags, positions, store and website ids). */
export const int = (v: unknown): number => Number(v);

export const nullableInt = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** How to read each field of a row type from its raw column of the same name. */
export type RowColumns<Row> = { readonly [K in keyof Row]-?: (value: unknown) => Row[K] };

/** Raw rows as typed rows: every field of `Row` read from its column by its converter. */
export function rowsOf<Row>(raw: readonly RawRow[], columns: RowColumns<Row>): Row[] {
  const fields = Object.entries<(value: unknown) => unknown>(columns);
  return raw.map((r) => Object.fromEntries(fields.map(([name, read]) => [name, read(r[name])])) as Row);
}
