import { KafkaTransportCode } from '@cde/contracts';

/** Why Kafka refused a client: its credentials, or its ACLs. Neither gets better by retrying. */
export interface KafkaAccessFailure {
  readonly code: typeof KafkaTransportCode.AuthenticationFailed | typeof KafkaTransportCode.NotAuthorized;
  /** One line for the log: what was refused, in Kafka's words. */
  readonly reason: string;
}

/** Broker error types (kafkajs' `KafkaJSProtocolError.type`) that mean the credentials were refused. */
const AUTHENTICATION_ERRORS = new Set([
  'SASL_AUTHENTICATION_FAILED',
  'UNSUPPORTED_SASL_MECHANISM',
  'ILLEGAL_SASL_STATE',
]);

/** … and those that mean the ACLs deny the operation. */
const AUTHORIZATION_ERRORS = new Set([
  'TOPIC_AUTHORIZATION_FAILED',
  'GROUP_AUTHORIZATION_FAILED',
  'CLUSTER_AUTHORIZATION_FAILED',
  'TRANSACTIONAL_ID_AUTHORIZATION_FAILED',
  'DELEGATION_TOKEN_AUTHORIZATION_FAILED',
]);

/** kafkajs wraps what the broker answered (retries exhausted, a non-retriable rethrow) in `cause`. */
const MAX_CAUSES = 8;

/**
 * The access failure behind a kafkajs error, if that is what it is: a SASL handshake the broker refused
 * (`KafkaJSSASLAuthenticationError`, CDE11-14) or an operation its authorizer denied (`*_AUTHORIZATION_FAILED`,
 * CDE11-15), however deep kafkajs wrapped it. Anything else: undefined.
 */
export function kafkaAccessFailureOf(error: unknown): KafkaAccessFailure | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < MAX_CAUSES && current instanceof Error; depth++) {
    const type = 'type' in current && typeof current.type === 'string' ? current.type : undefined;
    if (current.name === 'KafkaJSSASLAuthenticationError' || (type && AUTHENTICATION_ERRORS.has(type))) {
      return { code: KafkaTransportCode.AuthenticationFailed, reason: current.message };
    }
    if (type && AUTHORIZATION_ERRORS.has(type)) {
      return { code: KafkaTransportCode.NotAuthorized, reason: `${type}: ${current.message}` };
    }
    current = current.cause;
  }
  return undefined;
}
