import { hashFeedItem, sha1, stableJson } from './feed-hash';

describe(stableJson.name, () => {
  it('sorts keys at every level and drops undefined members', () => {
    expect(stableJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[1,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('keeps array order unless the path is declared unordered', () => {
    expect(stableJson({ stores: [2, 1] })).toBe('{"stores":[2,1]}');
    expect(stableJson({ stores: [2, 1] }, ['stores'])).toBe('{"stores":[1,2]}');
  });

  it('sorts nested unordered arrays by path', () => {
    const a = { stores: [{ storeId: 1, storeViews: [{ id: 3 }, { id: 2 }] }] };
    const b = { stores: [{ storeViews: [{ id: 2 }, { id: 3 }], storeId: 1 }] };
    expect(stableJson(a, ['stores', 'stores[].storeViews'])).toBe(
      stableJson(b, ['stores', 'stores[].storeViews']),
    );
    expect(stableJson(a)).not.toBe(stableJson(b));
  });

  it('keeps UTF-8 text as is', () => {
    expect(stableJson({ name: 'Lançamentos – Größe' })).toBe('{"name":"Lançamentos – Größe"}');
  });
});

describe(hashFeedItem.name, () => {
  const item = {
    websiteId: 1,
    websiteCode: 'base',
    stores: [{ storeId: 2 }, { storeId: 1 }],
    deleted: false,
    updatedAt: 'x',
  };

  it('is stable across key order and unordered arrays', () => {
    const shuffled = {
      deleted: false,
      stores: [{ storeId: 1 }, { storeId: 2 }],
      websiteCode: 'base',
      websiteId: 1,
      updatedAt: 'x',
    };
    expect(hashFeedItem(shuffled, { unorderedArrays: ['stores'] })).toBe(
      hashFeedItem(item, { unorderedArrays: ['stores'] }),
    );
  });

  it('ignores modifiedAt, updatedAt and the feed exclusions, but not real changes', () => {
    const base = hashFeedItem(item);
    expect(hashFeedItem({ ...item, updatedAt: 'later', modifiedAt: 'now' })).toBe(base);
    expect(hashFeedItem({ ...item, productId: 7 }, { exclude: ['productId'] })).toBe(base);
    expect(hashFeedItem({ ...item, websiteCode: 'other' })).not.toBe(base);
    expect(hashFeedItem({ ...item, deleted: true })).not.toBe(base);
  });

  it('is sha1 of the stable JSON', () => {
    expect(hashFeedItem({ b: 2, a: 1, modifiedAt: 'x' })).toBe(sha1('{"a":1,"b":2}'));
    expect(sha1('')).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
  });
});

describe('stableJson against its plain definition', () => {
  /** The plain recursive definition the hashes of sent items were made with. */
  function plain(value: unknown, unorderedArrays: readonly string[] = [], path = ''): string {
    if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
    if (Array.isArray(value)) {
      const parts = value.map((v) => plain(v, unorderedArrays, `${path}[]`));
      if (unorderedArrays.includes(path)) parts.sort();
      return `[${parts.join(',')}]`;
    }
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((k) => record[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${plain(record[k], unorderedArrays, path ? `${path}.${k}` : k)}`).join(',')}}`;
  }

  const samples: [unknown, string[]][] = [
    [
      { b: [3, 1, 2], a: { 'é"\n': [{ z: [2, 1], y: null }, undefined, () => 1], u: undefined } },
      ['b', 'a.é"\n[].z'],
    ],
    [
      {
        attributes: [
          { code: 'c', value: ['b', 'a'] },
          { code: 'a', value: [] },
        ],
        d: new Date(0),
        n: 1.5,
      },
      ['attributes', 'attributes[].value'],
    ],
    [[[2, 1], [1]], ['[]']],
    [{ x: [{ x: [{ x: [3, 2] }] }] }, ['x', 'x[].x', 'x[].x[].x']],
    ['text', []],
    [{ empty: {}, list: [], flag: false, zero: 0 }, ['list']],
  ];

  it.each(samples)('writes %j byte for byte as before', (value, unordered) => {
    expect(stableJson(value, unordered)).toBe(plain(value, unordered));
    expect(stableJson(value)).toBe(plain(value));
  });
});
