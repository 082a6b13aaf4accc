/**
 * How the delay between attempts grows: from `baseDelayMs`, doubling per attempt, capped at `maxDelayMs`, and
 * spread by `jitter` so that work failing on one outage does not come back all at once.
 */
export interface Backoff {
  /** Delay before the first retry. */
  readonly baseDelayMs: number;
  /** No delay is longer. */
  readonly maxDelayMs: number;
  /**
   * `'full'`: uniform in [0, delay) (many independent callers, e.g. requests to one receiver); a share `p`:
   * within ±p of the delay (0.2 = ±20 %); absent: the delay exactly (a due time every replica must agree on).
   */
  readonly jitter?: 'full' | number;
}

/** A bounded retry: at most `maxAttempts` attempts in all, the first included, `Backoff` apart. */
export interface RetryPolicy extends Backoff {
  readonly maxAttempts: number;
}

/** Doubling stops here, far past any cap, so the arithmetic stays exact. */
const MAX_EXPONENT = 30;

/** The delay before retry number `attempt` (1-based; below 1 counts as 1). */
export function backoffDelay(attempt: number, backoff: Backoff, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), MAX_EXPONENT);
  const delay = Math.min(backoff.baseDelayMs * 2 ** exponent, backoff.maxDelayMs);
  const { jitter } = backoff;
  if (jitter === 'full') return Math.floor(random() * delay);
  if (jitter === undefined || jitter === 0) return Math.round(delay);
  const spread = delay * (1 - jitter + 2 * jitter * random());
  return Math.round(Math.min(spread, backoff.maxDelayMs));
}

/** Whether work that has failed `failures` times (this one included) may be tried again. */
export function mayRetry(failures: number, policy: Pick<RetryPolicy, 'maxAttempts'>): boolean {
  return failures < policy.maxAttempts;
}

/** What is wrong with a backoff's numbers, each named `<name>.<field>`; empty when usable. */
export function backoffProblems(name: string, backoff: Backoff): string[] {
  const problems: string[] = [];
  for (const field of ['baseDelayMs', 'maxDelayMs'] as const) {
    const value = backoff[field];
    if (!Number.isInteger(value) || value <= 0)
      problems.push(`${name}.${field} must be a positive integer, got ${value}`);
  }
  if (typeof backoff.jitter === 'number' && !(backoff.jitter >= 0 && backoff.jitter <= 1))
    problems.push(`${name}.jitter must be 'full' or a share from 0 to 1, got ${backoff.jitter}`);
  if (backoff.baseDelayMs > backoff.maxDelayMs)
    problems.push(`${name}.baseDelayMs must not exceed ${name}.maxDelayMs`);
  return problems;
}
