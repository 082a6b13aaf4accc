import { DEFAULT_RATE_HEADROOM, RateControl, type RateLimits } from './rate-control';

const limits: RateLimits = { maxRps: 2, maxConcurrency: 2, defaultRetryAfterMs: 1000 };

/** Starts requests as early as allowed, each lasting `durationMs`, and returns their start times. */
function greedyStarts(sut: RateControl, count: number, durationMs: number): number[] {
  const starts: number[] = [];
  const running: { endsAt: number; ticket: ReturnType<RateControl['start']> }[] = [];
  let now = 0;
  while (starts.length < count) {
    running.sort((a, b) => a.endsAt - b.endsAt);
    const next = sut.nextStartAt();
    if (next === undefined || (running[0] !== undefined && running[0].endsAt <= next)) {
      const done = running.shift()!;
      now = Math.max(now, done.endsAt);
      sut.finish(done.ticket, 'success', now);
      continue;
    }
    now = Math.max(now, next);
    starts.push(now);
    running.push({ endsAt: now + durationMs, ticket: sut.start(now) });
  }
  return starts;
}

function maxInWindow(starts: readonly number[], windowMs: number): number {
  return Math.max(...starts.map((s) => starts.filter((t) => t >= s && t < s + windowMs).length));
}

describe(RateControl.name, () => {
  it('never starts more than maxRps requests in any one-second window, and uses the whole allowance', () => {
    const starts = greedyStarts(new RateControl(limits), 40, 100);
    expect(maxInWindow(starts, 1000)).toBe(2);
    expect(starts.at(-1)! - starts[0]!).toBeCloseTo(39 * 500 * (1 + DEFAULT_RATE_HEADROOM));
  });

  it('holds at most maxConcurrency requests in flight', () => {
    const sut = new RateControl({ ...limits, maxRps: 1000 });
    sut.start(0);
    sut.start(2);
    expect(sut.nextStartAt()).toBeUndefined();
  });

  it('blocks every start until Retry-After has passed, and halves rate and concurrency once per episode', () => {
    const sut = new RateControl(limits);
    const a = sut.start(0);
    const b = sut.start(600);
    sut.finish(a, 'throttled', 600, 3000);
    expect(sut.allowance()).toMatchObject({ rps: 1, concurrency: 1, notBefore: 3600 });
    // b was sent before the decrease: its 429 extends the pause but does not halve again.
    sut.finish(b, 'throttled', 700, 3000);
    expect(sut.allowance()).toMatchObject({ rps: 1, concurrency: 1, notBefore: 3700 });
    expect(sut.nextStartAt()).toBe(3700);
    const c = sut.start(3700);
    sut.finish(c, 'throttled', 3800);
    expect(sut.allowance()).toMatchObject({ rps: 0.5, concurrency: 1, notBefore: 4800 });
  });

  it('raises rate and concurrency again slowly after successes, up to the limits', () => {
    const sut = new RateControl(limits);
    sut.finish(sut.start(0), 'throttled', 10, 0);
    expect(sut.allowance()).toMatchObject({ rps: 1, concurrency: 1 });
    let now = 10;
    const seen: number[] = [];
    for (let i = 0; i < 30; i++) {
      now = sut.nextStartAt()!;
      sut.finish(sut.start(now), 'success', now + 1);
      seen.push(sut.allowance().rps);
    }
    expect(seen[0]).toBeCloseTo(1.1);
    expect(seen.findIndex((r) => r >= 2)).toBe(9);
    expect(sut.allowance()).toMatchObject({ rps: 2, concurrency: 2 });
  });

  it('does not change the allowance on 5xx and network failures', () => {
    const sut = new RateControl(limits);
    sut.finish(sut.start(0), 'failed', 5);
    expect(sut.allowance()).toMatchObject({ rps: 2, concurrency: 2, inFlight: 0, notBefore: 0 });
  });

  it('never goes below a tenth of the maximum rate', () => {
    const sut = new RateControl(limits);
    let now = 0;
    for (let i = 0; i < 10; i++) {
      now = sut.nextStartAt()!;
      sut.finish(sut.start(now), 'throttled', now + 1, 0);
    }
    expect(sut.allowance().rps).toBeCloseTo(0.2);
  });
});
