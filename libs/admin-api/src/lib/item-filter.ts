import { DELIVERY_STATE_SQL, deliveryStateOf, FEEDS, type FeedName } from '@cde/contracts';

/** A feed item's delivery state, as the grid shows and filters it (from `status`, `parked`, `is_deleted`). */
export const ITEM_STATES = ['pending', 'accepted', 'rejected', 'retrying', 'parked', 'deleted'] as const;
export type ItemState = (typeof ITEM_STATES)[number];

/** Scope fields an item may carry in its stored payload; the grid filters by those of the feed's identity. */
export const SCOPE_FIELDS = ['storeViewCode', 'websiteCode', 'customerGroupCode'] as const;
export type ScopeField = (typeof SCOPE_FIELDS)[number];

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

/** One page of the item grid: filters, and the keyset cursor (the last row id of the page before). */
export interface ItemFilter {
  readonly state?: ItemState;
  readonly scope: Readonly<Partial<Record<ScopeField, string>>>;
  /** A substring of the stored errors, e.g. a code or a receiver message. */
  readonly error?: string;
  /** modified_at bounds, ISO timestamps. */
  readonly since?: string;
  readonly until?: string;
  readonly after: number;
  readonly limit: number;
}

export type Parsed<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

const ISO = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/** The scope fields a feed's items can be filtered by: those that are part of its identity. */
export function scopeFieldsOf(feed: FeedName): ScopeField[] {
  return SCOPE_FIELDS.filter((f) => FEEDS[feed].identity.includes(f));
}

/**
 * `?state=&storeViewCode=&websiteCode=&customerGroupCode=&error=&since=&until=&after=&limit=` of the item grid.
 * Anything else is refused, so a typo never silently matches everything.
 */
export function parseItemFilter(
  feed: FeedName,
  params: Readonly<Record<string, unknown>>,
): Parsed<ItemFilter> {
  const scope: Partial<Record<ScopeField, string>> = {};
  let state: ItemState | undefined;
  let error: string | undefined;
  let since: string | undefined;
  let until: string | undefined;
  let after = 0;
  let limit = DEFAULT_PAGE_SIZE;
  for (const [name, raw] of Object.entries(params)) {
    if (typeof raw !== 'string') return { ok: false, message: `"${name}" must be given once` };
    if (raw === '') continue;
    switch (name) {
      case 'state':
        if (!(ITEM_STATES as readonly string[]).includes(raw))
          return { ok: false, message: `state must be one of ${ITEM_STATES.join(', ')}` };
        state = raw as ItemState;
        break;
      case 'error':
        if (raw.length > 200) return { ok: false, message: 'error must be at most 200 characters' };
        error = raw;
        break;
      case 'since':
      case 'until':
        if (!ISO.test(raw) || Number.isNaN(Date.parse(raw)))
          return { ok: false, message: `${name} must be an ISO date or timestamp` };
        if (name === 'since') since = raw;
        else until = raw;
        break;
      case 'after': {
        const n = Number(raw);
        if (!Number.isSafeInteger(n) || n < 0) return { ok: false, message: 'after must be an integer >= 0' };
        after = n;
        break;
      }
      case 'limit': {
        const n = Number(raw);
        if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE_SIZE)
          return { ok: false, message: `limit must be an integer from 1 to ${MAX_PAGE_SIZE}` };
        limit = n;
        break;
      }
      default:
        if (!(scopeFieldsOf(feed) as string[]).includes(name))
          return {
            ok: false,
            message: `"${name}" is not a filter of ${feed}; filter by state, ${[...scopeFieldsOf(feed), 'error', 'since', 'until', 'after', 'limit'].join(', ')}`,
          };
        scope[name as ScopeField] = raw;
    }
  }
  return { ok: true, value: { state, scope, error, since, until, after, limit } };
}

/** The SQL condition of each state; they partition the rows (deleted items count as deleted whatever their outcome). */
export const STATE_CONDITIONS: Readonly<Record<ItemState, string>> = {
  deleted: 'is_deleted = 1',
  parked: 'is_deleted = 0 AND parked = 1',
  pending: `is_deleted = 0 AND parked = 0 AND ${DELIVERY_STATE_SQL.pending}`,
  accepted: `is_deleted = 0 AND parked = 0 AND ${DELIVERY_STATE_SQL.accepted}`,
  rejected: `is_deleted = 0 AND parked = 0 AND ${DELIVERY_STATE_SQL.rejected}`,
  retrying: `is_deleted = 0 AND parked = 0 AND ${DELIVERY_STATE_SQL.retrying}`,
};

/** The state of one row, with the same rules as STATE_CONDITIONS. */
export function stateOf(row: { status: number; parked: boolean; isDeleted: boolean }): ItemState {
  if (row.isDeleted) return 'deleted';
  if (row.parked) return 'parked';
  return deliveryStateOf(row.status);
}

export interface SqlQuery {
  readonly sql: string;
  readonly params: readonly unknown[];
}

export const ITEM_COLUMNS =
  'id, feed_id, source_entity_id, modified_at, is_deleted, status, feed_data, feed_hash, sent_hash, errors, metadata, attempts, parked, produced_at, acked_at, source_commit_time';

/**
 * One page of a feed's items by keyset on the primary key: a page costs the same at row 10 and at row 1,000,000,
 * and rows added while paging never shift the pages already seen. Scope filters read the stored payload's JSON
 * (the identity values are in every item's minimal payload).
 */
export function itemPageQuery(feed: FeedName, filter: ItemFilter): SqlQuery {
  const where: string[] = ['id > ?'];
  const params: unknown[] = [filter.after];
  if (filter.state) where.push(`(${STATE_CONDITIONS[filter.state]})`);
  for (const [field, value] of Object.entries(filter.scope)) {
    where.push(`JSON_UNQUOTE(JSON_EXTRACT(feed_data, ?)) = ?`);
    params.push(`$.${field}`, value);
  }
  if (filter.error !== undefined) {
    where.push(`errors LIKE ?`);
    params.push(`%${filter.error.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  }
  if (filter.since !== undefined) {
    where.push('modified_at >= ?');
    params.push(new Date(filter.since));
  }
  if (filter.until !== undefined) {
    where.push('modified_at < ?');
    params.push(new Date(filter.until));
  }
  // One row more than asked: whether there is a next page, without a COUNT over the whole feed.
  params.push(filter.limit + 1);
  return {
    sql: `SELECT ${ITEM_COLUMNS} FROM \`${FEEDS[feed].stateTable}\` WHERE ${where.join(' AND ')} ORDER BY id LIMIT ?`,
    params,
  };
}
