import { EavValues, type EavValueRow } from './eav';

const row = (
  entity_id: string,
  attribute_id: number,
  store_id: number,
  value: string | null,
): EavValueRow => ({
  entity_id,
  attribute_id,
  store_id,
  value,
});

describe(EavValues.name, () => {
  const values = new EavValues([
    row('1', 73, 0, 'Default name'),
    row('1', 73, 2, 'Nome'),
    row('1', 75, 0, 'Default text'),
    row('1', 75, 2, null),
    row('2', 73, 0, 'Other'),
  ]);

  it("takes the store view's value, else the default scope's", () => {
    expect(values.get('1', 73, 2)).toBe('Nome');
    expect(values.get('1', 73, 1)).toBe('Default name');
    expect(values.get('1', 73, 0)).toBe('Default name');
    expect(values.get('2', 73, 2)).toBe('Other');
  });

  it('keeps a stored NULL as an explicit blank, not a fall-through', () => {
    expect(values.get('1', 75, 2)).toBeNull();
    expect(values.get('1', 75, 1)).toBe('Default text');
  });

  it('is undefined without any row, or for an unknown attribute', () => {
    expect(values.get('1', 99, 2)).toBeUndefined();
    expect(values.get('3', 73, 2)).toBeUndefined();
    expect(values.get('1', undefined, 2)).toBeUndefined();
    // Looked up again after another entity: the one-entity cache follows the id.
    expect(values.get('2', 73, 0)).toBe('Other');
    expect(values.get('1', 73, 2)).toBe('Nome');
  });
});
