import { FEEDS, type FeedName } from '@cde/contracts';
import { formatTable } from './status';

export interface EstimateInput {
  readonly feed: FeedName;
  /** Items of the feed: counted in the feed state, or, before the first sync, from the Commerce DB. */
  readonly records: number;
  readonly recordsFrom: 'feed state' | 'commerce db' | 'unknown';
  /** Average bytes per item (stored payloads), when known. */
  readonly avgItemBytes: number | null;
  readonly batchSize?: number;
}

export interface EstimateOptions {
  /** Requests per second the SaaS accepts (the original's documented 2/s; CDE_EXPORT_MAX_RPS). */
  readonly requestsPerSecond: number;
  /** A per-minute cap on products (the Commerce Optimizer allocation, 1,000/min), if any. */
  readonly productsPerMinute?: number;
}

export interface FeedEstimate {
  readonly feed: FeedName;
  readonly records: number;
  readonly recordsFrom: EstimateInput['recordsFrom'];
  readonly batchSize: number;
  readonly requests: number;
  readonly bytes: number | null;
  readonly seconds: number;
}

/**
 * The original's estimation table from real counts: requests = ⌈records ÷ batch size⌉, time = requests ÷ rate,
 * or the products allocation where it binds. A full onboarding sends the feeds one after another through one rate.
 */
export function estimate(
  inputs: readonly EstimateInput[],
  options: EstimateOptions,
): { feeds: FeedEstimate[]; totalSeconds: number; totalRequests: number; totalBytes: number | null } {
  const feeds = inputs.map((i) => {
    const batchSize = i.batchSize ?? FEEDS[i.feed].defaultBatchSize;
    const requests = Math.ceil(i.records / batchSize);
    let seconds = requests / options.requestsPerSecond;
    if (options.productsPerMinute && i.feed === 'products')
      seconds = Math.max(seconds, (i.records / options.productsPerMinute) * 60);
    return {
      feed: i.feed,
      records: i.records,
      recordsFrom: i.recordsFrom,
      batchSize,
      requests,
      bytes: i.avgItemBytes === null ? null : Math.round(i.avgItemBytes * i.records),
      seconds,
    };
  });
  const known = feeds.every((f) => f.bytes !== null);
  return {
    feeds,
    totalSeconds: feeds.reduce((s, f) => s + f.seconds, 0),
    totalRequests: feeds.reduce((s, f) => s + f.requests, 0),
    totalBytes: known ? feeds.reduce((s, f) => s + (f.bytes ?? 0), 0) : null,
  };
}

export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${Math.ceil(seconds)} s`;
  if (seconds < 3600) return `${(seconds / 60).toFixed(1)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

const bytesText = (n: number | null): string =>
  n === null ? '-' : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1024 / 1024).toFixed(1)} MiB`;

export function formatEstimate(result: ReturnType<typeof estimate>, options: EstimateOptions): string {
  const rows = result.feeds.map((f) => [
    f.feed,
    f.records.toLocaleString('en-US'),
    f.recordsFrom,
    String(f.batchSize),
    f.requests.toLocaleString('en-US'),
    bytesText(f.bytes),
    formatDuration(f.seconds),
  ]);
  return [
    formatTable([['FEED', 'RECORDS', 'COUNTED IN', 'BATCH', 'REQUESTS', 'VOLUME', 'TIME'], ...rows]),
    '',
    `full onboarding: ${result.totalRequests.toLocaleString('en-US')} requests, ${bytesText(result.totalBytes)}, ` +
      `about ${formatDuration(result.totalSeconds)} at ${options.requestsPerSecond} requests/s` +
      (options.productsPerMinute ? ` and ${options.productsPerMinute} products/min` : ''),
  ].join('\n');
}
