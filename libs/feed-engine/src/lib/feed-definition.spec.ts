import type { CdcRow, ChangeEvent } from '@cde/platform/cdc';
import { allUnlessOnlyChanged, combine, everything, isFanOut } from './feed-definition';

function storeChange(before: CdcRow | null, after: CdcRow | null): ChangeEvent {
  const base = {
    kind: 'change' as const,
    topic: 'commerce.magento.store',
    key: { store_id: 2 },
    source: {
      connector: 'mariadb',
      name: 'commerce',
      database: 'magento',
      table: 'store',
      snapshot: 'false' as const,
      position: { file: '', pos: 0, row: 0, serverId: 1, gtid: null },
    },
    commitTime: new Date(0),
    capturedAt: new Date(0),
  };
  if (before && after) return { ...base, op: 'u', before, after };
  if (before) return { ...base, op: 'd', before, after: null };
  if (!after) throw new Error('a change needs a row');
  return { ...base, op: 'c', before: null, after };
}

describe(allUnlessOnlyChanged.name, () => {
  const mapping = allUnlessOnlyChanged(['name', 'sort_order']);

  it('reaches every entity, in the background, with the change as its reason', () => {
    expect(mapping(storeChange({ store_id: 2, code: 'a' }, { store_id: 2, code: 'b' }))).toEqual(
      everything('update of 2'),
    );
    expect(mapping(storeChange(null, { store_id: 2 }))).toEqual(everything('insert of 2'));
    expect(mapping(storeChange({ store_id: 2 }, null))).toEqual(everything('delete of 2'));
  });

  it('reaches nothing when the update changed only columns no item shows', () => {
    expect(
      mapping(storeChange({ store_id: 2, name: 'a' }, { store_id: 2, name: 'b', sort_order: 3 })),
    ).toEqual([]);
  });

  it('combines with the ids of other mappings', () => {
    const all = mapping(storeChange(null, { store_id: 2 }));
    expect(isFanOut(all)).toBe(true);
    expect(combine([['1'], all])).toEqual({ ids: ['1'], fanOuts: [all] });
  });
});
