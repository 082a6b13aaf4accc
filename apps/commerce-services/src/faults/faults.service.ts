import {
  applyFaultPatch,
  failsByErrorRate,
  NO_FAULTS,
  seededRandom,
  type FaultPatch,
  type FaultSwitches,
} from './fault-switches';

/** What the fault switches decide for one ingestion request before it is looked at. */
export type FaultVerdict = 'pass' | 'error' | 'hang_timeout' | 'client_gone';

export interface FaultsServiceOptions {
  readonly initial: FaultSwitches;
  readonly seed: number;
  readonly hangTimeoutMs: number;
  /** Replaces the seeded source (tests). */
  readonly random?: () => number;
}

/** The run-time fault switches (`/api/faults`) and their effect on ingestion requests. */
export class FaultsService {
  private switches: FaultSwitches;
  private random: () => number;
  /** Requests held by `hang`, released when it is switched off. */
  private readonly held = new Set<() => void>();

  constructor(private readonly options: FaultsServiceOptions) {
    this.switches = options.initial;
    this.random = options.random ?? seededRandom(options.seed);
  }

  current(): FaultSwitches {
    return this.switches;
  }

  update(patch: FaultPatch): FaultSwitches {
    this.switches = applyFaultPatch(this.switches, patch);
    if (patch.seed !== undefined) this.random = seededRandom(patch.seed);
    if (!this.switches.hang) this.releaseHeld();
    return this.switches;
  }

  /** Every switch off (the configured rate limit applies again). */
  reset(): FaultSwitches {
    this.switches = NO_FAULTS;
    this.releaseHeld();
    return this.switches;
  }

  rateLimit(configured: number): number {
    return this.switches.rateLimit ?? configured;
  }

  /** Number of requests the `hang` switch holds now. */
  heldRequests(): number {
    return this.held.size;
  }

  /**
   * Applies `hang`, `latencyMs` and `errorRate`, in that order, before anything else happens to the request.
   * `signal` aborts when the client goes away; the request is then dropped.
   */
  async beforeIngestion(signal: AbortSignal): Promise<FaultVerdict> {
    if (this.switches.hang) {
      const held = await this.hold(signal);
      if (held !== 'released') return held;
    }
    if (this.switches.latencyMs > 0 && !(await sleep(this.switches.latencyMs, signal))) return 'client_gone';
    if (signal.aborted) return 'client_gone';
    return failsByErrorRate(this.switches.errorRate, this.random) ? 'error' : 'pass';
  }

  /** Releases every held request (shutdown). */
  releaseHeld(): void {
    for (const release of [...this.held]) release();
  }

  private hold(signal: AbortSignal): Promise<'released' | 'hang_timeout' | 'client_gone'> {
    return new Promise((resolve) => {
      const finish = (verdict: 'released' | 'hang_timeout' | 'client_gone'): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        this.held.delete(release);
        resolve(verdict);
      };
      const release = (): void => finish('released');
      const onAbort = (): void => finish('client_gone');
      // The server's own bound: a held request is answered 504 at the latest after hangTimeoutMs.
      const timer = setTimeout(() => finish('hang_timeout'), this.options.hangTimeoutMs);
      if (signal.aborted) {
        finish('client_gone');
        return;
      }
      signal.addEventListener('abort', onAbort, { once: true });
      this.held.add(release);
    });
  }
}

/** Resolves true after `ms`, false as soon as `signal` aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) {
      resolve(false);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
