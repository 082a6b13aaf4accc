/**
 * How items waiting for one feed become requests (pure). Full batches go at once. A partial tail waits up to the
 * linger only when it may still fill: another partition's batch can still reach a handler, i.e. a consumer
 * worker is free. When every worker is inside a handler nothing more arrives before one of them returns, so the
 * tail goes at once (after the current tick, so calls started together still share a request).
 */
export type TailAction = 'none' | 'linger' | 'flush-soon';

export interface TailState {
  readonly pending: number;
  readonly batchSize: number;
  readonly lingerMs: number;
  /** Handler calls in progress, this one included, and how many the consumer runs at most. */
  readonly activeCalls: number;
  readonly maxCalls: number;
}

/** How many full batches to cut now from `pending` items. */
export function fullBatches(pending: number, batchSize: number): number {
  return Math.floor(pending / batchSize);
}

export function tailAction(state: TailState): TailAction {
  const tail = state.pending % state.batchSize;
  if (tail === 0) return 'none';
  return state.lingerMs > 0 && state.activeCalls < state.maxCalls ? 'linger' : 'flush-soon';
}
