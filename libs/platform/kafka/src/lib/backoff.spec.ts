import { backoffDelay, DEFAULT_BACKOFF } from './backoff';

describe(backoffDelay.name, () => {
  const noJitter = (): number => 0.5;

  it('doubles from the initial delay and stops at the cap', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 8].map((attempt) =>
      backoffDelay(attempt, DEFAULT_BACKOFF, noJitter),
    );
    expect(delays).toEqual([500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
  });

  it('jitters by at most 20 % and never exceeds the cap', () => {
    expect(backoffDelay(1, DEFAULT_BACKOFF, () => 0)).toBe(400);
    expect(backoffDelay(1, DEFAULT_BACKOFF, () => 1)).toBe(600);
    expect(backoffDelay(50, DEFAULT_BACKOFF, () => 1)).toBe(30_000);
  });

  it('treats a first attempt below 1 as the first', () => {
    expect(backoffDelay(0, { initialMs: 100, maxMs: 1_000 }, noJitter)).toBe(100);
  });
});
