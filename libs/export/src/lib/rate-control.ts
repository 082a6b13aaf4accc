/**
 * Default share added to the spacing 1/rate so that requests delayed unevenly on their way (event loops,
 * network) do not bunch up where the receiver counts them: with 5 % any one-second window there holds at most
 * `maxRps` of them as long as their delays differ by less than 50 ms. Costs 5 % of the allowance.
 */
export const DEFAULT_RATE_HEADROOM = 0.05;

export interface RateLimits {
  /** Requests per second, never exceeded (I7). */
  readonly maxRps: number;
  /** Requests in flight, never exceeded. */
  readonly maxConcurrency: number;
  /** Pause after a 429 without a usable Retry-After. */
  readonly defaultRetryAfterMs: number;
  /** Share added to the spacing between starts (default {@link DEFAULT_RATE_HEADROOM}). */
  readonly headroom?: number;
}

/** How a request ended, for the rate control: 429, another response or failure, or a success. */
export type RequestSignal = 'success' | 'throttled' | 'failed';

export interface RateTicket {
  readonly startedAt: number;
}

/** The current allowance, for metrics and logs. */
export interface RateAllowance {
  readonly rps: number;
  readonly concurrency: number;
  readonly inFlight: number;
  /** No request starts before this (epoch ms) because of a Retry-After. */
  readonly notBefore: number;
}

/**
 * Rate discipline for every request of the process (pure; the clock is passed in). Requests are spaced at least
 * 1/rate apart (plus a headroom for jitter), so no one-second window holds more than `maxRps` starts, and at
 * most `concurrency` run at once.
 * A 429 blocks every start until its Retry-After has passed and halves rate and concurrency (multiplicative
 * decrease, once per episode: answers to requests sent before the decrease do not decrease again); successes
 * raise the rate by a twentieth of the maximum and the concurrency by one per round (additive increase).
 */
export class RateControl {
  private rps: number;
  private concurrency: number;
  private inFlight = 0;
  private notBefore = 0;
  private lastStartAt = Number.NEGATIVE_INFINITY;
  private lastDecreaseAt = Number.NEGATIVE_INFINITY;
  private successesSinceStep = 0;
  private readonly minRps: number;
  private readonly stepRps: number;
  private readonly spacingFactor: number;

  constructor(private readonly limits: RateLimits) {
    if (!(limits.maxRps > 0) || !Number.isInteger(limits.maxConcurrency) || limits.maxConcurrency < 1) {
      throw new Error('maxRps must be positive and maxConcurrency a positive integer');
    }
    this.rps = limits.maxRps;
    this.concurrency = limits.maxConcurrency;
    this.minRps = limits.maxRps / 10;
    this.stepRps = limits.maxRps / 20;
    this.spacingFactor = 1 + (limits.headroom ?? DEFAULT_RATE_HEADROOM);
  }

  allowance(): RateAllowance {
    return {
      rps: this.rps,
      concurrency: this.concurrency,
      inFlight: this.inFlight,
      notBefore: this.notBefore,
    };
  }

  /** The earliest time the next request may start, or undefined while the concurrency limit is reached. */
  nextStartAt(): number | undefined {
    if (this.inFlight >= this.concurrency) return undefined;
    return Math.max(this.notBefore, this.lastStartAt + (1000 / this.rps) * this.spacingFactor);
  }

  /** Records a start; the caller has checked `nextStartAt() <= now`. */
  start(now: number): RateTicket {
    const next = this.nextStartAt();
    if (next === undefined || next > now)
      throw new Error('a request started before the rate control allowed it');
    this.inFlight++;
    this.lastStartAt = now;
    return { startedAt: now };
  }

  finish(ticket: RateTicket, signal: RequestSignal, now: number, retryAfterMs?: number): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    switch (signal) {
      case 'throttled': {
        this.notBefore = Math.max(this.notBefore, now + (retryAfterMs ?? this.limits.defaultRetryAfterMs));
        if (ticket.startedAt > this.lastDecreaseAt) {
          this.rps = Math.max(this.minRps, this.rps / 2);
          this.concurrency = Math.max(1, Math.floor(this.concurrency / 2));
          this.lastDecreaseAt = now;
          this.successesSinceStep = 0;
        }
        return;
      }
      case 'success': {
        this.rps = Math.min(this.limits.maxRps, this.rps + this.stepRps);
        this.successesSinceStep++;
        if (this.successesSinceStep >= this.concurrency && this.concurrency < this.limits.maxConcurrency) {
          this.concurrency++;
          this.successesSinceStep = 0;
        }
        return;
      }
      case 'failed':
        return;
    }
  }
}
