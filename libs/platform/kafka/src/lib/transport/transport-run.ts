import type { KafkaTransportCode } from '@cde/contracts';
import { backoffDelay } from '@cde/util/retry';
import { type EachBatchPayload, KafkaJSProtocolError } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { TransportSettings } from './transport-settings';

/** Errors from heartbeat or commit meaning the group moved on: kafkajs must rejoin, and the batch is redone. */
const GROUP_MEMBERSHIP_ERRORS = new Set([
  'REBALANCE_IN_PROGRESS',
  'NOT_COORDINATOR_FOR_GROUP',
  'ILLEGAL_GENERATION',
  'UNKNOWN_MEMBER_ID',
]);

export function isGroupMembershipError(error: unknown): boolean {
  return error instanceof KafkaJSProtocolError && GROUP_MEMBERSHIP_ERRORS.has(error.type);
}

/** Ends the process (through the transport): a hung handler, a stall or a crash. */
export type FailTransport = (
  code: KafkaTransportCode,
  message: string,
  fields: Record<string, unknown>,
) => void;

/**
 * Where the transport stands, shared by its parts: whether it is closing, failed (the process is about to exit)
 * or abandoned (shutdown timed out), each of which forbids any further commit.
 */
export class TransportRun {
  /** Aborted on close and on failure, so backoff waits end at once. */
  readonly stopping = new AbortController();
  closing: Promise<void> | undefined;
  failed = false;
  /** Shutdown timed out: this member is gone as far as we are concerned and must not commit any more. */
  abandoned = false;

  constructor(private readonly settings: TransportSettings) {}

  /** Failed or abandoned: nothing may be committed any more. */
  get gone(): boolean {
    return this.failed || this.abandoned;
  }

  /** Whether work on this batch must end without committing (closing, gone, or the partition moved). */
  mustStop(payload: EachBatchPayload): boolean {
    return this.closing !== undefined || this.gone || !payload.isRunning() || payload.isStale();
  }

  /**
   * Waits before retry number `failures`, heartbeating so the group keeps the partition; false if `stop()` became
   * true meanwhile. A group membership error ends the wait by throwing: kafkajs rejoins and the batch is redone.
   */
  async waitToRetry(failures: number, payload: EachBatchPayload, stop: () => boolean): Promise<boolean> {
    const until = Date.now() + backoffDelay(failures, this.settings.retryBackoff);
    for (let left = until - Date.now(); left > 0; left = until - Date.now()) {
      if (stop()) return false;
      try {
        await sleep(Math.min(left, this.settings.heartbeatIntervalMs), undefined, {
          signal: this.stopping.signal,
        });
      } catch {
        // Aborted by close() or a failure: `stop()` decides whether that ends the wait.
        if (stop()) return false;
        await sleep(Math.min(left, 100));
      }
      try {
        await payload.heartbeat();
      } catch (error) {
        if (isGroupMembershipError(error)) throw error;
      }
    }
    return !stop();
  }
}
