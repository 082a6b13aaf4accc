import { PRODUCT_PRICE_MINIMAL_PAYLOAD } from '@cde/contracts';
import { allUnlessOnlyChanged, defineFeed } from '@cde/feed-engine';
import { idsOf } from '@cde/platform/cdc';
import type { CommerceDb } from '@cde/platform/commerce-db';
import { DATETIME_CODES, DECIMAL_CODES, INT_CODES, onRuleReindex, PriceChanges } from './price-sources';
import { PriceAttributeIds, PricesReader } from './prices.reader';

/** Columns of the store structure no price item shows. */
const STORE_IRRELEVANT = ['name', 'sort_order', 'is_active'];
const GROUP_IRRELEVANT = ['name', 'root_category_id', 'code'];
const WEBSITE_IRRELEVANT = ['name', 'sort_order', 'is_default'];
const CUSTOMER_GROUP_IRRELEVANT = ['customer_group_code', 'tax_class_id'];

/** A clock for "today" (tests pin it); the service uses the wall clock. */
export function connectPrices(
  db: CommerceDb,
  now?: () => Date,
): { reader: PricesReader; changes: PriceChanges } {
  const attributes = new PriceAttributeIds(db);
  return { reader: new PricesReader(db, attributes, now), changes: new PriceChanges(db, attributes) };
}

/**
 * The prices feed on a clock for "today" (the service's wall clock unless a test pins it).
 * prices: per product × website the base item (customerGroupCode "0") and the customer-group items, identity
 * sku + customerGroupCode + websiteCode, source entity the product. A renamed SKU gives new identities; the
 * engine sends the deletes of the old ones.
 */
export const definePricesFeed = (now?: () => Date) =>
  defineFeed({
    feed: 'prices',
    minimalPayload: PRODUCT_PRICE_MINIMAL_PAYLOAD,
    timestampField: 'updatedAt',
    hash: {},
    connect: (db) => connectPrices(db, now),
    clock: (since, now, changes) => changes.onClock(since, now),
    sources: {
      catalog_product_entity: (e, changes) => changes.onProduct(e),
      catalog_product_entity_decimal: (e, changes) => changes.onValue(e, DECIMAL_CODES),
      catalog_product_entity_datetime: (e, changes) => changes.onValue(e, DATETIME_CODES),
      catalog_product_entity_int: (e, changes) => changes.onValue(e, INT_CODES),
      // Tier and group prices; rows deleted by the cascade of a product delete come with the product's delete.
      catalog_product_entity_tier_price: (e) => idsOf(e, 'entity_id'),
      catalog_product_website: (e, changes) => changes.onWebsite(e),
      // A row of the rule price index (a re-index by product writes here directly).
      catalogrule_product_price: (e) => idsOf(e, 'product_id'),
      catalogrule_product_price_replica: (e) => onRuleReindex(e),
      catalog_product_relation: (e) => idsOf(e, 'child_id'),
      store: allUnlessOnlyChanged(STORE_IRRELEVANT),
      store_group: allUnlessOnlyChanged(GROUP_IRRELEVANT),
      store_website: allUnlessOnlyChanged(WEBSITE_IRRELEVANT),
      customer_group: allUnlessOnlyChanged(CUSTOMER_GROUP_IRRELEVANT),
      core_config_data: (e, changes) => changes.onConfig(e),
    },
  });

export const PRICES_FEED = definePricesFeed();
