/**
 * The rows the prices reader returns, typed as queryRows gives them: ids and decimals as exact strings, small
 * ints as numbers.
 */

/** A product of the batch with its bundle price type (catalog_product_entity_int `price_type` at store 0). */
export interface PriceProductRow {
  readonly entity_id: string;
  readonly sku: string;
  readonly type_id: string;
  /** 1 = fixed, 0 = dynamic; null for every type but bundle. */
  readonly price_type: number | null;
}

/** A website the product is assigned to (catalog_product_website). */
export interface ProductWebsiteRow {
  readonly product_id: string;
  readonly website_id: number;
}

/** A parent of the product (catalog_product_relation) in one of the parent's websites. */
export interface PriceParentRow {
  readonly child_id: string;
  readonly website_id: number;
  readonly parent_sku: string;
  readonly parent_type_id: string;
}

/** The price attributes the feed reads. */
export type PriceAttributeCode = 'price' | 'special_price' | 'special_from_date' | 'special_to_date';

/** A value of a price attribute in one store (0: the default scope). */
export interface PriceValueRow {
  readonly entity_id: string;
  readonly code: PriceAttributeCode;
  readonly store_id: number;
  readonly value: string | null;
}

/** catalog_product_entity_tier_price: qty 1 is a group price, qty > 1 a tier price; website 0 is every website. */
export interface TierPriceRow {
  readonly entity_id: string;
  readonly all_groups: number;
  readonly customer_group_id: number;
  readonly qty: string;
  readonly value: string;
  readonly percentage_value: string | null;
  readonly website_id: number;
}

/** catalogrule_product_price: the rule price of a product for one website, customer group and day. */
export interface RulePriceRow {
  readonly product_id: string;
  readonly website_id: number;
  readonly customer_group_id: number;
  readonly rule_date: string;
  readonly rule_price: string;
}

/** Everything the assembler needs of a batch of products. */
export interface PriceRows {
  readonly products: readonly PriceProductRow[];
  readonly websites: readonly ProductWebsiteRow[];
  readonly parents: readonly PriceParentRow[];
  readonly values: readonly PriceValueRow[];
  readonly tiers: readonly TierPriceRow[];
  readonly rules: readonly RulePriceRow[];
}

/** A website as prices see it: its store views (the default one first) and today's date in its time zone. */
export interface PriceWebsite {
  readonly websiteId: number;
  readonly code: string;
  readonly storeIds: readonly number[];
  /** The time zone of the website's default store view (`general/locale/timezone`, website scope). */
  readonly timeZone: string;
  /** `YYYY-MM-DD` in that time zone. */
  readonly today: string;
}

/** Store structure and configuration, read once per batch. */
export interface PriceContext {
  /** catalog/price/scope = 1: prices are kept per website (store-view rows of the website), else global. */
  readonly websiteScope: boolean;
  readonly websites: ReadonlyMap<number, PriceWebsite>;
}
