import type { CommerceDb } from '@cde/platform/commerce-db';

/** A row of `store_website`. */
export interface WebsiteRow {
  readonly website_id: number | string;
  readonly code: string;
}

/** A row of `store` joined with its group and website. */
export interface StoreViewRow {
  readonly store_id: number | string;
  readonly store_code: string;
  readonly is_active: number | string;
  readonly group_id: number | string;
  readonly group_code: string;
  readonly root_category_id: number | string;
  readonly website_id: number | string;
  readonly website_code: string;
}

/** One store view with the codes every catalog item carries (storeViewCode, storeCode, websiteCode). */
export interface StoreView {
  readonly storeId: number;
  readonly storeViewCode: string;
  /** The store group's code (the original's `storeCode`). */
  readonly storeCode: string;
  readonly groupId: number;
  readonly websiteId: number;
  readonly websiteCode: string;
  readonly rootCategoryId: number;
  readonly isActive: boolean;
}

function toStoreView(row: StoreViewRow): StoreView {
  return {
    storeId: Number(row.store_id),
    storeViewCode: row.store_code,
    storeCode: row.group_code,
    groupId: Number(row.group_id),
    websiteId: Number(row.website_id),
    websiteCode: row.website_code,
    rootCategoryId: Number(row.root_category_id),
    isActive: Number(row.is_active) === 1,
  };
}

/**
 * Every store view but admin (store 0), ordered by id. Small (tens of rows) and read per batch, so a new store
 * view is seen by the next batch without a cache to invalidate.
 */
export async function readStoreViews(db: CommerceDb): Promise<StoreView[]> {
  const rows = await db.query<StoreViewRow>(
    `SELECT s.store_id, s.code AS store_code, s.is_active, g.group_id, g.code AS group_code, g.root_category_id,
            w.website_id, w.code AS website_code
       FROM store s
       JOIN store_group g ON g.group_id = s.group_id
       JOIN store_website w ON w.website_id = s.website_id
      WHERE s.store_id > 0
      ORDER BY s.store_id`,
  );
  return rows.map(toStoreView);
}

/** Every website, admin (0) included, ordered by id: stock items of the default scope are keyed by website 0. */
export function readWebsites(db: CommerceDb): Promise<WebsiteRow[]> {
  return db.query<WebsiteRow>('SELECT website_id, code FROM store_website ORDER BY website_id');
}

/** The default store view: the default website's default group's default store (null without a default website). */
export async function readDefaultStoreId(db: CommerceDb): Promise<number | null> {
  const rows = await db.query<{ store_id: number }>(
    `SELECT g.default_store_id AS store_id
       FROM store_website w JOIN store_group g ON g.group_id = w.default_group_id
      WHERE w.is_default = 1 ORDER BY w.website_id LIMIT 1`,
  );
  return rows[0] ? Number(rows[0].store_id) : null;
}
