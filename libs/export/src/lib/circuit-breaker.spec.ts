import { CircuitBreaker } from './circuit-breaker';

const settings = { failureThreshold: 3, openMs: 1_000, maxOpenMs: 3_000 };

describe('CircuitBreaker', () => {
  it('lets requests go while closed, and a success resets the count of failures', () => {
    const breaker = new CircuitBreaker(settings);
    expect(breaker.admit(0).admission).toEqual({ kind: 'go', probe: false });
    expect(breaker.onFailure(0, false)).toBeUndefined();
    expect(breaker.onFailure(1, false)).toBeUndefined();
    expect(breaker.onSuccess(2, false)).toBeUndefined();
    expect(breaker.onFailure(3, false)).toBeUndefined();
    expect(breaker.onFailure(4, false)).toBeUndefined();
    expect(breaker.state).toBe('closed');
  });

  it('opens after the threshold of failures in a row, and holds every request until the probe is due', () => {
    const breaker = new CircuitBreaker(settings);
    breaker.onFailure(0, false);
    breaker.onFailure(10, false);
    expect(breaker.onFailure(20, false)).toEqual({ from: 'closed', to: 'open', failures: 3, openMs: 1_000 });
    expect(breaker.admit(500).admission).toEqual({ kind: 'wait', ms: 520 });
    // A request that started before the opening reports late: nothing changes.
    expect(breaker.onFailure(600, false)).toBeUndefined();
    expect(breaker.admit(600).admission).toEqual({ kind: 'wait', ms: 420 });
  });

  it('sends one probe when the open time is over; others wait for its result', () => {
    const breaker = new CircuitBreaker(settings);
    for (const at of [0, 1, 2]) breaker.onFailure(at, false);
    const probe = breaker.admit(1_002);
    expect(probe.admission).toEqual({ kind: 'go', probe: true });
    expect(probe.transition).toMatchObject({ from: 'open', to: 'half-open' });
    expect(breaker.admit(1_003).admission).toEqual({ kind: 'wait', ms: 250 });
    expect(breaker.onSuccess(1_500, true)).toEqual({
      from: 'half-open',
      to: 'closed',
      failures: 3,
      outageMs: 1_500,
    });
    expect(breaker.admit(1_501).admission).toEqual({ kind: 'go', probe: false });
  });

  it('doubles the open time after each failed probe, up to the cap, and starts over after a success', () => {
    const breaker = new CircuitBreaker(settings);
    for (const at of [0, 1, 2]) breaker.onFailure(at, false);
    const opens: (number | undefined)[] = [];
    let now = 2;
    for (let i = 0; i < 3; i++) {
      const admitted = breaker.admit(now + 10_000);
      now += 10_000;
      expect(admitted.admission).toEqual({ kind: 'go', probe: true });
      opens.push(breaker.onFailure(now, true)?.openMs);
    }
    expect(opens).toEqual([2_000, 3_000, 3_000]);
    breaker.admit(now + 3_000);
    breaker.onSuccess(now + 3_000, true);
    for (const at of [1, 2, 3]) breaker.onFailure(now + 3_000 + at, false);
    expect(breaker.admit(now + 3_004).admission).toEqual({ kind: 'wait', ms: 999 });
  });

  it('hands the probe out again when one ended without an answer', () => {
    const breaker = new CircuitBreaker(settings);
    for (const at of [0, 1, 2]) breaker.onFailure(at, false);
    expect(breaker.admit(2_000).admission).toEqual({ kind: 'go', probe: true });
    breaker.release(true);
    expect(breaker.admit(2_001).admission).toEqual({ kind: 'go', probe: true });
  });
});
