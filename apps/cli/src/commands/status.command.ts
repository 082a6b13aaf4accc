import { FEED_NAMES, Topics, type FeedName } from '@cde/contracts';
import {
  ExitCode,
  feedStatusOf,
  formatStatus,
  parseFeeds,
  type FeedStatusView,
  type GroupView,
} from '@cde/ops';
import type { CliContext } from '../cli-context';
import { print } from '../output';

/** Groups with a live member reading the feed topic (exporters): their lag is the feed's backlog to the receiver. */
async function lagOf(ctx: CliContext, groups: readonly GroupView[], feed: FeedName): Promise<number | null> {
  const topic = Topics.feed(feed);
  const readers = groups.filter((g) => g.memberTopics.some((t) => t.includes(topic)));
  if (readers.length === 0) return null;
  let lag = 0;
  for (const g of readers) lag += await ctx.kafka().lag(g.groupId, topic);
  return lag;
}

/** `cde status`: the original's Data Feed Sync Status and `indexer:info`, per feed. */
export async function status(ctx: CliContext, flags: { feed?: string; json?: boolean }): Promise<number> {
  const feeds = flags.feed ? parseFeeds(flags.feed) : [...FEED_NAMES];
  const { groups, served } = await ctx.served();
  const state = await ctx.feedStateReads();
  const commerce = await ctx.commerceReads().catch(() => undefined);
  const views: FeedStatusView[] = [];
  for (const feed of feeds) {
    views.push(
      feedStatusOf({
        feed,
        counts: await state.counts(feed),
        servedBy: served.get(feed) ?? [],
        sourceRecords: (await commerce?.sourceRecords(feed)) ?? null,
        lag: await lagOf(ctx, groups, feed),
        freshnessMs: await state.freshnessMs(feed),
      }),
    );
  }
  print(flags.json ?? false, { feeds: views }, () => formatStatus(views));
  return ExitCode.Done;
}
