/**
 * Log codes of the Kafka transport group (`CDE11-nn`), documented in the README. Poison codes (03, 04) travel
 * in the `cde-code` header of dead-lettered messages; the others name what the transport did and why.
 */
export const KafkaTransportCode = {
  /** A handler failed with a transient error: nothing was committed, the same batch is retried after a backoff. */
  TransientFailure: 'CDE11-01',
  /** A message was dead-lettered (poison) and will be committed with its batch. */
  DeadLettered: 'CDE11-02',
  /** The value of a message on one of our own topics is not a JSON object. */
  MalformedJson: 'CDE11-03',
  /** The value is empty (a tombstone) where a payload was expected. */
  EmptyValue: 'CDE11-04',
  /** A handler reported a poison offset that is not in its batch; treated as transient so nothing is skipped. */
  UnknownPoisonOffset: 'CDE11-05',
  /** Dead-lettering or committing a finished batch failed; retried without running the handler again. */
  CommitFailed: 'CDE11-06',
  /** A handler ran longer than `handlerTimeoutMs`: it cannot be cancelled safely, so the process exits. */
  HandlerTimeout: 'CDE11-07',
  /** Messages are waiting but no batch completed within `stallTimeoutMs`: the process exits. */
  Stalled: 'CDE11-08',
  /** The consumer crashed and kafkajs will not restart it (e.g. auth or config errors): the process exits. */
  Crashed: 'CDE11-09',
  /** The consumer crashed on a retriable error; kafkajs restarts it. */
  Restarting: 'CDE11-10',
  /** Shutdown did not finish within `shutdownTimeoutMs`; the in-flight batch stays uncommitted and is redone. */
  ShutdownTimeout: 'CDE11-11',
  /** The transport cannot start: bad options, no handler or two for a topic, or Kafka unreachable at boot. */
  InvalidSetup: 'CDE11-12',
  /** A heartbeat failed while a handler ran (usually a rebalance); the batch's commit may fail and be redone. */
  HeartbeatFailed: 'CDE11-13',
} as const;

export type KafkaTransportCode = (typeof KafkaTransportCode)[keyof typeof KafkaTransportCode];
