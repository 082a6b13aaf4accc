import type { ResyncIdType } from '@cde/contracts';
import { type CollectedItem, type FeedReader } from '@cde/feed-engine';
import {
  countKeyset,
  pageKeyset,
  queryRows,
  unlessMissingTable,
  type CommerceDb,
} from '@cde/platform/commerce-db';
import { PRODUCT_IDS, readAttributeIds, resolveProductIds, type ResolvedIds } from '@cde/platform/magento';
import { assemblePriceItems, type AssembledPrice } from './assemble-price-items';
import { readPriceContext } from './price-context';
import type {
  PriceAttributeCode,
  PriceParentRow,
  PriceProductRow,
  PriceRows,
  PriceValueRow,
  ProductWebsiteRow,
  RulePriceRow,
  TierPriceRow,
} from './price-rows';

export type PriceCollected = CollectedItem<AssembledPrice>;

/** The product attributes prices read, with bundles' price type. */
export const PRICE_ATTRIBUTE_CODES: readonly PriceAttributeCode[] = [
  'price',
  'special_price',
  'special_from_date',
  'special_to_date',
];
export const PRICE_TYPE_ATTRIBUTE = 'price_type';

/** Product attribute ids by code (system attributes keep their ids for the life of an install): read once. */
export class PriceAttributeIds {
  private ids: Promise<Map<string, number>> | undefined;

  constructor(private readonly db: CommerceDb) {}

  get(): Promise<Map<string, number>> {
    this.ids ??= readAttributeIds(this.db, 'catalog_product', [
      ...PRICE_ATTRIBUTE_CODES,
      PRICE_TYPE_ATTRIBUTE,
    ]).catch((error: unknown) => {
      this.ids = undefined;
      throw error;
    });
    return this.ids;
  }
}

/** Reads a batch's rows with a fixed number of `IN (…)` queries. `now` is the clock of "today" per website. */
export class PricesReader implements FeedReader<AssembledPrice> {
  /** The listing holds every product. */
  readonly listsEveryEntity = true;
  constructor(
    private readonly db: CommerceDb,
    private readonly attributes: PriceAttributeIds,
    private readonly now: () => Date = () => new Date(),
  ) {}

  listEntityIds(after: string, limit: number): Promise<string[]> {
    return pageKeyset(this.db, PRODUCT_IDS, after, limit);
  }

  countEntities(): Promise<number> {
    return countKeyset(this.db, PRODUCT_IDS);
  }

  async collect(ids: readonly string[]): Promise<PriceCollected[]> {
    if (ids.length === 0) return [];
    const context = await readPriceContext(this.db, this.now());
    const rows = await this.readRows(ids, [...new Set([...context.websites.values()].map((w) => w.today))]);
    return assemblePriceItems(rows, context).map(({ productId, item }) => ({
      sourceEntityId: productId,
      item,
    }));
  }

  async readRows(ids: readonly string[], days: readonly string[]): Promise<PriceRows> {
    const attributeIds = await this.attributes.get();
    const codeOf = new Map([...attributeIds].map(([code, id]) => [id, code as PriceAttributeCode]));
    const products = await queryRows<Omit<PriceProductRow, 'price_type'>>(
      this.db,
      'SELECT entity_id, sku, type_id FROM catalog_product_entity WHERE entity_id IN (?)',
      ids,
      { entity_id: 'text', sku: 'text', type_id: 'text' },
    );
    const present = products.map((p) => p.entity_id);
    const bundles = products.filter((p) => p.type_id === 'bundle').map((p) => p.entity_id);
    const priceTypeId = attributeIds.get(PRICE_TYPE_ATTRIBUTE);
    const priceTypes =
      bundles.length === 0 || priceTypeId === undefined
        ? []
        : await queryRows<{ entity_id: string; value: number | null }>(
            this.db,
            `SELECT entity_id, value FROM catalog_product_entity_int
              WHERE entity_id IN (?) AND attribute_id = ? AND store_id = 0`,
            bundles,
            { entity_id: 'text', value: 'int?' },
            [priceTypeId],
          );
    const priceTypeOf = new Map(priceTypes.map((r) => [r.entity_id, r.value]));
    const valueAttributes = PRICE_ATTRIBUTE_CODES.flatMap((c) => attributeIds.get(c) ?? []);
    const readValues = (table: string): Promise<PriceValueRow[]> =>
      valueAttributes.length === 0
        ? Promise.resolve([])
        : queryRows<{ entity_id: string; attribute_id: number; store_id: number; value: string | null }>(
            this.db,
            `SELECT entity_id, attribute_id, store_id, CAST(value AS CHAR) AS value FROM ${table}
              WHERE entity_id IN (?) AND attribute_id IN (?)`,
            present,
            { entity_id: 'text', attribute_id: 'int', store_id: 'int', value: 'text?' },
            [valueAttributes],
          ).then((rows) => rows.map((r) => ({ ...r, code: codeOf.get(r.attribute_id)! })));
    const [websites, parents, decimals, dates, tiers, rules] = await Promise.all([
      queryRows<ProductWebsiteRow>(
        this.db,
        'SELECT product_id, website_id FROM catalog_product_website WHERE product_id IN (?)',
        present,
        { product_id: 'text', website_id: 'int' },
      ),
      queryRows<PriceParentRow>(
        this.db,
        `SELECT r.child_id, pw.website_id, p.sku AS parent_sku, p.type_id AS parent_type_id
           FROM catalog_product_relation r
           JOIN catalog_product_entity p ON p.entity_id = r.parent_id
           JOIN catalog_product_website pw ON pw.product_id = p.entity_id
          WHERE r.child_id IN (?)`,
        present,
        { child_id: 'text', website_id: 'int', parent_sku: 'text', parent_type_id: 'text' },
      ),
      readValues('catalog_product_entity_decimal'),
      readValues('catalog_product_entity_datetime'),
      this.readTiers(present),
      this.readRules(present, days),
    ]);
    return {
      products: products.map((p) => ({ ...p, price_type: priceTypeOf.get(p.entity_id) ?? null })),
      websites,
      parents,
      values: [...decimals, ...dates],
      tiers,
      rules,
    };
  }

  private readTiers(ids: readonly string[]): Promise<TierPriceRow[]> {
    return queryRows<TierPriceRow>(
      this.db,
      `SELECT entity_id, all_groups, customer_group_id, CAST(qty AS CHAR) AS qty, CAST(value AS CHAR) AS value,
                CAST(percentage_value AS CHAR) AS percentage_value, website_id
           FROM catalog_product_entity_tier_price WHERE entity_id IN (?)`,
      ids,
      {
        entity_id: 'text',
        all_groups: 'int',
        customer_group_id: 'int',
        qty: 'text',
        value: 'text',
        percentage_value: 'text?',
        website_id: 'int',
      },
    );
  }

  private readRules(ids: readonly string[], days: readonly string[]): Promise<RulePriceRow[]> {
    return days.length === 0
      ? Promise.resolve([])
      : unlessMissingTable(
          queryRows<RulePriceRow>(
            this.db,
            `SELECT product_id, website_id, customer_group_id, CAST(rule_date AS CHAR) AS rule_date,
                      CAST(rule_price AS CHAR) AS rule_price
                 FROM catalogrule_product_price WHERE product_id IN (?) AND rule_date IN (?)`,
            ids,
            {
              product_id: 'text',
              website_id: 'int',
              customer_group_id: 'int',
              rule_date: 'text',
              rule_price: 'text',
            },
            [days],
          ),
          [],
        );
  }

  resolveIds(values: readonly string[], idType: ResyncIdType): Promise<ResolvedIds> {
    return resolveProductIds(this.db, values, idType);
  }
}
