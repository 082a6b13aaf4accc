import { SlidingWindowRateLimiter } from './rate-limiter';

describe(SlidingWindowRateLimiter.name, () => {
  it('admits at most `limit` requests in any one-second window and says when to come back', () => {
    const sut = new SlidingWindowRateLimiter();
    expect(sut.tryAcquire(0, 2)).toEqual({ allowed: true });
    expect(sut.tryAcquire(400, 2)).toEqual({ allowed: true });
    expect(sut.tryAcquire(500, 2)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(sut.tryAcquire(999, 2)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(sut.tryAcquire(1_000, 2)).toEqual({ allowed: true });
    expect(sut.tryAcquire(1_100, 2)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(sut.tryAcquire(1_400, 2)).toEqual({ allowed: true });
  });

  it('never admits more than the limit in any window over a long run', () => {
    const sut = new SlidingWindowRateLimiter();
    const admitted: number[] = [];
    for (let t = 0; t < 10_000; t += 7) if (sut.tryAcquire(t, 3).allowed) admitted.push(t);
    for (const start of admitted)
      expect(admitted.filter((t) => t >= start && t < start + 1_000).length).toBeLessThanOrEqual(3);
    expect(admitted.length).toBeGreaterThanOrEqual(28);
  });

  it('is unlimited at 0 and follows a limit changed at run time', () => {
    const sut = new SlidingWindowRateLimiter();
    for (let i = 0; i < 100; i++) expect(sut.tryAcquire(10, 0).allowed).toBe(true);
    expect(sut.tryAcquire(10, 5).allowed).toBe(true);
    expect(sut.tryAcquire(11, 5).allowed).toBe(true);
    expect(sut.tryAcquire(12, 1)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(sut.tryAcquire(1_011, 1).allowed).toBe(true);
  });

  it('answers whole seconds, at least 1', () => {
    const sut = new SlidingWindowRateLimiter();
    sut.tryAcquire(0, 1);
    const refused = sut.tryAcquire(999, 1);
    expect(refused).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });
});
