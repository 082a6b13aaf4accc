import { fanOut, everything, type Affected } from '@cde/feed-engine';
import { changedAny, describe, idsOf, valuesOf, type ChangeEvent } from '@cde/platform/cdc';
import { keyset, queryIds, type CommerceDb } from '@cde/platform/commerce-db';
import { dayChangeQueries, dayTurns, describeTurns } from './day-change';
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
   * Time alone: the websites whose local day turned from `since` to `now` (every website's, from yesterday to
   * today, on the start-up pass: `since` null), and the special price windows and rule prices of those days
   * (dayChangeQueries), walked in the background. Nothing within a day.
   */
  async onClock(since: Date | null, now: Date): Promise<Affected> {
    const context = await readPriceContext(this.db, now);
    const turns = dayTurns([...context.websites.values()], since, now);
    if (turns.length === 0) return [];
    const ids = await this.attributes.get();
    const queries = dayChangeQueries(turns, {
      specialFromDate: ids.get('special_from_date'),
      specialToDate: ids.get('special_to_date'),
    });
    return fanOut(
      `${since === null ? 'start-up pass, ' : ''}the day turned (${describeTurns(turns)})`,
      queries,
    );
  }

  /** A config row of the price scope, time zone or base currency: every product. */
  onConfig(event: ChangeEvent): Affected {
    const paths = [event.before?.['path'], event.after?.['path']];
    return paths.some((p) => typeof p === 'string' && CONFIG_PATHS.has(p))
      ? everything(`config ${describe(event)}`)
      : [];
  }
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
