import { STALE_ITEM_STATUS, type FailedItem, type FeedItemValidator, type FeedName } from '@cde/contracts';
import { FeedIdentityError } from '@cde/feed-engine';
import {
  describeItem,
  timestampFieldOf,
  type DescribedItem,
  type StaleItem,
} from '../feed-items/feed-item-versions';
import { firstMatch, type ItemMatcher, type ItemRejection } from '../faults/fault-switches';

export const REJECTED_BY_FAULT_MESSAGE = 'rejected by fault switch';
export const BATCH_REJECTED_BY_FAULT_MESSAGE = 'batch rejected by fault switch';

export interface BatchReview {
  /** Failed items keyed by their position in the batch, as the 200 response carries them. */
  readonly failedItems: Readonly<Record<string, FailedItem>>;
  readonly invalid: number;
  readonly rejectedByFault: number;
  readonly accepted: readonly DescribedItem[];
}

/**
 * Splits a batch into failed items (schema violations, identities that make no feedId, items matched by the
 * `rejectItems` fault switch) and the items to persist.
 */
export function reviewBatch(
  feed: FeedName,
  items: readonly Readonly<Record<string, unknown>>[],
  validate: FeedItemValidator,
  rejectItems: readonly ItemRejection[],
): BatchReview {
  const failedItems: Record<string, FailedItem> = {};
  const accepted: DescribedItem[] = [];
  let invalid = 0;
  let rejectedByFault = 0;
  items.forEach((item, position) => {
    const validation = validate(feed, item);
    if (!validation.valid) {
      failedItems[String(position)] = failedItemOf(validation.errors);
      invalid += 1;
      return;
    }
    const match = firstMatch(feed, item, rejectItems);
    if (match !== undefined) {
      failedItems[String(position)] = {
        message: REJECTED_BY_FAULT_MESSAGE,
        field: match.field,
        ...(match.status === undefined ? {} : { status: match.status }),
      };
      rejectedByFault += 1;
      return;
    }
    try {
      accepted.push(describeItem(feed, position, item));
    } catch (error: unknown) {
      if (!(error instanceof FeedIdentityError)) throw error;
      failedItems[String(position)] = { message: error.message, field: error.field };
      invalid += 1;
    }
  });
  return { failedItems, invalid, rejectedByFault, accepted };
}

/**
 * The items that make the `rejectBatches` switch refuse the whole batch (400), by position; undefined when none
 * matches.
 */
export function refuseBatch(
  feed: FeedName,
  items: readonly Readonly<Record<string, unknown>>[],
  rejectBatches: readonly ItemMatcher[],
): Record<string, FailedItem> | undefined {
  const refused: Record<string, FailedItem> = {};
  items.forEach((item, position) => {
    const match = firstMatch(feed, item, rejectBatches);
    if (match !== undefined)
      refused[String(position)] = { message: BATCH_REJECTED_BY_FAULT_MESSAGE, field: match.field };
  });
  return Object.keys(refused).length > 0 ? refused : undefined;
}

/**
 * One failed item from the validator's lines (`/sku is required`, `/images/0/url must be string`): all lines as
 * the message, the first line's path (dotted) as the field.
 */
export function failedItemOf(errors: readonly string[]): FailedItem {
  const message = errors.join('; ') || 'item does not match the feed schema';
  const path = /^\/(\S+)/.exec(errors[0] ?? '')?.[1];
  return path === undefined ? { message } : { message, field: path.split('/').join('.') };
}

/** Items refused as older than the version held, as failed items of the 200 response (status 409), by position. */
export function staleFailedItems(feed: FeedName, stale: readonly StaleItem[]): Record<string, FailedItem> {
  const field = timestampFieldOf(feed);
  return Object.fromEntries(
    stale.map((s) => [
      String(s.position),
      {
        message: `stale: version ${s.version || '(none)'} is older than the version held, ${s.held}`,
        field,
        status: STALE_ITEM_STATUS,
        heldVersion: s.held,
      },
    ]),
  );
}
