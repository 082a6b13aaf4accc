import { readyBatchLength, tailAction } from './http-batching';

export interface FeedAccumulatorOptions<T> {
  readonly batchSize: number;
  /** Bytes per request at most, as `sizeOf` counts them (an item larger on its own goes alone). */
  readonly maxBytes: number;
  readonly sizeOf: (item: T) => number;
  readonly lingerMs: number;
  /** Handler calls in progress and the most the consumer runs at once (whether more items may still come). */
  readonly calls: () => { readonly active: number; readonly max: number };
  /** Receives each batch to send. */
  readonly dispatch: (batch: T[]) => void;
}

/**
 * Collects one feed's items from concurrent handler calls (partitions) into batches of `batchSize` items and at
 * most `maxBytes` (a request over the receiver's body limit would be refused whole). A tail is
 * held for at most `lingerMs`, and only while it may still fill (see `tailAction`): offsets are never held
 * longer than that for the sake of a fuller request.
 */
export class FeedAccumulator<T> {
  private pending: T[] = [];
  private timer: { readonly kind: 'linger' | 'soon'; readonly handle: NodeJS.Timeout } | undefined;

  constructor(private readonly options: FeedAccumulatorOptions<T>) {}

  add(items: readonly T[]): void {
    this.pending.push(...items);
    const { batchSize, maxBytes, sizeOf } = this.options;
    const sizeAt = (i: number): number => {
      const item = this.pending[i];
      return item === undefined ? 0 : sizeOf(item);
    };
    let ready = readyBatchLength(this.pending.length, sizeAt, { batchSize, maxBytes });
    // What lingered went out with a full batch: a tail left now is new and gets a linger of its own.
    if (ready > 0) this.cancel();
    while (ready > 0) {
      this.options.dispatch(this.pending.splice(0, ready));
      ready = readyBatchLength(this.pending.length, sizeAt, { batchSize, maxBytes });
    }
    const { active, max } = this.options.calls();
    const action = tailAction({
      pending: this.pending.length,
      batchSize,
      lingerMs: this.options.lingerMs,
      activeCalls: active,
      maxCalls: max,
    });
    if (action === 'none') {
      this.cancel();
    } else if (action === 'flush-soon' && this.timer?.kind !== 'soon') {
      this.cancel();
      this.timer = { kind: 'soon', handle: setTimeout(() => this.flush(), 0) };
    } else if (action === 'linger' && this.timer === undefined) {
      this.timer = { kind: 'linger', handle: setTimeout(() => this.flush(), this.options.lingerMs) };
    }
  }

  /** Sends the tail now. */
  flush(): void {
    this.cancel();
    if (this.pending.length > 0) this.options.dispatch(this.pending.splice(0));
  }

  private cancel(): void {
    if (this.timer !== undefined) clearTimeout(this.timer.handle);
    this.timer = undefined;
  }
}
