import {
  errorCodeOf,
  failedStateOf,
  matchesFilter,
  parseAge,
  parseFailedState,
  planRetry,
  type FailedItem,
} from './failed-items';

const item = (over: Partial<FailedItem>): FailedItem => ({
  feed: 'products',
  feedId: 'f1',
  sourceEntityId: '7',
  identity: { sku: 'MH01', storeViewCode: 'default' },
  status: 400,
  parked: false,
  attempts: 1,
  errors: 'CDE02-09 400 Bad Request',
  requestId: 'r1',
  modifiedAt: '2026-01-01T00:00:00.000Z',
  ...over,
});

describe('failed items', () => {
  const now = Date.parse('2026-01-01T02:00:00.000Z');

  it('names the state of a failed item', () => {
    expect(failedStateOf(item({ parked: true, status: 2 }))).toBe('parked');
    expect(failedStateOf(item({ status: 2 }))).toBe('retrying');
    expect(failedStateOf(item({ status: 409 }))).toBe('retrying');
    expect(failedStateOf(item({ status: 1 }))).toBe('rejected');
  });

  it.each([
    [{}, true],
    [{ codes: ['CDE02-09'] }, true],
    [{ codes: ['CDE02-08'] }, false],
    [{ olderThanMs: parseAge('1h') }, true],
    [{ olderThanMs: parseAge('3h') }, false],
    [{ ids: ['MH01'] }, true],
    [{ ids: ['f1'] }, true],
    [{ ids: ['7'] }, true],
    [{ ids: ['MH02'] }, false],
    [{ state: 'parked' as const }, false],
    [{ state: 'rejected' as const }, true],
  ])('filter %j matches: %s', (filter, expected) => {
    expect(matchesFilter(item({}), filter, now)).toBe(expected);
  });

  it('reads ages, states and codes, refusing bad ones', () => {
    expect(parseAge('30m')).toBe(1_800_000);
    expect(parseAge('1d')).toBe(86_400_000);
    expect(() => parseAge('soon')).toThrow(/--older-than must look like/);
    expect(() => parseFailedState('lost')).toThrow(/--state must be/);
    expect(errorCodeOf('CDE02-11 item failed')).toBe('CDE02-11');
    expect(errorCodeOf(null)).toBeNull();
  });

  it('parks what is not parked yet, then retries every selected item', () => {
    expect(planRetry([item({ feedId: 'a' }), item({ feedId: 'b', parked: true })])).toEqual({
      toPark: ['a'],
      toRetry: ['a', 'b'],
    });
  });
});
