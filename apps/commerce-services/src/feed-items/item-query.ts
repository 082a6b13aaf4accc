import { FEEDS, type FeedName } from '@cde/contracts';
import type { ItemQuery } from './feed-items.repository';

export const DEFAULT_ITEMS_LIMIT = 100;
export const MAX_ITEMS_LIMIT = 1_000;

export type ParsedItemQuery =
  { readonly ok: true; readonly query: ItemQuery } | { readonly ok: false; readonly message: string };

/**
 * `?<identity field>=…&deleted=true|false&limit=&offset=` of `GET /api/feeds/{feed}/items`. Only identity fields
 * filter (exactly); anything else is refused, so a typo cannot silently match everything.
 */
export function parseItemQuery(feed: FeedName, params: Readonly<Record<string, unknown>>): ParsedItemQuery {
  const identity: Record<string, string> = {};
  let deleted: boolean | undefined;
  let limit = DEFAULT_ITEMS_LIMIT;
  let offset = 0;
  for (const [name, value] of Object.entries(params)) {
    if (typeof value !== 'string') return { ok: false, message: `"${name}" must be given once` };
    switch (name) {
      case 'deleted':
        if (value !== 'true' && value !== 'false')
          return { ok: false, message: 'deleted must be true or false' };
        deleted = value === 'true';
        break;
      case 'limit': {
        const n = Number(value);
        if (!Number.isInteger(n) || n < 1 || n > MAX_ITEMS_LIMIT)
          return { ok: false, message: `limit must be an integer from 1 to ${MAX_ITEMS_LIMIT}` };
        limit = n;
        break;
      }
      case 'offset': {
        const n = Number(value);
        if (!Number.isInteger(n) || n < 0) return { ok: false, message: 'offset must be an integer >= 0' };
        offset = n;
        break;
      }
      default:
        if (!FEEDS[feed].identity.includes(name))
          return {
            ok: false,
            message: `"${name}" is not a filter of ${feed}; filter by ${FEEDS[feed].identity.join(', ')}, deleted, limit, offset`,
          };
        if (value === '') return { ok: false, message: `"${name}" must not be empty` };
        identity[name] = value;
    }
  }
  return { ok: true, query: { identity, deleted, limit, offset } };
}
