/**
 * `./dev up`'s closing check and `./dev counts`: every feed's live items at the receiver against an independent
 * SQL count of the Commerce DB (`oracleCounts` of @cde/testing/commerce-db), as a table. Read-only on both sides.
 */
import type { FeedName } from '@cde/contracts';
import type { OracleCountOptions, OracleQuery } from '@cde/testing/commerce-db';
import { oracleCounts } from '@cde/testing/commerce-db';
import { request } from 'undici';
import { z } from 'zod';

export interface CountRow {
  readonly feed: FeedName;
  readonly receiver: number;
  readonly sql: number;
}

const fmt = (n: number): string => n.toLocaleString('en-US');
const signed = (n: number): string => (n > 0 ? `+${fmt(n)}` : fmt(n));

/** The rows whose counts differ. */
export const differing = (rows: readonly CountRow[]): CountRow[] => rows.filter((r) => r.receiver !== r.sql);

/** The table: feed, receiver items (live), SQL count, and "equal" or the receiver's difference from SQL. */
export function countTable(rows: readonly CountRow[]): string[] {
  const head = `    ${'feed'.padEnd(22)} ${'receiver'.padStart(10)} ${'SQL'.padStart(10)}  verdict`;
  return [
    head,
    ...rows.map(
      (r) =>
        `    ${r.feed.padEnd(22)} ${fmt(r.receiver).padStart(10)} ${fmt(r.sql).padStart(10)}  ${
          r.receiver === r.sql ? 'equal' : `DIFFERS by ${signed(r.receiver - r.sql)}`
        }`,
    ),
  ];
}

/** The closing verdict: one line when all is equal, else which feeds differ. */
export function countVerdict(rows: readonly CountRow[]): string {
  const wrong = differing(rows);
  if (wrong.length === 0) return `every feed's receiver items equal the SQL count (${rows.length} feeds)`;
  return `COUNTS DIFFER for ${wrong.map((r) => r.feed).join(', ')}: the receiver does not hold what the Commerce DB says it should`;
}

const feedStats = z.object({ items: z.number().int().nonnegative() });

/** A feed's live items at the receiver (`GET /api/feeds/<feed>/stats`). */
export async function receiverItems(receiverUrl: string, apiKey: string, feed: FeedName): Promise<number> {
  const res = await request(`${receiverUrl}/api/feeds/${encodeURIComponent(feed)}/stats`, {
    headers: { 'x-api-key': apiKey },
    headersTimeout: 10_000,
    bodyTimeout: 10_000,
  });
  const text = await res.body.text();
  if (res.statusCode !== 200)
    throw new Error(`receiver stats of ${feed} answered ${res.statusCode}: ${text}`);
  return feedStats.parse(JSON.parse(text)).items;
}

export interface FeedCountsOptions {
  readonly feeds: readonly FeedName[];
  readonly query: OracleQuery;
  readonly oracle: OracleCountOptions;
  readonly receiverUrl: string;
  readonly apiKey: string;
  readonly out: (line: string) => void;
}

/** Prints the table and the verdict; true when every count is equal. */
export async function feedCounts(options: FeedCountsOptions): Promise<boolean> {
  const sql = await oracleCounts(options.query, options.oracle);
  const rows: CountRow[] = [];
  for (const feed of options.feeds)
    rows.push({
      feed,
      receiver: await receiverItems(options.receiverUrl, options.apiKey, feed),
      sql: sql[feed],
    });
  for (const line of countTable(rows)) options.out(line);
  options.out(countVerdict(rows));
  return differing(rows).length === 0;
}
