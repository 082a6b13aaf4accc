import { FEED_NAMES, OpsCode, type FeedName, type RetryParkedCommand } from '@cde/contracts';
import {
  ExitCode,
  failedStateOf,
  formatTable,
  matchesFilter,
  OpsError,
  parseAge,
  parseFailedState,
  parseFeeds,
  planRetry,
  type FailedFilter,
  type FailedItem,
} from '@cde/ops';
import type { CliContext } from '../cli-context';
import { err, print } from '../output';

export interface FailedFlags {
  feed?: string;
  code?: string;
  olderThan?: string;
  ids?: string;
  state?: string;
  limit: string;
  json?: boolean;
}

function filterOf(flags: FailedFlags): FailedFilter {
  const list = (v: string | undefined): string[] | undefined =>
    v
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  return {
    ...(flags.code ? { codes: list(flags.code) } : {}),
    ...(flags.olderThan ? { olderThanMs: parseAge(flags.olderThan) } : {}),
    ...(flags.ids ? { ids: list(flags.ids) } : {}),
    ...(flags.state ? { state: parseFailedState(flags.state) } : {}),
  };
}

async function select(ctx: CliContext, flags: FailedFlags): Promise<FailedItem[]> {
  const feeds = flags.feed ? parseFeeds(flags.feed) : [...FEED_NAMES];
  const filter = filterOf(flags);
  const limit = Number(flags.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100_000)
    throw new OpsError(OpsCode.BadUsage, `--limit must be an integer from 1 to 100000, got "${flags.limit}"`);
  const state = await ctx.feedStateReads();
  const now = Date.now();
  const out: FailedItem[] = [];
  for (const feed of feeds)
    out.push(...(await state.failed(feed, limit)).filter((i) => matchesFilter(i, filter, now)));
  return out.slice(0, limit);
}

const table = (items: readonly FailedItem[]): string =>
  items.length === 0
    ? 'no failed items'
    : formatTable([
        ['FEED', 'STATE', 'IDENTITY', 'ENTITY', 'STATUS', 'ATTEMPTS', 'REQUEST ID', 'SINCE', 'ERROR'],
        ...items.map((i) => [
          i.feed,
          failedStateOf(i),
          Object.values(i.identity).join('/'),
          i.sourceEntityId,
          String(i.status),
          String(i.attempts),
          i.requestId ?? '-',
          i.modifiedAt,
          (i.errors ?? '').slice(0, 120),
        ]),
      ]);

export async function failedList(ctx: CliContext, flags: FailedFlags): Promise<number> {
  const items = await select(ctx, flags);
  print(flags.json ?? false, { items }, () => table(items));
  return ExitCode.Done;
}

const byFeed = (items: readonly FailedItem[]): Map<FeedName, FailedItem[]> => {
  const m = new Map<FeedName, FailedItem[]>();
  for (const i of items) m.set(i.feed, [...(m.get(i.feed) ?? []), i]);
  return m;
};

/** Parks the selected items (no more automatic retries), keeping their last error. */
export async function failedPark(ctx: CliContext, flags: FailedFlags): Promise<number> {
  const items = await select(ctx, flags);
  const state = await ctx.feedStateReads();
  let parked = 0;
  for (const [feed, list] of byFeed(items))
    parked += await state.park(
      feed,
      list.map((i) => i.feedId),
      ctx.requestedBy,
    );
  print(
    flags.json ?? false,
    { selected: items.length, parked },
    () => `parked ${parked} of ${items.length} selected items`,
  );
  return ExitCode.Done;
}

/**
 * Sends the selected items again with their current content: parks those that are not (so the owning service's
 * retry-parked path takes them), then sends one retry-parked command per feed with their feedIds.
 */
export async function failedRetry(ctx: CliContext, flags: FailedFlags): Promise<number> {
  const items = await select(ctx, flags);
  const groups = byFeed(items);
  await ctx.requireServed([...groups.keys()]);
  const state = await ctx.feedStateReads();
  const commands: RetryParkedCommand[] = [];
  for (const [feed, list] of groups) {
    const plan = planRetry(list);
    await state.park(feed, plan.toPark, ctx.requestedBy);
    const command: RetryParkedCommand = {
      type: 'retry-parked',
      ...ctx.newCommandBase(),
      feed,
      feedIds: plan.toRetry,
    };
    await ctx.kafka().sendCommand(command);
    commands.push(command);
    if (!flags.json) err(`${feed}: retry of ${plan.toRetry.length} items requested (${command.commandId})`);
  }
  print(
    flags.json ?? false,
    { selected: items.length, commands },
    () => `retry requested for ${items.length} items`,
  );
  return ExitCode.Done;
}
