import type { ExportMode, FeedItemMessage, FeedItemPayload, FeedName, ResyncIdType } from '@cde/contracts';
import { describe, onlyChanged, type ChangeEvent } from '@cde/platform/cdc';
import type { CommerceDb, KeysetQuery } from '@cde/platform/commerce-db';
import { jsonText, type JsonText } from '@cde/platform/kafka';
import type { DataSource } from 'typeorm';
import type { HashOptions } from './feed-hash';
import type { WaveReads } from './wave-reads';

/**
 * What the engine gives a feed besides the Commerce DB: the feed-state database, for what a feed keeps of its own
 * there (the orders feed's entity UUIDs). Feeds that keep nothing ignore it.
 */
export interface FeedContext {
  readonly feedState: DataSource;
}

/** An item the feed's reader assembled, with the source entity it came from. */
export interface CollectedItem<Item extends FeedItemPayload = FeedItemPayload> {
  readonly sourceEntityId: string;
  readonly item: Item;
}

/** The items of each source entity, tagged with its id: what `collect` returns for the assembler's items. */
export function collectEach<Entity, Item extends FeedItemPayload>(
  entities: readonly Entity[],
  idOf: (entity: Entity) => string | number,
  assemble: (entity: Entity) => readonly Item[],
): CollectedItem<Item>[] {
  return entities.flatMap((entity) => {
    const sourceEntityId = String(idOf(entity));
    return assemble(entity).map((item) => ({ sourceEntityId, item }));
  });
}

/**
 * The feed's I/O: reads the Commerce DB and assembles items with the feed's pure function. Ids are strings so
 * bigint ids stay exact.
 */
export interface FeedReader<Item extends FeedItemPayload = FeedItemPayload> {
  /** Source entity ids greater than `after`, ascending, at most `limit` (keyset pagination over the source table). */
  listEntityIds(after: string, limit: number): Promise<string[]>;
  /**
   * The current items of these entities: several per entity (store views) or none (it vanished or is out of scope).
   * `wave`: the sync wave the batch belongs to, whose batches share the reads that are the same for all of them.
   */
  collect(ids: readonly string[], wave?: WaveReads): Promise<CollectedItem<Item>[]>;
  /** Maps `--by-ids` values to entity ids; values that match nothing come back in `unknown`. */
  resolveIds(values: readonly string[], idType: ResyncIdType): Promise<{ ids: string[]; unknown: string[] }>;
  /** How many entities `listEntityIds` walks, for progress and ETA of a full sync (optional). */
  countEntities?(): Promise<number>;
  /**
   * `listEntityIds` lists every entity `collect` yields items for, so a full sync that has yet to pass an id
   * syncs it as a change's fan-out would: a fan-out then leaves those ids to the waiting onboarding. Omitted:
   * fan-outs sync every id they list.
   */
  readonly listsEveryEntity?: boolean;
}

/**
 * A change that reaches more entities than a consumer's handler call should sync: recorded as a background sync
 * job (resumable, in feed-sized batches) instead. `all`: every entity the reader lists; otherwise the ids of
 * keyset listings, stored as data so the job survives restarts.
 */
export interface FanOut {
  readonly fanOut: 'all' | readonly KeysetQuery[];
  /** Why, in words, for logs and the status views: "store_website 2 deleted". */
  readonly reason: string;
}

/** What a change affects: the entity ids, a fan-out for the background, or both (several mappings combined). */
export type Affected = readonly string[] | FanOut | CombinedAffected;

export interface CombinedAffected {
  readonly ids: readonly string[];
  readonly fanOuts: readonly FanOut[];
}

/** Every entity of the feed (a store structure or configuration change; what the original does by invalidating). */
export function everything(reason: string): FanOut {
  return { fanOut: 'all', reason };
}

/**
 * For a table whose change reaches every item (store structure, customer groups): every entity, in a background
 * sync, unless the update changed only columns no item shows.
 */
export function allUnlessOnlyChanged(irrelevant: readonly string[]): (event: ChangeEvent) => Affected {
  return (event) => (onlyChanged(event, irrelevant) ? [] : everything(describe(event)));
}

/** The entities of these keyset listings. */
export function fanOut(reason: string, queries: readonly KeysetQuery[]): FanOut {
  return { fanOut: queries, reason };
}

export function isFanOut(affected: Affected): affected is FanOut {
  return !Array.isArray(affected) && 'fanOut' in affected;
}

/** An Affected as ids and fan-outs, whichever form it has. */
export function partsOf(affected: Affected): CombinedAffected {
  if (Array.isArray(affected)) return { ids: affected as readonly string[], fanOuts: [] };
  if (isFanOut(affected)) return { ids: [], fanOuts: [affected] };
  return affected as CombinedAffected;
}

/** Several mappings' answers for one change, as one. */
export function combine(parts: readonly Affected[]): Affected {
  const split = parts.map(partsOf);
  const fanOuts = split.flatMap((p) => p.fanOuts);
  const ids = [...new Set(split.flatMap((p) => p.ids))];
  return fanOuts.length === 0 ? ids : { ids, fanOuts };
}

/** How a change of one Commerce table maps to the entities whose items it affects. */
export type ChangeMapping<Changes> = (event: ChangeEvent, changes: Changes) => Affected | Promise<Affected>;

/** Commerce table → its change mapping. */
export type ChangeMappings<Changes> = Readonly<Record<string, ChangeMapping<Changes>>>;

/** Mappings written against a part of a feed's change lookups, used with the whole (`select` picks the part). */
export function within<Part, Whole>(
  mappings: ChangeMappings<Part>,
  select: (whole: Whole) => Part,
): ChangeMappings<Whole> {
  return Object.fromEntries(
    Object.entries(mappings).map(([table, mapping]) => [
      table,
      (event: ChangeEvent, whole: Whole) => mapping(event, select(whole)),
    ]),
  );
}

/** Several sets of mappings as one: a table several of them map gets the union of their answers. */
export function mergeSources<Changes>(...sets: readonly ChangeMappings<Changes>[]): ChangeMappings<Changes> {
  const tables = [...new Set(sets.flatMap((set) => Object.keys(set)))];
  return Object.fromEntries(
    tables.map((table) => {
      const mappings = sets.flatMap((set) => (set[table] ? [set[table]] : []));
      const merged: ChangeMapping<Changes> =
        mappings.length === 1
          ? mappings[0]!
          : async (event, changes) =>
              combine(await Promise.all(mappings.map((m) => Promise.resolve(m(event, changes)))));
      return [table, merged];
    }),
  );
}

/**
 * A feed, declared once: identity and modes come from @cde/contracts' FEEDS; here its hash rules, the reader
 * (which runs the pure assembler) and one named change mapping per Commerce table. The tables it depends on are
 * the keys of `sources`, nothing else.
 */
export interface FeedSpec<Item extends FeedItemPayload, Changes> {
  readonly feed: FeedName;
  /** Fields kept in the feed state once sent (the original's minimalPayload): enough to build a delete. */
  readonly minimalPayload: readonly string[];
  readonly timestampField: 'modifiedAt' | 'updatedAt';
  /** Fields left out of the hash beyond the timestamps, and arrays whose order carries no meaning. */
  readonly hash: HashOptions;
  /** The feed's reads, built once per service: its reader and the lookups its change mappings use. */
  connect(
    db: CommerceDb,
    context?: FeedContext,
  ): { readonly reader: FeedReader<Item>; readonly changes: Changes };
  /** Commerce table → how its changes map to entities; the service subscribes to exactly these tables. */
  readonly sources: ChangeMappings<Changes>;
  /**
   * Items that change with time alone, without a row change (a price whose date window opens): the entities
   * whose items the passing of time from `since` to `now` changed. The service asks on a timer; its first pass
   * after a start has no `since` (null): what may have changed while it was not running.
   */
  readonly clock?: (since: Date | null, now: Date, changes: Changes) => Affected | Promise<Affected>;
}

/** A feed connected to a Commerce DB: its reader and the mapping of each of its tables. */
export interface ConnectedFeed<Item extends FeedItemPayload = FeedItemPayload> {
  readonly reader: FeedReader<Item>;
  /** The entities a change of `table` affects (none for a table the feed does not depend on). */
  affected(table: string, event: ChangeEvent): Affected | Promise<Affected>;
  /**
   * The entities whose items time alone changed from `since` to `now` (none for a feed without a clock); `since`
   * null is the start-up pass.
   */
  clockChanges(since: Date | null, now: Date): Affected | Promise<Affected>;
}

/** What the engine runs: a feed spec with its tables derived and its change lookups bound. */
export interface FeedDefinition<Item extends FeedItemPayload = FeedItemPayload> {
  readonly feed: FeedName;
  readonly minimalPayload: readonly string[];
  readonly timestampField: 'modifiedAt' | 'updatedAt';
  readonly hash: HashOptions;
  /** The Commerce tables whose changes affect the feed (the keys of its sources). */
  readonly tables: readonly string[];
  connect(db: CommerceDb, context?: FeedContext): ConnectedFeed<Item>;
}

/** Declares a feed: the one place its tables, mappings, reader and hash rules are written. */
export function defineFeed<Item extends FeedItemPayload, Changes>(
  spec: FeedSpec<Item, Changes>,
): FeedDefinition<Item> {
  return {
    feed: spec.feed,
    minimalPayload: spec.minimalPayload,
    timestampField: spec.timestampField,
    hash: spec.hash,
    tables: Object.keys(spec.sources),
    connect(db, context) {
      const { reader, changes } = spec.connect(db, context);
      return {
        reader,
        affected: (table, event) => {
          const mapping = spec.sources[table];
          return mapping ? mapping(event, changes) : [];
        },
        clockChanges: (since, now) => (spec.clock ? spec.clock(since, now, changes) : []),
      };
    },
  };
}

/**
 * A feed item message with its JSON, written once: the engine sizes that text against the message limit and the
 * sink publishes the same text, so an item is serialised once on its way out, not once per look at it.
 */
export interface OutgoingFeedItem {
  readonly message: FeedItemMessage;
  readonly json: JsonText<FeedItemMessage>;
}

export function outgoingFeedItem(message: FeedItemMessage): OutgoingFeedItem {
  return { message, json: jsonText(message) };
}

/** Where published items go: the compacted `cde.feed.<feed>` topic (a Kafka publisher in services). */
export interface FeedItemSink {
  publish(feed: FeedName, items: readonly OutgoingFeedItem[]): Promise<void>;
  /**
   * The largest message it takes, as `publishedJsonBytes` counts it (the publisher's `limits.maxRequestBytes`);
   * unset: that of the default 4 MiB limit. A larger item is parked with its size instead of published.
   */
  readonly maxMessageBytes?: number;
}

/** Per-feed settings a deployment may override (CDE_FEED_MODES, CDE_FEED_BATCH_SIZES). */
export interface FeedRuntimeSettings {
  readonly mode: ExportMode;
  readonly batchSize: number;
  /** EXPORTER_EXTENDED_LOG=1: dry runs log every payload. */
  readonly extendedLog?: boolean;
}
