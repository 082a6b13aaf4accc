import { ExportCode, type FeedItemMessage } from '@cde/contracts';
import type { KafkaBatchMessage } from '@cde/platform/kafka';
import { readFeedItems } from './feed-item-reader';

const message = (offset: number, value: unknown): KafkaBatchMessage => ({
  key: null,
  value: value === null ? null : Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)),
  headers: {},
  offset: String(offset),
  timestamp: '0',
});

const item = (feedId: string, feedHash: string, patch: Partial<FeedItemMessage> = {}): FeedItemMessage => ({
  feed: 'products',
  feedId,
  feedHash,
  sourceEntityId: '7',
  deleted: false,
  item: { sku: feedId, description: 'long', storeViewCode: 'default' },
  producedAt: '2026-01-01T00:00:00.000Z',
  traceId: `trace-${feedId}`,
  attempt: 0,
  ...patch,
});

describe(readFeedItems.name, () => {
  it('keeps the latest version per feedId, answering for the offsets it replaced', () => {
    const sut = readFeedItems('products', [
      message(10, item('a', 'a1')),
      message(11, item('b', 'b1')),
      message(12, item('a', 'a2', { attempt: 2 })),
    ]);
    expect(sut.items.map((i) => [i.feedId, i.feedHash, i.offsets, i.attempt])).toEqual([
      ['b', 'b1', ['11'], 0],
      ['a', 'a2', ['10', '12'], 2],
    ]);
    expect(sut.superseded).toBe(1);
    expect(sut.poison).toEqual([]);
    expect(sut.items[1]?.producedAt).toBe('2026-01-01T00:00:00.000Z'); // names the publish an outcome answers
  });

  it('skips tombstones and offsets settled by an earlier run', () => {
    const sut = readFeedItems(
      'products',
      [message(1, null), message(2, item('a', 'a1')), message(3, item('b', 'b1'))],
      {
        settled: new Set(['2']),
      },
    );
    expect(sut.items.map((i) => i.feedId)).toEqual(['b']);
    expect(sut).toMatchObject({ tombstones: 1, alreadySettled: 1 });
  });

  it('sets malformed messages aside as poison with a reason', () => {
    const sut = readFeedItems('products', [
      message(1, 'not json'),
      message(2, item('a', 'a1', { feed: 'prices' })),
      message(3, { ...item('b', ''), item: [] }),
      message(4, item('c', 'c1')),
    ]);
    expect(sut.items.map((i) => i.feedId)).toEqual(['c']);
    expect(sut.poison).toEqual([
      { offset: '1', code: 'CDE11-03', reason: expect.stringContaining('not JSON') as string },
      {
        offset: '2',
        code: ExportCode.MalformedFeedMessage,
        reason: expect.stringContaining('"prices"') as string,
      },
      {
        offset: '3',
        code: ExportCode.MalformedFeedMessage,
        reason: expect.stringMatching(/no feedHash; item is not an object/) as string,
      },
    ]);
  });

  it('prepares (redacts) what is sent', () => {
    const sut = readFeedItems('products', [message(1, item('a', 'a1'))], {
      prepare: ({ description: _d, ...rest }) => rest,
    });
    expect(sut.items[0]!.item).toEqual({ sku: 'a', storeViewCode: 'default' });
  });
});
