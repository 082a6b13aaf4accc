import { FEED_NAMES, FEEDS, parseFeedName, Topics, type FeedName } from '@cde/contracts';
import { OpsCode } from '@cde/contracts';
import { OpsError, usageError } from './exit-codes';

/**
 * `--feed all`: the order the original's docs recommend for an initial sync (scopes first, then attributes,
 * categories, products, prices, variants, overrides), then the feeds that list leaves out.
 */
export const RESYNC_ORDER: readonly FeedName[] = [
  'scopesWebsite',
  'scopesCustomerGroup',
  'productAttributes',
  'categories',
  'products',
  'prices',
  'variants',
  'productOverrides',
  'categoryPermissions',
  'inventoryStockStatus',
  'orders',
];

/** `--feed` values: one feed, a comma-separated list, or `all`; case-insensitive; unknown names are named. */
export function parseFeeds(value: string | undefined): FeedName[] {
  if (value === undefined || value.trim() === '')
    throw usageError('--feed is required (e.g. --feed=products)');
  if (value.trim().toLowerCase() === 'all') return [...RESYNC_ORDER];
  const names = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => parseFeedName(n) === undefined);
  if (unknown.length > 0)
    throw usageError(
      `unknown feed ${unknown.map((n) => `"${n}"`).join(', ')}; feeds: ${FEED_NAMES.join(', ')}, or all`,
    );
  return [...new Set(names.map((n) => parseFeedName(n) as FeedName))];
}

/** A consumer group as Kafka describes it, with the topics each member subscribes to. */
export interface GroupView {
  readonly groupId: string;
  readonly state: string;
  readonly memberTopics: readonly (readonly string[])[];
}

/**
 * Which running consumer groups serve each feed: a feed is served where a live member subscribes to the feed's
 * dead-letter topic, which only its owning feed service consumes (whatever its group is called).
 */
export function servedFeeds(groups: readonly GroupView[]): Map<FeedName, string[]> {
  const served = new Map<FeedName, string[]>();
  for (const feed of FEED_NAMES) {
    const dlt = Topics.feedDeadLetter(feed);
    const by = groups
      .filter((g) => g.state === 'Stable' && g.memberTopics.some((topics) => topics.includes(dlt)))
      .map((g) => g.groupId);
    if (by.length > 0) served.set(feed, by);
  }
  return served;
}

/** Refuses at once, naming the feeds nothing serves and the service that should, instead of waiting for nobody. */
export function requireServed(
  feeds: readonly FeedName[],
  served: ReadonlyMap<FeedName, readonly string[]>,
): void {
  const missing = feeds.filter((f) => !served.has(f));
  if (missing.length === 0) return;
  throw new OpsError(
    OpsCode.NoService,
    missing
      .map((f) => `no service serves feed ${f} (start ${FEEDS[f].service} with it in CDE_FEEDS)`)
      .join('; '),
  );
}
