import { createHash } from 'node:crypto';
import { FEED_ITEM_EXAMPLES, FEED_NAMES } from '@cde/contracts';
import { ALWAYS_EXCLUDED_FROM_HASH, hashFeedItem, sha1, stableJson } from './feed-hash';

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

  /** Values whose native key order or serialisation differs from sorted keys: the plain writer takes them. */
  const awkward: [string, unknown, string[]][] = [
    ['array-index keys', { 10: 'a', 9: 'b', 2: { 1: 'x', b: 1, a: 2 }, '-1': 0, '01': 1, b: [] }, ['b']],
    ['a large integer key', { 4294967295: 1, 4294967294: 2, a: 3 }, []],
    ['an index key below a listed array', { stores: [{ 1: 'x', 0: 'y' }, { a: 1 }] }, ['stores']],
    ['an own __proto__ member', JSON.parse('{"b":1,"__proto__":{"z":1,"a":2}}') as unknown, []],
    ['keys sorting before digits', { ' ': 1, '!': 2, $: 3, '0': 4, '/': 5, '~': 6 }, []],
    [
      'boxed values and dates',
      { s: new String('ab'), n: new Number(1), d: new Date(0), m: new Map([[1, 2]]) },
      [],
    ],
    [
      'functions and symbols',
      { f: () => 1, s: Symbol('s'), list: [() => 1, Symbol('t'), undefined] },
      ['list'],
    ],
    ['numbers', { list: [-0, 0, NaN, Infinity, -Infinity, 1e21, 1.5e-7, 0.1] }, ['list']],
    ['text', { list: ['\ud800', '\u2028', '\u0000', 'é', 'e\u0301', '"', '\\'] }, ['list']],
    [
      'dotted and bracketed keys',
      { 'a.b': [2, 1], a: { b: [4, 3] }, 'c[]': [6, 5], c: [[8, 7]] },
      ['a.b', 'c[]'],
    ],
    ['equal elements of a listed array', { list: [{ b: 1, a: 2 }, { a: 2, b: 1 }, { a: 1 }] }, ['list']],
    ['a top-level array', [{ b: [2, 1] }, { a: 1 }], ['', '[]', '[].b']],
    ['a top-level primitive', 7, []],
    ['undefined', undefined, []],
  ];

  it.each(awkward)('writes %s byte for byte as before', (_name, value, unordered) => {
    expect(stableJson(value, unordered)).toBe(plain(value, unordered));
    expect(stableJson(value)).toBe(plain(value));
  });

  /** Every array path of a value, so the examples below sort every array they hold. */
  function arrayPaths(value: unknown, path = '', out = new Set<string>()): Set<string> {
    if (Array.isArray(value)) {
      out.add(path);
      for (const v of value) arrayPaths(v, `${path}[]`, out);
    } else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) arrayPaths(v, path ? `${path}.${k}` : k, out);
    }
    return out;
  }

  const plainHash = (item: Record<string, unknown>, exclude: readonly string[], unordered: string[]) => {
    const hashed = Object.fromEntries(
      Object.entries(item).filter(([k]) => ![...ALWAYS_EXCLUDED_FROM_HASH, ...exclude].includes(k)),
    );
    return createHash('sha1').update(plain(hashed, unordered), 'utf8').digest('hex');
  };

  it.each(FEED_NAMES)('writes and hashes the %s example item as before', (feed) => {
    const item = FEED_ITEM_EXAMPLES[feed] as unknown as Record<string, unknown>;
    const every = [...arrayPaths(item)];
    expect(stableJson(item, every)).toBe(plain(item, every));
    expect(stableJson(item)).toBe(plain(item));
    expect(hashFeedItem(item, { unorderedArrays: every })).toBe(plainHash(item, [], every));
    expect(hashFeedItem(item, { exclude: ['sku'] })).toBe(plainHash(item, ['sku'], []));
  });

  /** A small seeded generator (mulberry32), so a failure reproduces. */
  function random(seed: number): () => number {
    let a = seed;
    return () => {
      a = (a + 0x6d2b79f5) | 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const KEYS = ['a', 'b', 'B', 'sku', 'stores', 'value', 'x.y', '1', '10', '2', 'é', ' ', 'zz', 'storeViews'];
  const LEAVES = [null, true, false, 0, -1, 2.5, '', 'text', 'Größe', '\u2028', undefined];
  function generate(next: () => number, depth: number): unknown {
    const roll = next();
    if (depth === 0 || roll < 0.4) return LEAVES[Math.floor(next() * LEAVES.length)];
    if (roll < 0.7) return Array.from({ length: Math.floor(next() * 4) }, () => generate(next, depth - 1));
    const record: Record<string, unknown> = {};
    for (let n = Math.floor(next() * 5); n > 0; n--)
      record[KEYS[Math.floor(next() * KEYS.length)] as string] = generate(next, depth - 1);
    return record;
  }

  it('writes 2,000 generated values byte for byte as before', () => {
    const next = random(17);
    const unordered = ['stores', 'stores[].storeViews', 'value', 'a', 'a[]', 'b.a', 'x.y', '[]'];
    for (let i = 0; i < 2_000; i++) {
      const value = generate(next, 5);
      expect(stableJson(value, unordered)).toBe(plain(value, unordered));
      expect(stableJson(value)).toBe(plain(value));
    }
  });
});
