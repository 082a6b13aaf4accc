import type { FeedReader } from '@cde/feed-engine';
import type { CommerceDb, SqlParam } from '@cde/platform/commerce-db';

/** Pages per walk at most: 100 M ids at 10 000 a page, so a walk always ends. */
export const MAX_PAGES = 10_000;

/** Ids per page when a change reaches every entity of a feed. */
export const ALL_IDS_PAGE = 10_000;

/**
 * One keyset page: `sql` selects the ids as `id` and ends with `… > ? ORDER BY … LIMIT ?`, after its own `params`.
 * The cursor is an id the previous page ended with, anything else starts before every id.
 */
export async function idsAfter(
  db: CommerceDb,
  sql: string,
  after: string,
  limit: number,
  params: readonly SqlParam[] = [],
): Promise<string[]> {
  const rows = await db.query<{ id: string | number }>(sql, [
    ...params,
    /^\d+$/.test(after) ? after : '0',
    limit,
  ]);
  return rows.map((r) => String(r.id));
}

/** Every id of a keyset listing, page after page, for changes that reach all of them. */
export async function everyId(
  page: (after: string, limit: number) => Promise<string[]>,
  pageSize: number,
): Promise<string[]> {
  const out: string[] = [];
  let after = '0';
  for (let n = 0; n < MAX_PAGES; n++) {
    const ids = await page(after, pageSize);
    out.push(...ids);
    const last = ids.at(-1);
    if (ids.length < pageSize || last === undefined) break;
    after = last;
  }
  return out;
}

/** Every entity id the reader lists, for changes that reach every item of its feed. */
export function allListedIds(reader: Pick<FeedReader, 'listEntityIds'>): Promise<string[]> {
  return everyId((after, limit) => reader.listEntityIds(after, limit), ALL_IDS_PAGE);
}

/** Product ids after `after`, ascending: the keyset over catalog_product_entity. */
export function listProductIds(db: CommerceDb, after: string, limit: number): Promise<string[]> {
  return idsAfter(
    db,
    'SELECT entity_id AS id FROM catalog_product_entity WHERE entity_id > ? ORDER BY entity_id LIMIT ?',
    after,
    limit,
  );
}
