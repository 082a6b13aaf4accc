import { keyset, type KeysetQuery } from '@cde/platform/commerce-db';
import { dayIn } from './price-context';

/**
 * The pure part of the day-change sync: which websites' local days turned between two moments, and the listings
 * of the products whose items the new day may have changed. Prices change with time alone in two ways: a special
 * price's date window opens or closes, and the catalog rule index has one price per website-local day.
 */

/** A website as the day change sees it: its id and the time zone of its default store view. */
export interface WebsiteClock {
  readonly websiteId: number;
  readonly timeZone: string;
}

/** A website whose local day turned: `from` is the last day seen there, `to` today (`YYYY-MM-DD`). */
export interface DayTurn {
  readonly websiteId: number;
  readonly from: string;
  readonly to: string;
}

/** The ids of the date attributes of a special price's window (absent in an install without them). */
export interface SpecialDateAttributeIds {
  readonly specialFromDate: number | undefined;
  readonly specialToDate: number | undefined;
}

/**
 * The websites whose local day at `now` is later than at `since`, in their own time zones (Intl's, daylight
 * saving time included). `since` null is the start-up pass: every website's day counts as turned from yesterday
 * to today, since a window may have opened while nothing watched. Nothing when no day turned (the clock going
 * back, as after a correction, turns nothing either).
 */
export function dayTurns(websites: readonly WebsiteClock[], since: Date | null, now: Date): DayTurn[] {
  return websites.flatMap(({ websiteId, timeZone }) => {
    const to = dayIn(timeZone, now);
    const from = since === null ? previousDay(to) : dayIn(timeZone, since);
    return from < to ? [{ websiteId, from, to }] : [];
  });
}

/**
 * Keyset listings (feed-sized pages in a background sync) of the products whose items may have changed as the
 * days turned:
 * - special price windows that opened, `special_from_date` in (from, to], or closed, `special_to_date` in
 *   [from, to): the window ends with its to-date's day. Rows of every store count; not narrowed to the turned
 *   websites (a default-scope date applies to all of a product's websites): a few more products are read, and
 *   the hash skips what did not change;
 * - products with a catalog rule price in a turned website for its old or its new day.
 * Turns with the same days share their conditions; nothing to list gives no query.
 */
export function dayChangeQueries(
  turns: readonly DayTurn[],
  attributes: SpecialDateAttributeIds,
): KeysetQuery[] {
  if (turns.length === 0) return [];
  const spans = new Map<string, { from: string; to: string; websiteIds: number[] }>();
  for (const { websiteId, from, to } of turns) {
    const key = `${from}|${to}`;
    const span = spans.get(key) ?? { from, to, websiteIds: [] };
    span.websiteIds.push(websiteId);
    spans.set(key, span);
  }
  const ordered = [...spans.values()].sort((a, b) => (a.from + a.to < b.from + b.to ? -1 : 1));
  const dated: { sql: string; params: (string | number)[] }[] = [];
  for (const { from, to } of ordered) {
    if (attributes.specialFromDate !== undefined)
      dated.push({
        sql: '(attribute_id = ? AND value >= ? AND value < ?)',
        params: [attributes.specialFromDate, midnight(nextDay(from)), midnight(nextDay(to))],
      });
    if (attributes.specialToDate !== undefined)
      dated.push({
        sql: '(attribute_id = ? AND value >= ? AND value < ?)',
        params: [attributes.specialToDate, midnight(from), midnight(to)],
      });
  }
  const queries: KeysetQuery[] = [];
  if (dated.length > 0)
    queries.push(
      keyset(
        `SELECT DISTINCT entity_id AS id FROM catalog_product_entity_datetime
          WHERE (${dated.map((d) => d.sql).join(' OR ')}) AND entity_id > ? ORDER BY entity_id LIMIT ?`,
        dated.flatMap((d) => d.params),
      ),
    );
  queries.push(
    keyset(
      `SELECT DISTINCT product_id AS id FROM catalogrule_product_price
        WHERE (${ordered.map(() => '(website_id IN (?) AND rule_date IN (?))').join(' OR ')})
          AND product_id > ? ORDER BY product_id LIMIT ?`,
      ordered.flatMap(({ from, to, websiteIds }) => [[...websiteIds].sort((a, b) => a - b), [from, to]]),
    ),
  );
  return queries;
}

/** In words, for logs and the job's reason: "website 1 2026-11-01 → 2026-11-02, website 2 …". */
export function describeTurns(turns: readonly DayTurn[]): string {
  return turns.map((t) => `website ${t.websiteId} ${t.from} → ${t.to}`).join(', ');
}

/** The `YYYY-MM-DD` after this one. */
export function nextDay(day: string): string {
  return shiftDay(day, 1);
}

/** The `YYYY-MM-DD` before this one. */
export function previousDay(day: string): string {
  return shiftDay(day, -1);
}

function shiftDay(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

const midnight = (day: string): string => `${day} 00:00:00`;
