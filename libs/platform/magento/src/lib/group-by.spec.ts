import { groupBy } from './group-by';

describe(groupBy.name, () => {
  it('groups rows by key, keys and rows in row order', () => {
    const rows = [
      { product: '2', v: 'a' },
      { product: '1', v: 'b' },
      { product: '2', v: 'c' },
    ];
    const grouped = groupBy(rows, (r) => r.product);
    expect([...grouped.keys()]).toEqual(['2', '1']);
    expect(grouped.get('2')?.map((r) => r.v)).toEqual(['a', 'c']);
    expect(groupBy([], (r: { id: string }) => r.id).size).toBe(0);
  });
});
