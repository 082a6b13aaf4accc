import type { Logger } from 'pino';

/** Work a service repeats on a timer (the legacy send, the cleanup of sent deletes). */
export interface PeriodicTask {
  readonly name: string;
  readonly intervalMs: number;
  readonly run: () => Promise<unknown>;
  /** The `CDEgg-nn` code a failed run is logged with. */
  readonly failureCode: string;
  /** Also run once as the timers start (work that must not wait a whole interval after a start). */
  readonly atStart?: boolean;
}

/** Runs tasks on their timers, one run of a task at a time; a failed run is logged and retried at the next tick. */
export class PeriodicTasks {
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    private readonly tasks: readonly PeriodicTask[],
    private readonly logger: Logger,
  ) {}

  start(): void {
    for (const task of this.tasks) {
      // Stopped by stop(); never what keeps the process alive.
      this.timers.push(setInterval(() => this.tick(task), task.intervalMs).unref());
      if (task.atStart) this.tick(task);
    }
  }

  /** Stops the timers and waits for runs under way, at most `timeoutMs`. */
  async stop(timeoutMs: number): Promise<void> {
    for (const timer of this.timers.splice(0)) clearInterval(timer);
    await Promise.race([
      Promise.allSettled([...this.running.values()]),
      new Promise((resolve) => setTimeout(resolve, timeoutMs).unref()),
    ]);
  }

  private tick(task: PeriodicTask): void {
    if (this.running.has(task.name)) return;
    const run = task
      .run()
      .then(() => undefined)
      .catch((error: unknown) =>
        this.logger.error(
          { operation: task.name, code: task.failureCode, err: error },
          `${task.name} failed: ${String(error)}`,
        ),
      )
      .finally(() => this.running.delete(task.name));
    this.running.set(task.name, run);
  }
}
