import { RequestLog, type RequestRecord } from './request-log';

const record = (n: number, feed: RequestRecord['feed'] = 'prices'): RequestRecord => ({
  method: 'POST',
  path: '/x',
  feed,
  status: 200,
  items: n,
  failedItems: 0,
  staleItems: 0,
  latencyMs: 1,
  requestId: String(n),
  at: new Date(n).toISOString(),
});

describe(RequestLog.name, () => {
  it('returns the newest first, bounded by its capacity', () => {
    const sut = new RequestLog(3);
    for (let n = 1; n <= 5; n++) sut.add(record(n));
    expect(sut.recent(10).map((r) => r.items)).toEqual([5, 4, 3]);
    expect(sut.recent(2).map((r) => r.items)).toEqual([5, 4]);
  });

  it('filters by feed and can be cleared', () => {
    const sut = new RequestLog(10);
    sut.add(record(1, 'prices'));
    sut.add(record(2, 'products'));
    sut.add(record(3, null));
    expect(sut.recent(10, 'products').map((r) => r.items)).toEqual([2]);
    sut.clear();
    expect(sut.recent(10)).toEqual([]);
    sut.add(record(4));
    expect(sut.recent(10).map((r) => r.items)).toEqual([4]);
  });
});
