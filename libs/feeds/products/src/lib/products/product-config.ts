import type { CommerceDb } from '@cde/platform/commerce-db';
import {
  readConfigRows,
  STORE_URL_PATHS,
  type ConfigRow,
  type StoreConfig,
  type StoreView,
} from '@cde/platform/magento';

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
} as const;

export type ProductConfigPath = keyof typeof PRODUCT_CONFIG_DEFAULTS;

/** Every path the products feed reads from core_config_data: its own and the store views' base URLs. */
export const PRODUCT_CONFIG_PATHS: readonly string[] = [
  ...Object.keys(PRODUCT_CONFIG_DEFAULTS),
  ...STORE_URL_PATHS,
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
