interface Progress {
  readonly settled: Set<string>;
  /** Failed deliveries so far per `feedId|feedHash`, so a deferred batch keeps its retry budget. */
  readonly failures: Map<string, number>;
  touchedAt: number;
}

/**
 * What earlier runs of a partition's current batch achieved, for when a run is deferred (time budget, shutdown)
 * and the transport runs the same batch again: settled offsets are not sent again and retry budgets carry over.
 * Forgotten once the batch completes, and after `maxAgeMs` untouched (the partition moved elsewhere).
 */
export class PartitionProgress {
  private readonly byPartition = new Map<string, Progress>();

  constructor(
    private readonly maxAgeMs = 60 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  settledOffsets(topic: string, partition: number): ReadonlySet<string> {
    return this.byPartition.get(key(topic, partition))?.settled ?? new Set();
  }

  failuresOf(topic: string, partition: number, feedId: string, feedHash: string): number {
    return this.byPartition.get(key(topic, partition))?.failures.get(`${feedId}|${feedHash}`) ?? 0;
  }

  markSettled(topic: string, partition: number, offsets: readonly string[]): void {
    const progress = this.entry(topic, partition);
    for (const offset of offsets) progress.settled.add(offset);
  }

  markDeferred(topic: string, partition: number, feedId: string, feedHash: string, failures: number): void {
    const progress = this.entry(topic, partition);
    if (failures > 0) progress.failures.set(`${feedId}|${feedHash}`, failures);
  }

  /** The batch completed: its offsets are committed and will not come back. */
  forget(topic: string, partition: number): void {
    this.byPartition.delete(key(topic, partition));
    this.prune();
  }

  size(): number {
    return this.byPartition.size;
  }

  private entry(topic: string, partition: number): Progress {
    const k = key(topic, partition);
    let progress = this.byPartition.get(k);
    if (progress === undefined) {
      progress = { settled: new Set(), failures: new Map(), touchedAt: this.now() };
      this.byPartition.set(k, progress);
    }
    progress.touchedAt = this.now();
    return progress;
  }

  private prune(): void {
    const oldest = this.now() - this.maxAgeMs;
    for (const [k, progress] of this.byPartition) if (progress.touchedAt < oldest) this.byPartition.delete(k);
  }
}

function key(topic: string, partition: number): string {
  return `${topic}|${partition}`;
}
