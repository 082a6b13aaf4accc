import type { CommerceDb, SqlParam } from './commerce-db';

/**
 * A keyset listing of entity ids as data, so it can be stored and resumed: `sql` selects the ids as `id` and
 * ends with `… > ? ORDER BY … LIMIT ?`; `params` fill its placeholders before those two.
 */
export interface KeysetQuery {
  readonly sql: string;
  readonly params: readonly SqlParam[];
}

/** A keyset listing: `sql` selects `id` and ends with `… > ? ORDER BY … LIMIT ?`, after its own `params`. */
export function keyset(sql: string, params: readonly SqlParam[] = []): KeysetQuery {
  return { sql, params };
}

/** One page of a keyset listing: the ids after `after` (anything not an id starts before every id). */
export async function pageKeyset(
  db: CommerceDb,
  query: KeysetQuery,
  after: string | null,
  limit: number,
): Promise<string[]> {
  const rows = await db.query<{ id: string | number }>(query.sql, [
    ...query.params,
    after !== null && /^\d+$/.test(after) ? after : '0',
    limit,
  ]);
  return rows.map((r) => String(r.id));
}

/** How many ids a keyset listing walks from the start: the total of a full sync's progress and ETA. */
export async function countKeyset(db: CommerceDb, query: KeysetQuery): Promise<number> {
  const [row] = await db.query<{ n: string | number }>(
    `SELECT COUNT(*) AS n FROM (${query.sql}) AS listing`,
    [...query.params, '0', Number.MAX_SAFE_INTEGER],
  );
  return Number(row?.n ?? 0);
}
