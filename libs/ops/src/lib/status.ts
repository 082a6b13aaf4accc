import { FEEDS, type ExportMode, type FeedName } from '@cde/contracts';
import type { DeliverySummary } from '@cde/platform/feed-state';

/** What `cde status` shows per feed: the original's Data Feed Sync Status and `indexer:info`, and more. */
export interface FeedStatusView {
  readonly feed: FeedName;
  readonly service: string;
  /** Consumer groups of running services that serve it; empty when none does. */
  readonly servedBy: readonly string[];
  readonly mode: ExportMode;
  /** Entities or items the Commerce DB holds for the feed (the original's Source Records), when countable. */
  readonly sourceRecords: number | null;
  readonly items: number;
  readonly sent: number;
  readonly pending: number;
  /** Rejected (400 or listed as failed): final until the item changes. */
  readonly failed: number;
  readonly retrying: number;
  readonly parked: number;
  readonly deleted: number;
  readonly lastSync: string | null;
  /** Messages on `cde.feed.<feed>` not yet consumed by the groups that read it (the exporter). */
  readonly lag: number | null;
  readonly freshnessP50Ms: number | null;
  readonly freshnessP95Ms: number | null;
}

/** The p-th percentile (nearest rank) of some values, or null without any. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? null;
}

export interface FeedStatusInput {
  readonly feed: FeedName;
  readonly counts: DeliverySummary | null;
  readonly servedBy: readonly string[];
  readonly sourceRecords: number | null;
  readonly lag: number | null;
  /** Commit → acknowledgement of recently acknowledged items, in ms. */
  readonly freshnessMs: readonly number[];
  readonly mode?: ExportMode;
}

export function feedStatusOf(input: FeedStatusInput): FeedStatusView {
  const c = input.counts;
  return {
    feed: input.feed,
    service: FEEDS[input.feed].service,
    servedBy: input.servedBy,
    mode: input.mode ?? FEEDS[input.feed].defaultMode,
    sourceRecords: input.sourceRecords,
    items: c?.items ?? 0,
    sent: c?.accepted ?? 0,
    pending: c?.pending ?? 0,
    failed: c?.rejected ?? 0,
    retrying: c?.retrying ?? 0,
    parked: c?.parked ?? 0,
    deleted: c?.deleted ?? 0,
    lastSync: c?.lastAckedAt ?? null,
    lag: input.lag,
    freshnessP50Ms: percentile(input.freshnessMs, 50),
    freshnessP95Ms: percentile(input.freshnessMs, 95),
  };
}

const num = (n: number | null): string => (n === null ? '-' : n.toLocaleString('en-US'));
const ms = (n: number | null): string =>
  n === null ? '-' : n < 1000 ? `${Math.round(n)}ms` : `${(n / 1000).toFixed(1)}s`;

/** Rows of cells as an aligned plain-text table (first row: headings). */
export function formatTable(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export function formatStatus(views: readonly FeedStatusView[]): string {
  const head = [
    'FEED',
    'MODE',
    'SERVED BY',
    'SOURCE',
    'ITEMS',
    'SENT',
    'PENDING',
    'FAILED',
    'RETRYING',
    'PARKED',
    'DELETED',
    'LAG',
    'FRESH P50',
    'FRESH P95',
    'LAST SYNC',
  ];
  const rows = views.map((v) => [
    v.feed,
    v.mode,
    v.servedBy.length > 0 ? v.servedBy.join(',') : `none (${v.service} down)`,
    num(v.sourceRecords),
    num(v.items),
    num(v.sent),
    num(v.pending),
    num(v.failed),
    num(v.retrying),
    num(v.parked),
    num(v.deleted),
    num(v.lag),
    ms(v.freshnessP50Ms),
    ms(v.freshnessP95Ms),
    v.lastSync ?? 'never',
  ]);
  return formatTable([head, ...rows]);
}
