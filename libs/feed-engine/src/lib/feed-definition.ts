import type { ExportMode, FeedItemMessage, FeedItemPayload, FeedName, ResyncIdType } from '@cde/contracts';
import type { ChangeEvent } from '@cde/platform/cdc';
import type { HashOptions } from './feed-hash';

/** An item the feed's reader assembled, with the source entity it came from. */
export interface CollectedItem<Item extends FeedItemPayload = FeedItemPayload> {
  readonly sourceEntityId: string;
  readonly item: Item;
}

/**
 * The feed's I/O: reads the Commerce DB and assembles items with the feed's pure function. Ids are strings so
 * bigint ids stay exact.
 */
export interface FeedReader<Item extends FeedItemPayload = FeedItemPayload> {
  /** Source entity ids greater than `after`, ascending, at most `limit` (keyset pagination over the source table). */
  listEntityIds(after: string, limit: number): Promise<string[]>;
  /** The current items of these entities: several per entity (store views) or none (it vanished or is out of scope). */
  collect(ids: readonly string[]): Promise<CollectedItem<Item>[]>;
  /** Maps `--by-ids` values to entity ids; values that match nothing come back in `unknown`. */
  resolveIds(values: readonly string[], idType: ResyncIdType): Promise<{ ids: string[]; unknown: string[] }>;
}

/** How a change of one Commerce table maps to the entities whose items it affects. */
export interface FeedSource {
  readonly table: string;
  /** Ids of affected entities; may read the DB (e.g. a category's products), must not assume the row still exists. */
  affectedIds(event: ChangeEvent): readonly string[] | Promise<readonly string[]>;
}

/** A feed, declared in one screen: identity and modes come from @cde/contracts' FEEDS, the rest from here. */
export interface FeedDefinition<Item extends FeedItemPayload = FeedItemPayload> {
  readonly feed: FeedName;
  /** Fields kept in the feed state once sent (the original's minimalPayload): enough to build a delete. */
  readonly minimalPayload: readonly string[];
  readonly timestampField: 'modifiedAt' | 'updatedAt';
  /** Fields left out of the hash beyond the timestamps, and arrays whose order carries no meaning. */
  readonly hash: HashOptions;
  readonly sources: readonly FeedSource[];
  readonly reader: FeedReader<Item>;
}

/** Where published items go: the compacted `cde.feed.<feed>` topic (a Kafka publisher in services). */
export interface FeedItemSink {
  publish(feed: FeedName, messages: readonly FeedItemMessage[]): Promise<void>;
}

/** Per-feed settings a deployment may override (FEED_MODE_<feed>, FEED_BATCH_SIZE_<feed>). */
export interface FeedRuntimeSettings {
  readonly mode: ExportMode;
  readonly batchSize: number;
  /** EXPORTER_EXTENDED_LOG=1: dry runs log every payload. */
  readonly extendedLog?: boolean;
}
