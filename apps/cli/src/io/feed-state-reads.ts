import { FEEDS, type FeedName } from '@cde/contracts';
import type { FailedItem, StateDelivery, StoredState } from '@cde/ops';
import {
  createFeedStateDataSource,
  FeedStateRepository,
  storedTime,
  type DeliverySummary,
  type FeedStateDbConfig,
} from '@cde/platform/feed-state';
import type { DataSource } from 'typeorm';
import { within } from './bounded';

const table = (feed: FeedName): string => `\`${FEEDS[feed].stateTable}\``;

/** A feed whose table does not exist yet (its service never ran): no counts rather than an error. */
const missingTable = (error: unknown): boolean =>
  (error as { code?: string }).code === 'ER_NO_SUCH_TABLE' ||
  (error as { driverError?: { code?: string } }).driverError?.code === 'ER_NO_SUCH_TABLE';

interface FailedRaw {
  feed_id: string;
  source_entity_id: string | number;
  status: number;
  parked: number;
  attempts: number;
  errors: string | null;
  metadata: string | null;
  modified_at: string;
  feed_data: string;
}

/** What the CLI reads from and writes to the feed state (`data_export`); never migrates it. */
export class FeedStateReads {
  private constructor(
    private readonly dataSource: DataSource,
    readonly repository: FeedStateRepository,
  ) {}

  static async open(config: FeedStateDbConfig): Promise<FeedStateReads> {
    const dataSource = createFeedStateDataSource(config, 2);
    await within(
      15_000,
      `the feed state (${config.host}:${config.port}/${config.database})`,
      dataSource.initialize(),
    );
    return new FeedStateReads(dataSource, new FeedStateRepository(dataSource));
  }

  async counts(feed: FeedName): Promise<DeliverySummary | null> {
    try {
      return await this.repository.deliverySummary(feed);
    } catch (error) {
      if (missingTable(error)) return null;
      throw error;
    }
  }

  /** Commit → acknowledgement of the most recently acknowledged items (freshness). */
  async freshnessMs(feed: FeedName, limit = 1000): Promise<number[]> {
    try {
      const rows = await this.dataSource.query<{ ms: string | number }[]>(
        `SELECT TIMESTAMPDIFF(MICROSECOND, source_commit_time, acked_at) / 1000 AS ms FROM ${table(feed)}
          WHERE acked_at IS NOT NULL AND source_commit_time IS NOT NULL ORDER BY acked_at DESC LIMIT ?`,
        [limit],
      );
      return rows.map((r) => Number(r.ms)).filter((n) => Number.isFinite(n) && n >= 0);
    } catch (error) {
      if (missingTable(error)) return [];
      throw error;
    }
  }

  /** Average bytes of a stored payload (legacy feeds store whole items; immediate feeds their minimal payload). */
  async avgPayloadBytes(feed: FeedName): Promise<number | null> {
    try {
      const [row] = await this.dataSource.query<{ b: string | number | null }[]>(
        `SELECT AVG(LENGTH(feed_data)) AS b FROM ${table(feed)}`,
      );
      return row?.b === null || row?.b === undefined ? null : Number(row.b);
    } catch (error) {
      if (missingTable(error)) return null;
      throw error;
    }
  }

  /** Items that failed for good, wait for a retry, or are parked. */
  async failed(feed: FeedName, limit: number): Promise<FailedItem[]> {
    let rows: FailedRaw[];
    try {
      rows = await this.dataSource.query<FailedRaw[]>(
        `SELECT feed_id, source_entity_id, status, parked, attempts, errors, metadata, modified_at, feed_data
           FROM ${table(feed)} WHERE parked = 1 OR status IN (1, 2, 400) ORDER BY modified_at, id LIMIT ?`,
        [limit],
      );
    } catch (error) {
      if (missingTable(error)) return [];
      throw error;
    }
    const identity = FEEDS[feed].identity;
    return rows.map((r) => {
      const data = JSON.parse(r.feed_data) as Record<string, unknown>;
      return {
        feed,
        feedId: r.feed_id,
        sourceEntityId: String(r.source_entity_id),
        identity: Object.fromEntries(identity.map((f) => [f, data[f]])),
        status: Number(r.status),
        parked: Number(r.parked) === 1,
        attempts: Number(r.attempts),
        errors: r.errors,
        requestId: requestIdOf(r.metadata),
        modifiedAt: storedTime(r.modified_at).toISOString(),
      };
    });
  }

  /** Every item's delivery as a reconciliation compares it, in pages (bounded by the feed's size). */
  async deliveries(feed: FeedName): Promise<StateDelivery[]> {
    const out: StateDelivery[] = [];
    for (let after = 0; ;) {
      let rows: { id: string | number; feed_id: string; is_deleted: number; status: number }[];
      try {
        rows = await this.dataSource.query(
          `SELECT id, feed_id, is_deleted, status FROM ${table(feed)} WHERE id > ? ORDER BY id LIMIT 10000`,
          [after],
        );
      } catch (error) {
        if (missingTable(error)) return out;
        throw error;
      }
      for (const r of rows)
        out.push({ feedId: r.feed_id, isDeleted: Number(r.is_deleted) === 1, status: Number(r.status) });
      const last = rows[rows.length - 1];
      if (rows.length < 10000 || last === undefined) return out;
      after = Number(last.id);
    }
  }

  /** Parks items by hand (an operator's decision), keeping their last error. */
  async park(feed: FeedName, feedIds: readonly string[], by: string): Promise<number> {
    if (feedIds.length === 0) return 0;
    const result = await this.dataSource.query<{ affectedRows?: number }>(
      `UPDATE ${table(feed)} SET parked = 1, errors = CONCAT(COALESCE(errors, ''), ?) WHERE feed_id IN (?) AND parked = 0`,
      [` (parked by ${by})`, feedIds],
    );
    return result.affectedRows ?? 0;
  }

  async state(feed: FeedName, feedId: string): Promise<StoredState | null> {
    try {
      const [r] = await this.dataSource.query<
        (FailedRaw & {
          feed_hash: string;
          sent_hash: string | null;
          acked_at: string | null;
          is_deleted: number;
        })[]
      >(
        `SELECT feed_id, source_entity_id, feed_hash, sent_hash, status, parked, attempts, errors, metadata, modified_at,
                acked_at, is_deleted, feed_data FROM ${table(feed)} WHERE feed_id = ?`,
        [feedId],
      );
      if (!r) return null;
      return {
        sourceEntityId: String(r.source_entity_id),
        feedHash: r.feed_hash,
        sentHash: r.sent_hash,
        status: Number(r.status),
        parked: Number(r.parked) === 1,
        attempts: Number(r.attempts),
        errors: r.errors,
        requestId: requestIdOf(r.metadata),
        modifiedAt: r.modified_at,
        ackedAt: r.acked_at,
        isDeleted: Number(r.is_deleted) === 1,
      };
    } catch (error) {
      if (missingTable(error)) return null;
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.dataSource.destroy().catch(() => undefined);
  }
}

function requestIdOf(metadata: string | null): string | null {
  if (!metadata) return null;
  try {
    const parsed = JSON.parse(metadata) as unknown;
    return Array.isArray(parsed) && typeof parsed[0] === 'string' ? parsed[0] : null;
  } catch {
    return null;
  }
}
