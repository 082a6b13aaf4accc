import type { ProductDraft } from './products-draft';
import { round2, specialActive, tierUnitPrice } from './products-draft';
import { GeneratorDates, type ProductSetup } from './products-setup';
import type { SeededRandom } from './seeded-random';

const TIER_PRICE_COLUMNS = [
  'entity_id',
  'all_groups',
  'customer_group_id',
  'qty',
  'value',
  'website_id',
  'percentage_value',
] as const;
const INDEX_PRICE_COLUMNS = [
  'entity_id',
  'customer_group_id',
  'website_id',
  'tax_class_id',
  'price',
  'final_price',
  'min_price',
  'max_price',
  'tier_price',
] as const;
const RULE_COLUMNS = [
  'rule_id',
  'name',
  'description',
  'from_date',
  'to_date',
  'is_active',
  'conditions_serialized',
  'actions_serialized',
  'stop_rules_processing',
  'sort_order',
  'simple_action',
  'discount_amount',
] as const;
const RULE_WEBSITE_COLUMNS = ['rule_id', 'website_id'] as const;
const RULE_GROUP_COLUMNS = ['rule_id', 'customer_group_id'] as const;
const RULE_PRODUCT_COLUMNS = [
  'rule_id',
  'from_time',
  'to_time',
  'customer_group_id',
  'product_id',
  'action_operator',
  'action_amount',
  'action_stop',
  'sort_order',
  'website_id',
] as const;
const RULE_PRICE_COLUMNS = [
  'rule_date',
  'customer_group_id',
  'product_id',
  'rule_price',
  'website_id',
  'latest_start_date',
  'earliest_end_date',
] as const;

/** Products get tax class 2 (Taxable Goods), as the toolkit's template. */
export const TAX_CLASS_TAXABLE = 2;

export interface CatalogRule {
  readonly id: number;
  /** The rule's condition: products directly in this category (the toolkit's rules are category conditions too). */
  readonly categoryId: number;
  readonly websiteIds: readonly number[];
  readonly groupIds: readonly number[];
  readonly from: string | null;
  readonly to: string | null;
  readonly action: 'by_percent' | 'by_fixed';
  readonly amount: number;
  readonly stop: 0 | 1;
  readonly sortOrder: number;
}

/** One catalog_product_index_price row's prices. */
export interface IndexPrice {
  readonly price: number | null;
  readonly final: number | null;
  readonly min: number;
  readonly max: number;
  readonly tier: number | null;
}

/** Today's catalog-rule price per `website:group` of one product. */
export type RulePrices = ReadonlyMap<string, number>;

const conditions = (categoryId: number): string =>
  JSON.stringify({
    type: 'Magento\\CatalogRule\\Model\\Rule\\Condition\\Combine',
    attribute: null,
    operator: null,
    value: '1',
    is_value_processed: null,
    aggregator: 'all',
    conditions: [
      {
        type: 'Magento\\CatalogRule\\Model\\Rule\\Condition\\Product',
        attribute: 'category_ids',
        operator: '==',
        value: String(categoryId),
        is_value_processed: false,
      },
    ],
  });

const ACTIONS = JSON.stringify({
  type: 'Magento\\CatalogRule\\Model\\Rule\\Action\\Collection',
  attribute: null,
  operator: '=',
  value: null,
});

/**
 * Catalog price rules (the toolkit's "Catalog Price Rule %s" on one category each) and what Magento's indexers
 * make of them and of the products' prices: catalogrule_product, catalogrule_product_price for yesterday, today
 * and tomorrow, and catalog_product_index_price per product × website × customer group. Rules only match
 * products directly in their category (and a matched configurable's children), which bounds the rows.
 */
export class ProductPricing {
  private readonly rulesByCategory = new Map<number, CatalogRule[]>();

  private constructor(
    private readonly setup: ProductSetup,
    readonly rules: readonly CatalogRule[],
  ) {
    for (const rule of rules) {
      const list = this.rulesByCategory.get(rule.categoryId) ?? [];
      list.push(rule);
      this.rulesByCategory.set(rule.categoryId, list);
    }
    for (const list of this.rulesByCategory.values())
      list.sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id);
  }

  /** Draws the rules and writes catalogrule, catalogrule_website and catalogrule_customer_group. */
  static async create(setup: ProductSetup, random: SeededRandom): Promise<ProductPricing> {
    const { ctx, scopes, metadata, dates } = setup;
    const count = metadata.categories.length === 0 ? 0 : ctx.profile.catalogPriceRules;
    const categories = random.sample(metadata.categories, count);
    const active: CatalogRule[] = [];
    for (let i = 0; i < count; i++) {
      const id = setup.ids.next('catalogrule');
      const category = categories[i % categories.length]!;
      // Open, running, expired, starting tomorrow, ending today: every rule_date case of the price index.
      const [from, to] = [
        [null, null],
        [dates.date(-30), dates.date(30)],
        [dates.date(-60), dates.date(-10)],
        [dates.date(1), dates.date(20)],
        [dates.date(-5), dates.date(0)],
      ][i % 5] as [string | null, string | null];
      const isActive = i % 10 === 9 ? 0 : 1;
      const websiteIds = random
        .sample(setup.websiteIds, random.int(1, setup.websiteIds.length))
        .sort((a, b) => a - b);
      const groupIds = random
        .sample(scopes.customerGroupIds, random.int(2, scopes.customerGroupIds.length))
        .sort((a, b) => a - b);
      const action = random.chance(0.7) ? 'by_percent' : 'by_fixed';
      const amount = action === 'by_percent' ? random.int(5, 30) : random.int(1, 5);
      const stop: 0 | 1 = random.chance(0.3) ? 1 : 0;
      const sortOrder = random.int(0, 3);
      await setup.insert('catalogrule', RULE_COLUMNS, [
        id,
        `Catalog Price Rule ${i + 1}`,
        `${action === 'by_percent' ? `${amount}%` : `${amount} off`} on ${category.name}`,
        from,
        to,
        isActive,
        conditions(category.id),
        ACTIONS,
        stop,
        sortOrder,
        action,
        amount,
      ]);
      for (const w of websiteIds) await setup.insert('catalogrule_website', RULE_WEBSITE_COLUMNS, [id, w]);
      for (const g of groupIds) await setup.insert('catalogrule_customer_group', RULE_GROUP_COLUMNS, [id, g]);
      if (isActive)
        active.push({
          id,
          categoryId: category.id,
          websiteIds,
          groupIds,
          from,
          to,
          action,
          amount,
          stop,
          sortOrder,
        });
    }
    return new ProductPricing(setup, active);
  }

  /** Active rules whose condition matches a product in these categories. */
  rulesFor(categoryIds: readonly number[]): CatalogRule[] {
    if (this.rulesByCategory.size === 0 || categoryIds.length === 0) return [];
    const out: CatalogRule[] = [];
    for (const c of categoryIds)
      for (const r of this.rulesByCategory.get(c) ?? []) if (!out.includes(r)) out.push(r);
    return out.sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id);
  }

  async writeTierPrices(d: ProductDraft): Promise<void> {
    for (const t of d.tierPrices) {
      await this.setup.insert('catalog_product_entity_tier_price', TIER_PRICE_COLUMNS, [
        d.id,
        t.allGroups,
        t.customerGroupId,
        t.qty,
        t.value,
        t.websiteId,
        t.percentage,
      ]);
    }
  }

  /**
   * catalogrule_product and catalogrule_product_price rows of one product for its matched rules; returns today's
   * rule price per website:group (empty when no rule applies today).
   */
  async writeRuleRows(d: ProductDraft, rules: readonly CatalogRule[]): Promise<RulePrices> {
    const today = new Map<string, number>();
    if (rules.length === 0 || d.price === null) return today;
    const { dates } = this.setup;
    for (const rule of rules) {
      const fromTime = rule.from === null ? 0 : GeneratorDates.unix(rule.from);
      const toTime = rule.to === null ? 0 : GeneratorDates.unix(rule.to) + 86_399;
      for (const w of rule.websiteIds) {
        if (!d.websiteIds.includes(w)) continue;
        for (const g of rule.groupIds) {
          await this.setup.insert('catalogrule_product', RULE_PRODUCT_COLUMNS, [
            rule.id,
            fromTime,
            toTime,
            g,
            d.id,
            rule.action,
            rule.amount,
            rule.stop,
            rule.sortOrder,
            w,
          ]);
        }
      }
    }
    for (const w of d.websiteIds) {
      for (const g of this.setup.scopes.customerGroupIds) {
        for (const date of [dates.yesterday, dates.today, dates.tomorrow]) {
          let price = d.price;
          let latestStart: string | null = null;
          let earliestEnd: string | null = null;
          let applied = false;
          for (const rule of rules) {
            if (!rule.websiteIds.includes(w) || !rule.groupIds.includes(g)) continue;
            if ((rule.from !== null && date < rule.from) || (rule.to !== null && date > rule.to)) continue;
            price =
              rule.action === 'by_percent'
                ? round2(price * (1 - rule.amount / 100))
                : Math.max(0, round2(price - rule.amount));
            applied = true;
            if (rule.from !== null && (latestStart === null || rule.from > latestStart))
              latestStart = rule.from;
            if (rule.to !== null && (earliestEnd === null || rule.to < earliestEnd)) earliestEnd = rule.to;
            if (rule.stop) break;
          }
          if (!applied) continue;
          await this.setup.insert('catalogrule_product_price', RULE_PRICE_COLUMNS, [
            date,
            g,
            d.id,
            price,
            w,
            latestStart,
            earliestEnd,
          ]);
          if (date === dates.today) today.set(`${w}:${g}`, price);
        }
      }
    }
    return today;
  }

  /** Final price and tier price of a product with its own price, as Magento's default price indexer computes them. */
  leafPrice(
    d: ProductDraft,
    websiteId: number,
    groupId: number,
    rulePrices: RulePrices,
    percentSpecial = false,
  ): IndexPrice | null {
    if (d.price === null) return null;
    const price = d.price;
    let final = price;
    if (d.special && specialActive(d.special, websiteId, this.setup.dates.today)) {
      final = Math.min(final, percentSpecial ? round2((price * d.special.value) / 100) : d.special.value);
    }
    let tier: number | null = null;
    for (const t of d.tierPrices) {
      if (
        (t.allGroups === 0 && t.customerGroupId !== groupId) ||
        (t.websiteId !== 0 && t.websiteId !== websiteId)
      )
        continue;
      const unit = tierUnitPrice(t, price);
      if (t.qty <= 1) final = Math.min(final, unit);
      tier = tier === null ? unit : Math.min(tier, unit);
    }
    const rule = rulePrices.get(`${websiteId}:${groupId}`);
    if (rule !== undefined) final = Math.min(final, rule);
    return { price, final, min: final, max: final, tier };
  }

  /** Is the product in the price index of this website (enabled there and in stock, as with "show out of stock" off)? */
  indexedIn(d: ProductDraft, websiteId: number): boolean {
    return d.status === 1 && d.disabledWebsiteId !== websiteId && d.inStock;
  }

  /** catalog_product_index_price rows of one product: every website it is indexed in × every customer group. */
  async writeIndex(
    d: ProductDraft,
    priceOf: (websiteId: number, groupId: number) => IndexPrice | null,
  ): Promise<void> {
    for (const w of d.websiteIds) {
      if (!this.indexedIn(d, w)) continue;
      for (const g of this.setup.scopes.customerGroupIds) {
        const p = priceOf(w, g);
        if (p === null) continue;
        await this.setup.insert('catalog_product_index_price', INDEX_PRICE_COLUMNS, [
          d.id,
          g,
          w,
          d.type === 'grouped' ? 0 : TAX_CLASS_TAXABLE,
          p.price,
          p.final,
          p.min,
          p.max,
          p.tier,
        ]);
      }
    }
  }
}
