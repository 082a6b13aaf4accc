import type { CdcRow, ChangeEvent } from './change-event';
import {
  changedAny,
  columnOf,
  describe as describeChange,
  idsOf,
  onlyChanged,
  optionsOf,
  valuesOf,
} from './change-columns';

const source = {
  connector: 'mariadb',
  name: 'commerce',
  database: 'magento',
  table: 't',
  snapshot: 'false' as const,
  position: { file: '', pos: 0, row: 0, serverId: 1, gtid: null },
};

function change(before: CdcRow | null, after: CdcRow | null, key: CdcRow = {}): ChangeEvent {
  const base = { kind: 'change' as const, topic: 'commerce.magento.t', key, source };
  const at = { commitTime: new Date(0), capturedAt: new Date(0) };
  if (before && after) return { ...base, ...at, op: 'u', before, after };
  if (before) return { ...base, ...at, op: 'd', before, after: null };
  if (!after) throw new Error('a change needs a row');
  return { ...base, ...at, op: 'c', before: null, after };
}

describe('change columns', () => {
  it('idsOf: the ids before and after, once each, without nulls and zeros', () => {
    expect(idsOf(change({ entity_id: 5 }, { entity_id: 7 }), 'entity_id')).toEqual(['5', '7']);
    expect(idsOf(change({ entity_id: 5 }, { entity_id: 5 }), 'entity_id')).toEqual(['5']);
    expect(idsOf(change({ website_id: 0 }, { website_id: null }), 'website_id')).toEqual([]);
    expect(idsOf(change(null, { entity_id: '12' }), 'entity_id')).toEqual(['12']);
    expect(idsOf(change({ entity_id: 3 }, null), 'missing')).toEqual([]);
  });

  it('valuesOf: keeps 0 and empty values (codes, paths, customer group 0)', () => {
    expect(valuesOf(change({ customer_group_id: 0 }, { customer_group_id: 1 }), 'customer_group_id')).toEqual(
      ['0', '1'],
    );
    expect(valuesOf(change({ code: '' }, null), 'code')).toEqual(['']);
    expect(valuesOf(change(null, { code: null }), 'code')).toEqual([]);
  });

  it("columnOf: the current row's value, the deleted row's for a delete", () => {
    expect(columnOf(change({ sku: 'a' }, { sku: 'b' }), 'sku')).toBe('b');
    expect(columnOf(change({ sku: 'a' }, null), 'sku')).toBe('a');
    expect(columnOf(change(null, { qty: 0 }), 'qty')).toBe('0');
    expect(columnOf(change(null, { sku: null }), 'sku')).toBeNull();
    expect(columnOf(change(null, {}), 'sku')).toBeNull();
  });

  it('onlyChanged: an update that touched nothing but these columns; inserts and deletes never', () => {
    const touched = change({ id: 1, name: 'a', updated_at: 1 }, { id: 1, name: 'a', updated_at: 2 });
    expect(onlyChanged(touched, ['updated_at'])).toBe(true);
    expect(onlyChanged(change({ id: 1, name: 'a' }, { id: 1, name: 'b' }), ['updated_at'])).toBe(false);
    expect(onlyChanged(change(null, { id: 1 }), ['id'])).toBe(false);
    expect(onlyChanged(change({ id: 1 }, null), ['id'])).toBe(false);
  });

  it('changedAny: an update that touched one of these columns; inserts and deletes always', () => {
    const moved = change({ id: 1, path: '1/2' }, { id: 1, path: '1/3' });
    expect(changedAny(moved, ['path', 'parent_id'])).toBe(true);
    expect(changedAny(moved, ['parent_id'])).toBe(false);
    expect(changedAny(change(null, { id: 1 }), ['path'])).toBe(true);
    expect(changedAny(change({ id: 1 }, null), ['path'])).toBe(true);
  });

  it('optionsOf: attribute and option of an option row before and after, where both are set', () => {
    const moved = change({ attribute_id: 93, option_id: 5 }, { attribute_id: 94, option_id: 5 });
    expect(optionsOf(moved)).toEqual([
      { attributeId: '93', optionId: '5' },
      { attributeId: '94', optionId: '5' },
    ]);
    expect(optionsOf(change(null, { attribute_id: 93, option_id: null }))).toEqual([]);
  });

  it("describe: the operation and the row's first key value, for a sync job's reason", () => {
    expect(describeChange(change({ a: 1 }, { a: 2 }, { store_id: 2 }))).toBe('update of 2');
    expect(describeChange(change({ a: 1 }, null, { website_id: 3, x: 9 }))).toBe('delete of 3');
    expect(describeChange(change(null, { a: 1 }))).toBe('insert');
  });
});
