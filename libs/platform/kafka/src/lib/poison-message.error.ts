/**
 * A message that can never be used, whatever is retried (malformed, or a row that breaks an invariant).
 * Thrown by a batch handler for one message: the transport dead-letters that message, runs the handler again
 * on the rest of the batch, and commits. Any other error is transient and retried.
 */
export class PoisonMessageError extends Error {
  override readonly name = 'PoisonMessageError';

  constructor(
    /** The Kafka offset of the message within the batch's partition. */
    readonly offset: string,
    /** A `CDEgg-nn` code that names the failure. */
    readonly code: string,
    readonly reason: string,
  ) {
    super(`${code} ${reason} (offset ${offset})`);
  }
}
