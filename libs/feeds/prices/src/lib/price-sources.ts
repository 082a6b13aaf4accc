import { fanOut, everything, type Affected } from '@cde/feed-engine';
import { changedAny, describe, idsOf, valuesOf, type ChangeEvent } from '@cde/platform/cdc';
import { keyset, queryIds, type CommerceDb } from '@cde/platform/commerce-db';
import { PRICE_CONFIG_PATHS, readPriceContext } from './price-context';
import { PRICE_ATTRIBUTE_CODES, PRICE_TYPE_ATTRIBUTE, type PriceAttributeIds } from './prices.reader';

const CONFIG_PATHS = new Set<string>(Object.values(PRICE_CONFIG_PATHS));

/**
 * Products with a catalog rule price before or after a rule re-index: the index table and its replica (Magento
 * fills the replica and swaps the two), walked in feed-sized batches by a background sync.
 */
export const RULE_PRICED_PRODUCT_IDS = keyset(
  `SELECT id FROM (
     SELECT DISTINCT product_id AS id FROM catalogrule_product_price
     UNION SELECT DISTINCT product_id AS id FROM catalogrule_product_price_replica) r
    WHERE id > ? ORDER BY id LIMIT ?`,
);

/** How changes of the price sources map to products. */
export class PriceChanges {
  constructor(
    private readonly db: CommerceDb,
    private readonly attributes: PriceAttributeIds,
  ) {}

  /** A new or deleted product; a SKU change (a new identity, and its children's `parents`) or a type change. */
  async onProduct(event: ChangeEvent): Promise<string[]> {
    if (event.op === 'u' && !changedAny(event, ['sku', 'type_id'])) return [];
    const ids = idsOf(event, 'entity_id');
    if (!changedAny(event, ['sku']) || ids.length === 0) return ids;
    const children = await queryIds(
      this.db,
      'SELECT child_id AS id FROM catalog_product_relation WHERE parent_id IN (?)',
      ids,
    );
    return [...new Set([...ids, ...children])];
  }

  /** A value of price, special price or its dates (decimal, datetime), or a bundle's price type (int). */
  async onValue(event: ChangeEvent, codes: readonly string[]): Promise<string[]> {
    const ids = await this.attributes.get();
    const wanted = new Set(codes.flatMap((c) => (ids.has(c) ? [String(ids.get(c))] : [])));
    return valuesOf(event, 'attribute_id').some((a) => wanted.has(a)) ? idsOf(event, 'entity_id') : [];
  }

  /** A parent's website assignment changes the `parents` of its children in that website. */
  async onWebsite(event: ChangeEvent): Promise<string[]> {
    const ids = idsOf(event, 'product_id');
    const children = await queryIds(
      this.db,
      'SELECT child_id AS id FROM catalog_product_relation WHERE parent_id IN (?)',
      ids,
    );
    return [...new Set([...ids, ...children])];
  }

  /**
   * Time alone: when a website's day changed between two ticks (in its time zone), the special prices whose
   * window opened (from date in the new days) or closed (to date in the days left), and the products with rule
   * prices of the old or the new day; walked in the background. Nothing within a day.
   */
  async onClock(since: Date, now: Date): Promise<Affected> {
    const [before, after] = await Promise.all([
      readPriceContext(this.db, since),
      readPriceContext(this.db, now),
    ]);
    const turns: [string, string][] = [];
    for (const [id, website] of after.websites) {
      const was = before.websites.get(id)?.today;
      if (was !== undefined && was < website.today) turns.push([was, website.today]);
    }
    if (turns.length === 0) return [];
    const first = turns.map(([was]) => was).sort()[0]!;
    const last = turns
      .map(([, is]) => is)
      .sort()
      .at(-1)!;
    const ids = await this.attributes.get();
    const dated = (code: string, low: string, high: string) =>
      keyset(
        `SELECT DISTINCT entity_id AS id FROM catalog_product_entity_datetime
          WHERE attribute_id = ? AND value >= ? AND value < ? AND entity_id > ? ORDER BY entity_id LIMIT ?`,
        [ids.get(code) ?? 0, `${low} 00:00:00`, `${high} 00:00:00`],
      );
    const days = [...new Set(turns.flat())];
    return fanOut(`the day turned (${first} → ${last})`, [
      // Opened: from in (first, last]; closed: to in [first, last).
      dated('special_from_date', nextDay(first), nextDay(last)),
      dated('special_to_date', first, last),
      keyset(
        `SELECT DISTINCT product_id AS id FROM catalogrule_product_price
          WHERE rule_date IN (?) AND product_id > ? ORDER BY product_id LIMIT ?`,
        [days],
      ),
    ]);
  }

  /** A config row of the price scope, time zone or base currency: every product. */
  onConfig(event: ChangeEvent): Affected {
    const paths = [event.before?.['path'], event.after?.['path']];
    return paths.some((p) => typeof p === 'string' && CONFIG_PATHS.has(p))
      ? everything(`config ${describe(event)}`)
      : [];
  }
}

/** The `YYYY-MM-DD` after this one. */
export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

export const DECIMAL_CODES = PRICE_ATTRIBUTE_CODES.filter((c) => c === 'price' || c === 'special_price');
export const DATETIME_CODES = PRICE_ATTRIBUTE_CODES.filter((c) => c.endsWith('_date'));
export const INT_CODES = [PRICE_TYPE_ATTRIBUTE];

/**
 * A row of Magento's rule re-index into the replica: every product priced by a rule before or after, in the
 * background (a re-index writes a row per product × website × group × day; loading them at once is not needed).
 */
export const onRuleReindex = (event: ChangeEvent): Affected =>
  fanOut(`catalog rule re-index (${describe(event)})`, [RULE_PRICED_PRODUCT_IDS]);
