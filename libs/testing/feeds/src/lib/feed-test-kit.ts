import type { FeedItemMessage, FeedItemPayload, FeedName } from '@cde/contracts';
import {
  FeedProcessor,
  partsOf,
  type Affected,
  type CollectedItem,
  type FeedContext,
  type FeedDefinition,
  type FeedItemSink,
  type FeedReader,
  type OutgoingFeedItem,
} from '@cde/feed-engine';
import type { CdcRow, ChangeEvent } from '@cde/platform/cdc';
import { pageKeyset, type CommerceDb } from '@cde/platform/commerce-db';
import {
  createFeedStateDataSource,
  FeedStateRepository,
  runFeedStateMigrations,
} from '@cde/platform/feed-state';
import { createLogger } from '@cde/platform/observability';
import { connectCommerceDbAsShop, loadRuntimeConfig, scratchDatabaseName } from '@cde/testing/runtime';
import type { DataSource } from 'typeorm';

/** A change event as the decoder gives it, for driving a feed's sources without Debezium. */
export function changeEvent(table: string, before: CdcRow | null, after: CdcRow | null): ChangeEvent {
  const base = {
    kind: 'change' as const,
    topic: `commerce.magento.${table}`,
    key: {},
    source: {
      connector: 'mariadb',
      name: 'commerce',
      database: 'magento',
      table,
      snapshot: 'false' as const,
      position: { file: '', pos: 0, row: 0, serverId: 1, gtid: null },
    },
    commitTime: new Date(),
    capturedAt: new Date(),
  };
  if (before && after) return { ...base, op: 'u', before, after };
  if (before) return { ...base, op: 'd', before, after: null };
  if (!after) throw new Error('a change needs a row');
  return { ...base, op: 'c', before: null, after };
}

/** A feed connected to a database as the specs drive it: its reader, and each source's affected ids. */
export interface FeedUnderTest<Item extends FeedItemPayload = FeedItemPayload> {
  readonly definition: FeedDefinition<Item>;
  readonly reader: FeedReader<Item>;
  /** One per table of the feed; a fan-out is expanded to the ids its background job would sync. */
  readonly sources: readonly { table: string; affectedIds(event: ChangeEvent): Promise<string[]> }[];
}

/** Connects a feed to the database under test. */
export function feedUnderTest<Item extends FeedItemPayload>(
  definition: FeedDefinition<Item>,
  db: CommerceDb,
  context?: FeedContext,
): FeedUnderTest<Item> {
  const connected = definition.connect(db, context);
  return {
    definition,
    reader: connected.reader,
    sources: definition.tables.map((table) => ({
      table,
      affectedIds: async (event: ChangeEvent) =>
        expandAffected(db, connected.reader, await connected.affected(table, event)),
    })),
  };
}

/** Ids per page when a spec expands a fan-out, as the background job pages them. */
export const EXPAND_PAGE = 10_000;

/** The ids an Affected stands for: the list itself, or every id of the fan-out's listings (tests only: unbounded). */
export async function expandAffected(
  db: CommerceDb,
  reader: FeedReader,
  affected: Affected,
): Promise<string[]> {
  const { ids, fanOuts } = partsOf(affected);
  const out: string[] = [...ids];
  const walk = async (page: (after: string | null) => Promise<string[]>): Promise<void> => {
    let after: string | null = null;
    for (let n = 0; n < 10_000; n++) {
      const ids = await page(after);
      out.push(...ids);
      const last = ids[ids.length - 1];
      if (ids.length < EXPAND_PAGE || last === undefined) return;
      after = last;
    }
  };
  for (const fanOut of fanOuts) {
    if (fanOut.fanOut === 'all') await walk((after) => reader.listEntityIds(after ?? '0', EXPAND_PAGE));
    else for (const query of fanOut.fanOut) await walk((after) => pageKeyset(db, query, after, EXPAND_PAGE));
  }
  return [...new Set(out)];
}

/** A feed sink that keeps what the engine publishes, for assertions. */
export class MemorySink implements FeedItemSink {
  readonly sent: FeedItemMessage[] = [];
  publish(_feed: FeedName, items: readonly OutgoingFeedItem[]): Promise<void> {
    this.sent.push(...items.map((i) => i.message));
    return Promise.resolve();
  }
  /** What was published since the last take, in order; forgets it. */
  take(): FeedItemMessage[] {
    return this.sent.splice(0, this.sent.length);
  }
}

/**
 * Everything the reader produces, walking its entity ids in keyset pages of `pageSize` as a resync does. It also
 * checks the reader's `countEntities` (the total of a full sync's progress) against the ids it walked.
 */
export async function collectEvery<Item extends FeedItemPayload>(
  reader: FeedReader<Item>,
  pageSize: number,
): Promise<CollectedItem<Item>[]> {
  const collected: CollectedItem<Item>[] = [];
  let listed = 0;
  let after = '0';
  for (let page = 0; page < 10_000; page++) {
    const ids = await reader.listEntityIds(after, pageSize);
    if (ids.length === 0) break;
    listed += ids.length;
    collected.push(...(await reader.collect(ids)));
    after = ids[ids.length - 1]!;
  }
  if (reader.countEntities) expect({ counted: await reader.countEntities() }).toEqual({ counted: listed });
  return collected;
}

/** Asserts the same keys on both sides, and for each key an equal item (the key names a failing item). */
export function expectSameEntries(
  actual: ReadonlyMap<string, unknown>,
  expected: ReadonlyMap<string, unknown>,
): void {
  expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
  for (const [key, item] of actual) expect({ key, item }).toEqual({ key, item: expected.get(key) });
}

/** Asserts that the items, by their key, are the expected ones: no key twice, none missing or extra, each equal. */
export function expectSameItems<Item>(
  items: readonly Item[],
  keyOf: (item: Item) => string,
  expected: ReadonlyMap<string, unknown>,
): void {
  const actual = new Map(items.map((i) => [keyOf(i), i]));
  expect(actual.size).toBe(items.length);
  expectSameEntries(actual, expected);
}

export interface ScratchFeedState {
  readonly database: string;
  readonly dataSource: DataSource;
  readonly repository: FeedStateRepository;
  /** The engine's processor for a feed on this state, sending at once (immediate mode, batches of 100) to the sink. */
  processor(feed: Pick<FeedUnderTest, 'definition' | 'reader'>, sink: FeedItemSink): FeedProcessor;
  /** Closes the pool and drops the database. */
  close(): Promise<void>;
}

/**
 * A migrated feed-state database of its own for one test run, on the local runtime's MariaDB as root.
 * Call `close()` when done.
 */
export async function openScratchFeedState(purpose: string, poolSize = 2): Promise<ScratchFeedState> {
  const database = scratchDatabaseName(purpose);
  const { commerceDb } = loadRuntimeConfig();
  const admin = await connectCommerceDbAsShop({ database: null });
  try {
    await admin.query(`CREATE DATABASE \`${database}\``);
  } finally {
    await admin.end();
  }
  const dataSource = createFeedStateDataSource(
    { host: commerceDb.host, port: commerceDb.port, user: 'root', password: '', database },
    poolSize,
  );
  const close = async (): Promise<void> => {
    if (dataSource.isInitialized) await dataSource.destroy();
    const dropper = await connectCommerceDbAsShop({ database: null });
    try {
      await dropper.query(`DROP DATABASE IF EXISTS \`${database}\``);
    } finally {
      await dropper.end();
    }
  };
  try {
    await dataSource.initialize();
    await runFeedStateMigrations(dataSource);
  } catch (error) {
    await close();
    throw error;
  }
  const repository = new FeedStateRepository(dataSource);
  const logger = createLogger({ service: 'feed-test', level: 'error' });
  return {
    database,
    dataSource,
    repository,
    processor: (feed, sink) =>
      new FeedProcessor(
        feed.definition,
        feed.reader,
        { mode: 'immediate', batchSize: 100 },
        repository,
        sink,
        logger,
      ),
    close,
  };
}
