/** When a feed's receiver counts as down, and how it is probed until it is back. */
export interface BreakerSettings {
  /** Transient failures in a row (5xx, timeout, network, 401/403…) that open the circuit. */
  readonly failureThreshold: number;
  /** How long the circuit first stays open before one probe request may go. */
  readonly openMs: number;
  /** The open time doubles after each failed probe, up to this. */
  readonly maxOpenMs: number;
}

export type BreakerState = 'closed' | 'open' | 'half-open';

/** Whether a request may go now (`probe`: the one request that tests a receiver believed down). */
export type Admission =
  { readonly kind: 'go'; readonly probe: boolean } | { readonly kind: 'wait'; readonly ms: number };

/** A change of state, for the log and the metrics. */
export interface BreakerTransition {
  readonly from: BreakerState;
  readonly to: BreakerState;
  /** Transient failures in a row when it happened. */
  readonly failures: number;
  /** For `open`: how long until the next probe. */
  readonly openMs?: number;
  /** For `closed` after an outage: from its first failure to the success. */
  readonly outageMs?: number;
}

/** How often a request waiting on a probe in flight looks again. */
const PROBE_POLL_MS = 250;

/**
 * One feed's circuit breaker: closed while the receiver answers; open after `failureThreshold` transient failures
 * in a row, when no request of the feed goes out (its batches wait or are deferred, so nothing is dead-lettered
 * for an outage); then half-open, when one probe goes and its result closes the circuit or opens it again for
 * twice as long. Pure: the caller passes the time and acts on the transitions.
 */
export class CircuitBreaker {
  private current: BreakerState = 'closed';
  private failures = 0;
  private firstFailureAt: number | undefined;
  private openUntil = 0;
  private openMs: number;
  private probing = false;

  constructor(private readonly settings: BreakerSettings) {
    this.openMs = settings.openMs;
  }

  get state(): BreakerState {
    return this.current;
  }

  /** Whether a request may start at `now`; moving from open to half-open hands out the probe. */
  admit(now: number): { admission: Admission; transition?: BreakerTransition } {
    if (this.current === 'closed') return { admission: { kind: 'go', probe: false } };
    if (this.current === 'open') {
      if (now < this.openUntil) return { admission: { kind: 'wait', ms: this.openUntil - now } };
      this.probing = true;
      return {
        admission: { kind: 'go', probe: true },
        transition: this.move('half-open'),
      };
    }
    if (this.probing) return { admission: { kind: 'wait', ms: PROBE_POLL_MS } };
    this.probing = true;
    return { admission: { kind: 'go', probe: true } };
  }

  /** The receiver answered (2xx, 400, 429): it is up. */
  onSuccess(now: number, probe: boolean): BreakerTransition | undefined {
    if (probe) this.probing = false;
    const outageMs = this.firstFailureAt === undefined ? undefined : now - this.firstFailureAt;
    const transition =
      this.current === 'closed' ? undefined : this.move('closed', outageMs === undefined ? {} : { outageMs });
    this.failures = 0;
    this.firstFailureAt = undefined;
    this.openMs = this.settings.openMs;
    return transition;
  }

  /** A transient failure. */
  onFailure(now: number, probe: boolean): BreakerTransition | undefined {
    this.failures++;
    this.firstFailureAt ??= now;
    if (probe) {
      this.probing = false;
      this.openMs = Math.min(this.openMs * 2, this.settings.maxOpenMs);
      return this.open(now);
    }
    if (this.current === 'closed' && this.failures >= this.settings.failureThreshold) return this.open(now);
    // Requests that started before the circuit opened report late; they change nothing.
    return undefined;
  }

  /** A probe that ended without an answer of the receiver (shutdown): the next request probes again. */
  release(probe: boolean): void {
    if (probe) this.probing = false;
  }

  private open(now: number): BreakerTransition {
    this.openUntil = now + this.openMs;
    return this.move('open', { openMs: this.openMs });
  }

  private move(to: BreakerState, extra: Partial<BreakerTransition> = {}): BreakerTransition {
    const from = this.current;
    this.current = to;
    return { from, to, failures: this.failures, ...extra };
  }
}
