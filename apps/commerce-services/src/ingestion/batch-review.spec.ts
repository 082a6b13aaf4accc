import { createFeedItemValidator } from '@cde/contracts';
import { sha1 } from '@cde/feed-engine';
import {
  failedItemOf,
  REJECTED_BY_FAULT_MESSAGE,
  refuseBatch,
  reviewBatch,
  staleFailedItems,
} from './batch-review';

const price = (sku: string, patch: Record<string, unknown> = {}): Record<string, unknown> => ({
  websiteId: 1,
  productId: 52,
  sku,
  type: 'SIMPLE',
  customerGroupCode: '0',
  websiteCode: 'base',
  regular: 52,
  updatedAt: '2026-11-22T10:00:00.000Z',
  deleted: false,
  ...patch,
});

describe(reviewBatch.name, () => {
  const validate = createFeedItemValidator();

  it('reports invalid and fault-rejected items by position and keeps the rest', () => {
    const items = [price('A'), price('B', { regular: 'cheap' }), price('C'), price('D')];
    const sut = reviewBatch('prices', items, validate, [{ feed: 'prices', field: 'sku', value: 'D' }]);
    expect(sut.failedItems).toEqual({
      '1': { message: '/regular must be number', field: 'regular' },
      '3': { message: REJECTED_BY_FAULT_MESSAGE, field: 'sku' },
    });
    expect(sut.invalid).toBe(1);
    expect(sut.rejectedByFault).toBe(1);
    expect(sut.accepted.map((i) => i.position)).toEqual([0, 2]);
    expect(sut.accepted[0]).toMatchObject({
      feedId: sha1('A\u00000\u0000base'),
      identity: { sku: 'A', customerGroupCode: '0', websiteCode: 'base' },
      version: '2026-11-22T10:00:00.000Z',
      deleted: false,
    });
  });

  it('gives fault-rejected items the per-item status of their matcher when it has one', () => {
    const sut = reviewBatch('prices', [price('A'), price('B')], validate, [
      { field: 'sku', value: 'A', status: 2 },
      { field: 'sku', value: 'B' },
    ]);
    expect(sut.failedItems).toEqual({
      '0': { message: REJECTED_BY_FAULT_MESSAGE, field: 'sku', status: 2 },
      '1': { message: REJECTED_BY_FAULT_MESSAGE, field: 'sku' },
    });
  });

  it('accepts a delete carrying its minimal payload only', () => {
    const del = {
      sku: 'A',
      customerGroupCode: '0',
      websiteCode: 'base',
      updatedAt: '2026-11-23T00:00:00Z',
      deleted: true,
    };
    const sut = reviewBatch('prices', [del], validate, []);
    expect(sut.failedItems).toEqual({});
    expect(sut.accepted[0]).toMatchObject({ deleted: true, version: '2026-11-23T00:00:00Z' });
  });

  it('reports a missing identity field with its name', () => {
    const { sku: _sku, ...noSku } = price('A');
    expect(reviewBatch('prices', [noSku], validate, []).failedItems['0']).toMatchObject({ field: 'sku' });
  });
});

describe(failedItemOf.name, () => {
  it('joins the lines and names the first path, dotted', () => {
    expect(failedItemOf(['/images/0/url must be string', '/sku is required'])).toEqual({
      message: '/images/0/url must be string; /sku is required',
      field: 'images.0.url',
    });
    expect(failedItemOf(['/ must be object'])).toEqual({ message: '/ must be object' });
    expect(failedItemOf([])).toEqual({ message: 'item does not match the feed schema' });
  });
});

describe(refuseBatch.name, () => {
  it('names the items that make the batch refused, by position', () => {
    const matchers = [{ feed: 'prices' as const, field: 'sku', value: 'POISON' }];
    expect(refuseBatch('prices', [price('A'), price('POISON')], matchers)).toEqual({
      '1': { message: 'batch rejected by fault switch', field: 'sku' },
    });
    expect(refuseBatch('prices', [price('A')], matchers)).toBeUndefined();
    expect(refuseBatch('products', [price('POISON')], matchers)).toBeUndefined();
  });
});

describe(staleFailedItems.name, () => {
  it("lists stale items by position with status 409, the feed's timestamp field and both versions", () => {
    expect(
      staleFailedItems('prices', [
        { position: 2, version: '2026-12-06T12:00:00.000Z', held: '2026-12-06T12:05:00.000Z' },
      ]),
    ).toEqual({
      '2': {
        message:
          'stale: version 2026-12-06T12:00:00.000Z is older than the version held, 2026-12-06T12:05:00.000Z',
        field: 'updatedAt',
        status: 409,
        heldVersion: '2026-12-06T12:05:00.000Z',
      },
    });
    expect(staleFailedItems('products', [{ position: 0, version: '', held: 'T1' }])['0']).toMatchObject({
      field: 'modifiedAt',
      message: 'stale: version (none) is older than the version held, T1',
    });
  });
});
