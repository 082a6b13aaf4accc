import { diffItem } from './item-diff';

describe(diffItem.name, () => {
  it('lists differing fields first and ignores modifiedAt/updatedAt', () => {
    const diff = diffItem(
      { sku: 'A', name: 'New', price: { value: 1 }, modifiedAt: 'x' },
      { sku: 'A', name: 'Old', price: { value: 1 }, modifiedAt: 'y' },
      true,
    );
    expect(diff.differences).toBe(1);
    expect(diff.fields.map((f) => [f.path, f.same])).toEqual([
      ['name', false],
      ['price.value', true],
      ['sku', true],
    ]);
  });

  it('counts fields missing on one side when the state holds the whole item', () => {
    expect(diffItem({ sku: 'A', extra: 1 }, { sku: 'A' }, true).differences).toBe(1);
    expect(diffItem({ sku: 'A' }, { sku: 'A', name: 'n' }, true).differences).toBe(1);
  });

  it('shows, without counting, what a minimal payload does not keep', () => {
    const diff = diffItem({ sku: 'A' }, { sku: 'A', name: 'n' }, false);
    expect(diff.differences).toBe(0);
    expect(diff.fields).toContainEqual({ path: 'name', state: undefined, receiver: 'n', same: true });
  });

  it('counts everything as different when the receiver holds nothing', () => {
    expect(diffItem({ sku: 'A', storeViewCode: 'default' }, null, false).differences).toBe(2);
  });

  it('compares arrays whole', () => {
    expect(diffItem({ a: [1, 2] }, { a: [2, 1] }, true).differences).toBe(1);
  });
});
