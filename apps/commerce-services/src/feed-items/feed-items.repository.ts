import { FEEDS, type FeedName } from '@cde/contracts';
import { feedIdOf } from '@cde/feed-engine';
import type { DataSource, EntityManager } from 'typeorm';
import { planUpserts, type DescribedItem, type StaleItem } from './feed-item-versions';

export interface SaveResult {
  readonly written: number;
  /** Items refused as older than the stored version. */
  readonly stale: readonly StaleItem[];
}

export interface ItemQuery {
  /** Exact values of identity fields (a subset of the feed's identity). */
  readonly identity: Readonly<Record<string, string>>;
  readonly deleted?: boolean;
  readonly limit: number;
  readonly offset: number;
}

export interface FeedStats {
  readonly feed: FeedName;
  /** Stored items that are not deletes. */
  readonly items: number;
  /** Stored deletes (`deleted: true`). */
  readonly deleted: number;
  readonly lastReceivedAt: string | null;
  readonly requests: number;
  readonly rejectedItems: number;
  readonly staleItems: number;
}

export interface CounterIncrements {
  readonly acceptedItems: number;
  readonly rejectedItems: number;
  readonly staleItems: number;
}

/** A batch of accepted items as one ingestion request brought it. */
interface ReceivedBatch {
  readonly feed: FeedName;
  readonly items: readonly DescribedItem[];
  readonly requestId: string;
  readonly receivedAt: Date;
  /** Items of the request refused (invalid, or by a fault switch), for the feed's counters. */
  readonly rejectedItems: number;
}

/** Keeps each statement well below max_allowed_packet whatever the items weigh. */
const MAX_STATEMENT_CHARS = 4 * 1024 * 1024;
const DEADLOCK_ERRNOS = new Set([1205, 1213]);
const MAX_ATTEMPTS = 3;

/**
 * The receiver's state in its own database: the current item per feed and identity, and per-feed counters.
 * Plain parameterised SQL through TypeORM's pool; the version guard lives in SQL too, so no write path can put
 * an older version over a newer one (I2).
 */
export class FeedItemsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Persists accepted items in one transaction: the stored versions are locked and compared, items older than
   * them are refused as stale, the rest are upserted, and the feed's counters move with them.
   */
  async saveBatch(
    feed: FeedName,
    items: readonly DescribedItem[],
    requestId: string,
    receivedAt: Date,
    rejectedItems: number,
  ): Promise<SaveResult> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction('READ COMMITTED', (manager) =>
          this.saveIn(manager, { feed, items, requestId, receivedAt, rejectedItems }),
        );
      } catch (error: unknown) {
        // Concurrent batches touching the same identities may deadlock; InnoDB rolled one back, so retry it.
        if (attempt >= MAX_ATTEMPTS || !isDeadlock(error)) throw error;
      }
    }
  }

  private async saveIn(manager: EntityManager, batch: ReceivedBatch): Promise<SaveResult> {
    const { feed, items, requestId, receivedAt, rejectedItems } = batch;
    const stored = new Map<string, string>();
    const feedIds = [...new Set(items.map((i) => i.feedId))];
    if (feedIds.length > 0) {
      const rows = await manager.query<{ feed_id: string; version: string }[]>(
        'SELECT feed_id, version FROM feed_items WHERE feed = ? AND feed_id IN (?) FOR UPDATE',
        [feed, feedIds],
      );
      for (const row of rows) stored.set(row.feed_id, row.version);
    }
    const plan = planUpserts(items, stored);
    for (const part of chunkBySize(plan.writes.map((i) => [i, JSON.stringify(i.item)] as const))) {
      await manager.query(
        `INSERT INTO feed_items (feed, feed_id, identity, item, version, deleted, received_at, request_id)
         VALUES ?
         ON DUPLICATE KEY UPDATE
           identity = IF(VALUES(version) >= version, VALUES(identity), identity),
           item = IF(VALUES(version) >= version, VALUES(item), item),
           deleted = IF(VALUES(version) >= version, VALUES(deleted), deleted),
           received_at = IF(VALUES(version) >= version, VALUES(received_at), received_at),
           request_id = IF(VALUES(version) >= version, VALUES(request_id), request_id),
           version = IF(VALUES(version) >= version, VALUES(version), version)`,
        [
          part.map(([i, json]) => [
            feed,
            i.feedId,
            JSON.stringify(i.identity),
            json,
            i.version,
            i.deleted ? 1 : 0,
            receivedAt,
            requestId,
          ]),
        ],
      );
    }
    await this.increment(manager, feed, receivedAt, {
      acceptedItems: items.length - plan.stale.length,
      rejectedItems,
      staleItems: plan.stale.length,
    });
    return { written: plan.writes.length, stale: plan.stale };
  }

  /** Counts a request that persisted nothing (rejected, throttled, failed by a fault). */
  async countRequest(feed: FeedName, at: Date, rejectedItems: number): Promise<void> {
    await this.increment(this.dataSource.manager, feed, at, {
      acceptedItems: 0,
      rejectedItems,
      staleItems: 0,
    });
  }

  private async increment(
    manager: EntityManager,
    feed: FeedName,
    at: Date,
    by: CounterIncrements,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO feed_counters (feed, requests, accepted_items, rejected_items, stale_items, updated_at)
       VALUES (?, 1, ?, ?, ?, ?)
       ON DUPLICATE KEY UPDATE requests = requests + 1, accepted_items = accepted_items + VALUES(accepted_items),
         rejected_items = rejected_items + VALUES(rejected_items), stale_items = stale_items + VALUES(stale_items),
         updated_at = VALUES(updated_at)`,
      [feed, by.acceptedItems, by.rejectedItems, by.staleItems, at],
    );
  }

  /** Stored items (as received) matching exact identity values, in arrival order of their identity. */
  async findItems(feed: FeedName, query: ItemQuery): Promise<{ items: unknown[]; total: number }> {
    const where: string[] = ['feed = ?'];
    const params: unknown[] = [feed];
    const fields = FEEDS[feed].identity;
    if (fields.every((field) => query.identity[field] !== undefined)) {
      // The whole identity is given: use the unique key.
      where.push('feed_id = ?');
      params.push(feedIdOf(feed, fields, query.identity));
    } else {
      for (const [field, value] of Object.entries(query.identity)) {
        // Binary comparison: identity values match exactly, not by the collation's case folding.
        where.push('CAST(JSON_VALUE(identity, ?) AS BINARY) = CAST(? AS BINARY)');
        params.push(`$."${field}"`, value);
      }
    }
    if (query.deleted !== undefined) {
      where.push('deleted = ?');
      params.push(query.deleted ? 1 : 0);
    }
    const condition = where.join(' AND ');
    const rows = await this.dataSource.query<{ item: string }[]>(
      `SELECT item FROM feed_items WHERE ${condition} ORDER BY id LIMIT ? OFFSET ?`,
      [...params, query.limit, query.offset],
    );
    const [count] = await this.dataSource.query<{ total: number | string }[]>(
      `SELECT COUNT(*) AS total FROM feed_items WHERE ${condition}`,
      params,
    );
    return { items: rows.map((r) => JSON.parse(r.item) as unknown), total: Number(count?.total ?? 0) };
  }

  async stats(feed: FeedName): Promise<FeedStats> {
    const [state] = await this.dataSource.query<
      { live: string | number | null; deleted: string | number | null; last: string | null }[]
    >(
      'SELECT SUM(deleted = 0) AS live, SUM(deleted = 1) AS deleted, MAX(received_at) AS last FROM feed_items WHERE feed = ?',
      [feed],
    );
    const [counters] = await this.dataSource.query<
      { requests: string | number; rejected_items: string | number; stale_items: string | number }[]
    >('SELECT requests, rejected_items, stale_items FROM feed_counters WHERE feed = ?', [feed]);
    return {
      feed,
      items: Number(state?.live ?? 0),
      deleted: Number(state?.deleted ?? 0),
      lastReceivedAt: state?.last ? isoOf(state.last) : null,
      requests: Number(counters?.requests ?? 0),
      rejectedItems: Number(counters?.rejected_items ?? 0),
      staleItems: Number(counters?.stale_items ?? 0),
    };
  }

  async ping(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }
}

/** `YYYY-MM-DD HH:MM:SS.mmm` (UTC, as the pool reads datetimes) as ISO 8601. */
function isoOf(dateTime: string): string {
  return new Date(`${dateTime.replace(' ', 'T')}Z`).toISOString();
}

function isDeadlock(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const errno = (error as { errno?: unknown }).errno;
  return typeof errno === 'number' && DEADLOCK_ERRNOS.has(errno);
}

function chunkBySize<T extends readonly [unknown, string]>(rows: readonly T[]): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let size = 0;
  for (const row of rows) {
    if (current.length > 0 && size + row[1].length > MAX_STATEMENT_CHARS) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(row);
    size += row[1].length;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
