import { allUnlessOnlyChanged } from '@cde/feed-engine';
import type { ChangeEvent } from '@cde/platform/cdc';
import { queryByIds, unlessMissingTable, type CommerceDb } from '@cde/platform/commerce-db';
import { readConfigRowsUnder } from '@cde/platform/magento';
import { PERMISSION_CONFIG_PREFIX, PermissionConfig, type CatalogPermissionRow } from './catalog-permissions';

/** How long a "the EE table is (not) there" answer is trusted: schemas change with deployments, not per event. */
const TABLE_CHECK_TTL_MS = 60_000;

/**
 * magento_catalogpermissions exists in Adobe Commerce only: on Open Source (the real dumps) the EE feeds have
 * nothing to read and produce no items. The answer is cached briefly so change events do not pay a failing query.
 */
export class PermissionTable {
  private checked: { exists: boolean; at: number } | undefined;

  constructor(
    private readonly db: CommerceDb,
    private readonly now: () => number = Date.now,
  ) {}

  async exists(): Promise<boolean> {
    if (this.checked && this.now() - this.checked.at < TABLE_CHECK_TTL_MS) return this.checked.exists;
    const exists = await unlessMissingTable(
      this.db.query('SELECT 1 FROM magento_catalogpermissions LIMIT 1').then(() => true),
      false,
    );
    this.checked = { exists, at: this.now() };
    return exists;
  }

  /** True when the table exists and holds at least one row. */
  async hasRows(): Promise<boolean> {
    if (!(await this.exists())) return false;
    const rows = await this.db.query<{ one: number }>(
      'SELECT 1 AS one FROM magento_catalogpermissions LIMIT 1',
    );
    return rows.length > 0;
  }

  /** The rows of these categories (the caller passes whole paths: ancestors decide too). */
  rowsOf(categoryIds: readonly string[]): Promise<CatalogPermissionRow[]> {
    return queryByIds<CatalogPermissionRow>(
      this.db,
      `SELECT permission_id, category_id, website_id, customer_group_id,
              grant_catalog_category_view, grant_catalog_product_price, grant_checkout_items
         FROM magento_catalogpermissions WHERE category_id IN (?) ORDER BY permission_id`,
      categoryIds,
    );
  }
}

/** Every website but admin with the paths of its store groups' root categories, in id order. */
async function readPermissionWebsites(
  db: CommerceDb,
): Promise<{ websiteId: string; websiteCode: string; rootPaths: string[] }[]> {
  const rows = await db.query<{ website_id: string; code: string; path: string | null }>(
    `SELECT w.website_id, w.code, c.path
       FROM store_website w
       LEFT JOIN store_group g ON g.website_id = w.website_id
       LEFT JOIN catalog_category_entity c ON c.entity_id = g.root_category_id
      WHERE w.website_id > 0
      ORDER BY w.website_id, g.group_id`,
  );
  const out = new Map<string, { websiteId: string; websiteCode: string; rootPaths: string[] }>();
  for (const r of rows) {
    const id = String(r.website_id);
    const website = out.get(id) ?? { websiteId: id, websiteCode: r.code, rootPaths: [] };
    if (r.path !== null && !website.rootPaths.includes(r.path)) website.rootPaths.push(r.path);
    out.set(id, website);
  }
  return [...out.values()];
}

/** Every customer group id (NOT LOGGED IN is 0), in id order. */
async function readCustomerGroupIds(db: CommerceDb): Promise<string[]> {
  const rows = await db.query<{ customer_group_id: string }>(
    'SELECT customer_group_id FROM customer_group ORDER BY customer_group_id',
  );
  return rows.map((r) => String(r.customer_group_id));
}

/** The permission settings of every scope (a handful of rows); no core_config_data means Magento's defaults. */
async function readPermissionConfig(db: CommerceDb): Promise<PermissionConfig> {
  return new PermissionConfig(await readConfigRowsUnder(db, PERMISSION_CONFIG_PREFIX));
}

/** What both permission feeds resolve grants over: websites with their roots, customer groups, the settings. */
export interface PermissionScopes {
  readonly websites: { websiteId: string; websiteCode: string; rootPaths: string[] }[];
  readonly groupIds: string[];
  readonly config: PermissionConfig;
}

export async function readPermissionScopes(db: CommerceDb): Promise<PermissionScopes> {
  const [websites, groupIds, config] = await Promise.all([
    readPermissionWebsites(db),
    readCustomerGroupIds(db),
    readPermissionConfig(db),
  ]);
  return { websites, groupIds, config };
}

/** The ids of every category on these paths ("1/2/5" → 1, 2, 5). */
export function idsOnPaths(paths: Iterable<string>): string[] {
  const ids = new Set<string>();
  for (const path of paths) for (const id of path.split('/')) if (id !== '') ids.add(id);
  return [...ids];
}

/** True when a core_config_data change touches the permission settings (the CDC row carries path, not value). */
export function isPermissionConfigPath(path: unknown): boolean {
  return typeof path === 'string' && path.startsWith(PERMISSION_CONFIG_PREFIX);
}

/** Whether a core_config_data change, before or after, is a permission setting (they reach every item). */
export function touchesPermissionConfig(event: ChangeEvent): boolean {
  return [event.before, event.after].some((row) => isPermissionConfigPath(row?.['path']));
}

/* Columns of customer_group and store_website whose change cannot alter a permission item of either feed. */
const PERMISSION_GROUP_IRRELEVANT = ['customer_group_code', 'tax_class_id'];
const PERMISSION_WEBSITE_IRRELEVANT = ['name', 'sort_order', 'default_group_id', 'is_default'];

/**
 * A customer group or website that appears or goes changes every item of either permission feed: rows for "all"
 * name one pair more or less, and the items are per website × customer group.
 */
export const PERMISSION_SCOPE_SOURCES = {
  customer_group: allUnlessOnlyChanged(PERMISSION_GROUP_IRRELEVANT),
  store_website: allUnlessOnlyChanged(PERMISSION_WEBSITE_IRRELEVANT),
} as const;
