import { randomUUID } from 'node:crypto';
import {
  DeliveryStatus,
  FEEDS,
  SyncCode,
  type FeedItemMessage,
  type FeedName,
  type UnknownReceiverItem,
} from '@cde/contracts';
import type { AssembledState, FeedStateRepository, FeedStateRow } from '@cde/platform/feed-state';
import { messageLimitsOf, publishedJsonBytes } from '@cde/platform/kafka';
import { activeTraceId, activeTraceParent, inSpan } from '@cde/platform/observability';
import type { Logger } from 'pino';
import type {
  CollectedItem,
  FeedDefinition,
  FeedItemSink,
  FeedReader,
  FeedRuntimeSettings,
  OutgoingFeedItem,
} from './feed-definition';
import { outgoingFeedItem } from './feed-definition';
import { hashFeedItem } from './feed-hash';
import { EntityLocks } from './entity-locks';
import { FeedIdentityError, feedIdOf } from './feed-identity';
import type { FeedMetrics } from './feed-metrics';
import { deletedItemOf, minimalPayloadOf } from './feed-payload';
import { laterVersion, nextVersion } from './item-version';
import { CommerceReadError, commerceReadErrorOf } from './schema-error';
import type { SchemaErrorWatch } from './schema-error-watch';
import { decideSend, FINAL_STATUSES } from './send-decision';
import { isTransientError } from './transient-error';
import type { WaveReads } from './wave-reads';

/** How deep a failing batch is halved to find its unreadable entities: 2^16 ids, far above any batch size. */
const MAX_ISOLATION_DEPTH = 16;

export interface SyncRequest {
  readonly ids: readonly string[];
  /** The original's operation names: `partial sync`, `full sync`, `retry failed items`… */
  readonly operation: string;
  /** Send even unchanged items (`--by-ids`, `--force`). */
  readonly force?: boolean;
  /** Collect and log, publish and write nothing. */
  readonly dryRun?: boolean;
  /** Commit time of the change that caused this sync, when known (freshness). */
  readonly sourceCommitTime?: Date | null;
  readonly traceId?: string;
  /** Delivery attempt of republished items (DLT retry). */
  readonly attempt?: number;
  /** Only these items of the entities (a retry of one failed item, not its siblings). */
  readonly onlyFeedIds?: readonly string[];
  /** A version the items' new versions must pass: the one a receiver holds that refused an item as stale. */
  readonly versionFloor?: string;
  /** The sync wave of a background job this batch is part of: its batches share their wave-invariant reads. */
  readonly wave?: WaveReads;
}

export interface SyncResult {
  readonly processed: number;
  readonly synced: number;
  readonly skipped: number;
  readonly deleted: number;
  readonly failed: number;
  /** What would have been (dry run) or was published. */
  readonly messages: readonly FeedItemMessage[];
}

export interface FeedProcessorOptions {
  readonly now?: () => Date;
  /** Counts assembled, skipped, deleted and failed items of every sync that is not a dry run. */
  readonly metrics?: FeedMetrics;
  /** Counts and tells schema errors and missing grants of the Commerce DB (CDE04-29, CDE04-30), once per feed and message. */
  readonly schemaErrors?: SchemaErrorWatch;
}

interface Candidate {
  readonly feedId: string;
  readonly sourceEntityId: string;
  readonly hash: string;
  readonly item: Record<string, unknown>;
  readonly deleted: boolean;
}

/**
 * The engine's core for one feed: ids → current items → feedId and hash → send decision (deletes included) →
 * publish → feed state. Publishing happens before the state is written, so a crash in between resends at most
 * this batch (I3) and never records a version as sent that was not (I1).
 */
export class FeedProcessor {
  private readonly locks = new EntityLocks();

  constructor(
    private readonly definition: FeedDefinition,
    private readonly reader: FeedReader,
    private readonly settings: FeedRuntimeSettings,
    private readonly state: FeedStateRepository,
    private readonly sink: FeedItemSink,
    private readonly logger: Logger,
    private readonly options: FeedProcessorOptions = {},
  ) {}

  get feed(): FeedName {
    return this.definition.feed;
  }

  /** The largest item message the sink takes; larger items are parked with their size. */
  private get maxMessageBytes(): number {
    return this.sink.maxMessageBytes ?? messageLimitsOf().maxRequestBytes;
  }

  /** Entities per sync call: how many ids a caller hands over at once (FEED_BATCH_SIZE_<feed>). */
  get batchSize(): number {
    return this.settings.batchSize;
  }

  async sync(request: SyncRequest): Promise<SyncResult> {
    const ids = [...new Set(request.ids)];
    if (ids.length === 0) return { processed: 0, synced: 0, skipped: 0, deleted: 0, failed: 0, messages: [] };
    // One span per sync (assembly, send decision, publish, save), child of what caused it.
    return inSpan(
      `sync ${this.feed}`,
      {
        attributes: {
          'cde.feed': this.feed,
          'cde.operation': request.operation,
          'cde.entities': ids.length,
          ...(request.dryRun ? { 'cde.dry_run': true } : {}),
        },
      },
      async (span) => {
        // Read, decide, publish and save as one step per entity: a concurrent sync of the same ids waits.
        const release = await this.locks.acquire(ids);
        try {
          const result = await this.syncHeld(request, ids);
          span.setAttributes({
            'cde.items.synced': result.synced,
            'cde.items.skipped': result.skipped,
            'cde.items.deleted': result.deleted,
            'cde.items.failed': result.failed,
          });
          return result;
        } finally {
          release();
        }
      },
    );
  }

  private async syncHeld(request: SyncRequest, ids: readonly string[]): Promise<SyncResult> {
    const now = this.options.now?.() ?? new Date();
    // The items' trace id: the caller's, else the active trace's (so logs, `cde explain` and spans agree).
    const traceId = request.traceId ?? activeTraceId() ?? randomUUID();
    const { collected, unreadable } = await this.collect(ids, this.operationOf(request), request.wave);
    const { candidates, failed: unidentified } = this.candidatesOf(
      collected,
      now,
      this.operationOf(request),
      traceId,
    );
    const allBySource = await this.state.findBySourceIds(this.feed, ids);
    // An unreadable entity produced nothing, which must not read as "all its items vanished".
    const bySource = allBySource.filter((r) => !unreadable.has(r.sourceEntityId));
    const stored = await this.storedRows(bySource, candidates);
    const only = request.onlyFeedIds ? new Set(request.onlyFeedIds) : undefined;
    const decided: { c: Candidate; row: FeedStateRow | undefined }[] = [];
    let skipped = 0;
    for (const c of candidates) {
      if (only && !only.has(c.feedId)) continue;
      const row = stored.get(c.feedId);
      // An item parked because its entity could not be read is sent again once it reads, even when unchanged.
      const wasUnreadable =
        row?.parked === true && row.errors?.startsWith(SyncCode.EntityUnreadable) === true;
      if (!wasUnreadable && decideSend(row, c.hash, request.force ?? false) === 'skip') skipped++;
      else decided.push({ c, row });
    }
    const failed = unidentified + unreadable.size;
    const produced = new Set(candidates.map((c) => c.feedId));
    // Versions come from the feed state database's clock, which every replica shares, and never go back; asked only
    // when something may be sent (an unchanged batch costs no extra query).
    const mayDelete = bySource.some((r) => !produced.has(r.feedId));
    // The messages' producedAt too: it orders the publishes of an item for its outcomes (an early outcome, a stale
    // one), so a replica whose own clock is behind must not make its publish look older than the last one.
    const clock = this.options.now?.() ?? (decided.length > 0 || mayDelete ? await this.state.clock() : now);
    const toSend = decided.map(({ c, row }) => this.versioned(c, row, clock, request.versionFloor));
    const deletes = this.deletesOf(bySource, produced, only, clock, request);
    toSend.push(...deletes);
    const deleted = deletes.length;
    const messages = this.messagesOf(toSend, request, clock, traceId);
    if (request.dryRun) {
      this.logDryRun(messages, this.operationOf(request), traceId);
      return { processed: ids.length, synced: messages.length, skipped, deleted, failed, messages };
    }
    const published = await this.record(toSend, messages, request, clock);
    if (unreadable.size > 0)
      await this.parkUnreadable(unreadable, allBySource, this.operationOf(request), traceId);
    this.options.metrics?.onSynced(this.feed, { assembled: collected.length, skipped, deleted, failed });
    return { processed: ids.length, synced: messages.length, skipped, deleted, failed, messages: published };
  }

  /** The entities' items; a schema error fails the sync as a whole (told once by the watch), and is rethrown. */
  private async collect(
    ids: readonly string[],
    operation: string,
    wave: WaveReads | undefined,
  ): Promise<{ collected: CollectedItem[]; unreadable: Map<string, unknown> }> {
    try {
      const read = await this.collectIsolated(ids, wave);
      this.options.schemaErrors?.read(this.feed, operation);
      return read;
    } catch (error) {
      if (error instanceof CommerceReadError) this.options.schemaErrors?.failed(error, operation);
      throw error;
    }
  }

  /**
   * Deletes at the receiver the items only it holds (a reconciliation found them there and the feed state had no
   * row for them): each becomes a delete built from its identity fields, saved under entity 0 (unknown). An item
   * the feed state knows by now is left alone: the walk of the database produced it, or this ran before. Returns
   * how many deletes were (or, in a dry run, would be) sent.
   */
  async deleteUnknown(
    items: readonly UnknownReceiverItem[],
    request: Pick<SyncRequest, 'operation' | 'dryRun' | 'traceId'>,
  ): Promise<number> {
    if (!FEEDS[this.feed].removable || items.length === 0) return 0;
    const traceId = request.traceId ?? activeTraceId() ?? randomUUID();
    const byFeedId = new Map<string, Record<string, unknown>>();
    for (const { item } of items) {
      try {
        byFeedId.set(feedIdOf(this.feed, FEEDS[this.feed].identity, item), { ...item });
      } catch (error) {
        if (!(error instanceof FeedIdentityError)) throw error;
        this.logger.warn({ feed: this.feed, operation: request.operation, code: error.code }, error.message);
      }
    }
    const known = await this.state.findByFeedIds(this.feed, [...byFeedId.keys()]);
    const unknown = [...byFeedId].filter(([feedId]) => !known.has(feedId));
    if (unknown.length === 0) return 0;
    // The shared clock, as for every version and publish (see syncHeld); asked only when there is a delete to stamp.
    const now = this.options.now?.() ?? (await this.state.clock());
    const deletes: Candidate[] = [];
    for (const [feedId, item] of unknown) {
      const deleted = deletedItemOf(
        minimalPayloadOf(item, this.definition.minimalPayload),
        this.definition.timestampField,
        now,
      );
      const hash = hashFeedItem(deleted, this.definition.hash);
      deletes.push({ feedId, sourceEntityId: '0', hash, item: deleted, deleted: true });
    }
    const sync: SyncRequest = { ids: [], ...request, traceId };
    const messages = this.messagesOf(deletes, sync, now, traceId);
    if (request.dryRun) {
      this.logDryRun(messages, this.operationOf(sync), traceId);
      return deletes.length;
    }
    await this.record(deletes, messages, sync, now);
    this.options.metrics?.onSynced(this.feed, {
      assembled: 0,
      skipped: 0,
      deleted: deletes.length,
      failed: 0,
    });
    return deletes.length;
  }

  /**
   * Reads the entities' items; when the read throws a deterministic error, halves the batch until each entity that
   * cannot be read is alone, so the others still sync. A transient error (connection lost, timeout, deadlock) is
   * rethrown: the whole batch is retried by its transport, nobody is blamed. So is a schema error (a table or column
   * the reader names is missing), as a `CommerceSchemaError`, and a missing grant, as a `CommerceGrantError`: it is no entity's fault, and parking every item of
   * the feed entity by entity would hide its cause.
   */
  private async collectIsolated(
    ids: readonly string[],
    wave: WaveReads | undefined,
  ): Promise<{ collected: CollectedItem[]; unreadable: Map<string, unknown> }> {
    const collected: CollectedItem[] = [];
    const unreadable = new Map<string, unknown>();
    const visit = async (part: readonly string[], depth: number): Promise<void> => {
      try {
        collected.push(...(await this.reader.collect(part, wave)));
      } catch (error) {
        const schema = commerceReadErrorOf(this.feed, error);
        if (schema) throw schema;
        if (isTransientError(error)) throw error;
        if (part.length === 1 || depth >= MAX_ISOLATION_DEPTH) {
          for (const id of part) unreadable.set(id, error);
          return;
        }
        const half = Math.ceil(part.length / 2);
        await visit(part.slice(0, half), depth + 1);
        await visit(part.slice(half), depth + 1);
      }
    };
    await visit(ids, 0);
    return { collected, unreadable };
  }

  /**
   * Parks the stored items of entities that could not be read, with the error; they are read again when the entity
   * changes or on `retry-parked`. An entity with no stored item yet has nothing to park: the error is logged.
   */
  private async parkUnreadable(
    unreadable: ReadonlyMap<string, unknown>,
    bySource: readonly FeedStateRow[],
    operation: string,
    traceId: string,
  ): Promise<void> {
    const feed = this.feed;
    for (const [sourceEntityId, error] of unreadable) {
      const message = error instanceof Error ? error.message : String(error);
      const reason = `${SyncCode.EntityUnreadable} entity ${sourceEntityId} of feed ${feed} cannot be assembled: ${message}`;
      const rows = bySource.filter((r) => r.sourceEntityId === sourceEntityId);
      for (const row of rows) {
        await this.state.park(feed, row.feedId, reason);
        this.options.metrics?.onParked(feed);
      }
      this.logger.error(
        {
          feed,
          operation,
          code: SyncCode.EntityUnreadable,
          traceId,
          sourceEntityId,
          parkedItems: rows.map((r) => r.feedId),
          err: error,
        },
        rows.length > 0
          ? `${rows.length} item(s) of entity ${sourceEntityId} parked: ${reason}`
          : `entity ${sourceEntityId} has no item yet, nothing parked: ${reason}`,
      );
    }
  }

  /** The candidate stamped with its version: the clock's time, or just after the version last published. */
  private versioned(c: Candidate, row: FeedStateRow | undefined, clock: Date, floor?: string): Candidate {
    const field = this.definition.timestampField;
    return {
      ...c,
      item: { ...c.item, [field]: nextVersion(clock, laterVersion(row?.feedData[field], floor)) },
    };
  }

  private operationOf(request: SyncRequest): string {
    return this.settings.mode === 'legacy' ? `${request.operation} (legacy)` : request.operation;
  }

  /** The collected items completed (deleted flag, timestamp) with their feedId and hash; items without identity fail. */
  private candidatesOf(
    collected: readonly CollectedItem[],
    now: Date,
    operation: string,
    traceId: string,
  ): { candidates: Candidate[]; failed: number } {
    const feed = this.feed;
    let failed = 0;
    const candidates: Candidate[] = [];
    for (const { sourceEntityId, item } of collected) {
      const complete: Record<string, unknown> = {
        ...item,
        deleted: false,
        [this.definition.timestampField]: now.toISOString(),
      };
      try {
        const feedId = feedIdOf(feed, FEEDS[feed].identity, complete);
        candidates.push({
          feedId,
          sourceEntityId,
          hash: hashFeedItem(complete, this.definition.hash),
          item: complete,
          deleted: false,
        });
      } catch (error) {
        if (!(error instanceof FeedIdentityError)) throw error;
        failed++;
        this.logger.warn({ feed, operation, code: error.code, traceId, sourceEntityId }, error.message);
      }
    }
    return { candidates, failed };
  }

  /** The stored rows of these entities, plus those of candidates whose identity another entity held before. */
  private async storedRows(
    bySource: readonly FeedStateRow[],
    candidates: readonly Candidate[],
  ): Promise<Map<string, FeedStateRow>> {
    const stored = new Map<string, FeedStateRow>(bySource.map((r) => [r.feedId, r]));
    const missing = candidates.map((c) => c.feedId).filter((id) => !stored.has(id));
    for (const [id, row] of await this.state.findByFeedIds(this.feed, missing)) stored.set(id, row);
    return stored;
  }

  /** Items of these entities that were not produced again have vanished: their deletes, unless already sent. */
  private deletesOf(
    bySource: readonly FeedStateRow[],
    produced: ReadonlySet<string>,
    only: ReadonlySet<string> | undefined,
    clock: Date,
    { force = false, versionFloor }: SyncRequest,
  ): Candidate[] {
    if (!FEEDS[this.feed].removable) return [];
    const field = this.definition.timestampField;
    const deletes: Candidate[] = [];
    for (const row of bySource) {
      if (produced.has(row.feedId) || (only && !only.has(row.feedId))) continue;
      const stored = { ...row.feedData, [field]: laterVersion(row.feedData[field], versionFloor) };
      const item = deletedItemOf(stored, field, clock);
      const hash = hashFeedItem(item, this.definition.hash);
      const alreadyGone =
        row.isDeleted &&
        row.feedHash === hash &&
        (FINAL_STATUSES.has(row.status) || (row.status === DeliveryStatus.Pending && row.sentHash === hash));
      if (alreadyGone && !force) continue;
      deletes.push({ feedId: row.feedId, sourceEntityId: row.sourceEntityId, hash, item, deleted: true });
    }
    return deletes;
  }

  private messagesOf(
    toSend: readonly Candidate[],
    request: SyncRequest,
    now: Date,
    traceId: string,
  ): FeedItemMessage[] {
    return toSend.map((c) => ({
      feed: this.feed,
      feedId: c.feedId,
      feedHash: c.hash,
      sourceEntityId: c.sourceEntityId,
      deleted: c.deleted,
      item: c.item,
      producedAt: now.toISOString(),
      ...(request.sourceCommitTime ? { sourceCommitTime: request.sourceCommitTime.toISOString() } : {}),
      traceId,
      attempt: request.attempt ?? 0,
    }));
  }

  private logDryRun(messages: readonly FeedItemMessage[], operation: string, traceId: string): void {
    const feed = this.feed;
    if (this.settings.extendedLog) {
      for (const m of messages)
        this.logger.info({ feed, operation: `${operation} (dry run)`, traceId, payload: m.item }, 'payload');
    }
    this.logger.info(
      { feed, operation: `${operation} (dry run)`, traceId },
      `collected ${messages.length} items, nothing sent or saved`,
    );
  }

  /**
   * Publishes (immediate mode) and then saves the feed state: what was published, or what legacy mode's scheduled
   * sender will send. Returns the messages published.
   */
  private async record(
    toSend: readonly Candidate[],
    messages: readonly FeedItemMessage[],
    request: SyncRequest,
    /** The messages' `producedAt`: the save names the publish its outcomes belong to. */
    producedAt: Date,
  ): Promise<readonly FeedItemMessage[]> {
    const immediate = this.settings.mode === 'immediate';
    // Legacy mode publishes later: the stored version keeps this sync's trace context for its sender.
    const traceParent = immediate ? null : (activeTraceParent() ?? null);
    // Each message is written as JSON once, here: its size decides whether it is published, and the sink sends it.
    const outgoing = immediate ? messages.map(outgoingFeedItem) : [];
    const oversized = oversizedOf(outgoing, this.maxMessageBytes);
    const publishable =
      oversized.size === 0 ? outgoing : outgoing.filter((o) => !oversized.has(o.message.feedId));
    if (publishable.length > 0) await this.sink.publish(this.feed, publishable);
    const states: AssembledState[] = toSend.map((c) => ({
      feedId: c.feedId,
      sourceEntityId: c.sourceEntityId,
      feedHash: c.hash,
      // Legacy mode keeps the whole item for its scheduled sender; immediate mode only what a delete needs.
      feedData: immediate && !c.deleted ? minimalPayloadOf(c.item, this.definition.minimalPayload) : c.item,
      isDeleted: c.deleted,
      sentHash: immediate ? c.hash : null,
      producedAt,
      sourceCommitTime: request.sourceCommitTime ?? null,
      traceParent,
    }));
    await this.state.saveAssembled(this.feed, states);
    if (oversized.size > 0) await this.parkOversized(toSend, oversized, request.traceId);
    // A forced legacy send (`--force`, `--by-ids`, a retry of a parked item) must go out even when this version was
    // sent before: the stored row keeps its sent hash, so hand it back to the scheduled sender explicitly.
    if (!immediate && request.force && toSend.length > 0)
      await this.state.markUnpublished(
        this.feed,
        toSend.map((c) => c.feedId),
      );
    return publishable.map((o) => o.message);
  }

  /**
   * Items too large for one Kafka message: final like a rejection (status 400 with the size, parked) until the
   * item changes; the rest of the batch was published without them.
   */
  private async parkOversized(
    toSend: readonly Candidate[],
    oversized: ReadonlyMap<string, number>,
    traceId: string | undefined,
  ): Promise<void> {
    const feed = this.feed;
    const items = toSend.filter((c) => oversized.has(c.feedId));
    const reasonOf = (c: Candidate) =>
      `${SyncCode.ItemTooLarge} the item takes ${oversized.get(c.feedId)} bytes, over the ${this.maxMessageBytes}-byte limit of one message`;
    await this.state.recordOutcomes(
      feed,
      items.map((c) => ({
        feedId: c.feedId,
        sentHash: c.hash,
        status: DeliveryStatus.Rejected,
        errors: reasonOf(c),
        requestId: null,
      })),
    );
    for (const c of items) {
      await this.state.park(feed, c.feedId, reasonOf(c));
      this.options.metrics?.onParked(feed);
      this.logger.error(
        {
          feed,
          operation: 'publish',
          code: SyncCode.ItemTooLarge,
          traceId,
          feedId: c.feedId,
          sourceEntityId: c.sourceEntityId,
          bytes: oversized.get(c.feedId),
        },
        `item ${c.feedId} of entity ${c.sourceEntityId} parked: ${reasonOf(c)}`,
      );
    }
  }
}

/** feedId → size of the messages too large to publish. */
function oversizedOf(items: readonly OutgoingFeedItem[], maxBytes: number): Map<string, number> {
  const oversized = new Map<string, number>();
  for (const { message, json } of items) {
    const bytes = publishedJsonBytes(message.feedId, json);
    if (bytes > maxBytes) oversized.set(message.feedId, bytes);
  }
  return oversized;
}
