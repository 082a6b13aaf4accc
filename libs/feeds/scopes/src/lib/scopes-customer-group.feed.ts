import { customerGroupCode, type ResyncIdType } from '@cde/contracts';
import { defineFeed, type FeedReader } from '@cde/feed-engine';
import { valuesOf, type ChangeEvent } from '@cde/platform/cdc';
import { queryByIds, type CommerceDb } from '@cde/platform/commerce-db';
import { groupBy, readWebsites } from '@cde/platform/magento';
import { assembleScopesCustomerGroupItem } from './assemble-scopes-customer-group-item';

/** Customer group ids of the row before and after; 0 (NOT LOGGED IN) is a real group. */
const groupIdsOf = (event: ChangeEvent): string[] => valuesOf(event, 'customer_group_id');

class ScopesCustomerGroupReader implements FeedReader {
  constructor(private readonly db: CommerceDb) {}

  async listEntityIds(after: string, limit: number): Promise<string[]> {
    // Group 0 (NOT LOGGED IN) is a real group: start below it on the first page.
    const rows = await this.db.query<{ customer_group_id: string }>(
      'SELECT customer_group_id FROM customer_group WHERE customer_group_id > ? ORDER BY customer_group_id LIMIT ?',
      [after === '0' ? -1 : Number(after), limit],
    );
    return rows.map((r) => String(r.customer_group_id));
  }

  async countEntities(): Promise<number> {
    const [row] = await this.db.query<{ n: string | number }>('SELECT COUNT(*) AS n FROM customer_group');
    return Number(row?.n ?? 0);
  }

  async collect(
    ids: readonly string[],
  ): Promise<{ sourceEntityId: string; item: Readonly<Record<string, unknown>> }[]> {
    if (ids.length === 0) return [];
    const [groups, websites, excluded] = await Promise.all([
      queryByIds<{ customer_group_id: string }>(
        this.db,
        'SELECT customer_group_id FROM customer_group WHERE customer_group_id IN (?) ORDER BY customer_group_id',
        ids,
      ),
      readWebsites(this.db),
      queryByIds<{ customer_group_id: string; website_id: string }>(
        this.db,
        'SELECT customer_group_id, website_id FROM customer_group_excluded_website WHERE customer_group_id IN (?)',
        ids,
      ),
    ]);
    const sold = websites.filter((w) => Number(w.website_id) > 0);
    const excludedOf = groupBy(excluded, (e) => String(e.customer_group_id));
    return groups.map((g) => ({
      sourceEntityId: String(g.customer_group_id),
      item: {
        ...assembleScopesCustomerGroupItem(
          g,
          sold,
          (excludedOf.get(String(g.customer_group_id)) ?? []).map((e) => e.website_id),
        ),
      },
    }));
  }

  async resolveIds(
    values: readonly string[],
    idType: ResyncIdType,
  ): Promise<{ ids: string[]; unknown: string[] }> {
    // By id, or (default) by customerGroupCode, the sha1 the SaaS knows the group by.
    const rows = await this.db.query<{ customer_group_id: string }>(
      'SELECT customer_group_id FROM customer_group',
    );
    const all = rows.map((r) => String(r.customer_group_id));
    const key = (id: string): string => (idType === 'sku' ? customerGroupCode(id) : id);
    const ids = all.filter((id) => values.includes(key(id)));
    const found = new Set(ids.map(key));
    return { ids, unknown: values.filter((v) => !found.has(v)) };
  }
}

/** scopesCustomerGroup: one item per customer group with the websites it is not excluded from. */
export const SCOPES_CUSTOMER_GROUP_FEED = defineFeed({
  feed: 'scopesCustomerGroup',
  minimalPayload: ['customerGroupId', 'customerGroupCode', 'updatedAt'],
  timestampField: 'updatedAt',
  hash: { unorderedArrays: ['websites'] },
  connect: (db) => ({ reader: new ScopesCustomerGroupReader(db), changes: db }),
  sources: {
    customer_group: groupIdsOf,
    customer_group_excluded_website: groupIdsOf,
    // A new or renamed website changes every group's website list (a few dozen groups at most).
    store_website: async (_event, db) =>
      (await db.query<{ id: string }>('SELECT customer_group_id AS id FROM customer_group')).map((r) =>
        String(r.id),
      ),
  },
});
