import type { CommerceDb } from '@cde/platform/commerce-db';
import { readConfigRows, StoreConfig } from '@cde/platform/magento';
import type { PriceContext, PriceWebsite } from './price-rows';

/** The configuration prices depend on: price scope (default scope only), time zone and base currency (website). */
export const PRICE_CONFIG_PATHS = {
  priceScope: 'catalog/price/scope',
  timezone: 'general/locale/timezone',
  baseCurrency: 'currency/options/base',
} as const;

/** Magento's config.xml default time zone, for an install that never stored one. */
export const DEFAULT_TIMEZONE = 'America/Los_Angeles';

/**
 * `YYYY-MM-DD` of `now` in a time zone. An unknown zone name falls back to UTC, as the original falls back to the
 * server's time when it cannot get a website's.
 */
export function dayIn(timeZone: string, now: Date): string {
  const format = (zone: string): string =>
    new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(now);
  try {
    return format(timeZone);
  } catch {
    return format('UTC');
  }
}

interface WebsiteRow {
  readonly website_id: number | string;
  readonly code: string;
  readonly default_store_id: number | string | null;
}

interface StoreRow {
  readonly store_id: number | string;
  readonly website_id: number | string;
}

/**
 * Websites (id > 0) with their store views, the default store view first, and today's date in each website's
 * time zone (the catalog rule index keeps one row per website-local day); the price scope.
 */
export async function readPriceContext(db: CommerceDb, now: Date): Promise<PriceContext> {
  const [websites, stores, config] = await Promise.all([
    db.query<WebsiteRow>(
      `SELECT w.website_id, w.code, g.default_store_id
         FROM store_website w LEFT JOIN store_group g ON g.group_id = w.default_group_id
        WHERE w.website_id > 0 ORDER BY w.website_id`,
    ),
    db.query<StoreRow>('SELECT store_id, website_id FROM store WHERE store_id > 0 ORDER BY store_id'),
    readConfigRows(db, Object.values(PRICE_CONFIG_PATHS)),
  ]);
  const storeConfig = new StoreConfig(config);
  const out = new Map<number, PriceWebsite>();
  for (const w of websites) {
    const websiteId = Number(w.website_id);
    const defaultStore = w.default_store_id === null ? null : Number(w.default_store_id);
    const own = stores.filter((s) => Number(s.website_id) === websiteId).map((s) => Number(s.store_id));
    const storeIds =
      defaultStore !== null && own.includes(defaultStore)
        ? [defaultStore, ...own.filter((s) => s !== defaultStore)]
        : own;
    const timeZone = storeConfig.websiteValue(PRICE_CONFIG_PATHS.timezone, websiteId) ?? DEFAULT_TIMEZONE;
    out.set(websiteId, { websiteId, code: w.code, storeIds, timeZone, today: dayIn(timeZone, now) });
  }
  return {
    websiteScope: storeConfig.websiteValue(PRICE_CONFIG_PATHS.priceScope, 0) === '1',
    websites: out,
  };
}
