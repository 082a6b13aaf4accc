export interface BackoffOptions {
  readonly initialMs: number;
  readonly maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 500, maxMs: 30_000 };

/**
 * Delay before retry number `attempt` (1-based): doubling from `initialMs`, capped at `maxMs`, with ±20 %
 * jitter so partitions failing on the same outage do not retry in lockstep.
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  const base = Math.min(options.initialMs * 2 ** exponent, options.maxMs);
  const jittered = base * (0.8 + 0.4 * random());
  return Math.round(Math.min(jittered, options.maxMs));
}
