import { KafkaTransportCode } from '@cde/contracts';
import type { ConsumerEndBatchProcessEvent } from 'kafkajs';
import type { FailTransport } from './transport-run';

/**
 * Ends the process when messages wait and no batch completes within `stallTimeoutMs`: a consumer that stopped
 * making progress for any reason (a wedged fetch, a lost assignment kafkajs never noticed, a handler failing
 * without end) is restarted by Kubernetes, and its uncommitted batches are redone. Idle time is not a stall: the
 * clock runs only while a batch is in flight or a partition has lag. Neither is a pause: a handler holding its batch
 * back on purpose (`BatchHeldBackError`, e.g. the exporter while the receiver is down) restarts the clock.
 */
export class ProgressWatchdog {
  private timer: NodeJS.Timeout | undefined;
  /** Partitions with a batch in a handler or in backoff. */
  private readonly inFlight = new Set<string>();
  /** Messages known to be waiting per partition (high watermark minus next offset), from the latest batch. */
  private readonly lag = new Map<string, bigint>();
  private lastProgressAt = Date.now();

  constructor(
    private readonly stallTimeoutMs: number,
    /** Whether the transport is closing or failed: no watching then. */
    private readonly stopped: () => boolean,
    private readonly fail: FailTransport,
  ) {}

  start(): void {
    this.lastProgressAt = Date.now();
    const every = Math.max(50, Math.min(5_000, Math.floor(this.stallTimeoutMs / 4)));
    this.timer = setInterval(() => this.check(), every);
    // The watchdog alone must not keep the process alive.
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** A new assignment: what we knew about other partitions' lag no longer applies. */
  onGroupJoin(): void {
    this.lag.clear();
    this.lastProgressAt = Date.now();
  }

  /** A batch went to its handler; returns the call that marks it out of flight. */
  onBatchStarted(topic: string, partition: number, highWatermark: string, firstOffset: string): () => void {
    const key = partitionKey(topic, partition);
    this.inFlight.add(key);
    this.lag.set(key, BigInt(highWatermark) - BigInt(firstOffset));
    return () => this.inFlight.delete(key);
  }

  /** A batch committed up to `next`: progress. */
  onCommitted(topic: string, partition: number, highWatermark: string, next: string): void {
    this.lag.set(partitionKey(topic, partition), BigInt(highWatermark) - BigInt(next));
    this.lastProgressAt = Date.now();
  }

  /**
   * A handler held its batch back on purpose (its downstream is down): the consumer is alive and paused, which is
   * not a stall. The batch stays in flight and uncommitted.
   */
  onHeldBack(): void {
    this.lastProgressAt = Date.now();
  }

  /** kafkajs finishes batches of only filtered records (transaction markers) itself; they count as progress. */
  onKafkaBatchEnd(event: ConsumerEndBatchProcessEvent): void {
    const { topic, partition, batchSize, offsetLag } = event.payload;
    if (batchSize > 0) return;
    this.lag.set(partitionKey(topic, partition), BigInt(offsetLag));
    this.lastProgressAt = Date.now();
  }

  private check(): void {
    if (this.stopped()) return;
    const now = Date.now();
    const waiting = this.inFlight.size > 0 || [...this.lag.values()].some((lag) => lag > 0n);
    if (!waiting) {
      this.lastProgressAt = now;
      return;
    }
    const idleMs = now - this.lastProgressAt;
    if (idleMs > this.stallTimeoutMs) {
      this.fail(KafkaTransportCode.Stalled, 'messages are waiting but no batch completed; exiting', {
        idleMs,
        stallTimeoutMs: this.stallTimeoutMs,
        inFlight: [...this.inFlight],
        lag: Object.fromEntries([...this.lag].map(([k, v]) => [k, v.toString()])),
      });
    }
  }
}

function partitionKey(topic: string, partition: number): string {
  return `${topic}|${partition}`;
}
