export type Admission =
  { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

const WINDOW_MS = 1_000;

/**
 * At most `limit` admissions in any window of one second (a sliding log, not a token bucket: a bucket lets a
 * burst plus its refill through within one second, and I7 is checked as "never above the rate"). Refused
 * requests take no slot. `limit` is passed per call so the fault switch can change it at run time.
 */
export class SlidingWindowRateLimiter {
  /** Admission times within the last window, oldest first. */
  private readonly admitted: number[] = [];

  tryAcquire(nowMs: number, limit: number): Admission {
    while (this.admitted.length > 0 && (this.admitted[0] ?? 0) <= nowMs - WINDOW_MS) this.admitted.shift();
    if (limit <= 0) return { allowed: true };
    if (this.admitted.length < limit) {
      this.admitted.push(nowMs);
      return { allowed: true };
    }
    // A slot frees when the admission `limit` places back leaves the window.
    const freesAt = (this.admitted[this.admitted.length - limit] ?? nowMs) + WINDOW_MS;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((freesAt - nowMs) / 1_000)) };
  }
}
