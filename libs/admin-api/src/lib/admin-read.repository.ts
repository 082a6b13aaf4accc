import { FEEDS, type FeedName } from '@cde/contracts';
import type { DataSource } from 'typeorm';
import {
  ITEM_COLUMNS,
  itemPageQuery,
  STATE_CONDITIONS,
  stateOf,
  type ItemFilter,
  type ItemState,
} from './item-filter';

/** A feed's items counted by state, with the times an operator asks about first. */
export interface FeedCounts {
  readonly feed: FeedName;
  readonly items: number;
  readonly accepted: number;
  readonly pending: number;
  readonly rejected: number;
  readonly retrying: number;
  readonly parked: number;
  readonly deleted: number;
  readonly lastAckedAt: string | null;
  readonly lastModifiedAt: string | null;
  /** End of the last full sync that completed (onboarding or a resync of the whole feed). */
  readonly lastFullSyncAt: string | null;
}

/** A feed-state row as the dashboard shows it. */
export interface AdminItem {
  readonly id: number;
  readonly feedId: string;
  readonly sourceEntityId: string;
  readonly state: ItemState;
  readonly status: number;
  readonly isDeleted: boolean;
  readonly parked: boolean;
  readonly attempts: number;
  readonly feedData: Record<string, unknown>;
  readonly feedHash: string;
  readonly sentHash: string | null;
  readonly errors: string | null;
  readonly requestId: string | null;
  readonly modifiedAt: string;
  readonly sourceCommitTime: string | null;
  readonly producedAt: string | null;
  readonly ackedAt: string | null;
}

export interface ItemPage {
  readonly items: readonly AdminItem[];
  /** The cursor of the next page (`after`), or null on the last page. */
  readonly next: number | null;
}

/** A sync job as the dashboard lists it: the resyncs and syncs of a feed, who asked, how far they got. */
export interface JobSummary {
  readonly id: string;
  readonly feed: string;
  readonly kind: string;
  readonly reason: string;
  readonly state: string;
  readonly commandId: string | null;
  readonly requestedBy: string | null;
  readonly total: number | null;
  readonly processed: number;
  readonly synced: number;
  readonly failed: number;
  readonly lastError: string | null;
  readonly createdAt: string;
  readonly finishedAt: string | null;
}

type Raw = Record<string, string | number | null>;

const num = (v: unknown): number => Number(v ?? 0);
const str = (v: string | number | null | undefined): string | null =>
  v === null || v === undefined ? null : String(v);

function parseJson(text: unknown): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(String(text));
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function requestIdOf(metadata: unknown): string | null {
  if (typeof metadata !== 'string') return null;
  try {
    const value: unknown = JSON.parse(metadata);
    return Array.isArray(value) && typeof value[0] === 'string' ? value[0] : null;
  } catch {
    return null;
  }
}

export function toAdminItem(r: Raw): AdminItem {
  const status = num(r['status']);
  const parked = num(r['parked']) === 1;
  const isDeleted = num(r['is_deleted']) === 1;
  return {
    id: num(r['id']),
    feedId: String(r['feed_id']),
    sourceEntityId: String(r['source_entity_id']),
    state: stateOf({ status, parked, isDeleted }),
    status,
    isDeleted,
    parked,
    attempts: num(r['attempts']),
    feedData: parseJson(r['feed_data']),
    feedHash: String(r['feed_hash']),
    sentHash: str(r['sent_hash']),
    errors: str(r['errors']),
    requestId: requestIdOf(r['metadata']),
    modifiedAt: String(r['modified_at']),
    sourceCommitTime: str(r['source_commit_time']),
    producedAt: str(r['produced_at']),
    ackedAt: str(r['acked_at']),
  };
}

const table = (feed: FeedName): string => `\`${FEEDS[feed].stateTable}\``;
const missingTable = (error: unknown): boolean =>
  (error as { code?: string } | null)?.code === 'ER_NO_SUCH_TABLE';

/**
 * What the dashboard reads from `data_export`: read-only, parameterised SQL; a feed whose table does not exist
 * yet (its service never started) reads as empty rather than failing the page.
 */
export class AdminReadRepository {
  constructor(private readonly dataSource: DataSource) {}

  async counts(feed: FeedName): Promise<FeedCounts> {
    let row: Raw | undefined;
    try {
      [row] = await this.dataSource.query<Raw[]>(
        `SELECT COUNT(*) AS items,
                SUM(${STATE_CONDITIONS.accepted}) AS accepted,
                SUM(${STATE_CONDITIONS.pending}) AS pending,
                SUM(${STATE_CONDITIONS.rejected}) AS rejected,
                SUM(${STATE_CONDITIONS.retrying}) AS retrying,
                SUM(${STATE_CONDITIONS.parked}) AS parked,
                SUM(${STATE_CONDITIONS.deleted}) AS deleted,
                MAX(acked_at) AS lastAckedAt,
                MAX(modified_at) AS lastModifiedAt
           FROM ${table(feed)}`,
      );
    } catch (error) {
      if (!missingTable(error)) throw error;
    }
    return {
      feed,
      items: num(row?.['items']),
      accepted: num(row?.['accepted']),
      pending: num(row?.['pending']),
      rejected: num(row?.['rejected']),
      retrying: num(row?.['retrying']),
      parked: num(row?.['parked']),
      deleted: num(row?.['deleted']),
      lastAckedAt: str(row?.['lastAckedAt']),
      lastModifiedAt: str(row?.['lastModifiedAt']),
      lastFullSyncAt: await this.lastFullSync(feed),
    };
  }

  private async lastFullSync(feed: FeedName): Promise<string | null> {
    try {
      const [row] = await this.dataSource.query<Raw[]>(
        `SELECT MAX(finished_at) AS at FROM cde_sync_job
          WHERE feed = ? AND state = 'done' AND kind IN ('onboarding', 'resync') AND spec NOT LIKE '%"byIds"%'`,
        [feed],
      );
      return str(row?.['at']);
    } catch (error) {
      if (missingTable(error)) return null;
      throw error;
    }
  }

  async page(feed: FeedName, filter: ItemFilter): Promise<ItemPage> {
    const { sql, params } = itemPageQuery(feed, filter);
    let rows: Raw[];
    try {
      rows = await this.dataSource.query<Raw[]>(sql, [...params]);
    } catch (error) {
      if (missingTable(error)) return { items: [], next: null };
      throw error;
    }
    const items = rows.slice(0, filter.limit).map(toAdminItem);
    return { items, next: rows.length > filter.limit ? (items.at(-1)?.id ?? null) : null };
  }

  async item(feed: FeedName, feedId: string): Promise<AdminItem | null> {
    try {
      const [row] = await this.dataSource.query<Raw[]>(
        `SELECT ${ITEM_COLUMNS} FROM ${table(feed)} WHERE feed_id = ?`,
        [feedId],
      );
      return row ? toAdminItem(row) : null;
    } catch (error) {
      if (missingTable(error)) return null;
      throw error;
    }
  }

  /** The most recent sync jobs, newest first; of one feed, or of every feed. */
  async jobs(feed: FeedName | undefined, limit: number): Promise<JobSummary[]> {
    let rows: Raw[];
    try {
      rows = await this.dataSource.query<Raw[]>(
        `SELECT id, feed, kind, reason, state, command_id, requested_by, total, processed, synced, failed,
                last_error, created_at, finished_at
           FROM cde_sync_job ${feed ? 'WHERE feed = ?' : ''} ORDER BY id DESC LIMIT ?`,
        feed ? [feed, limit] : [limit],
      );
    } catch (error) {
      if (missingTable(error)) return [];
      throw error;
    }
    return rows.map((r) => ({
      id: String(r['id']),
      feed: String(r['feed']),
      kind: String(r['kind']),
      reason: String(r['reason']),
      state: String(r['state']),
      commandId: str(r['command_id']),
      requestedBy: str(r['requested_by']),
      total: r['total'] === null ? null : num(r['total']),
      processed: num(r['processed']),
      synced: num(r['synced']),
      failed: num(r['failed']),
      lastError: str(r['last_error']),
      createdAt: String(r['created_at']),
      finishedAt: str(r['finished_at']),
    }));
  }

  async ping(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }
}
