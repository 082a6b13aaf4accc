import { KafkaTransportCode } from '@cde/contracts';
import {
  KafkaJSConnectionError,
  KafkaJSNonRetriableError,
  KafkaJSNumberOfRetriesExceeded,
  KafkaJSProtocolError,
  KafkaJSSASLAuthenticationError,
} from 'kafkajs';
import { kafkaAccessFailureOf } from './kafka-access';

/** A broker answer as kafkajs raises it. */
const protocolError = (type: string, message: string) =>
  new KafkaJSProtocolError(Object.assign(new Error(message), { type, code: 0 }));

describe('kafkaAccessFailureOf', () => {
  it('names refused credentials CDE11-14', () => {
    const refused = new (KafkaJSSASLAuthenticationError as new (message: string) => Error)(
      'SASL SCRAM SHA512 authentication failed: invalid credentials',
    );
    expect(kafkaAccessFailureOf(refused)).toEqual({
      code: KafkaTransportCode.AuthenticationFailed,
      reason: 'SASL SCRAM SHA512 authentication failed: invalid credentials',
    });
    expect(kafkaAccessFailureOf(protocolError('UNSUPPORTED_SASL_MECHANISM', 'no such mechanism'))?.code).toBe(
      KafkaTransportCode.AuthenticationFailed,
    );
  });

  it('names an operation the ACLs deny CDE11-15, however deep kafkajs wrapped it', () => {
    const denied = protocolError('TOPIC_AUTHORIZATION_FAILED', 'Not authorized to access topics');
    // What kafkajs' retrier rethrows: the broker's message, the answer itself as the cause.
    const wrapped = Object.assign(new KafkaJSNonRetriableError(denied), { cause: denied });
    expect(kafkaAccessFailureOf(wrapped)).toEqual({
      code: KafkaTransportCode.NotAuthorized,
      reason: 'TOPIC_AUTHORIZATION_FAILED: Not authorized to access topics',
    });
    const group = protocolError('GROUP_AUTHORIZATION_FAILED', 'Not authorized to access group');
    expect(
      kafkaAccessFailureOf(new KafkaJSNumberOfRetriesExceeded(group, { retryCount: 5, retryTime: 1_000 }))
        ?.code,
    ).toBe(KafkaTransportCode.NotAuthorized);
  });

  it('leaves every other failure alone', () => {
    expect(kafkaAccessFailureOf(new KafkaJSConnectionError('Connection timeout'))).toBeUndefined();
    expect(kafkaAccessFailureOf(protocolError('UNKNOWN_TOPIC_OR_PARTITION', 'gone'))).toBeUndefined();
    expect(kafkaAccessFailureOf('a string')).toBeUndefined();
    expect(kafkaAccessFailureOf(undefined)).toBeUndefined();
  });
});
