import {
  customerGroupCode,
  type ProductPriceDiscount,
  type ProductPriceFeedItem,
  type ProductPriceParent,
  type ProductTierPrice,
} from '@cde/contracts';
import type {
  PriceAttributeCode,
  PriceContext,
  PriceParentRow,
  PriceRows,
  PriceWebsite,
  RulePriceRow,
  TierPriceRow,
} from './price-rows';

/** A price item as the reader assembles it; the engine adds updatedAt and deleted. */
export type AssembledPrice = Omit<ProductPriceFeedItem, 'updatedAt' | 'deleted'>;

/** The base (fallback) item's customer group code: the price every group gets without one of its own. */
export const BASE_CUSTOMER_GROUP_CODE = '0';

/** Types without prices of their own in the original's provider: a configurable's children carry its prices. */
export const TYPES_WITHOUT_PRICE_ITEMS: readonly string[] = ['configurable', 'giftcard'];

/** Types the original sends by name; every other type (virtual, custom types) is sent as SIMPLE. */
const NAMED_TYPES = new Set(['simple', 'configurable', 'downloadable', 'grouped', 'bundle', 'giftcard']);

/** The upper-cased `type`: bundles by price type (BUNDLE_FIXED, BUNDLE_DYNAMIC), unknown types as SIMPLE. */
export function priceType(typeId: string, bundlePriceType: number | null): string {
  if (typeId === 'bundle' && bundlePriceType !== null)
    return bundlePriceType === 1 ? 'BUNDLE_FIXED' : 'BUNDLE_DYNAMIC';
  return (NAMED_TYPES.has(typeId) ? typeId : 'simple').toUpperCase();
}

/** Is `today` inside the special price's [from, to] window (days, both ends included, open when unset)? */
export function specialPriceActive(
  from: string | null | undefined,
  to: string | null | undefined,
  today: string,
): boolean {
  const day = (v: string | null | undefined): string | null => (v ? v.slice(0, 10) : null);
  const start = day(from);
  const end = day(to);
  return (start === null || start <= today) && (end === null || today <= end);
}

/** A discount or tier amount: the percentage when the row has one, else the fixed price (0 is a price). */
function amount(value: string, percentage: string | null): { price: number } | { percentage: number } {
  return percentage !== null ? { percentage: Number(percentage) } : { price: Number(value) };
}

/** Values of one product: code → store → value. */
type ProductValues = Map<PriceAttributeCode, Map<number, string | null>>;

/**
 * The value of a price attribute in a website. With the website price scope, Magento writes a website's value to
 * every store view of the website: the default store view's row, else another of its store views', else the
 * default scope's. With the global scope, store-view rows are not prices (Magento ignores them): store 0 only.
 * Undefined when no row exists; a stored NULL is a value (a website that unset a global special price).
 */
function valueIn(
  values: ProductValues | undefined,
  code: PriceAttributeCode,
  website: PriceWebsite,
  websiteScope: boolean,
): string | null | undefined {
  const stores = values?.get(code);
  if (!stores) return undefined;
  if (websiteScope)
    for (const storeId of website.storeIds) {
      const own = stores.get(storeId);
      if (own !== undefined) return own;
    }
  return stores.get(0);
}

/** The rows that apply in a website, the website's own row winning over the all-websites (0) row per key. */
function mostSpecific<Row extends { readonly website_id: number }>(
  rows: readonly Row[],
  websiteId: number,
  keyOf: (row: Row) => string,
): Map<string, Row> {
  const out = new Map<string, Row>();
  for (const row of rows) {
    if (row.website_id !== 0 && row.website_id !== websiteId) continue;
    const key = keyOf(row);
    const held = out.get(key);
    if (!held || (held.website_id === 0 && row.website_id !== 0)) out.set(key, row);
  }
  return out;
}

const groupKey = (t: TierPriceRow): string => (t.all_groups === 1 ? 'all' : String(t.customer_group_id));

/** Tier prices (qty > 1) of the base item (all groups) or of one group: the group's own row wins per qty. */
function tierPricesFor(tiers: Map<string, TierPriceRow>, groupId: number | null): ProductTierPrice[] {
  const byQty = new Map<number, TierPriceRow>();
  for (const t of tiers.values()) if (t.all_groups === 1) byQty.set(Number(t.qty), t);
  if (groupId !== null)
    for (const t of tiers.values())
      if (t.all_groups === 0 && t.customer_group_id === groupId) byQty.set(Number(t.qty), t);
  return [...byQty.entries()]
    .sort(([a], [b]) => a - b)
    .map(([qty, t]) => ({ qty, ...amount(t.value, t.percentage_value) }));
}

function indexRows(rows: PriceRows): {
  valuesOf: Map<string, ProductValues>;
  websitesOf: Map<string, number[]>;
  parentsOf: Map<string, PriceParentRow[]>;
  tiersOf: Map<string, TierPriceRow[]>;
  rulesOf: Map<string, RulePriceRow[]>;
} {
  const push = <T>(map: Map<string, T[]>, key: string, value: T): void => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  const valuesOf = new Map<string, ProductValues>();
  for (const v of rows.values) {
    let codes = valuesOf.get(v.entity_id);
    if (!codes)
      valuesOf.set(v.entity_id, (codes = new Map<PriceAttributeCode, Map<number, string | null>>()));
    let stores = codes.get(v.code);
    if (!stores) codes.set(v.code, (stores = new Map<number, string | null>()));
    stores.set(v.store_id, v.value);
  }
  const websitesOf = new Map<string, number[]>();
  for (const w of rows.websites) push(websitesOf, w.product_id, w.website_id);
  const parentsOf = new Map<string, PriceParentRow[]>();
  for (const p of rows.parents) push(parentsOf, p.child_id, p);
  const tiersOf = new Map<string, TierPriceRow[]>();
  for (const t of rows.tiers) push(tiersOf, t.entity_id, t);
  const rulesOf = new Map<string, RulePriceRow[]>();
  for (const r of rows.rules) push(rulesOf, r.product_id, r);
  return { valuesOf, websitesOf, parentsOf, tiersOf, rulesOf };
}

function parentsIn(rows: readonly PriceParentRow[] | undefined, websiteId: number): ProductPriceParent[] {
  const bySku = new Map<string, ProductPriceParent>();
  for (const p of rows ?? [])
    if (p.website_id === websiteId && !bySku.has(p.parent_sku))
      bySku.set(p.parent_sku, { type: priceType(p.parent_type_id, null), sku: p.parent_sku });
  return [...bySku.values()].sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
}

/**
 * The price items of a batch of products: per product and website it is assigned to, the base item (customer
 * group "0": regular price, special price in its date window, the all-groups group price, all-groups tier
 * prices), and one item per customer group that has a group price of its own (qty 1) or a catalog rule price for
 * the website's today: the base item with that group's group price, rule price and tier prices. Configurable and
 * gift card products have no items (as in the original's provider).
 */
export function assemblePriceItems(
  rows: PriceRows,
  context: PriceContext,
): { productId: string; item: AssembledPrice }[] {
  const { valuesOf, websitesOf, parentsOf, tiersOf, rulesOf } = indexRows(rows);
  const out: { productId: string; item: AssembledPrice }[] = [];
  for (const product of rows.products) {
    if (TYPES_WITHOUT_PRICE_ITEMS.includes(product.type_id)) continue;
    const type = priceType(product.type_id, product.price_type);
    const bundle = type === 'BUNDLE_FIXED' || type === 'BUNDLE_DYNAMIC';
    const values = valuesOf.get(product.entity_id);
    const websiteIds = [...new Set(websitesOf.get(product.entity_id) ?? [])].sort((a, b) => a - b);
    for (const websiteId of websiteIds) {
      const website = context.websites.get(websiteId);
      if (!website) continue;
      const value = (code: PriceAttributeCode): string | null | undefined =>
        valueIn(values, code, website, context.websiteScope);
      const regular = value('price');
      const special = value('special_price');
      const specialDiscount: ProductPriceDiscount[] =
        special !== null &&
        special !== undefined &&
        specialPriceActive(value('special_from_date'), value('special_to_date'), website.today)
          ? [
              {
                code: 'special_price',
                ...(bundle ? { percentage: Number(special) } : { price: Number(special) }),
              },
            ]
          : [];
      const productTiers = tiersOf.get(product.entity_id) ?? [];
      const groupPrices = mostSpecific(
        productTiers.filter((t) => Number(t.qty) === 1),
        websiteId,
        groupKey,
      );
      const tierPrices = mostSpecific(
        productTiers.filter((t) => Number(t.qty) > 1),
        websiteId,
        (t) => `${groupKey(t)}|${Number(t.qty)}`,
      );
      const groupDiscount = (t: TierPriceRow | undefined): ProductPriceDiscount[] =>
        t ? [{ code: 'group', ...amount(t.value, t.percentage_value) }] : [];
      const parents = parentsIn(parentsOf.get(product.entity_id), websiteId);
      const base = {
        websiteId,
        productId: Number(product.entity_id),
        sku: product.sku,
        type,
        websiteCode: website.code,
        ...(parents.length > 0 ? { parents } : {}),
        regular: regular === null || regular === undefined ? 0 : Number(regular),
      };
      out.push({
        productId: product.entity_id,
        item: {
          ...base,
          customerGroupCode: BASE_CUSTOMER_GROUP_CODE,
          discounts: [...specialDiscount, ...groupDiscount(groupPrices.get('all'))],
          tierPrices: tierPricesFor(tierPrices, null),
        },
      });
      const rulePrices = new Map<number, string>();
      for (const r of rulesOf.get(product.entity_id) ?? [])
        if (r.website_id === websiteId && r.rule_date.slice(0, 10) === website.today)
          rulePrices.set(r.customer_group_id, r.rule_price);
      const groups = new Set<number>(rulePrices.keys());
      for (const t of groupPrices.values()) if (t.all_groups === 0) groups.add(t.customer_group_id);
      for (const groupId of [...groups].sort((a, b) => a - b)) {
        const rule = rulePrices.get(groupId);
        out.push({
          productId: product.entity_id,
          item: {
            ...base,
            customerGroupCode: customerGroupCode(groupId),
            discounts: [
              ...specialDiscount,
              ...groupDiscount(groupPrices.get(String(groupId)) ?? groupPrices.get('all')),
              ...(rule === undefined ? [] : [{ code: 'catalog_rule' as const, price: Number(rule) }]),
            ],
            tierPrices: tierPricesFor(tierPrices, groupId),
          },
        });
      }
    }
  }
  return out;
}
