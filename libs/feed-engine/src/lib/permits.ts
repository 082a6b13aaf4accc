/** At most `free` holders at once, the others served in the order they asked (a release hands over directly). */
export class Permits {
  private readonly waiting: (() => void)[] = [];

  constructor(private free: number) {}

  /** Whether someone waits for a permit. */
  get contended(): boolean {
    return this.waiting.length > 0;
  }

  /** A permit, once those who asked before have theirs; resolves to its release. */
  async acquire(): Promise<() => void> {
    if (this.free > 0 && this.waiting.length === 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    };
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await work();
    } finally {
      release();
    }
  }
}
