import { KafkaTransportCode, type Topic } from '@cde/contracts';
import type { KafkaBatchMessage, PoisonMessage } from './kafka-batch';

/** The parts of a message the decoder needs; a `KafkaBatchMessage` fits. */
export interface JsonMessage {
  readonly offset: string;
  readonly value: Buffer | string | null;
}

/** A message read as a value, or why it is poison: a message no retry will ever make usable. */
export type Decoded<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly poison: PoisonMessage };

/** A null value: a delete marker on a compacted topic, not a payload. */
export function isTombstone(message: JsonMessage): boolean {
  return message.value === null;
}

/** The message at `offset` is poison, for `code` and `reason`. */
export function poisonAt(offset: string, code: string, reason: string): Decoded<never> {
  return { ok: false, poison: { offset, code, reason } };
}

/**
 * Parses the value of a message on one of our own topics (`cde.*`) as the payload `topic` carries. Producers
 * share the type through `@cde/contracts`, so the shape is trusted; what is checked is that it is a JSON object.
 * Anything else is poison (`CDE11-03`, or `CDE11-04` for an empty value: check {@link isTombstone} first on
 * compacted topics).
 */
export function decodeJson<Payload>(_topic: Topic<Payload>, message: JsonMessage): Decoded<Payload> {
  if (message.value === null || message.value.length === 0) {
    return poisonAt(message.offset, KafkaTransportCode.EmptyValue, 'the message has no value');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(message.value.toString());
  } catch (error) {
    return poisonAt(
      message.offset,
      KafkaTransportCode.MalformedJson,
      `the value is not JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return poisonAt(
      message.offset,
      KafkaTransportCode.MalformedJson,
      `the value is JSON but not an object (${parsed === null ? 'null' : Array.isArray(parsed) ? 'array' : typeof parsed})`,
    );
  }
  return { ok: true, value: parsed as Payload };
}

/** What {@link readBatch} made of a batch. */
export interface ReadBatch<T> {
  /** The usable messages with their values, in offset order. */
  readonly values: { readonly message: KafkaBatchMessage; readonly value: T }[];
  /** The rest: what the handler returns as `BatchOutcome.poison`. */
  readonly poison: PoisonMessage[];
}

/**
 * Reads every message of a batch with `read`, tombstones skipped. The messages it cannot use come back as the
 * batch's poison, which the handler returns in its `BatchOutcome`: the one way to send a message to the
 * dead-letter topic.
 */
export function readBatch<T>(
  messages: readonly KafkaBatchMessage[],
  read: (message: KafkaBatchMessage) => Decoded<T>,
): ReadBatch<T> {
  const values: { message: KafkaBatchMessage; value: T }[] = [];
  const poison: PoisonMessage[] = [];
  for (const message of messages) {
    if (isTombstone(message)) continue;
    const decoded = read(message);
    if (decoded.ok) values.push({ message, value: decoded.value });
    else poison.push(decoded.poison);
  }
  return { values, poison };
}
