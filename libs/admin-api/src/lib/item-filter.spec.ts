import { itemPageQuery, parseItemFilter, stateOf, type ItemFilter } from './item-filter';

describe(parseItemFilter.name, () => {
  it.each([
    [{ state: 'bogus' }, /state must be one of/],
    [{ limit: '0' }, /limit must be/],
    [{ limit: '501' }, /limit must be/],
    [{ after: '-1' }, /after must be/],
    [{ since: 'yesterday' }, /since must be an ISO/],
    [{ sku: 'x' }, /"sku" is not a filter of products/],
    [{ websiteCode: 'base' }, /"websiteCode" is not a filter of products/],
    [{ state: ['a', 'b'] }, /must be given once/],
  ])('refuses %j', (params, message) => {
    const parsed = parseItemFilter('products', params);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(message);
  });

  it('reads every filter of a feed, and ignores empty ones (an empty form field)', () => {
    expect(
      parseItemFilter('prices', {
        state: 'parked',
        websiteCode: 'base',
        customerGroupCode: 'abc',
        storeViewCode: '',
        error: 'CDE20-07',
        since: '2026-01-01',
        until: '2026-01-02T10:00:00Z',
        after: '120',
        limit: '10',
      }),
    ).toEqual({
      ok: true,
      value: {
        state: 'parked',
        scope: { websiteCode: 'base', customerGroupCode: 'abc' },
        error: 'CDE20-07',
        since: '2026-01-01',
        until: '2026-01-02T10:00:00Z',
        after: 120,
        limit: 10,
      },
    });
  });
});

describe(itemPageQuery.name, () => {
  const base: ItemFilter = { scope: {}, after: 0, limit: 50 };

  it('pages by keyset on id and asks one row more than the page', () => {
    const q = itemPageQuery('products', { ...base, after: 900 });
    expect(q.sql).toMatch(/FROM `cde_products_feed` WHERE id > \? ORDER BY id LIMIT \?$/);
    expect(q.params).toEqual([900, 51]);
  });

  it('filters by state, scope in the stored payload, escaped error text and dates', () => {
    const q = itemPageQuery('products', {
      ...base,
      state: 'rejected',
      scope: { storeViewCode: 'default' },
      error: '50%_off',
      since: '2026-01-01T00:00:00Z',
    });
    expect(q.sql).toContain('status NOT IN (0, 200, 2, 409)');
    expect(q.sql).toContain('JSON_UNQUOTE(JSON_EXTRACT(feed_data, ?)) = ?');
    expect(q.params).toEqual([
      0,
      '$.storeViewCode',
      'default',
      '%50\\%\\_off%',
      new Date('2026-01-01T00:00:00Z'),
      51,
    ]);
  });
});

describe(stateOf.name, () => {
  it.each([
    [{ status: 200, parked: false, isDeleted: true }, 'deleted'],
    [{ status: 2, parked: true, isDeleted: false }, 'parked'],
    [{ status: 0, parked: false, isDeleted: false }, 'pending'],
    [{ status: 200, parked: false, isDeleted: false }, 'accepted'],
    [{ status: 400, parked: false, isDeleted: false }, 'rejected'],
    [{ status: 1, parked: false, isDeleted: false }, 'rejected'],
    [{ status: 2, parked: false, isDeleted: false }, 'retrying'],
  ])('%j is %s', (row, state) => expect(stateOf(row)).toBe(state));
});
