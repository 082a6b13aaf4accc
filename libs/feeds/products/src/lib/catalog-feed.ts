import type { FeedItemPayload, FeedName, ResyncIdType } from '@cde/contracts';
import {
  defineFeed,
  type ChangeMappings,
  type CollectedItem,
  type FeedDefinition,
  type FeedReader,
  type HashOptions,
} from '@cde/feed-engine';
import { countKeyset, pageKeyset, type CommerceDb, type KeysetQuery } from '@cde/platform/commerce-db';
import type { ResolvedIds } from '@cde/platform/magento';

/** How `--by-ids` values name a catalog feed's source entities. */
export type IdResolver = (
  db: CommerceDb,
  values: readonly string[],
  idType: ResyncIdType,
) => Promise<ResolvedIds>;

/** A catalog feed's source entities: the keyset listing that walks them and how `--by-ids` values name them. */
export interface CatalogEntities {
  readonly list: KeysetQuery;
  readonly resolve: IdResolver;
}

/**
 * A catalog feed's reader: its entities listed by one keyset query of the Commerce DB and named as `entities`
 * says; `read` assembles the items of a batch that holds at least one id.
 */
export abstract class CatalogReader<Item extends FeedItemPayload> implements FeedReader<Item> {
  /** The listing holds every entity the table has; an entity out of the feed's scope collects to nothing. */
  readonly listsEveryEntity: boolean = true;

  protected constructor(
    protected readonly db: CommerceDb,
    private readonly entities: CatalogEntities,
  ) {}

  listEntityIds(after: string, limit: number): Promise<string[]> {
    return pageKeyset(this.db, this.entities.list, after, limit);
  }

  countEntities(): Promise<number> {
    return countKeyset(this.db, this.entities.list);
  }

  async collect(ids: readonly string[]): Promise<CollectedItem<Item>[]> {
    return ids.length === 0 ? [] : this.read(ids);
  }

  resolveIds(values: readonly string[], idType: ResyncIdType): Promise<ResolvedIds> {
    return this.entities.resolve(this.db, values, idType);
  }

  /** The current items of these entities (never an empty batch). */
  protected abstract read(ids: readonly string[]): Promise<CollectedItem<Item>[]>;
}

/** What a catalog feed declares; the rest is alike for all of them (see defineCatalogFeed). */
export interface CatalogFeedSpec<Item extends FeedItemPayload, Reader extends FeedReader<Item>, Changes> {
  readonly feed: FeedName;
  readonly minimalPayload: readonly string[];
  /** Hash rules beyond the timestamps; none by default. */
  readonly hash?: HashOptions;
  /** Its reader (typed with FeedReader<Item> too, so that the compiler infers the item type from it). */
  readonly reader: (db: CommerceDb) => Reader & FeedReader<Item>;
  /** The change lookups, given the feed's reader (which may itself be them). */
  readonly changes: (reader: Reader, db: CommerceDb) => Changes;
  readonly sources: ChangeMappings<Changes>;
}

/**
 * A catalog feed: items stamped by `modifiedAt` as the original's catalog feeds are, one reader built per service,
 * and change lookups built on that reader.
 */
export function defineCatalogFeed<Item extends FeedItemPayload, Reader extends FeedReader<Item>, Changes>(
  spec: CatalogFeedSpec<Item, Reader, Changes>,
): FeedDefinition<Item> {
  return defineFeed<Item, Changes>({
    feed: spec.feed,
    minimalPayload: spec.minimalPayload,
    timestampField: 'modifiedAt',
    hash: spec.hash ?? {},
    connect: (db) => {
      const reader = spec.reader(db);
      return { reader, changes: spec.changes(reader, db) };
    },
    sources: spec.sources,
  });
}
