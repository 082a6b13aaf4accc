export interface RetryPolicy {
  /** Retries after the first attempt (5xx, timeouts, network errors, other 4xx); 429 does not count. */
  readonly maxRetries: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

/**
 * Delay before retry number `retry` (1-based): exponential backoff with full jitter, uniform in
 * [0, min(max, base·2^(retry-1))), so batches failing on the same outage spread out instead of returning together.
 */
export function retryDelay(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(retry - 1, 0), 30);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent);
  return Math.floor(random() * ceiling);
}

/** Whether a batch that has failed `failures` times (this one included) may be tried again. */
export function mayRetry(failures: number, policy: RetryPolicy): boolean {
  return failures <= policy.maxRetries;
}
