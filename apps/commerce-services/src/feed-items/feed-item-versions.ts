import { FEED_MINIMAL_PAYLOAD, FEEDS, type FeedName } from '@cde/contracts';
import { feedIdOf } from '@cde/feed-engine';

/** What the receiver keeps of one accepted item, besides the item itself. */
export interface DescribedItem {
  /** Position in the posted batch. */
  readonly position: number;
  readonly feedId: string;
  readonly identity: Readonly<Record<string, unknown>>;
  /** The item's `modifiedAt` or `updatedAt` (the feed's timestamp); '' when absent, which never wins. */
  readonly version: string;
  readonly deleted: boolean;
  readonly item: Readonly<Record<string, unknown>>;
}

/** The feed's timestamp field: the one of modifiedAt / updatedAt its minimal payload carries. */
export function timestampFieldOf(feed: FeedName): 'modifiedAt' | 'updatedAt' {
  return FEED_MINIMAL_PAYLOAD[feed].includes('updatedAt') ? 'updatedAt' : 'modifiedAt';
}

/** feedId and identity as the feed services build them; throws FeedIdentityError for an unusable identity. */
export function describeItem(
  feed: FeedName,
  position: number,
  item: Readonly<Record<string, unknown>>,
): DescribedItem {
  const fields = FEEDS[feed].identity;
  const version = item[timestampFieldOf(feed)];
  return {
    position,
    feedId: feedIdOf(feed, fields, item),
    identity: Object.fromEntries(fields.map((field) => [field, item[field]])),
    version: typeof version === 'string' ? version : '',
    deleted: item['deleted'] === true,
    item,
  };
}

/** An item refused because the receiver holds a newer version of it (I2). */
export interface StaleItem {
  /** Position in the posted batch. */
  readonly position: number;
  /** The item's version. */
  readonly version: string;
  /** The newer version held (stored, or earlier in the same batch). */
  readonly held: string;
}

export interface UpsertPlan {
  /** The newest item per feedId, to write. */
  readonly writes: readonly DescribedItem[];
  /** Items refused because the stored (or an earlier) version is newer (I2). */
  readonly stale: readonly StaleItem[];
}

/**
 * Decides which items may replace the stored state: an item replaces only when its version is >= the current
 * one (equal: an idempotent replace). ISO timestamps compare as strings. Items of one batch are applied in order,
 * so a later duplicate with a newer or equal version wins over an earlier one.
 */
export function planUpserts(
  items: readonly DescribedItem[],
  storedVersions: ReadonlyMap<string, string>,
): UpsertPlan {
  const current = new Map<string, string>(storedVersions);
  const writes = new Map<string, DescribedItem>();
  const stale: StaleItem[] = [];
  for (const item of items) {
    const version = current.get(item.feedId);
    if (version !== undefined && item.version < version) {
      stale.push({ position: item.position, version: item.version, held: version });
      continue;
    }
    current.set(item.feedId, item.version);
    writes.set(item.feedId, item);
  }
  return { writes: [...writes.values()], stale };
}
