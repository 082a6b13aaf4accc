import type { CommerceDb } from '@cde/platform/commerce-db';
import type { StoreView } from './store-views';

/** A row of core_config_data. */
export interface ConfigRow {
  readonly scope: string;
  readonly scope_id: number | string;
  readonly path: string;
  readonly value: string | null;
}

/** Config paths the catalog feeds read. */
export const CONFIG_PATHS = {
  unsecureBaseUrl: 'web/unsecure/base_url',
  secureBaseUrl: 'web/secure/base_url',
  unsecureBaseMediaUrl: 'web/unsecure/base_media_url',
  defaultSortBy: 'catalog/frontend/default_sort_by',
} as const;

/**
 * Store configuration as Magento resolves it for a store view: the store view's value, else its website's, else
 * the default scope's. Paths without any row are undefined (the caller knows Magento's config.xml default).
 */
export class StoreConfig {
  private readonly byKey = new Map<string, string | null>();

  constructor(rows: readonly ConfigRow[]) {
    for (const r of rows) this.byKey.set(`${r.path}|${r.scope}|${Number(r.scope_id)}`, r.value);
  }

  get(path: string, view: StoreView): string | null | undefined {
    for (const key of [`stores|${view.storeId}`, `websites|${view.websiteId}`, 'default|0']) {
      const value = this.byKey.get(`${path}|${key}`);
      if (value !== undefined) return value;
    }
    return undefined;
  }

  /**
   * The media base URL the original's exporter gets from Magento outside a request (cron, CLI): the unsecure
   * base media URL when configured, else the unsecure base URL + `media/`, placeholders replaced, with one
   * trailing slash. Without any base URL (a schema with no core_config_data) it is the site root, `/media/`.
   */
  mediaBaseUrl(view: StoreView): string {
    const base = this.resolve(this.get(CONFIG_PATHS.unsecureBaseUrl, view) ?? '/', view);
    const media = this.get(CONFIG_PATHS.unsecureBaseMediaUrl, view);
    const url = media ? this.resolve(media, view) : `${withSlash(base)}media/`;
    return withSlash(url);
  }

  private resolve(value: string, view: StoreView): string {
    return value
      .replace('{{unsecure_base_url}}', withSlash(this.get(CONFIG_PATHS.unsecureBaseUrl, view) ?? '/'))
      .replace('{{secure_base_url}}', withSlash(this.get(CONFIG_PATHS.secureBaseUrl, view) ?? '/'))
      .replace('{{base_url}}', '/');
  }
}

const withSlash = (url: string): string => (url.endsWith('/') ? url : `${url}/`);

/** True for MySQL/MariaDB's "table doesn't exist" (a schema without that table, e.g. no EE tables). */
export function isMissingTable(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'ER_NO_SUCH_TABLE';
}

/** The stored rows of these config paths in every scope (a handful); none without a core_config_data table. */
export async function readConfigRows(db: CommerceDb, paths: readonly string[]): Promise<ConfigRow[]> {
  if (paths.length === 0) return [];
  try {
    return await db.query<ConfigRow>(
      'SELECT scope, scope_id, path, value FROM core_config_data WHERE path IN (?)',
      [paths],
    );
  } catch (error) {
    if (isMissingTable(error)) return [];
    throw error;
  }
}

/** These config paths resolved per store view. */
export async function readStoreConfig(db: CommerceDb, paths: readonly string[]): Promise<StoreConfig> {
  return new StoreConfig(await readConfigRows(db, paths));
}
