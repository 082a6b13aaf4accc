import { SyncCode, type FeedName } from '@cde/contracts';
import type { Logger } from 'pino';
import type { FeedMetrics } from './feed-metrics';
import type { CommerceReadError } from './schema-error';

/** While a schema error lasts, its log record is repeated this often at most (at once when its message changes). */
export const SCHEMA_ERROR_LOG_INTERVAL_MS = 10 * 60_000;

/** The schema error last logged for a feed. */
export interface LoggedSchemaError {
  readonly message: string;
  readonly at: number;
  /** Its code (CDE04-29 or CDE04-30), named again when the feed reads once more. */
  readonly code?: string;
}

/** Whether a schema error is news: the feed's first, one with another message, or the same once the interval passed. */
export function mustLogSchemaError(
  last: LoggedSchemaError | undefined,
  message: string,
  now: number,
  intervalMs: number,
): boolean {
  return last === undefined || last.message !== message || now - last.at >= intervalMs;
}

export interface SchemaErrorWatchOptions {
  readonly intervalMs?: number;
  readonly now?: () => number;
}

/**
 * Where a feed service's schema errors and missing grants are counted and told: each failed attempt counts on
 * `cde_feed_schema_errors_total{feed}` or `cde_feed_grant_errors_total{feed}`, but the log record (CDE04-29,
 * CDE04-30) is written once per feed and message, again only after `intervalMs` while it lasts, never once per
 * entity or per retry; the first read that works after a logged one says so once.
 */
export class SchemaErrorWatch {
  private readonly logged = new Map<FeedName, LoggedSchemaError>();
  /** Feeds whose schema error was logged and whose recovery was not yet. */
  private readonly announced = new Set<FeedName>();
  /** An error travels through several handlers (a sync, then its job): it counts once. */
  private readonly seen = new WeakSet<CommerceReadError>();

  constructor(
    private readonly logger: Logger,
    private readonly metrics?: FeedMetrics,
    private readonly options: SchemaErrorWatchOptions = {},
  ) {}

  /** An attempt of the feed failed with this schema error or missing grant. */
  failed(error: CommerceReadError, operation: string): void {
    if (this.seen.has(error)) return;
    this.seen.add(error);
    const { feed, fault, code } = error;
    if (code === SyncCode.MissingGrant) this.metrics?.onGrantError(feed);
    else this.metrics?.onSchemaError(feed);
    const now = this.options.now?.() ?? Date.now();
    const interval = this.options.intervalMs ?? SCHEMA_ERROR_LOG_INTERVAL_MS;
    if (!mustLogSchemaError(this.logged.get(feed), error.message, now, interval)) return;
    this.logged.set(feed, { message: error.message, at: now, code });
    this.announced.add(feed);
    this.logger.error(
      {
        feed,
        operation,
        code,
        dbError: fault.code,
        ...(fault.object === undefined ? {} : { object: fault.object }),
        ...(fault.user === undefined ? {} : { dbUser: fault.user }),
        tables: fault.tables,
        err: error.cause,
      },
      error.message,
    );
  }

  /** The feed read the Commerce DB: the schema error it had, if one was logged, is over. */
  read(feed: FeedName, operation: string): void {
    if (!this.announced.delete(feed)) return;
    this.logger.info(
      { feed, operation },
      `feed ${feed} reads the Commerce DB again: the syncs held back by ${this.logged.get(feed)?.code ?? SyncCode.SchemaMismatch} go on`,
    );
  }
}
