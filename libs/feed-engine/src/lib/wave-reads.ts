/**
 * Reads that give the same answer for every batch of one sync wave (store views, websites, attribute metadata,
 * config): the batches of a wave share one read of them instead of each reading them again. A wave is one round
 * of the runner's `threads` batches, so a change of those tables is seen by the next wave, as it was by the next
 * batch before; a sync outside a wave (a change, a retry) reads them itself.
 */
export class WaveReads {
  private readonly reads = new Map<object, Promise<unknown>>();

  /**
   * What `read` gives, read once for the wave per `owner` (one reader's wave-invariant rows; the owner names the
   * type of what it keeps). A failed read is forgotten, so a batch that retries in halves reads again.
   */
  shared<T>(owner: object, read: () => Promise<T>): Promise<T> {
    const known = this.reads.get(owner);
    if (known) return known as Promise<T>;
    const pending = read();
    this.reads.set(owner, pending);
    pending.catch(() => {
      if (this.reads.get(owner) === pending) this.reads.delete(owner);
    });
    return pending;
  }
}

/** `read` once for the wave when there is one, else at once (a batch of its own). */
export function readShared<T>(
  wave: WaveReads | undefined,
  owner: object,
  read: () => Promise<T>,
): Promise<T> {
  return wave ? wave.shared(owner, read) : read();
}
