/**
 * Log codes of the change-capture group (`CDE10-nn`). Each names one way a message from Debezium can be
 * unusable; the consumer logs the code and sends the message to its dead-letter topic.
 */
export const CdcErrorCode = {
  /** The message value (or key) is not valid JSON. */
  MalformedJson: 'CDE10-01',
  /** The value is JSON but not a Debezium change-event envelope. */
  InvalidEnvelope: 'CDE10-02',
  /** `op` is not one of c, u, d, r (e.g. a truncate `t` or a message `m`, which we do not capture). */
  UnsupportedOperation: 'CDE10-03',
  /** The envelope contradicts its op: an insert without `after`, a delete without `before`. */
  InconsistentEnvelope: 'CDE10-04',
  /** The key is missing or not an object of primary-key columns. */
  InvalidKey: 'CDE10-05',
  /** The topic name is not `<prefix>.<database>.<table>`. */
  InvalidTopic: 'CDE10-06',
  /** A row does not match the shape its consumer declared. */
  InvalidRow: 'CDE10-07',
} as const;

export type CdcErrorCode = (typeof CdcErrorCode)[keyof typeof CdcErrorCode];

/** Where a message sat in Kafka, so an error can point at it. */
export interface CdcMessageOrigin {
  readonly topic: string;
  readonly partition?: number;
  readonly offset?: string;
}

/** A message that cannot be decoded. Never retried: the consumer dead-letters it and commits. */
export class CdcDecodeError extends Error {
  override readonly name = 'CdcDecodeError';

  constructor(
    readonly code: CdcErrorCode,
    readonly reason: string,
    readonly origin: CdcMessageOrigin,
  ) {
    super(`${code} ${reason} (topic ${origin.topic}${formatPosition(origin)})`);
  }
}

function formatPosition(origin: CdcMessageOrigin): string {
  if (origin.partition === undefined) return '';
  return ` partition ${origin.partition}${origin.offset === undefined ? '' : ` offset ${origin.offset}`}`;
}
