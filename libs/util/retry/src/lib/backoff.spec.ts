import { backoffDelay, backoffProblems, mayRetry } from './backoff';

describe(backoffDelay.name, () => {
  const exact = { baseDelayMs: 500, maxDelayMs: 30_000 };

  it('doubles from the base delay and stops at the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((attempt) => backoffDelay(attempt, exact))).toEqual([
      500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000,
    ]);
    expect(backoffDelay(1_000, exact)).toBe(30_000);
  });

  it('treats a first attempt below 1 as the first', () => {
    expect(backoffDelay(0, { baseDelayMs: 100, maxDelayMs: 1_000 })).toBe(100);
  });

  it('spreads by a share of the delay and never exceeds the cap', () => {
    const spread = { ...exact, jitter: 0.2 };
    expect(backoffDelay(1, spread, () => 0.5)).toBe(500);
    expect(backoffDelay(1, spread, () => 0)).toBe(400);
    expect(backoffDelay(1, spread, () => 1)).toBe(600);
    expect(backoffDelay(50, spread, () => 1)).toBe(30_000);
  });

  it('draws uniformly below the delay with full jitter', () => {
    const full = { baseDelayMs: 1_000, maxDelayMs: 5_000, jitter: 'full' as const };
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, full, () => 0.999999))).toEqual([
      999, 1999, 3999, 4999, 4999,
    ]);
    expect(backoffDelay(3, full, () => 0)).toBe(0);
    expect(backoffDelay(2, full, () => 0.5)).toBe(1000);
  });
});

describe(mayRetry.name, () => {
  it('allows maxAttempts attempts in all, the first included', () => {
    expect([1, 2, 3].map((failures) => mayRetry(failures, { maxAttempts: 3 }))).toEqual([true, true, false]);
    expect(mayRetry(1, { maxAttempts: 1 })).toBe(false);
  });
});

describe(backoffProblems.name, () => {
  it('accepts a usable backoff', () => {
    expect(backoffProblems('retry', { baseDelayMs: 1, maxDelayMs: 1, jitter: 'full' })).toEqual([]);
  });

  it('names every problem', () => {
    expect(backoffProblems('retry', { baseDelayMs: 10, maxDelayMs: 5.5, jitter: 2 })).toEqual([
      'retry.maxDelayMs must be a positive integer, got 5.5',
      "retry.jitter must be 'full' or a share from 0 to 1, got 2",
      'retry.baseDelayMs must not exceed retry.maxDelayMs',
    ]);
  });
});
