import { randomUUID } from 'node:crypto';
import {
  FEED_NAMES,
  parseFeedName,
  type CdeCommand,
  type FeedName,
  type ResyncOptions,
} from '@cde/contracts';
import { z } from 'zod';
import type { Parsed } from './item-filter';

/** What the dashboard asks for; each becomes one command per feed on `cde.commands`. */
const actionSchema = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('resync'),
    /** A feed name, or `all` for every feed. */
    feed: z.string().min(1),
    dryRun: z.boolean().default(false),
    force: z.boolean().default(false),
    cleanupFeed: z.boolean().default(false),
    byIds: z.array(z.string().min(1).max(255)).max(10_000).optional(),
    idType: z.enum(['sku', 'productId', 'id']).optional(),
  }),
  z.object({
    action: z.literal('retry-parked'),
    feed: z.string().min(1),
    feedIds: z
      .array(z.string().regex(/^[0-9a-f]{40}$/, 'a feedId is 40 hex digits'))
      .max(10_000)
      .optional(),
  }),
]);

export type AdminAction = z.infer<typeof actionSchema>;

/** The commands an action sends (one per feed), each naming who asked. */
export function commandsFor(
  body: unknown,
  requestedBy: string,
  now: Date = new Date(),
): Parsed<CdeCommand[]> {
  const parsed = actionSchema.safeParse(body);
  if (!parsed.success) return { ok: false, message: z.prettifyError(parsed.error) };
  const action = parsed.data;
  let feeds: readonly FeedName[];
  if (action.feed === 'all') {
    if (action.action === 'resync' && action.byIds !== undefined)
      return { ok: false, message: 'byIds needs one feed, not all' };
    if (action.action === 'retry-parked' && action.feedIds !== undefined)
      return { ok: false, message: 'feedIds needs one feed, not all' };
    feeds = FEED_NAMES;
  } else {
    const feed = parseFeedName(action.feed);
    if (feed === undefined) return { ok: false, message: `unknown feed "${action.feed}"` };
    feeds = [feed];
  }
  const base = (feed: FeedName) => ({
    commandId: randomUUID(),
    requestedAt: now.toISOString(),
    requestedBy,
    feed,
  });
  if (action.action === 'retry-parked') {
    return {
      ok: true,
      value: feeds.map((feed) => ({ ...base(feed), type: 'retry-parked', feedIds: action.feedIds })),
    };
  }
  const options: ResyncOptions = {
    dryRun: action.dryRun,
    force: action.force,
    cleanupFeed: action.cleanupFeed,
    noReindex: false,
    continueResync: false,
    byIds: action.byIds,
    idType: action.idType,
  };
  return { ok: true, value: feeds.map((feed) => ({ ...base(feed), type: 'resync', options })) };
}
