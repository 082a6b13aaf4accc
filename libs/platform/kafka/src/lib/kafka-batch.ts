import { BaseRpcContext } from '@nestjs/microservices';
import type { IHeaders, KafkaMessage } from 'kafkajs';

/** One message of a batch. Header values are decoded as UTF-8; of a repeated header the last value wins. */
export interface KafkaBatchMessage {
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: Readonly<Record<string, string>>;
  readonly offset: string;
  /** Milliseconds since the epoch, as Kafka stores it. */
  readonly timestamp: string;
}

/** What an `@OnKafkaBatch` handler receives: the messages of one topic-partition, in offset order. */
export interface KafkaBatch {
  readonly topic: string;
  readonly partition: number;
  readonly messages: readonly KafkaBatchMessage[];
  /** The partition's end offset when the batch was fetched: what is left is the lag. */
  readonly highWatermark: string;
}

/** A message the handler will never be able to use; it goes to the service's dead-letter topic. */
export interface PoisonMessage {
  readonly offset: string;
  /** A `CDEgg-nn` code. */
  readonly code: string;
  readonly reason: string;
}

/** What a handler may return: the messages of the batch it skipped as poison. The rest count as done. */
export interface BatchOutcome {
  readonly poison?: readonly PoisonMessage[];
}

/**
 * Thrown by a handler that holds its batch back on purpose because what it delivers to is known to be down (an open
 * circuit, a throttled receiver): the batch waits in Kafka instead of being buffered or dead-lettered. The
 * transport retries it like any failed batch and commits nothing, but a handler that keeps holding back is paused,
 * not stalled: the stall watchdog does not end the process for it. A restart would only rebalance the group and
 * forget what the handler knows about the outage (its circuit), once per stall timeout for as long as the outage
 * lasts.
 */
export class BatchHeldBackError extends Error {
  override readonly name: string = 'BatchHeldBackError';

  /**
   * Set by a handler that logs the cause itself, once and with its code: the transport's retry warning names the
   * error by this short text instead of repeating the whole of it at every retry.
   */
  get summary(): string | undefined {
    return undefined;
  }
}

type KafkaBatchContextArgs = [topic: string, partition: number, heartbeat: () => Promise<void>];

/** The second argument of a handler (`@Ctx()`): where the batch comes from, and a heartbeat for long work. */
export class KafkaBatchContext extends BaseRpcContext<KafkaBatchContextArgs> {
  getTopic(): string {
    return this.args[0];
  }

  getPartition(): number {
    return this.args[1];
  }

  /** The transport already heartbeats while a handler runs; this is for handlers that want to do it sooner. */
  heartbeat(): Promise<void> {
    return this.args[2]();
  }
}

export function toBatchMessage(message: KafkaMessage): KafkaBatchMessage {
  return {
    key: message.key,
    value: message.value,
    headers: decodeHeaders(message.headers),
    offset: message.offset,
    timestamp: message.timestamp,
  };
}

export function decodeHeaders(headers: IHeaders | undefined): Record<string, string> {
  const decoded: Record<string, string> = {};
  for (const [name, raw] of Object.entries(headers ?? {})) {
    const value = Array.isArray(raw) ? raw[raw.length - 1] : raw;
    if (value !== undefined) decoded[name] = value.toString();
  }
  return decoded;
}
