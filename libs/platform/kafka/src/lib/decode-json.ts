import { KafkaTransportCode, type Topic } from '@cde/contracts';
import { PoisonMessageError } from './poison-message.error';

/** The parts of a message the decoder needs; a `KafkaBatchMessage` fits. */
export interface JsonMessage {
  readonly offset: string;
  readonly value: Buffer | string | null;
}

/** A null value: a delete marker on a compacted topic, not a payload. */
export function isTombstone(message: JsonMessage): boolean {
  return message.value === null;
}

/**
 * Parses the value of a message on one of our own topics (`cde.*`) as the payload `topic` carries. Producers
 * share the type through `@cde/contracts`, so the shape is trusted; what is checked is that it is a JSON object.
 * Throws {@link PoisonMessageError} otherwise, which the transport dead-letters. Check {@link isTombstone} first
 * on compacted topics.
 */
export function decodeJson<Payload>(_topic: Topic<Payload>, message: JsonMessage): Payload {
  if (message.value === null || message.value.length === 0) {
    throw new PoisonMessageError(message.offset, KafkaTransportCode.EmptyValue, 'the message has no value');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(message.value.toString());
  } catch (error) {
    throw new PoisonMessageError(
      message.offset,
      KafkaTransportCode.MalformedJson,
      `the value is not JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new PoisonMessageError(
      message.offset,
      KafkaTransportCode.MalformedJson,
      `the value is JSON but not an object (${parsed === null ? 'null' : Array.isArray(parsed) ? 'array' : typeof parsed})`,
    );
  }
  return parsed as Payload;
}
