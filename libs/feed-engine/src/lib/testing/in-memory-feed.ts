import type { FeedItemMessage, FeedName } from '@cde/contracts';
import type { AssembledState, FeedStateRepository, FeedStateRow } from '@cde/platform/feed-state';
import type { FeedDefinition, FeedItemSink } from '../feed-definition';
import { FeedStatus } from '../send-decision';

/* In-memory stand-ins for the engine's unit specs (not exported from the lib). */

export const FEED: FeedName = 'scopesWebsite';

/** The feed state in memory: the repository calls the engine makes here, with the database's upsert rules. */
export class InMemoryFeedState {
  readonly rows = new Map<string, FeedStateRow>();
  readonly parked: string[] = [];

  findBySourceIds(_feed: FeedName, ids: readonly string[]): Promise<FeedStateRow[]> {
    return Promise.resolve([...this.rows.values()].filter((r) => ids.includes(r.sourceEntityId)));
  }

  findByFeedIds(_feed: FeedName, ids: readonly string[]): Promise<Map<string, FeedStateRow>> {
    const found = new Map<string, FeedStateRow>();
    for (const id of ids) {
      const row = this.rows.get(id);
      if (row) found.set(id, row);
    }
    return Promise.resolve(found);
  }

  saveAssembled(_feed: FeedName, states: readonly AssembledState[]): Promise<void> {
    for (const s of states) {
      this.rows.set(s.feedId, {
        feedId: s.feedId,
        sourceEntityId: s.sourceEntityId,
        feedHash: s.feedHash,
        sentHash: s.sentHash ?? this.rows.get(s.feedId)?.sentHash ?? null,
        status: FeedStatus.Pending,
        isDeleted: s.isDeleted,
        feedData: { ...s.feedData },
        attempts: 0,
        parked: false,
        errors: null,
        modifiedAt: new Date().toISOString(),
      });
    }
    return Promise.resolve();
  }

  acquireSyncLock(): Promise<{ release: () => Promise<void> }> {
    return Promise.resolve({ release: () => Promise.resolve() });
  }

  sourceIdsBetween(): Promise<string[]> {
    return Promise.resolve([]);
  }

  saveCheckpoint(): Promise<void> {
    return Promise.resolve();
  }

  park(_feed: FeedName, feedId: string): Promise<void> {
    this.parked.push(feedId);
    return Promise.resolve();
  }

  /** The engine takes the repository class; only the methods above are called. */
  asRepository(): FeedStateRepository {
    return this as unknown as FeedStateRepository;
  }
}

export class RecordingSink implements FeedItemSink {
  readonly sent: FeedItemMessage[] = [];
  publish(_feed: FeedName, messages: readonly FeedItemMessage[]): Promise<void> {
    this.sent.push(...messages);
    return Promise.resolve();
  }
}

/** scopesWebsite items from a mutable source: entity id → websites it yields (identity: websiteId). */
export function websiteFeed(source: Map<string, Record<string, unknown>[]>): FeedDefinition {
  return {
    feed: FEED,
    minimalPayload: ['websiteId', 'websiteCode'],
    timestampField: 'updatedAt',
    hash: {},
    sources: [
      { table: 'store_website', affectedIds: (e) => [String((e.after ?? e.before)?.['website_id'])] },
    ],
    reader: {
      listEntityIds: (after, limit) =>
        Promise.resolve([...source.keys()].filter((id) => Number(id) > Number(after)).slice(0, limit)),
      collect: (ids) =>
        Promise.resolve(
          ids.flatMap((id) =>
            (source.get(id) ?? []).map((item) => ({ sourceEntityId: id, item: { ...item } })),
          ),
        ),
      resolveIds: (values) => Promise.resolve({ ids: [...values], unknown: [] }),
    },
  };
}
