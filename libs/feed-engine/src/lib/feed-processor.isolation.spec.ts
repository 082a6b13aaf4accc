import type { Logger } from 'pino';
import { createLogger } from '@cde/platform/observability';
import type { FeedReader } from './feed-definition';
import { FeedProcessor } from './feed-processor';
import { InMemoryFeedState, RecordingSink, websiteFeed, websiteReader } from './testing/in-memory-feed';
import { isTransientError } from './transient-error';

/** A reader over `source` whose reads fail for any batch holding one of `broken`, as a NULL the assembler trips on. */
function breakingReader(
  source: Map<string, Record<string, unknown>[]>,
  broken: Set<string>,
  reads: string[][],
) {
  const inner = websiteReader(source);
  const reader: FeedReader = {
    ...inner,
    collect: async (ids) => {
      reads.push([...ids]);
      const bad = ids.find((id) => broken.has(id));
      if (bad !== undefined)
        throw new TypeError(`Cannot read properties of null (reading 'length') for website ${bad}`);
      return inner.collect(ids);
    },
  };
  return reader;
}

function setup(count: number, broken: Set<string>) {
  const source = new Map<string, Record<string, unknown>[]>();
  for (let i = 1; i <= count; i++) source.set(String(i), [{ websiteId: String(i), websiteCode: `w${i}` }]);
  const state = new InMemoryFeedState();
  const sink = new RecordingSink();
  const reads: string[][] = [];
  const errors: { obj: Record<string, unknown>; msg: string }[] = [];
  const logger = createLogger({ service: 'scopes-feed', level: 'silent' });
  const spying = Object.assign(Object.create(logger) as Logger, {
    error: (obj: Record<string, unknown>, msg: string) => errors.push({ obj, msg }),
  });
  const processor = new FeedProcessor(
    websiteFeed(source),
    breakingReader(source, broken, reads),
    { mode: 'immediate', batchSize: 100 },
    state.asRepository(),
    sink,
    spying,
  );
  const ids = [...source.keys()];
  return { source, state, sink, reads, errors, processor, ids, brokenNow: broken };
}

/** Syncs every entity once while all read well, so each has a stored (delivered) item to park later. */
async function primed(count: number, broken: Set<string>, rename = true) {
  const ctx = setup(count, new Set());
  await ctx.processor.sync({ ids: ctx.ids, operation: 'full sync' });
  for (const [id, row] of ctx.state.rows) ctx.state.rows.set(id, { ...row, status: 200 });
  for (const id of broken) ctx.brokenNow.add(id);
  ctx.sink.sent.length = 0;
  ctx.reads.length = 0;
  // Every entity changed since, so a healthy one is published again.
  if (rename) for (const items of ctx.source.values()) items[0]!['websiteName'] = 'renamed';
  return ctx;
}

describe('FeedProcessor isolation of unreadable entities', () => {
  it('finds the one unreadable entity among 100 by halving, parks its item and syncs the 99 others', async () => {
    const ctx = await primed(100, new Set(['42']));
    const result = await ctx.processor.sync({ ids: ctx.ids, operation: 'partial sync' });

    expect(ctx.sink.sent.map((m) => m.sourceEntityId).sort()).toEqual(
      ctx.ids.filter((id) => id !== '42').sort(),
    );
    expect(result).toMatchObject({ synced: 99, failed: 1, deleted: 0 });
    const row = [...ctx.state.rows.values()].find((r) => r.sourceEntityId === '42')!;
    expect(row.parked).toBe(true);
    expect(row.isDeleted).toBe(false);
    expect(row.errors).toMatch(
      /^CDE04-26 entity 42 of feed scopesWebsite cannot be assembled: Cannot read properties of null .* website 42$/,
    );
    expect(ctx.state.parked).toEqual([row.feedId]);
    // Bounded: a halving path of log2(100) levels, two reads per level, not one read per entity.
    expect(ctx.reads.length).toBeLessThanOrEqual(1 + 2 * Math.ceil(Math.log2(100)));
    expect(ctx.errors).toHaveLength(1);
    expect(ctx.errors[0]!.obj).toMatchObject({ code: 'CDE04-26', sourceEntityId: '42' });
    expect(ctx.errors[0]!.msg).toMatch(/^1 item\(s\) of entity 42 parked: CDE04-26/);
  });

  it('isolates two unreadable entities in different halves', async () => {
    const ctx = await primed(100, new Set(['3', '97']));
    const result = await ctx.processor.sync({ ids: ctx.ids, operation: 'partial sync' });

    expect(result).toMatchObject({ synced: 98, failed: 2 });
    const parked = [...ctx.state.rows.values()].filter((r) => r.parked).map((r) => r.sourceEntityId);
    expect(parked.sort()).toEqual(['3', '97']);
    expect(ctx.sink.sent).toHaveLength(98);
  });

  it('parks every entity when none can be read, publishing nothing and deleting nothing', async () => {
    const ids = Array.from({ length: 8 }, (_, i) => String(i + 1));
    const ctx = await primed(8, new Set(ids));
    const result = await ctx.processor.sync({ ids: ctx.ids, operation: 'partial sync' });

    expect(result).toMatchObject({ synced: 0, deleted: 0, failed: 8 });
    expect(ctx.sink.sent).toHaveLength(0);
    expect([...ctx.state.rows.values()].every((r) => r.parked && !r.isDeleted)).toBe(true);
    // Every split is read once: 2n - 1 reads at most.
    expect(ctx.reads.length).toBe(15);
  });

  it('logs an unreadable entity that has no item yet, and syncs it once it reads again', async () => {
    const ctx = setup(3, new Set(['2']));
    const first = await ctx.processor.sync({ ids: ctx.ids, operation: 'partial sync' });
    expect(first).toMatchObject({ synced: 2, failed: 1 });
    expect(ctx.state.parked).toEqual([]);
    expect(ctx.errors[0]!.msg).toMatch(/^entity 2 has no item yet, nothing parked: CDE04-26/);
  });

  it('sends a parked item again once its entity reads, even unchanged, and unparks it', async () => {
    const ctx = await primed(4, new Set(['2']), false);
    await ctx.processor.sync({ ids: ctx.ids, operation: 'partial sync' });
    const feedId = [...ctx.state.rows.values()].find((r) => r.sourceEntityId === '2')!.feedId;
    expect(ctx.state.rows.get(feedId)!.parked).toBe(true);

    ctx.brokenNow.delete('2');
    ctx.sink.sent.length = 0;
    const healed = await ctx.processor.sync({ ids: ['2'], operation: 'retry parked items' });
    expect(healed).toMatchObject({ synced: 1, failed: 0 });
    expect(ctx.sink.sent.map((m) => m.sourceEntityId)).toEqual(['2']);
    expect(ctx.state.rows.get(feedId)!.parked).toBe(false);
  });

  it('rethrows a transient error without parking anything, so the transport retries the batch', async () => {
    const ctx = await primed(10, new Set());
    const lost = Object.assign(new Error('Connection lost: The server closed the connection.'), {
      code: 'PROTOCOL_CONNECTION_LOST',
      fatal: true,
    });
    const processor = new FeedProcessor(
      websiteFeed(ctx.source),
      { ...websiteReader(ctx.source), collect: () => Promise.reject(lost) },
      { mode: 'immediate', batchSize: 100 },
      ctx.state.asRepository(),
      ctx.sink,
      createLogger({ service: 'scopes-feed', level: 'silent' }),
    );
    await expect(processor.sync({ ids: ctx.ids, operation: 'partial sync' })).rejects.toBe(lost);
    expect(ctx.state.parked).toEqual([]);
    expect(ctx.sink.sent).toHaveLength(0);
  });
});

describe(isTransientError.name, () => {
  it.each([
    ['a lost connection', { code: 'PROTOCOL_CONNECTION_LOST' }],
    ['a refused connection', { code: 'ECONNREFUSED' }],
    ['a deadlock', { code: 'ER_LOCK_DEADLOCK', errno: 1213 }],
    ['a lock wait timeout', { code: 'ER_LOCK_WAIT_TIMEOUT', errno: 1205 }],
    [
      'a TypeORM QueryFailedError wrapping a reset',
      { name: 'QueryFailedError', driverError: { code: 'ECONNRESET' } },
    ],
    ['a fatal mysql2 error', { code: 'ER_SOMETHING', fatal: true }],
    ['a wrapped cause', new Error('read failed', { cause: { code: 'ETIMEDOUT' } })],
  ])('counts %s as transient', (_what, error) => {
    expect(isTransientError(error)).toBe(true);
  });

  it.each([
    ['a TypeError from a NULL', new TypeError("Cannot read properties of null (reading 'length')")],
    [
      'an unknown column',
      { name: 'QueryFailedError', driverError: { code: 'ER_BAD_FIELD_ERROR', errno: 1054 } },
    ],
    ['a missing table', { code: 'ER_NO_SUCH_TABLE' }],
    ['a string', 'boom'],
    ['null', null],
  ])('does not count %s as transient', (_what, error) => {
    expect(isTransientError(error)).toBe(false);
  });
});
