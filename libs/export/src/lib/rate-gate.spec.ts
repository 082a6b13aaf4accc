import { GateWaitEnded, RateGate } from './rate-gate';

describe(RateGate.name, () => {
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  const limits = { maxRps: 2, maxConcurrency: 2, defaultRetryAfterMs: 1000 };

  it('grants waiters in order, spaced by the rate', async () => {
    const sut = new RateGate(limits);
    const granted: number[] = [];
    const all = [0, 1, 2].map((i) =>
      sut.acquire(10_000).then((ticket) => {
        granted.push(i);
        sut.release(ticket, 'success');
        return Date.now();
      }),
    );
    await jest.advanceTimersByTimeAsync(1_500);
    // 1/rate plus the headroom for jitter (5 %).
    expect(await Promise.all(all)).toEqual([0, 525, 1050]);
    expect(granted).toEqual([0, 1, 2]);
  });

  it('waits for a free slot at the concurrency limit', async () => {
    const sut = new RateGate({ ...limits, maxRps: 100, maxConcurrency: 1 });
    const first = await sut.acquire(10_000);
    let second = false;
    void sut.acquire(10_000).then(() => (second = true));
    await jest.advanceTimersByTimeAsync(1_000);
    expect(second).toBe(false);
    sut.release(first, 'success');
    await jest.advanceTimersByTimeAsync(0);
    expect(second).toBe(true);
  });

  it('holds everyone back until Retry-After has passed, and ends waits that cannot make their deadline', async () => {
    const changes: number[] = [];
    const sut = new RateGate(limits, (a) => changes.push(a.rps));
    sut.release(await sut.acquire(10_000), 'throttled', 5_000);
    const late = sut.acquire(3_000);
    await expect(late).rejects.toEqual(new GateWaitEnded('deadline'));
    const patient = sut.acquire(60_000).then(() => Date.now());
    await jest.advanceTimersByTimeAsync(6_000);
    expect(await patient).toBe(5_000);
    expect(changes).toContain(1);
  });

  it('ends every wait when closed', async () => {
    const sut = new RateGate({ ...limits, maxConcurrency: 1 });
    await sut.acquire(10_000);
    const waiting = sut.acquire(10_000);
    sut.close();
    await expect(waiting).rejects.toEqual(new GateWaitEnded('closed'));
    await expect(sut.acquire(10_000)).rejects.toEqual(new GateWaitEnded('closed'));
  });
});
