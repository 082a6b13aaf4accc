import type { Topic } from '@cde/contracts';
import { type Kafka, type Message, Partitioners, type Producer, type ProducerConfig } from 'kafkajs';
import type { Logger } from 'pino';
import { messageLimitsOf, type MessageLimits } from './message-limits';

/**
 * The producer settings of every service: idempotent (no duplicates from retries, per-partition order kept),
 * one request in flight, and kafkajs' unlimited retries for idempotence, which it warns against limiting; a
 * caller is bounded by its handler timeout instead. The Java-compatible partitioner puts a key on the same
 * partition as any other client would.
 */
export const IDEMPOTENT_PRODUCER: ProducerConfig = {
  idempotent: true,
  maxInFlightRequests: 1,
  allowAutoTopicCreation: false,
  createPartitioner: Partitioners.DefaultPartitioner,
  retry: { retries: Number.MAX_SAFE_INTEGER },
};

declare const JSON_OF: unique symbol;

/** A payload's JSON text, written once (`jsonText`) and then sized and published as it is. */
export type JsonText<Payload> = string & { readonly [JSON_OF]: Payload };

export function jsonText<Payload>(value: Payload): JsonText<Payload> {
  return JSON.stringify(value) as JsonText<Payload>;
}

export interface PublishMessage<Payload> {
  readonly key: string;
  readonly value: Payload;
  readonly headers?: Readonly<Record<string, string>>;
}

/** A message whose payload the caller has written as JSON already (to size it first): published as that text. */
export interface PublishJsonMessage<Payload> {
  readonly key: string;
  readonly json: JsonText<Payload>;
  readonly headers?: Readonly<Record<string, string>>;
}

/** A message too large for the broker: refused before sending, so the caller can set it aside and go on. */
export class MessageTooLargeError extends Error {
  override readonly name = 'MessageTooLargeError';

  constructor(
    readonly topic: string,
    readonly key: string,
    readonly bytes: number,
    /** The largest message the publisher sends (`MessageLimits.maxRequestBytes`). */
    readonly limit: number,
  ) {
    super(`a message of ${bytes} bytes (key ${key}) to ${topic} exceeds the limit of ${limit} bytes`);
  }
}

/** The bytes a JSON message of this key and value takes in a produce request (as the publisher counts them). */
export function publishedBytes(key: string, value: unknown): number {
  return publishedJsonBytes(key, jsonText(value));
}

/** `publishedBytes` of a value written as JSON already. */
export function publishedJsonBytes(key: string, json: JsonText<unknown>): number {
  return sizeOf({ key, value: json });
}

/** Broker answers after which an idempotent producer's sequence numbers are out of step: it must start afresh. */
const PRODUCER_FENCED = new Set([
  'OUT_OF_ORDER_SEQUENCE_NUMBER',
  'INVALID_PRODUCER_EPOCH',
  'UNKNOWN_PRODUCER_ID',
]);

interface Pending {
  readonly topic: string;
  readonly messages: Message[];
  readonly bytes: number;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Publishes our own messages (`cde.*`) as JSON, acknowledged by all in-sync replicas. Whoever owns it connects and
 * disconnects it (`@cde/platform/service` does, after the work that publishes has stopped).
 *
 * One produce request at a time: kafkajs' idempotent producer numbers a partition's batches when it builds a
 * request, so two requests in flight at once (two partitions' handlers, background syncs) can reach the broker
 * out of order after a retry, and the producer is then stuck. Publishes that arrive while a request is in flight
 * are sent together in the next one (bounded by `maxRequestBytes`, a little under the topics' `max.message.bytes`,
 * so no record batch passes it), so serial sends cost little. A message larger than that on its own is refused
 * before it reaches the broker (which would answer MESSAGE_TOO_LARGE, not retriable, and block the partition's work
 * for good). A producer the broker fenced is replaced; the publishes that failed with it reject, and their callers
 * retry.
 */
export class KafkaPublisher {
  private producer: Producer;
  private connecting: Promise<void> | undefined;
  private readonly queue: Pending[] = [];
  private sending = false;
  /** The sizes this publisher keeps to: from `CDE_KAFKA_MAX_MESSAGE_BYTES` (ADR 0018). */
  readonly limits: MessageLimits;

  constructor(
    private readonly kafka: Kafka,
    private readonly logger?: Logger,
    /** The topics' `max.message.bytes`; default 4 MiB. */
    maxMessageBytes?: number,
  ) {
    this.limits = messageLimitsOf(maxMessageBytes);
    this.producer = kafka.producer(IDEMPOTENT_PRODUCER);
  }

  /** Whether a JSON message of this key and value fits one request (else `publish` refuses it). */
  fits(key: string, value: unknown): boolean {
    return publishedBytes(key, value) <= this.limits.maxRequestBytes;
  }

  async connect(): Promise<void> {
    this.connecting ??= this.producer.connect().catch((error: unknown) => {
      this.connecting = undefined;
      throw error;
    });
    await this.connecting;
  }

  async disconnect(): Promise<void> {
    if (this.connecting === undefined) return;
    this.connecting = undefined;
    await this.producer.disconnect();
  }

  /**
   * Sends the messages to one topic and resolves once every replica has them. Per key (same partition) they keep
   * their order. The topic says what its messages carry: `publish(Topics.feed('products'), items)`.
   */
  async publish<Payload>(
    topic: Topic<Payload>,
    messages: readonly PublishMessage<NoInfer<Payload>>[],
  ): Promise<void> {
    await this.publishJson(
      topic,
      messages.map((m) => ({
        key: m.key,
        json: jsonText(m.value),
        ...(m.headers && { headers: m.headers }),
      })),
    );
  }

  /** `publish` of payloads written as JSON already (`jsonText`). */
  async publishJson<Payload>(
    topic: Topic<Payload>,
    messages: readonly PublishJsonMessage<NoInfer<Payload>>[],
  ): Promise<void> {
    if (messages.length === 0) return;
    await this.send(
      topic,
      messages.map((m) => ({ key: m.key, value: m.json, headers: m.headers && { ...m.headers } })),
    );
  }

  /** A null value for `key`: on a compacted topic, compaction then removes the key altogether. */
  async publishTombstone(topic: Topic<unknown>, key: string): Promise<void> {
    await this.send(topic, [{ key, value: null }]);
  }

  private send(topic: string, messages: Message[]): Promise<void> {
    const limit = this.limits.maxRequestBytes;
    const tooLarge = messages.find((m) => sizeOf(m) > limit);
    if (tooLarge !== undefined) {
      return Promise.reject(new MessageTooLargeError(topic, String(tooLarge.key), sizeOf(tooLarge), limit));
    }
    return new Promise<void>((resolve, reject) => {
      this.queue.push({
        topic,
        messages,
        bytes: messages.reduce((n, m) => n + sizeOf(m), 0),
        resolve,
        reject,
      });
      void this.drain();
    });
  }

  /** Sends what is queued, one request at a time, each as full as the byte bound allows. */
  private async drain(): Promise<void> {
    if (this.sending) return;
    this.sending = true;
    try {
      while (this.queue.length > 0) {
        const request = takeRequest(this.queue, this.limits.maxRequestBytes);
        try {
          await this.connect();
          await this.producer.sendBatch({
            topicMessages: request.parts.map((p) => ({ topic: p.topic, messages: p.messages })),
            acks: -1,
          });
          for (const done of request.completes) done.resolve();
          this.logger?.debug({ messages: request.count, bytes: request.bytes }, 'published');
        } catch (error) {
          for (const pending of request.owners) pending.reject(error);
          // The rest of a split publish must not go out without its head: fail it too.
          for (const pending of request.owners) removeFrom(this.queue, pending);
          if (isFenced(error)) await this.replaceProducer(error);
        }
      }
    } finally {
      this.sending = false;
    }
  }

  private async replaceProducer(cause: unknown): Promise<void> {
    this.logger?.warn(
      { err: cause },
      'the broker fenced the idempotent producer (sequence out of step); starting a fresh one',
    );
    const old = this.producer;
    this.connecting = undefined;
    this.producer = this.kafka.producer(IDEMPOTENT_PRODUCER);
    await old.disconnect().catch(() => undefined);
  }
}

interface Request {
  readonly parts: { topic: string; messages: Message[] }[];
  /** Publishes that finish with this request (all their messages are in it). */
  readonly completes: Pending[];
  /** Publishes with messages in this request (a large one spans several). */
  readonly owners: Pending[];
  readonly count: number;
  readonly bytes: number;
}

/**
 * The next request from the head of the queue: whole publishes while they fit, and a publish too large for one
 * request in slices (its head first; it stays at the head of the queue until its last slice is taken).
 */
export function takeRequest(queue: Pending[], maxBytes: number): Request {
  const parts: { topic: string; messages: Message[] }[] = [];
  const completes: Pending[] = [];
  const owners: Pending[] = [];
  let bytes = 0;
  let count = 0;
  while (queue.length > 0) {
    const head = queue[0]!;
    if (bytes > 0 && bytes + head.bytes > maxBytes) break;
    if (bytes === 0 && head.bytes > maxBytes) {
      // Too large for one request: take as many of its messages as fit (at least one).
      const slice: Message[] = [];
      let sliceBytes = 0;
      while (head.messages.length > 0) {
        const size = sizeOf(head.messages[0]!);
        if (slice.length > 0 && sliceBytes + size > maxBytes) break;
        slice.push(head.messages.shift()!);
        sliceBytes += size;
      }
      (head as { bytes: number }).bytes -= sliceBytes;
      parts.push({ topic: head.topic, messages: slice });
      owners.push(head);
      if (head.messages.length === 0) {
        queue.shift();
        completes.push(head);
      }
      return { parts, completes, owners, count: slice.length, bytes: sliceBytes };
    }
    queue.shift();
    parts.push({ topic: head.topic, messages: head.messages });
    completes.push(head);
    owners.push(head);
    bytes += head.bytes;
    count += head.messages.length;
  }
  return { parts, completes, owners, count, bytes };
}

function sizeOf(message: Message): number {
  const value = message.value;
  const key = message.key;
  let size = 64;
  if (typeof value === 'string') size += Buffer.byteLength(value);
  else if (value) size += value.length;
  if (typeof key === 'string') size += Buffer.byteLength(key);
  else if (key) size += key.length;
  for (const [k, v] of Object.entries(message.headers ?? {}))
    size += k.length + (typeof v === 'string' ? Buffer.byteLength(v) : (v?.length ?? 0));
  return size;
}

function removeFrom(queue: Pending[], pending: Pending): void {
  const index = queue.indexOf(pending);
  if (index >= 0) queue.splice(index, 1);
}

function isFenced(error: unknown): boolean {
  const type = (error as { type?: unknown; cause?: { type?: unknown } } | null)?.type;
  return typeof type === 'string' && PRODUCER_FENCED.has(type);
}
