/**
 * In-process locks on entity ids. A feed service consumes several partitions at once (one per Commerce table
 * topic), and one product changes in many tables: without a lock, two syncs of the same entity can both read
 * "not sent yet", both publish, and the receiver gets the item twice (I3). A sync waits until none of its ids
 * is held by another sync, then holds them all; all-or-nothing, so two syncs never deadlock.
 */
export class EntityLocks {
  private readonly held = new Map<string, Promise<void>>();

  /** Rounds of waiting before giving up: each round another sync on these ids finished. */
  static readonly MAX_ROUNDS = 100_000;

  async acquire(ids: readonly string[]): Promise<() => void> {
    for (let round = 0; ; round++) {
      const busy = new Set<Promise<void>>();
      for (const id of ids) {
        const held = this.held.get(id);
        if (held) busy.add(held);
      }
      if (busy.size === 0) break;
      if (round >= EntityLocks.MAX_ROUNDS) throw new Error(`entity locks still busy after ${round} rounds`);
      await Promise.all(busy);
    }
    let release: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (release = resolve));
    for (const id of ids) this.held.set(id, done);
    return () => {
      for (const id of ids) if (this.held.get(id) === done) this.held.delete(id);
      release();
    };
  }

  /** Ids held right now (for tests and diagnostics). */
  get size(): number {
    return this.held.size;
  }
}
