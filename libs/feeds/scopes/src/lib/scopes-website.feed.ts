import type { ResyncIdType } from '@cde/contracts';
import { defineFeed, type FeedReader } from '@cde/feed-engine';
import { idsOf, type ChangeEvent } from '@cde/platform/cdc';
import { keyset, countKeyset, pageKeyset, queryByIds, type CommerceDb } from '@cde/platform/commerce-db';
import {
  assembleScopesWebsiteItem,
  type StoreGroupRow,
  type StoreViewRow,
  type WebsiteRow,
} from './assemble-scopes-website-item';

/** Website ids a change of store / store_group / store_website touches: before and after (a store can move). */
const websiteIdsOf = (event: ChangeEvent): string[] => idsOf(event, 'website_id');

const WEBSITE_IDS = keyset(
  'SELECT website_id AS id FROM store_website WHERE website_id > ? ORDER BY website_id LIMIT ?',
);

class ScopesWebsiteReader implements FeedReader {
  constructor(private readonly db: CommerceDb) {}

  listEntityIds(after: string, limit: number): Promise<string[]> {
    return pageKeyset(this.db, WEBSITE_IDS, after, limit);
  }

  countEntities(): Promise<number> {
    return countKeyset(this.db, WEBSITE_IDS);
  }

  async collect(
    ids: readonly string[],
  ): Promise<{ sourceEntityId: string; item: Readonly<Record<string, unknown>> }[]> {
    const wanted = ids.filter((id) => id !== '0');
    if (wanted.length === 0) return [];
    const [websites, groups, views] = await Promise.all([
      queryByIds<WebsiteRow>(
        this.db,
        'SELECT website_id, code FROM store_website WHERE website_id IN (?) ORDER BY website_id',
        wanted,
      ),
      queryByIds<StoreGroupRow>(
        this.db,
        'SELECT group_id, website_id, code FROM store_group WHERE website_id IN (?) ORDER BY group_id',
        wanted,
      ),
      queryByIds<StoreViewRow>(
        this.db,
        'SELECT store_id, group_id, website_id, code FROM store WHERE website_id IN (?) ORDER BY store_id',
        wanted,
      ),
    ]);
    return websites.map((w) => ({
      sourceEntityId: String(w.website_id),
      item: { ...assembleScopesWebsiteItem(w, groups, views) },
    }));
  }

  async resolveIds(
    values: readonly string[],
    idType: ResyncIdType,
  ): Promise<{ ids: string[]; unknown: string[] }> {
    // Websites are named by id (`--id-type=id`/`productId`) or by code (the default, like a SKU is for products).
    const byCode = idType === 'sku';
    const rows = await this.db.query<{ website_id: string; code: string }>(
      `SELECT website_id, code FROM store_website WHERE website_id > 0 AND ${byCode ? 'code' : 'website_id'} IN (?)`,
      [values],
    );
    const found = new Set(rows.map((r) => (byCode ? r.code : String(r.website_id))));
    return { ids: rows.map((r) => String(r.website_id)), unknown: values.filter((v) => !found.has(v)) };
  }
}

/** scopesWebsite: one item per website (admin excluded) with its store groups and store views. */
export const SCOPES_WEBSITE_FEED = defineFeed({
  feed: 'scopesWebsite',
  minimalPayload: ['websiteId', 'websiteCode', 'updatedAt'],
  timestampField: 'updatedAt',
  hash: { unorderedArrays: ['stores', 'stores[].storeViews'] },
  connect: (db) => ({ reader: new ScopesWebsiteReader(db), changes: undefined }),
  sources: { store_website: websiteIdsOf, store_group: websiteIdsOf, store: websiteIdsOf },
});
