import { countTable, countVerdict, differing, type CountRow } from './feed-counts';

describe('feed counts table', () => {
  const equal: CountRow[] = [
    { feed: 'products', receiver: 158_165, sql: 158_165 },
    { feed: 'orders', receiver: 0, sql: 0 },
  ];

  it('says "equal" per feed and one closing line when every count agrees', () => {
    expect(countTable(equal)).toEqual([
      '    feed                     receiver        SQL  verdict',
      '    products                  158,165    158,165  equal',
      '    orders                          0          0  equal',
    ]);
    expect(differing(equal)).toEqual([]);
    expect(countVerdict(equal)).toBe("every feed's receiver items equal the SQL count (2 feeds)");
  });

  it('gives the signed difference of the receiver and names every feed that differs', () => {
    const rows: CountRow[] = [
      ...equal,
      { feed: 'prices', receiver: 120, sql: 122 },
      { feed: 'variants', receiver: 1_501, sql: 1_500 },
    ];
    expect(countTable(rows).slice(3)).toEqual([
      '    prices                        120        122  DIFFERS by -2',
      '    variants                    1,501      1,500  DIFFERS by +1',
    ]);
    expect(differing(rows).map((r) => r.feed)).toEqual(['prices', 'variants']);
    expect(countVerdict(rows)).toMatch(/^COUNTS DIFFER for prices, variants: /);
  });
});
