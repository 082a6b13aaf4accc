import { FEED_NAMES } from '@cde/contracts';
import { FeedIdentityError, sha1 } from '@cde/feed-engine';
import { describeItem, planUpserts, timestampFieldOf, type DescribedItem } from './feed-item-versions';

describe(timestampFieldOf.name, () => {
  it('is updatedAt for prices, inventory, scopes and orders, modifiedAt for the catalog feeds', () => {
    expect(timestampFieldOf('prices')).toBe('updatedAt');
    expect(timestampFieldOf('inventoryStockStatus')).toBe('updatedAt');
    expect(timestampFieldOf('scopesWebsite')).toBe('updatedAt');
    expect(timestampFieldOf('orders')).toBe('updatedAt');
    expect(timestampFieldOf('products')).toBe('modifiedAt');
    expect(timestampFieldOf('variants')).toBe('modifiedAt');
    expect(FEED_NAMES.map(timestampFieldOf)).toHaveLength(FEED_NAMES.length);
  });
});

describe(describeItem.name, () => {
  it('builds the feedId the feed services build, and keeps the identity, version and delete flag', () => {
    const sut = describeItem('products', 3, {
      sku: 'MH01',
      storeViewCode: 'default',
      modifiedAt: 'T1',
      deleted: true,
    });
    expect(sut).toMatchObject({
      position: 3,
      feedId: sha1('MH01\0default'),
      identity: { sku: 'MH01', storeViewCode: 'default' },
      version: 'T1',
      deleted: true,
    });
  });

  it("versions an item without its timestamp as '' and refuses an empty identity", () => {
    expect(describeItem('scopesWebsite', 0, { websiteId: '1' }).version).toBe('');
    expect(() => describeItem('scopesWebsite', 0, { websiteId: '' })).toThrow(FeedIdentityError);
  });
});

describe(planUpserts.name, () => {
  const item = (position: number, feedId: string, version: string): DescribedItem => ({
    position,
    feedId,
    identity: {},
    version,
    deleted: false,
    item: { position },
  });

  it('never lets an older version replace a newer stored one; equal versions replace (idempotent)', () => {
    const stored = new Map([
      ['a', '2026-11-22T10:00:00.000Z'],
      ['b', '2026-11-22T10:00:00.000Z'],
    ]);
    const sut = planUpserts(
      [item(0, 'a', '2026-11-22T09:59:59.999Z'), item(1, 'b', '2026-11-22T10:00:00.000Z'), item(2, 'c', '')],
      stored,
    );
    expect(sut.stale.map((x) => x.position)).toEqual([0]);
    expect(sut.writes.map((w) => w.position)).toEqual([1, 2]);
  });

  it('applies the items of one batch in order', () => {
    const sut = planUpserts(
      [item(0, 'a', 'T2'), item(1, 'a', 'T1'), item(2, 'a', 'T3'), item(3, 'a', 'T3')],
      new Map(),
    );
    expect(sut.stale.map((x) => x.position)).toEqual([1]);
    expect(sut.writes.map((w) => w.position)).toEqual([3]);
  });

  it('keeps a versioned item over one without a timestamp', () => {
    expect(planUpserts([item(0, 'a', '')], new Map([['a', 'T1']])).stale).toEqual([
      { position: 0, version: '', held: 'T1' },
    ]);
  });
});
