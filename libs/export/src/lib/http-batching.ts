/**
 * How items waiting for one feed become requests (pure). Full batches go at once: full by count (the feed's
 * batch size) or by bytes (the request limit). A partial tail waits up to the linger only when it may still
 * fill: another partition's batch can still reach a handler, i.e. a consumer worker is free. When every worker
 * is inside a handler nothing more arrives before one of them returns, so the tail goes at once (after the
 * current tick, so calls started together still share a request), unless batches of the feed sent before it are
 * still waiting for their turn (the rate gate, an open circuit): it could not start before them anyway, so it is
 * held behind them and tops up with what arrives meanwhile. Against a rate-limited receiver with a backlog, this
 * is what keeps every request but the backlog's last one full.
 */
export type TailAction = 'none' | 'linger' | 'flush-soon' | 'behind';

export interface TailState {
  readonly pending: number;
  readonly batchSize: number;
  readonly lingerMs: number;
  /** Handler calls in progress, this one included, and how many the consumer runs at most. */
  readonly activeCalls: number;
  readonly maxCalls: number;
  /** The feed's batches sent before the tail and still waiting to start their request. */
  readonly waitingAhead: number;
}

export interface BatchLimits {
  /** Items per request. */
  readonly batchSize: number;
  /** Bytes of item JSON per request; an item larger on its own goes alone. */
  readonly maxBytes: number;
}

/**
 * How many items from the front of `pending` make a request to send now: `batchSize` when that many fit in
 * `maxBytes`; fewer when the next one would pass `maxBytes` (at least one, so an item larger than the limit goes
 * alone and the receiver decides); 0 when the waiting items fill neither limit.
 */
export function readyBatchLength(
  pending: number,
  sizeAt: (index: number) => number,
  limits: BatchLimits,
): number {
  let bytes = 0;
  const end = Math.min(pending, limits.batchSize);
  for (let i = 0; i < end; i++) {
    bytes += sizeAt(i);
    if (bytes > limits.maxBytes) return Math.max(i, 1);
  }
  return pending >= limits.batchSize ? limits.batchSize : 0;
}

export function tailAction(state: TailState): TailAction {
  const tail = state.pending % state.batchSize;
  if (tail === 0) return 'none';
  if (state.lingerMs > 0 && state.activeCalls < state.maxCalls) return 'linger';
  return state.waitingAhead > 0 ? 'behind' : 'flush-soon';
}
