import { readyBatchLength, tailAction } from './http-batching';

export interface FeedAccumulatorOptions<T> {
  readonly batchSize: number;
  /** Bytes per request at most, as `sizeOf` counts them (an item larger on its own goes alone). */
  readonly maxBytes: number;
  readonly sizeOf: (item: T) => number;
  readonly lingerMs: number;
  /** Handler calls in progress and the most the consumer runs at once (whether more items may still come). */
  readonly calls: () => { readonly active: number; readonly max: number };
  /**
   * Receives each batch to send, with the call to make once its request starts (a rate-gate ticket held) or
   * the batch leaves the wait otherwise (deferred, failed): a tail held behind it may go then.
   */
  readonly dispatch: (batch: T[], started: () => void) => void;
}

type Hold =
  | { readonly kind: 'linger' | 'soon'; readonly handle: NodeJS.Timeout }
  /** Behind batches of the feed still waiting to start: goes once the last of them starts. */
  | { readonly kind: 'behind' };

/**
 * Collects one feed's items from concurrent handler calls (partitions) into batches of `batchSize` items and at
 * most `maxBytes` (a request over the receiver's body limit would be refused whole). A tail is held for at most
 * `lingerMs` while it may still fill, or behind the feed's batches still waiting for their turn, which it could not
 * pass anyway (see `tailAction`): offsets are never held longer for the sake of a fuller request.
 */
export class FeedAccumulator<T> {
  private pending: T[] = [];
  private hold: Hold | undefined;
  /** Dispatched batches whose request has not started. */
  private waiting = 0;

  constructor(private readonly options: FeedAccumulatorOptions<T>) {}

  add(items: readonly T[]): void {
    this.pending.push(...items);
    const { batchSize, maxBytes, sizeOf } = this.options;
    const sizeAt = (i: number): number => {
      const item = this.pending[i];
      return item === undefined ? 0 : sizeOf(item);
    };
    let ready = readyBatchLength(this.pending.length, sizeAt, { batchSize, maxBytes });
    // What was held went out with a full batch: a tail left now is new and is held on its own terms.
    if (ready > 0) this.cancel();
    while (ready > 0) {
      this.send(this.pending.splice(0, ready));
      ready = readyBatchLength(this.pending.length, sizeAt, { batchSize, maxBytes });
    }
    this.holdTail(this.options.lingerMs);
  }

  /** Sends the tail now. */
  flush(): void {
    this.cancel();
    if (this.pending.length > 0) this.send(this.pending.splice(0));
  }

  /** How the tail waits now (see `tailAction`); a linger already running keeps its time. */
  private holdTail(lingerMs: number): void {
    const { active, max } = this.options.calls();
    const action = tailAction({
      pending: this.pending.length,
      batchSize: this.options.batchSize,
      lingerMs,
      activeCalls: active,
      maxCalls: max,
      waitingAhead: this.waiting,
    });
    if (action === 'none') {
      this.cancel();
    } else if (action === 'flush-soon' && this.hold?.kind !== 'soon') {
      this.cancel();
      this.hold = { kind: 'soon', handle: setTimeout(() => this.flush(), 0) };
    } else if (action === 'linger' && this.hold === undefined) {
      // Once the linger is over the tail goes, unless batches before it still wait: then it waits behind them.
      this.hold = { kind: 'linger', handle: setTimeout(() => this.lingerOver(), lingerMs) };
    } else if (action === 'behind' && this.hold?.kind !== 'behind') {
      this.cancel();
      this.hold = { kind: 'behind' };
    }
  }

  private lingerOver(): void {
    this.hold = undefined;
    if (this.waiting > 0) this.hold = { kind: 'behind' };
    else this.flush();
  }

  private send(batch: T[]): void {
    this.waiting++;
    let started = false;
    this.options.dispatch(batch, () => {
      if (started) return;
      started = true;
      this.waiting--;
      // The last batch before a held tail has started: the tail may go (or linger, if more can still come).
      if (this.waiting === 0 && this.hold?.kind === 'behind') {
        this.hold = undefined;
        this.holdTail(this.options.lingerMs);
      }
    });
  }

  private cancel(): void {
    if (this.hold !== undefined && this.hold.kind !== 'behind') clearTimeout(this.hold.handle);
    this.hold = undefined;
  }
}
