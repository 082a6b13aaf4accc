import { KafkaTransportCode } from '@cde/contracts';
import { Kafka, logLevel, type KafkaConfig, type logCreator, type SASLOptions } from 'kafkajs';
import type { Logger } from 'pino';
import type { KafkaSecurity } from './kafka.config';

export interface KafkaClientOptions {
  readonly brokers: readonly string[];
  /** The deployable's name (`products-feed`), so broker logs and quotas name the service. */
  readonly clientId: string;
  readonly logger: Logger;
  /** TLS, SASL or both (`CDE_KAFKA_SECURITY_PROTOCOL`…); unset: plaintext. */
  readonly security?: KafkaSecurity;
}

/**
 * Retries of broker requests: about 70 s in all (300 ms doubling to 30 s), long enough to ride out a broker
 * restart or a leader election, short enough that a dead cluster surfaces as an error and not a hang.
 */
export const KAFKA_RETRY = {
  initialRetryTime: 300,
  maxRetryTime: 30_000,
  retries: 8,
  factor: 0.2,
  multiplier: 2,
};

/** A kafkajs client whose logs go to the service's pino logger. */
export function createKafka(options: KafkaClientOptions): Kafka {
  return new Kafka({
    clientId: options.clientId,
    brokers: [...options.brokers],
    logLevel: kafkaLogLevelOf(options.logger),
    logCreator: pinoLogCreator(options.logger),
    connectionTimeout: 3_000,
    requestTimeout: 30_000,
    retry: KAFKA_RETRY,
    ...kafkaSecurityOptions(options.security),
  });
}

/** The kafkajs options of a security setting: `ssl` for SSL and SASL_SSL, `sasl` for SASL_*. */
export function kafkaSecurityOptions(security: KafkaSecurity | undefined): Pick<KafkaConfig, 'ssl' | 'sasl'> {
  if (security === undefined || security.protocol === 'PLAINTEXT') return {};
  const { tls, sasl } = security;
  const ssl: KafkaConfig['ssl'] =
    tls === undefined
      ? undefined
      : tls.ca === undefined && tls.cert === undefined
        ? true
        : {
            ...(tls.ca === undefined ? {} : { ca: [tls.ca] }),
            ...(tls.cert === undefined ? {} : { cert: tls.cert, key: tls.key }),
          };
  return {
    ...(ssl === undefined ? {} : { ssl }),
    ...(sasl === undefined ? {} : { sasl: saslOptionsOf(sasl) }),
  };
}

function saslOptionsOf(sasl: NonNullable<KafkaSecurity['sasl']>): SASLOptions {
  const { username, password } = sasl;
  switch (sasl.mechanism) {
    case 'SCRAM-SHA-512':
      return { mechanism: 'scram-sha-512', username, password };
    case 'SCRAM-SHA-256':
      return { mechanism: 'scram-sha-256', username, password };
    case 'PLAIN':
      return { mechanism: 'plain', username, password };
  }
}

/** kafkajs' own level filter, so it does not build debug entries that pino would drop. */
export function kafkaLogLevelOf(logger: Logger): logLevel {
  if (logger.isLevelEnabled('debug')) return logLevel.DEBUG;
  if (logger.isLevelEnabled('info')) return logLevel.INFO;
  if (logger.isLevelEnabled('warn')) return logLevel.WARN;
  if (logger.isLevelEnabled('error')) return logLevel.ERROR;
  return logLevel.NOTHING;
}

/**
 * Broker answers kafkajs logs as connection errors though it retries them itself: leadership moving (topics
 * created a moment ago, a broker restart) and a topic another service created first. They are warnings, not
 * errors; if the retries run out, the caller's own error says so.
 */
const RETRIABLE_BROKER_ERRORS = new Set([
  'This server is not the leader for that topic-partition',
  'This server does not host this topic-partition',
  'There is no leader for this topic-partition as we are in the middle of a leadership election',
  'Topic creation errors',
]);

/** The pino level of each kafkajs level that logs (NOTHING does not). */
const PINO_LEVELS = new Map<logLevel, 'error' | 'warn' | 'info' | 'debug'>([
  [logLevel.ERROR, 'error'],
  [logLevel.WARN, 'warn'],
  [logLevel.INFO, 'info'],
  [logLevel.DEBUG, 'debug'],
]);

/** Routes kafkajs log entries to pino: one JSON record each, kafkajs' namespace and details as fields. */
export function pinoLogCreator(logger: Logger): logCreator {
  const kafkaLogger = logger.child({ component: 'kafkajs' });
  return () =>
    ({ namespace, level: kafkaLevel, log }) => {
      const { message, timestamp: _timestamp, ...details } = log;
      const fields: Record<string, unknown> = { namespace, ...details };
      const retriable =
        kafkaLevel === logLevel.ERROR &&
        namespace === 'Connection' &&
        typeof details['error'] === 'string' &&
        RETRIABLE_BROKER_ERRORS.has(details['error']);
      if (retriable) fields['retriable'] = true;
      // kafkajs' SASL authenticators log the broker refusing the credentials (their namespace names the mechanism).
      if (kafkaLevel === logLevel.ERROR && namespace.startsWith('SaslAuthenticator')) {
        fields['code'] = KafkaTransportCode.AuthenticationFailed;
      }
      const level = PINO_LEVELS.get(retriable ? logLevel.WARN : kafkaLevel);
      if (level) kafkaLogger[level](fields, message);
    };
}
