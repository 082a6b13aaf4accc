import { sha1 } from './feed-hash';

/** Log code of the original for an item whose identifier cannot be built. */
export const EMPTY_IDENTIFIER_CODE = 'CDE04-19';

export class FeedIdentityError extends Error {
  override readonly name = 'FeedIdentityError';
  readonly code = EMPTY_IDENTIFIER_CODE;

  constructor(
    readonly feed: string,
    readonly field: string,
  ) {
    super(`${EMPTY_IDENTIFIER_CODE} cannot build the identifier of a ${feed} item: "${field}" is empty`);
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
