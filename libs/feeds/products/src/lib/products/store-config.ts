import type { CommerceDb } from '@cde/platform/commerce-db';
import { CONFIG_PATHS, readConfigRows, StoreConfig, type ConfigRow } from '../shared/store-config';
import type { StoreView } from '../shared/store-views';

export { StoreConfig, type ConfigRow };

/** Config paths product items depend on, with Magento's config.xml defaults for when no row is stored. */
export const PRODUCT_CONFIG_DEFAULTS = {
  'currency/options/base': 'USD',
  'general/locale/weight_unit': 'lbs',
  'cataloginventory/options/stock_threshold_qty': '0',
  'cataloginventory/item_options/manage_stock': '1',
  'cataloginventory/item_options/min_sale_qty': '1',
  'cataloginventory/item_options/max_sale_qty': '10000',
  'cataloginventory/item_options/backorders': '0',
  'cataloginventory/item_options/enable_qty_increments': '0',
  'cataloginventory/item_options/qty_increments': '1',
  'web/unsecure/base_link_url': '{{unsecure_base_url}}',
  'web/seo/use_rewrites': '0',
  'web/url/use_store': '0',
} as const;

export type ProductConfigPath = keyof typeof PRODUCT_CONFIG_DEFAULTS;

/** Every path the products feed reads from core_config_data (its own and the base URLs). */
export const PRODUCT_CONFIG_PATHS: readonly string[] = [
  ...Object.keys(PRODUCT_CONFIG_DEFAULTS),
  CONFIG_PATHS.unsecureBaseUrl,
  CONFIG_PATHS.secureBaseUrl,
  CONFIG_PATHS.unsecureBaseMediaUrl,
];

/** The stored rows of those paths in every scope (a few dozen); none without a core_config_data table. */
export function readProductConfig(db: CommerceDb): Promise<ConfigRow[]> {
  return readConfigRows(db, PRODUCT_CONFIG_PATHS);
}

/** The value for the store view (store view → website → default), or Magento's default when none is stored. */
export function configValue(config: StoreConfig, path: ProductConfigPath, view: StoreView): string {
  return config.get(path, view) ?? PRODUCT_CONFIG_DEFAULTS[path];
}

/** A numeric config value; text that is not a number reads as the default. */
export function configNumber(config: StoreConfig, path: ProductConfigPath, view: StoreView): number {
  const parsed = Number(configValue(config, path, view));
  return Number.isFinite(parsed) ? parsed : Number(PRODUCT_CONFIG_DEFAULTS[path]);
}

/** Base URLs of a store view as the exporter gets them outside a request (cron, CLI): never the secure ones. */
export interface StoreUrls {
  /** `URL_TYPE_WEB` (urlRewrites). */
  readonly web: string;
  /** `URL_TYPE_LINK`: the base link URL, `index.php/` without rewrites, the store code when in URLs (url). */
  readonly link: string;
  /** `URL_TYPE_MEDIA`, with a trailing slash (the shared StoreConfig's media base URL). */
  readonly media: string;
}

const withSlash = (url: string): string => (url.endsWith('/') ? url : `${url}/`);

export function storeUrls(config: StoreConfig, view: StoreView): StoreUrls {
  // Placeholders as the shared StoreConfig resolves them: without a stored base URL, the site root.
  const unsecure = withSlash(config.get(CONFIG_PATHS.unsecureBaseUrl, view) ?? '/');
  const secure = withSlash(config.get(CONFIG_PATHS.secureBaseUrl, view) ?? '/');
  const resolve = (value: string): string =>
    value
      .replaceAll('{{unsecure_base_url}}', unsecure)
      .replaceAll('{{secure_base_url}}', secure)
      .replaceAll('{{base_url}}', '/');
  const web = withSlash(resolve(unsecure));
  let link = withSlash(resolve(configValue(config, 'web/unsecure/base_link_url', view)));
  if (configValue(config, 'web/seo/use_rewrites', view) !== '1') link += 'index.php/';
  if (configValue(config, 'web/url/use_store', view) === '1') link += `${view.storeViewCode}/`;
  return { web, link, media: config.mediaBaseUrl(view) };
}
