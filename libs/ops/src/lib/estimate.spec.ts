import { estimate, formatDuration, formatEstimate } from './estimate';
import { feedStatusOf, formatStatus, percentile } from './status';

describe(estimate.name, () => {
  it("reproduces the original's table: 40,000 products at 2 requests/s take 3.3 min, 120,000 prices 2 min", () => {
    const result = estimate(
      [
        { feed: 'products', records: 40_000, recordsFrom: 'feed state', avgItemBytes: 2000 },
        { feed: 'prices', records: 120_000, recordsFrom: 'commerce db', avgItemBytes: 200 },
      ],
      { requestsPerSecond: 2 },
    );
    expect(result.feeds.map((f) => [f.requests, formatDuration(f.seconds)])).toEqual([
      [400, '3.3 min'],
      [240, '2.0 min'],
    ]);
    expect(result.totalRequests).toBe(640);
    expect(result.totalBytes).toBe(40_000 * 2000 + 120_000 * 200);
    expect(formatEstimate(result, { requestsPerSecond: 2 })).toContain('full onboarding: 640 requests');
  });

  it('applies a products-per-minute allocation where it binds (40 min for 40,000 at 1,000/min)', () => {
    const [products] = estimate(
      [{ feed: 'products', records: 40_000, recordsFrom: 'feed state', avgItemBytes: null }],
      { requestsPerSecond: 2, productsPerMinute: 1000 },
    ).feeds;
    expect(formatDuration(products?.seconds ?? 0)).toBe('40.0 min');
  });
});

describe('status', () => {
  it('takes nearest-rank percentiles', () => {
    expect(percentile([], 50)).toBeNull();
    expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3);
    expect(percentile([5, 1, 3, 2, 4], 95)).toBe(5);
  });

  it('shows a feed nothing serves, with its counts', () => {
    const view = feedStatusOf({
      feed: 'prices',
      counts: null,
      servedBy: [],
      sourceRecords: null,
      lag: null,
      freshnessMs: [],
    });
    expect(view).toMatchObject({ service: 'prices-feed', mode: 'immediate', items: 0, lastSync: null });
    expect(formatStatus([view])).toMatch(/prices\s+immediate\s+none \(prices-feed down\)/);
  });
});
