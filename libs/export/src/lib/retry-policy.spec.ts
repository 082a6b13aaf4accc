import { mayRetry, retryDelay } from './retry-policy';

describe(retryDelay.name, () => {
  const policy = { maxRetries: 4, baseDelayMs: 1000, maxDelayMs: 5000 };

  it('draws uniformly below an exponentially growing, capped ceiling (full jitter)', () => {
    expect([1, 2, 3, 4, 5].map((n) => retryDelay(n, policy, () => 0.999999))).toEqual([
      999, 1999, 3999, 4999, 4999,
    ]);
    expect(retryDelay(3, policy, () => 0)).toBe(0);
    expect(retryDelay(2, policy, () => 0.5)).toBe(1000);
  });
});

describe(mayRetry.name, () => {
  it('allows maxRetries retries after the first attempt', () => {
    const policy = { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 1 };
    expect([1, 2, 3].map((failures) => mayRetry(failures, policy))).toEqual([true, true, false]);
    expect(mayRetry(1, { ...policy, maxRetries: 0 })).toBe(false);
  });
});
