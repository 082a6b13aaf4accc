import { DEFAULT_ITEMS_LIMIT, parseItemQuery } from './item-query';

describe(parseItemQuery.name, () => {
  it('takes identity filters, deleted, limit and offset', () => {
    expect(
      parseItemQuery('prices', { sku: 'A', websiteCode: 'base', deleted: 'true', limit: '5', offset: '10' }),
    ).toEqual({
      ok: true,
      query: { identity: { sku: 'A', websiteCode: 'base' }, deleted: true, limit: 5, offset: 10 },
    });
    expect(parseItemQuery('prices', {})).toEqual({
      ok: true,
      query: { identity: {}, deleted: undefined, limit: DEFAULT_ITEMS_LIMIT, offset: 0 },
    });
  });

  it.each([
    [{ name: 'x' }, 'not a filter of prices'],
    [{ sku: ['A', 'B'] }, 'given once'],
    [{ sku: '' }, 'must not be empty'],
    [{ deleted: 'yes' }, 'deleted'],
    [{ limit: '0' }, 'limit'],
    [{ limit: '1001' }, 'limit'],
    [{ offset: '-1' }, 'offset'],
  ])('refuses %j', (params, message) => {
    expect(parseItemQuery('prices', params)).toEqual({
      ok: false,
      message: expect.stringContaining(message) as unknown,
    });
  });
});
