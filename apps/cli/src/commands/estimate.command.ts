import { FEED_NAMES, Topics } from '@cde/contracts';
import { estimate, ExitCode, formatEstimate, parseFeeds, usageError, type EstimateInput } from '@cde/ops';
import type { CliContext } from '../cli-context';
import { print } from '../output';

export interface EstimateFlags {
  feed?: string;
  rps?: string;
  productsPerMinute?: string;
  json?: boolean;
}

const positive = (flag: string, v: string | undefined): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw usageError(`${flag} must be a positive number, got "${v}"`);
  return n;
};

/** `cde estimate`: data volume and sync time per feed from real counts, like the original's estimation table. */
export async function estimateCommand(ctx: CliContext, flags: EstimateFlags): Promise<number> {
  const feeds = flags.feed ? parseFeeds(flags.feed) : [...FEED_NAMES];
  const requestsPerSecond = positive('--rps', flags.rps) ?? ctx.config.receiver.maxRps;
  const productsPerMinute = positive('--products-per-minute', flags.productsPerMinute);
  const state = await ctx.feedStateReads();
  const commerce = await ctx.commerceReads().catch(() => undefined);
  const existing = await ctx.kafka().topicExists(feeds.map((f) => Topics.feed(f)));
  const inputs: EstimateInput[] = [];
  for (const feed of feeds) {
    const counts = await state.counts(feed);
    const live = counts ? counts.items - counts.deleted : 0;
    const source = live > 0 ? null : ((await commerce?.sourceRecords(feed)) ?? null);
    // Bytes per item: the mean of the latest published items (the feed state keeps only minimal payloads).
    let bytes = 0;
    let n = 0;
    if (existing.has(Topics.feed(feed))) {
      await ctx.kafka().readTail(
        Topics.feed(feed),
        50,
        (m) => {
          if (!m.value) return;
          const item = (JSON.parse(m.value.toString('utf8')) as { item?: unknown }).item;
          bytes += Buffer.byteLength(JSON.stringify(item ?? null));
          n++;
        },
        30_000,
      );
    }
    inputs.push({
      feed,
      records: live > 0 ? live : (source ?? 0),
      recordsFrom: live > 0 ? 'feed state' : source !== null ? 'commerce db' : 'unknown',
      avgItemBytes: n > 0 ? bytes / n : null,
    });
  }
  const options = { requestsPerSecond, ...(productsPerMinute ? { productsPerMinute } : {}) };
  const result = estimate(inputs, options);
  print(flags.json ?? false, { ...result, ...options }, () => formatEstimate(result, options));
  return ExitCode.Done;
}
