import { DELIVERY_STATE_SQL, deliveryStateOf, FEEDS, type FeedName } from '@cde/contracts';
import type { DataSource } from 'typeorm';

/** An outcome kept in `cde_early_outcome` (dates as strings, as the pool reads them). */
interface EarlyOutcomeRow {
  readonly feed_id: string;
  readonly sent_hash: string;
  readonly produced_at: string;
  readonly status: number;
  readonly errors: string | null;
  readonly metadata: string | null;
  readonly retryable: number;
  readonly created_at: string;
}

/** A feed-state row as the engine reads it. */
export interface FeedStateRow {
  readonly feedId: string;
  readonly sourceEntityId: string;
  readonly feedHash: string;
  readonly sentHash: string | null;
  readonly status: number;
  readonly isDeleted: boolean;
  readonly feedData: Record<string, unknown>;
  readonly attempts: number;
  readonly parked: boolean;
  readonly errors: string | null;
  readonly modifiedAt: string;
  /** The `traceparent` of the sync that stored this version, if it was traced. */
  readonly traceParent?: string | null;
}

/** What the engine writes after assembling (and, in immediate mode, publishing) an item. */
export interface AssembledState {
  readonly feedId: string;
  readonly sourceEntityId: string;
  readonly feedHash: string;
  /** Minimal payload (immediate) or the whole item (legacy). */
  readonly feedData: Readonly<Record<string, unknown>>;
  readonly isDeleted: boolean;
  /** Set when the item was published now; null when it waits for the legacy sender. */
  readonly sentHash: string | null;
  /** The published message's `producedAt` (with `sentHash`): which outcomes belong to this publish. */
  readonly producedAt?: Date;
  readonly sourceCommitTime: Date | null;
  /** The `traceparent` of the sync that stores it (legacy mode's sender continues that trace); null untraced. */
  readonly traceParent?: string | null;
}

/** A feed's items by delivery status (`deliverySummary`). */
export interface DeliverySummary {
  readonly items: number;
  readonly accepted: number;
  /** 400 or listed as failed: final until the item changes. */
  readonly rejected: number;
  /** Published or stored for the legacy sender; no outcome yet. */
  readonly pending: number;
  /** A transient failure; the dead-letter retry will send it again. */
  readonly retrying: number;
  readonly parked: number;
  readonly deleted: number;
  readonly lastAckedAt: string | null;
}

/** A delivery outcome, written only if the row still holds the version that was sent. */
export interface DeliveryOutcome {
  readonly feedId: string;
  readonly sentHash: string;
  readonly status: number;
  readonly errors: string | null;
  readonly requestId: string | null;
  /**
   * The delivered message's `producedAt`. With it, an outcome that comes back before the feed service has saved
   * that publish (it publishes first, then saves) is kept and applied by the save instead of being lost.
   */
  readonly producedAt?: Date;
}

interface RawRow {
  feed_id: string;
  source_entity_id: string | number;
  feed_hash: string;
  sent_hash: string | null;
  status: number;
  is_deleted: number;
  feed_data: string;
  attempts: number;
  parked: number;
  errors: string | null;
  modified_at: string;
  trace_parent: string | null;
}

const COLUMNS =
  'feed_id, source_entity_id, feed_hash, sent_hash, status, is_deleted, feed_data, attempts, parked, errors, modified_at, trace_parent';

function toRow(r: RawRow): FeedStateRow {
  return {
    feedId: r.feed_id,
    sourceEntityId: String(r.source_entity_id),
    feedHash: r.feed_hash,
    sentHash: r.sent_hash,
    status: Number(r.status),
    isDeleted: Number(r.is_deleted) === 1,
    feedData: JSON.parse(r.feed_data) as Record<string, unknown>,
    attempts: Number(r.attempts),
    parked: Number(r.parked) === 1,
    errors: r.errors,
    modifiedAt: r.modified_at,
    traceParent: r.trace_parent ?? null,
  };
}

/** An outcome's values in the order the outcome statements take them. */
function outcomeValues(o: DeliveryOutcome): (string | number | Date | null)[] {
  const retryable = deliveryStateOf(o.status) === 'retrying';
  return [
    o.feedId,
    o.sentHash,
    o.status,
    o.errors === null ? null : boundedError(o.errors),
    o.requestId === null ? null : JSON.stringify([o.requestId]),
    retryable ? 1 : 0,
    o.producedAt ?? null,
  ];
}

/** A DATETIME as the feed state's connections return it (`dateStrings`, UTC: "2026-12-07 21:23:00.123"). */
export function storedTime(value: string): Date {
  return new Date(`${value.replace(' ', 'T')}Z`);
}

/** The row's publish (a stored `produced_at`) is strictly later than `at`. */
function publishedAfter(stored: string | null | undefined, at: Date): boolean {
  return stored !== null && stored !== undefined && storedTime(stored).getTime() > at.getTime();
}

const table = (feed: FeedName): string => `\`${FEEDS[feed].stateTable}\``;
const CHUNK = 1000;

/** The early outcomes in rounds that name each feed id once (one row can hold early outcomes of two versions). */
function distinctFeedIds(early: readonly EarlyOutcomeRow[]): EarlyOutcomeRow[][] {
  const rounds: EarlyOutcomeRow[][] = [];
  const seen: Set<string>[] = [];
  for (const e of early) {
    let r = seen.findIndex((ids) => !ids.has(e.feed_id));
    if (r < 0) {
      r = rounds.length;
      rounds.push([]);
      seen.push(new Set());
    }
    rounds[r]!.push(e);
    seen[r]!.add(e.feed_id);
  }
  return rounds;
}

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * The feed state in `data_export`: plain parameterised SQL through TypeORM's pool, nothing clever. Every write
 * is idempotent (upserts keyed by feed_id; outcomes guarded by the hash that was sent).
 */
export class FeedStateRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The database's time, to the millisecond: the one clock every replica of a feed shares, so the versions they
   * stamp on items do not depend on their own clocks.
   */
  async clock(): Promise<Date> {
    const [row] = await this.dataSource.query<{ ms: string | number }[]>(
      'SELECT ROUND(UNIX_TIMESTAMP(CURRENT_TIMESTAMP(3)) * 1000) AS ms',
    );
    const ms = Number(row?.ms);
    if (!Number.isFinite(ms))
      throw new Error(`the feed state database returned no time (${String(row?.ms)})`);
    return new Date(ms);
  }

  async findByFeedIds(feed: FeedName, feedIds: readonly string[]): Promise<Map<string, FeedStateRow>> {
    const found = new Map<string, FeedStateRow>();
    for (const part of chunks([...new Set(feedIds)])) {
      if (part.length === 0) continue;
      const rows = await this.dataSource.query<RawRow[]>(
        `SELECT ${COLUMNS} FROM ${table(feed)} WHERE feed_id IN (?)`,
        [part],
      );
      for (const r of rows) found.set(r.feed_id, toRow(r));
    }
    return found;
  }

  async findBySourceIds(feed: FeedName, sourceIds: readonly string[]): Promise<FeedStateRow[]> {
    const out: FeedStateRow[] = [];
    for (const part of chunks([...new Set(sourceIds)])) {
      if (part.length === 0) continue;
      const rows = await this.dataSource.query<RawRow[]>(
        `SELECT ${COLUMNS} FROM ${table(feed)} WHERE source_entity_id IN (?)`,
        [part],
      );
      out.push(...rows.map(toRow));
    }
    return out;
  }

  /** Live source ids of the state in (after, upTo], ascending: a full resync compares them with the source's. */
  async sourceIdsBetween(
    feed: FeedName,
    after: string,
    upTo: string | null,
    limit: number,
  ): Promise<string[]> {
    const rows = await this.dataSource.query<{ id: string | number }[]>(
      `SELECT DISTINCT source_entity_id AS id FROM ${table(feed)}
        WHERE source_entity_id > ? ${upTo === null ? '' : 'AND source_entity_id <= ?'} AND is_deleted = 0
        ORDER BY source_entity_id LIMIT ?`,
      upTo === null ? [after, limit] : [after, upTo, limit],
    );
    return rows.map((r) => String(r.id));
  }

  /** Upserts assembled items; a changed version resets the retry budget and the outcome to pending. */
  async saveAssembled(feed: FeedName, states: readonly AssembledState[]): Promise<void> {
    for (const part of chunks(states, 500)) {
      if (part.length === 0) continue;
      const values = part.map((s) => [
        s.sourceEntityId,
        s.feedId,
        s.isDeleted ? 1 : 0,
        JSON.stringify(s.feedData),
        s.feedHash,
        s.sentHash,
        s.sentHash === null ? null : (s.producedAt ?? new Date()),
        s.sourceCommitTime,
        s.traceParent ?? null,
      ]);
      // Assignments run left to right and see the values assigned before them: status first, on the old row.
      // A publish resets the outcome to pending, unless the row already holds an outcome of this same version
      // from this publish or a later one (a fast receiver answered before this save).
      await this.dataSource.query(
        `INSERT INTO ${table(feed)} (source_entity_id, feed_id, is_deleted, feed_data, feed_hash, sent_hash, produced_at, source_commit_time, trace_parent)
         VALUES ?
         ON DUPLICATE KEY UPDATE
           status = IF(VALUES(feed_hash) <> feed_hash OR VALUES(is_deleted) <> is_deleted
                       OR (VALUES(sent_hash) IS NOT NULL
                           AND NOT (sent_hash <=> VALUES(sent_hash) AND outcome_of >= VALUES(produced_at))), 0, status),
           attempts = IF(VALUES(feed_hash) <> feed_hash, 0, attempts),
           parked = IF(VALUES(feed_hash) <> feed_hash OR VALUES(sent_hash) IS NOT NULL, 0, parked),
           errors = IF(VALUES(feed_hash) <> feed_hash, NULL, errors),
           source_entity_id = VALUES(source_entity_id),
           is_deleted = VALUES(is_deleted),
           feed_data = VALUES(feed_data),
           feed_hash = VALUES(feed_hash),
           sent_hash = COALESCE(VALUES(sent_hash), sent_hash),
           produced_at = COALESCE(VALUES(produced_at), produced_at),
           source_commit_time = COALESCE(VALUES(source_commit_time), source_commit_time),
           trace_parent = VALUES(trace_parent),
           modified_at = current_timestamp(3)`,
        [values],
      );
      const published = part.filter((x) => x.sentHash !== null).map((x) => x.feedId);
      if (published.length > 0) await this.applyEarlyOutcomes(feed, published);
    }
  }

  /** Marks versions as published (legacy sender, DLT republish); a parked item sent again is no longer parked. */
  async markPublished(
    feed: FeedName,
    items: readonly { feedId: string; hash: string; producedAt?: Date }[],
  ): Promise<void> {
    for (const item of items) {
      const producedAt = item.producedAt ?? new Date();
      await this.dataSource.query(
        `UPDATE ${table(feed)}
            SET status = IF(sent_hash <=> ? AND outcome_of >= ?, status, 0), sent_hash = ?, parked = 0, produced_at = ?
          WHERE feed_id = ? AND feed_hash = ?`,
        [item.hash, producedAt, item.hash, producedAt, item.feedId, item.hash],
      );
    }
    if (items.length > 0)
      await this.applyEarlyOutcomes(
        feed,
        items.map((i) => i.feedId),
      );
  }

  /**
   * Forgets what the feed state believes the receiver holds for these items (a reconciliation found the receiver
   * contradicting it): the stored hash no longer matches any version, nothing counts as sent (legacy mode's sender
   * would otherwise take an unchanged version for delivered) and the row is live again, so the next sync of its
   * entity sends the item, or its delete when the database no longer yields it.
   */
  async forgetDelivered(feed: FeedName, feedIds: readonly string[]): Promise<void> {
    for (const part of chunks(feedIds)) {
      if (part.length > 0)
        await this.dataSource.query(
          `UPDATE ${table(feed)} SET feed_hash = '', sent_hash = NULL, is_deleted = 0 WHERE feed_id IN (?)`,
          [part],
        );
    }
  }

  /** Hands stored versions back to the legacy sender (`--no-reindex`). */
  async markUnpublished(feed: FeedName, feedIds: readonly string[]): Promise<void> {
    for (const part of chunks(feedIds)) {
      if (part.length > 0)
        await this.dataSource.query(`UPDATE ${table(feed)} SET sent_hash = NULL WHERE feed_id IN (?)`, [
          part,
        ]);
    }
  }

  /**
   * Writes delivery outcomes. Guarded by the hash that was sent: an outcome for an older version never lands on
   * a newer one (I2). Returns how many rows took the outcome.
   */
  async recordOutcomes(feed: FeedName, outcomes: readonly DeliveryOutcome[]): Promise<number> {
    let written = 0;
    for (const part of chunks(outcomes, 500)) {
      // Which outcomes answer the version a row holds now; the others came early (or are stale), see below.
      const held = await this.dataSource.query<
        { feed_id: string; sent_hash: string | null; produced_at: string | null }[]
      >(`SELECT feed_id, sent_hash, produced_at FROM ${table(feed)} WHERE feed_id IN (?)`, [
        [...new Set(part.map((o) => o.feedId))],
      ]);
      const holds = new Set(held.map((r) => `${r.feed_id}\0${r.sent_hash ?? ''}`));
      const matched: DeliveryOutcome[] = [];
      const early: DeliveryOutcome[] = [];
      for (const o of part) (holds.has(`${o.feedId}\0${o.sentHash}`) ? matched : early).push(o);
      // One single-table UPDATE per distinct outcome: a batch's outcomes mostly share one (accepted, its request
      // id, its publish time), so a batch takes one or a few statements. Still guarded by the hash, so a version
      // saved meanwhile is never marked (I2). Not a multi-table UPDATE joined to the batch as a derived table:
      // MariaDB 10.11 crashed (signal 11 creating multi_update's temporary table) on that shape in onboarding.
      const rows = matched.map(outcomeValues);
      for (const group of Map.groupBy(rows, (row) => JSON.stringify(row.slice(2))).values()) {
        const [, , status, errors, metadata, retryable, producedAt] = group[0]!;
        const result = await this.dataSource.query<{ affectedRows?: number }>(
          `UPDATE ${table(feed)}
              SET status = ?, errors = ?, metadata = ?, acked_at = current_timestamp(3),
                  attempts = IF(?, attempts + 1, 0), outcome_of = ?
            WHERE feed_id IN (?) AND (feed_id, sent_hash) IN (${group.map(() => '(?, ?)').join(', ')})`,
          [
            status,
            errors,
            metadata,
            retryable,
            producedAt,
            group.map(([feedId]) => feedId),
            ...group.flatMap(([feedId, sentHash]) => [feedId, sentHash]),
          ],
        );
        written += result.affectedRows ?? 0;
      }
      // No row held this version when asked. Early (published after what the row holds, its save still to come):
      // kept for the save to apply, in one statement. Stale (the row holds a strictly later publish): dropped, never
      // marking a newer version (I2). A later publish saved after the read above makes a kept one stale: it never
      // applies (the apply is guarded by the publish time) and goes with the next apply or within the hour. A save
      // of this very publish landing meanwhile is why the kept ones are applied just below.
      const publishedAt = new Map(held.map((r) => [r.feed_id, r.produced_at]));
      const kept = early.filter(
        (o) => o.producedAt !== undefined && !publishedAfter(publishedAt.get(o.feedId), o.producedAt),
      );
      if (kept.length === 0) continue;
      await this.dataSource.query(
        `INSERT INTO cde_early_outcome (feed, feed_id, sent_hash, status, errors, metadata, retryable, produced_at)
         VALUES ${kept.map(() => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}
         ON DUPLICATE KEY UPDATE produced_at = VALUES(produced_at), status = VALUES(status), errors = VALUES(errors),
           metadata = VALUES(metadata), retryable = VALUES(retryable), created_at = current_timestamp(3)`,
        kept.flatMap((o) => [feed, ...outcomeValues(o)]),
      );
      await this.dataSource.query(
        'DELETE FROM cde_early_outcome WHERE created_at < current_timestamp(3) - INTERVAL 1 HOUR LIMIT 100',
      );
      // The save may have landed meanwhile: apply now, whichever of the two writes comes last applies it.
      written += await this.applyEarlyOutcomes(
        feed,
        kept.map((o) => o.feedId),
      );
    }
    return written;
  }

  /**
   * Applies outcomes that came back before their publish was saved, onto rows that now hold that version from
   * that publish or an earlier one of the same version; drops the applied ones and those a later publish made
   * stale. Returns how many rows took an outcome.
   *
   * Single-table statements only, as in recordOutcomes: MariaDB 10.11 also crashed (signal 11, the same temporary
   * table of multi_update) on the multi-table UPDATE joining the early outcomes that this used to be, during a
   * medium onboarding. Whichever of a save and an early outcome's write comes last applies it, as before: each
   * ends by calling this.
   */
  private async applyEarlyOutcomes(feed: FeedName, feedIds: readonly string[]): Promise<number> {
    let applied = 0;
    for (const part of chunks([...new Set(feedIds)])) {
      // Almost every save finds nothing to apply, in one read of the early outcomes' primary key.
      const early = await this.dataSource.query<EarlyOutcomeRow[]>(
        `SELECT feed_id, sent_hash, produced_at, status, errors, metadata, retryable, created_at
           FROM cde_early_outcome WHERE feed = ? AND feed_id IN (?)`,
        [feed, part],
      );
      if (early.length === 0) continue;
      let took = 0;
      for (const round of distinctFeedIds(early)) {
        // One statement a round: each early outcome lands only on its own row, holding its own hash from that
        // publish or an earlier one of the same version; a round names every feed id once.
        const choice = `CASE feed_id ${round.map(() => 'WHEN ? THEN ?').join(' ')} END`;
        const byRow = (value: (e: EarlyOutcomeRow) => unknown, time = false): [string, unknown[]] => [
          time ? `CAST(${choice} AS DATETIME(3))` : choice,
          round.flatMap((e) => [e.feed_id, value(e)]),
        ];
        const [status, statusValues] = byRow((e) => e.status);
        const [errors, errorsValues] = byRow((e) => e.errors);
        const [metadata, metadataValues] = byRow((e) => e.metadata);
        const [ackedAt, ackedAtValues] = byRow((e) => e.created_at, true);
        const [retryable, retryableValues] = byRow((e) => e.retryable);
        const [producedAt, producedAtValues] = byRow((e) => e.produced_at, true);
        const result = await this.dataSource.query<{ affectedRows?: number }>(
          `UPDATE ${table(feed)}
              SET status = ${status}, errors = ${errors}, metadata = ${metadata}, acked_at = ${ackedAt},
                  attempts = IF(${retryable}, attempts + 1, 0), outcome_of = ${producedAt}
            WHERE feed_id IN (?) AND (feed_id, sent_hash) IN (${round.map(() => '(?, ?)').join(', ')})
              AND produced_at <= ${producedAt}`,
          [
            ...statusValues,
            ...errorsValues,
            ...metadataValues,
            ...ackedAtValues,
            ...retryableValues,
            ...producedAtValues,
            round.map((e) => e.feed_id),
            ...round.flatMap((e) => [e.feed_id, e.sent_hash]),
            ...producedAtValues,
          ],
        );
        took += result.affectedRows ?? 0;
      }
      applied += took;
      // Nothing applied: nothing to drop either (stale ones expire within the hour, and can never apply to a later
      // publish).
      if (took === 0) continue;
      await this.dataSource.query(
        `DELETE FROM cde_early_outcome
          WHERE feed = ? AND feed_id IN (?)
            AND EXISTS (SELECT 1 FROM ${table(feed)} t
                         WHERE t.feed_id = cde_early_outcome.feed_id
                           AND (t.produced_at > cde_early_outcome.produced_at
                                OR (t.sent_hash <=> cde_early_outcome.sent_hash
                                    AND t.outcome_of >= cde_early_outcome.produced_at)))`,
        [feed, part],
      );
    }
    return applied;
  }

  async park(feed: FeedName, feedId: string, lastError: string): Promise<void> {
    await this.dataSource.query(`UPDATE ${table(feed)} SET parked = 1, errors = ? WHERE feed_id = ?`, [
      boundedError(lastError),
      feedId,
    ]);
  }

  async listParked(feed: FeedName, limit = 1000): Promise<FeedStateRow[]> {
    const rows = await this.dataSource.query<RawRow[]>(
      `SELECT ${COLUMNS} FROM ${table(feed)} WHERE parked = 1 ORDER BY id LIMIT ?`,
      [limit],
    );
    return rows.map(toRow);
  }

  /** Legacy mode: stored versions not yet published, oldest first. */
  async listUnpublished(feed: FeedName, limit: number): Promise<FeedStateRow[]> {
    const rows = await this.dataSource.query<RawRow[]>(
      `SELECT ${COLUMNS} FROM ${table(feed)} WHERE sent_hash IS NULL OR sent_hash <> feed_hash ORDER BY modified_at, id LIMIT ?`,
      [limit],
    );
    return rows.map(toRow);
  }

  /** Every stored row, in pages by feed_id (no-reindex resend). */
  async page(feed: FeedName, afterFeedId: string, limit: number): Promise<FeedStateRow[]> {
    const rows = await this.dataSource.query<RawRow[]>(
      `SELECT ${COLUMNS} FROM ${table(feed)} WHERE feed_id > ? ORDER BY feed_id LIMIT ?`,
      [afterFeedId, limit],
    );
    return rows.map(toRow);
  }

  /** Sent deletes are kept 7 days (as the original's cleanup cron), then removed. */
  async cleanupDeleted(feed: FeedName, olderThan: Date): Promise<number> {
    const result = await this.dataSource.query<{ affectedRows?: number }>(
      `DELETE FROM ${table(feed)} WHERE is_deleted = 1 AND status = 200 AND modified_at < ?`,
      [olderThan],
    );
    return result.affectedRows ?? 0;
  }

  async truncate(feed: FeedName): Promise<void> {
    await this.dataSource.query(`DELETE FROM ${table(feed)}`);
  }

  async count(feed: FeedName): Promise<number> {
    const [row] = await this.dataSource.query<{ n: number | string }[]>(
      `SELECT COUNT(*) AS n FROM ${table(feed)}`,
    );
    return Number(row?.n ?? 0);
  }

  /**
   * Where a feed's items stand, counted in one pass: what the receiver accepted or rejected, what is still on its
   * way (published or stored for the legacy sender, no outcome yet), waiting for a retry (2: a failed delivery,
   * 409: refused as stale, both sent again by themselves), or parked.
   */
  async deliverySummary(feed: FeedName): Promise<DeliverySummary> {
    const [row] = await this.dataSource.query<Record<keyof DeliverySummary, number | string | null>[]>(
      `SELECT COUNT(*) AS items,
              SUM(${DELIVERY_STATE_SQL.accepted} AND parked = 0) AS accepted,
              SUM(${DELIVERY_STATE_SQL.rejected} AND parked = 0) AS rejected,
              SUM(${DELIVERY_STATE_SQL.pending} AND parked = 0) AS pending,
              SUM(${DELIVERY_STATE_SQL.retrying} AND parked = 0) AS retrying,
              SUM(parked = 1) AS parked,
              SUM(is_deleted = 1) AS deleted,
              MAX(acked_at) AS lastAckedAt
         FROM ${table(feed)}`,
    );
    const n = (v: number | string | null | undefined): number => Number(v ?? 0);
    return {
      items: n(row?.items),
      accepted: n(row?.accepted),
      rejected: n(row?.rejected),
      pending: n(row?.pending),
      retrying: n(row?.retrying),
      parked: n(row?.parked),
      deleted: n(row?.deleted),
      lastAckedAt: row?.lastAckedAt ? String(row.lastAckedAt) : null,
    };
  }
}

/** Characters of an error kept in `errors`: a receiver's text can be of any length. */
export const MAX_ERROR_CHARS = 2_000;

/** The error as stored: at most MAX_ERROR_CHARS characters, an ellipsis marking a cut. */
export function boundedError(text: string): string {
  return text.length > MAX_ERROR_CHARS ? `${text.slice(0, MAX_ERROR_CHARS - 1)}…` : text;
}
