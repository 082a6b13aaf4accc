/**
 * The one Kafka size limit of a deployment (`CDE_KAFKA_MAX_MESSAGE_BYTES`, ADR 0018): what our topics accept as
 * one record batch (`max.message.bytes`), what the publisher puts in one produce request (a little under it) and
 * what every consumer of those topics fetches per partition (at least it). A productAttributes item of an attribute
 * with 30,000 options takes about 1.5 MB per store view, over the broker's 1 MiB default; 4 MiB leaves room.
 */
export const DEFAULT_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

/** The smallest limit we accept: Kafka's own default (1 MiB plus the record batch header). */
export const MIN_MAX_MESSAGE_BYTES = 1024 * 1024;

/** The largest: beyond it one item is better split by the feed than carried whole by every fetch and replica. */
export const MAX_MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

/** Sizes derived from the limit, so that producers, topics and consumers agree by construction. */
export interface MessageLimits {
  /** The topics' `max.message.bytes`: the largest record batch the broker takes. */
  readonly maxMessageBytes: number;
  /**
   * Bytes (as the publisher counts them) of one produce request at most, and so of one record batch: the limit
   * less room for the batch's framing and the error of our count. A message larger than this is refused.
   */
  readonly maxRequestBytes: number;
  /** What a consumer fetches per partition at least: a whole record batch, or the partition would stall. */
  readonly minFetchBytesPerPartition: number;
}

export function messageLimitsOf(maxMessageBytes: number = DEFAULT_MAX_MESSAGE_BYTES): MessageLimits {
  if (!Number.isInteger(maxMessageBytes) || maxMessageBytes < MIN_MAX_MESSAGE_BYTES) {
    throw new Error(
      `a Kafka message limit must be an integer of at least ${MIN_MAX_MESSAGE_BYTES} bytes, got ${maxMessageBytes}`,
    );
  }
  // 1/64 of the limit (64 KiB of 4 MiB), at least 16 KiB: a record batch's header is 61 bytes and each record's
  // framing a few, while our count adds 64 bytes per message, so the margin is never used up by framing alone.
  const margin = Math.max(16 * 1024, Math.floor(maxMessageBytes / 64));
  return {
    maxMessageBytes,
    maxRequestBytes: maxMessageBytes - margin,
    minFetchBytesPerPartition: maxMessageBytes,
  };
}
