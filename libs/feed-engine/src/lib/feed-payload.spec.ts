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
