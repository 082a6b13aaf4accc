import { deletedItemOf, minimalPayloadOf } from './feed-payload';

describe(minimalPayloadOf.name, () => {
  it('keeps only the minimal payload fields that are present', () => {
    const item = {
      productId: 5,
      sku: 'A',
      storeViewCode: 'default',
      storeCode: 'main',
      websiteCode: 'base',
      name: 'N',
      modifiedAt: 't',
    };
    expect(
      minimalPayloadOf(item, [
        'productId',
        'sku',
        'storeViewCode',
        'storeCode',
        'websiteCode',
        'modifiedAt',
        'absent',
      ]),
    ).toEqual({
      productId: 5,
      sku: 'A',
      storeViewCode: 'default',
      storeCode: 'main',
      websiteCode: 'base',
      modifiedAt: 't',
    });
  });
});

describe(deletedItemOf.name, () => {
  it('marks the stored minimal payload deleted with a fresh timestamp', () => {
    const now = new Date('2026-11-22T10:00:00Z');
    expect(
      deletedItemOf(
        { sku: 'A', customerGroupCode: '0', websiteCode: 'base', updatedAt: 'old' },
        'updatedAt',
        now,
      ),
    ).toEqual({
      sku: 'A',
      customerGroupCode: '0',
      websiteCode: 'base',
      updatedAt: '2026-11-22T10:00:00.000Z',
      deleted: true,
    });
  });
});

describe(`${deletedItemOf.name}: versions`, () => {
  it('stamps the delete after the stored version when a clock is behind it, so the delete is not refused as stale', () => {
    const now = new Date('2026-11-22T10:00:00Z');
    const item = deletedItemOf({ sku: 'A', modifiedAt: '2026-11-22T10:03:00.000Z' }, 'modifiedAt', now);
    expect(item['modifiedAt']).toBe('2026-11-22T10:03:00.001Z');
  });
});
