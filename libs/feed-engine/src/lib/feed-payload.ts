import { nextVersion } from './item-version';

/** The fields of an item kept in the feed state once sent: enough to build its delete message later. */
export function minimalPayloadOf(
  item: Readonly<Record<string, unknown>>,
  fields: readonly string[],
): Record<string, unknown> {
  const minimal: Record<string, unknown> = {};
  for (const field of fields) if (item[field] !== undefined) minimal[field] = item[field];
  return minimal;
}

/**
 * The delete message of an item that vanished from the Commerce DB: its stored minimal payload with
 * `deleted: true` and a fresh timestamp (modifiedAt, or updatedAt for feeds that use it), after the stored one.
 */
export function deletedItemOf(
  stored: Readonly<Record<string, unknown>>,
  timestampField: 'modifiedAt' | 'updatedAt',
  now: Date,
): Record<string, unknown> {
  return { ...stored, deleted: true, [timestampField]: nextVersion(now, stored[timestampField]) };
}
