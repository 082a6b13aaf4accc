import { SyncCode } from '@cde/contracts';
import { sha1 } from './feed-hash';

export class FeedIdentityError extends Error {
  override readonly name = 'FeedIdentityError';
  readonly code = SyncCode.EmptyIdentifier;

  constructor(
    readonly feed: string,
    readonly field: string,
  ) {
    super(`${SyncCode.EmptyIdentifier} cannot build the identifier of a ${feed} item: "${field}" is empty`);
  }
}

/**
 * feedId = sha1(identity values joined by "\0"), as the original builds `feed_id`. Numbers and booleans are
 * written as JSON does; an empty, null or missing identity value is an error (the item is skipped and logged).
 */
export function feedIdOf(
  feed: string,
  identity: readonly string[],
  item: Readonly<Record<string, unknown>>,
): string {
  const values = identity.map((field) => {
    const value = item[field];
    if (value === null || value === undefined || value === '') throw new FeedIdentityError(feed, field);
    if (
      typeof value !== 'string' &&
      typeof value !== 'number' &&
      typeof value !== 'bigint' &&
      typeof value !== 'boolean'
    ) {
      throw new FeedIdentityError(feed, field);
    }
    return String(value);
  });
  return sha1(values.join('\0'));
}
