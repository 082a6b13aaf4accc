import { unlessMissingTable, type CommerceDb } from '@cde/platform/commerce-db';
import type { StoreView } from './store-views';

/** A row of core_config_data. */
export interface ConfigRow {
  readonly scope: string;
  readonly scope_id: number | string;
  readonly path: string;
  readonly value: string | null;
}

/** Config paths the catalog feeds share: a store view's base URLs and the default product sort. */
export const CONFIG_PATHS = {
  unsecureBaseUrl: 'web/unsecure/base_url',
  secureBaseUrl: 'web/secure/base_url',
  unsecureBaseMediaUrl: 'web/unsecure/base_media_url',
  unsecureBaseLinkUrl: 'web/unsecure/base_link_url',
  useRewrites: 'web/seo/use_rewrites',
  useStoreInUrl: 'web/url/use_store',
  defaultSortBy: 'catalog/frontend/default_sort_by',
} as const;

/** Magento's config.xml defaults of the URL settings, for when no row is stored. */
const URL_DEFAULTS = {
  [CONFIG_PATHS.unsecureBaseLinkUrl]: '{{unsecure_base_url}}',
  [CONFIG_PATHS.useRewrites]: '0',
  [CONFIG_PATHS.useStoreInUrl]: '0',
} as const;

/** Every path `StoreConfig.urls` and `mediaBaseUrl` read. */
export const STORE_URL_PATHS: readonly string[] = [
  CONFIG_PATHS.unsecureBaseUrl,
  CONFIG_PATHS.secureBaseUrl,
  CONFIG_PATHS.unsecureBaseMediaUrl,
  ...Object.keys(URL_DEFAULTS),
];

/** Base URLs of a store view as the exporter gets them outside a request (cron, CLI): never the secure ones. */
export interface StoreUrls {
  /** `URL_TYPE_WEB` (urlRewrites). */
  readonly web: string;
  /** `URL_TYPE_LINK`: the base link URL, `index.php/` without rewrites, the store code when in URLs (url). */
  readonly link: string;
  /** `URL_TYPE_MEDIA`, with a trailing slash. */
  readonly media: string;
}

/**
 * Store configuration as Magento resolves it for a store view: the store view's value, else its website's, else
 * the default scope's. Paths without any row are undefined (the caller knows Magento's config.xml default).
 */
export class StoreConfig {
  private readonly byKey = new Map<string, string | null>();
  /** store view → path → resolved value: assemblers ask the same few paths for every item of a store view. */
  private readonly resolved = new Map<number, Map<string, string | null | undefined>>();

  constructor(rows: readonly ConfigRow[]) {
    for (const r of rows) this.byKey.set(`${r.path}|${r.scope}|${Number(r.scope_id)}`, r.value);
  }

  get(path: string, view: StoreView): string | null | undefined {
    let values = this.resolved.get(view.storeId);
    if (values === undefined)
      this.resolved.set(view.storeId, (values = new Map<string, string | null | undefined>()));
    if (values.has(path)) return values.get(path);
    // A stored NULL is a value of its scope, not a fall-through.
    const own = this.byKey.get(`${path}|stores|${view.storeId}`);
    const value = own !== undefined ? own : this.websiteValue(path, view.websiteId);
    values.set(path, value);
    return value;
  }

  /** The website's value, else the default scope's: for settings the admin keeps per website only. */
  websiteValue(path: string, websiteId: number): string | null | undefined {
    for (const key of [`websites|${websiteId}`, 'default|0']) {
      const value = this.byKey.get(`${path}|${key}`);
      if (value !== undefined) return value;
    }
    return undefined;
  }

  /**
   * The store view's web and link base URLs (placeholders replaced, one trailing slash): without a stored base
   * URL, the site root.
   */
  urls(view: StoreView): StoreUrls {
    const setting = (path: keyof typeof URL_DEFAULTS): string => this.get(path, view) ?? URL_DEFAULTS[path];
    const web = withSlash(this.resolve(this.baseUrl(view, CONFIG_PATHS.unsecureBaseUrl), view));
    let link = withSlash(this.resolve(setting(CONFIG_PATHS.unsecureBaseLinkUrl), view));
    if (setting(CONFIG_PATHS.useRewrites) !== '1') link += 'index.php/';
    if (setting(CONFIG_PATHS.useStoreInUrl) === '1') link += `${view.storeViewCode}/`;
    return { web, link, media: this.mediaBaseUrl(view) };
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

  private baseUrl(
    view: StoreView,
    path: typeof CONFIG_PATHS.unsecureBaseUrl | typeof CONFIG_PATHS.secureBaseUrl,
  ): string {
    return withSlash(this.get(path, view) ?? '/');
  }

  /** Every placeholder replaced, as Magento's config placeholder processor does (PHP's str_replace). */
  private resolve(value: string, view: StoreView): string {
    return value
      .replaceAll('{{unsecure_base_url}}', this.baseUrl(view, CONFIG_PATHS.unsecureBaseUrl))
      .replaceAll('{{secure_base_url}}', this.baseUrl(view, CONFIG_PATHS.secureBaseUrl))
      .replaceAll('{{base_url}}', '/');
  }
}

const withSlash = (url: string): string => (url.endsWith('/') ? url : `${url}/`);

/** The stored rows of these config paths in every scope (a handful); none without a core_config_data table. */
export async function readConfigRows(db: CommerceDb, paths: readonly string[]): Promise<ConfigRow[]> {
  if (paths.length === 0) return [];
  return unlessMissingTable(
    db.query<ConfigRow>('SELECT scope, scope_id, path, value FROM core_config_data WHERE path IN (?)', [
      paths,
    ]),
    [],
  );
}

/** The stored rows of every config path under `prefix` (`catalog/magento_catalogpermissions/`), every scope. */
export async function readConfigRowsUnder(db: CommerceDb, prefix: string): Promise<ConfigRow[]> {
  return unlessMissingTable(
    db.query<ConfigRow>('SELECT scope, scope_id, path, value FROM core_config_data WHERE path LIKE ?', [
      `${prefix}%`,
    ]),
    [],
  );
}

/** These config paths resolved per store view. */
export async function readStoreConfig(db: CommerceDb, paths: readonly string[]): Promise<StoreConfig> {
  return new StoreConfig(await readConfigRows(db, paths));
}
