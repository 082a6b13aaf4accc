import {
  RateControl,
  type RateAllowance,
  type RateLimits,
  type RateTicket,
  type RequestSignal,
} from './rate-control';

/** Why a wait for the gate ended without a start: the caller defers its batch. */
export class GateWaitEnded extends Error {
  override readonly name = 'GateWaitEnded';

  constructor(readonly why: 'deadline' | 'closed') {
    super(why === 'deadline' ? 'no request slot before the deadline' : 'the rate gate is closed');
  }
}

interface Waiter {
  readonly deadline: number;
  readonly resolve: (ticket: RateTicket) => void;
  readonly reject: (error: GateWaitEnded) => void;
  timer: NodeJS.Timeout | undefined;
}

/**
 * The process-wide gate every request passes (shared by all feeds and partitions): waiters are served in order
 * as the {@link RateControl} allows. A waiter whose deadline comes first gets {@link GateWaitEnded} instead of a
 * slot; `close()` ends every wait (shutdown).
 */
export class RateGate {
  private readonly control: RateControl;
  private readonly waiters: Waiter[] = [];
  private wakeUp: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    limits: RateLimits,
    private readonly onChange: (allowance: RateAllowance) => void = () => undefined,
    private readonly now: () => number = Date.now,
  ) {
    this.control = new RateControl(limits);
    onChange(this.control.allowance());
  }

  allowance(): RateAllowance {
    return this.control.allowance();
  }

  acquire(deadline: number): Promise<RateTicket> {
    if (this.closed) return Promise.reject(new GateWaitEnded('closed'));
    return new Promise<RateTicket>((resolve, reject) => {
      const waiter: Waiter = { deadline, resolve, reject, timer: undefined };
      waiter.timer = setTimeout(() => this.drop(waiter, 'deadline'), Math.max(0, deadline - this.now()));
      this.waiters.push(waiter);
      this.pump();
    });
  }

  release(ticket: RateTicket, signal: RequestSignal, retryAfterMs?: number): void {
    this.control.finish(ticket, signal, this.now(), retryAfterMs);
    this.onChange(this.control.allowance());
    this.pump();
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.wakeUp);
    for (const waiter of [...this.waiters]) this.drop(waiter, 'closed');
  }

  private drop(waiter: Waiter, why: GateWaitEnded['why']): void {
    const index = this.waiters.indexOf(waiter);
    if (index < 0) return;
    this.waiters.splice(index, 1);
    clearTimeout(waiter.timer);
    waiter.reject(new GateWaitEnded(why));
    // The head may have changed.
    if (!this.closed) this.pump();
  }

  private pump(): void {
    clearTimeout(this.wakeUp);
    this.wakeUp = undefined;
    for (;;) {
      const head = this.waiters[0];
      if (head === undefined) return;
      const next = this.control.nextStartAt();
      // At the concurrency limit: a release pumps again.
      if (next === undefined) return;
      const now = this.now();
      if (next > head.deadline) {
        // Known now that this waiter cannot start in time (e.g. a long Retry-After): let it defer at once.
        this.drop(head, 'deadline');
        return;
      }
      if (next > now) {
        this.wakeUp = setTimeout(() => this.pump(), next - now);
        return;
      }
      this.waiters.shift();
      clearTimeout(head.timer);
      head.resolve(this.control.start(now));
      this.onChange(this.control.allowance());
    }
  }
}
