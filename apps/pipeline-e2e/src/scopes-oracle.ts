import { createHash } from 'node:crypto';
import type { Connection, RowDataPacket } from 'mysql2/promise';

/** The scopes items the Commerce DB implies, built with plain SQL, for comparison with the receiver. */
export async function expectedScopesItems(
  db: Connection,
): Promise<{ websites: Map<string, unknown>; groups: Map<string, unknown> }> {
  const [websites] = await db.query<RowDataPacket[]>(
    'SELECT website_id, code FROM store_website WHERE website_id > 0',
  );
  const [groups] = await db.query<RowDataPacket[]>(
    'SELECT group_id, website_id, code FROM store_group WHERE group_id > 0 ORDER BY group_id',
  );
  const [views] = await db.query<RowDataPacket[]>(
    'SELECT store_id, group_id, code FROM store WHERE store_id > 0 ORDER BY store_id',
  );
  const [customerGroups] = await db.query<RowDataPacket[]>('SELECT customer_group_id FROM customer_group');
  const [excluded] = await db.query<RowDataPacket[]>(
    'SELECT customer_group_id, website_id FROM customer_group_excluded_website',
  );

  const websiteItems = new Map<string, unknown>();
  for (const w of websites) {
    websiteItems.set(String(w['website_id']), {
      websiteId: String(w['website_id']),
      websiteCode: String(w['code']),
      stores: groups
        .filter((g) => String(g['website_id']) === String(w['website_id']))
        .map((g) => ({
          storeId: String(g['group_id']),
          storeCode: String(g['code']),
          storeViews: views
            .filter((v) => String(v['group_id']) === String(g['group_id']))
            .map((v) => ({ storeViewId: String(v['store_id']), storeViewCode: String(v['code']) }))
            .sort((a, b) => a.storeViewId.localeCompare(b.storeViewId)),
        }))
        .sort((a, b) => a.storeId.localeCompare(b.storeId)),
      deleted: false,
    });
  }
  const groupItems = new Map<string, unknown>();
  for (const g of customerGroups) {
    const id = String(g['customer_group_id']);
    const out = new Set(
      excluded.filter((e) => String(e['customer_group_id']) === id).map((e) => String(e['website_id'])),
    );
    groupItems.set(id, {
      customerGroupId: id,
      customerGroupCode: createHash('sha1').update(id).digest('hex'),
      websites: websites
        .filter((w) => !out.has(String(w['website_id'])))
        .map((w) => String(w['code']))
        .sort(),
      deleted: false,
    });
  }
  return { websites: websiteItems, groups: groupItems };
}

/** An item as the receiver holds it, normalised for comparison: no timestamp, unordered lists sorted. */
export function normaliseScopesItem(item: Record<string, unknown>): unknown {
  const { updatedAt: _updatedAt, modifiedAt: _modifiedAt, ...rest } = item;
  if (Array.isArray(rest['stores'])) {
    rest['stores'] = (rest['stores'] as { storeId: string; storeViews: { storeViewId: string }[] }[])
      .map((s) => ({
        ...s,
        storeViews: [...s.storeViews].sort((a, b) => a.storeViewId.localeCompare(b.storeViewId)),
      }))
      .sort((a, b) => a.storeId.localeCompare(b.storeId));
  }
  if (Array.isArray(rest['websites'])) rest['websites'] = [...(rest['websites'] as string[])].sort();
  return rest;
}
