import { Kafka, logLevel, type logCreator } from 'kafkajs';
import type { Logger } from 'pino';

export interface KafkaClientOptions {
  readonly brokers: readonly string[];
  /** The deployable's name (`products-feed`), so broker logs and quotas name the service. */
  readonly clientId: string;
  readonly logger: Logger;
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
  });
}

/** kafkajs' own level filter, so it does not build debug entries that pino would drop. */
export function kafkaLogLevelOf(logger: Logger): logLevel {
  if (logger.isLevelEnabled('debug')) return logLevel.DEBUG;
  if (logger.isLevelEnabled('info')) return logLevel.INFO;
  if (logger.isLevelEnabled('warn')) return logLevel.WARN;
  if (logger.isLevelEnabled('error')) return logLevel.ERROR;
  return logLevel.NOTHING;
}

/** Routes kafkajs log entries to pino: one JSON record each, kafkajs' namespace and details as fields. */
export function pinoLogCreator(logger: Logger): logCreator {
  const kafkaLogger = logger.child({ component: 'kafkajs' });
  return () =>
    ({ namespace, level, log }) => {
      const { message, timestamp: _timestamp, ...details } = log;
      const fields: Record<string, unknown> = { namespace, ...details };
      switch (level) {
        case logLevel.ERROR:
          kafkaLogger.error(fields, message);
          return;
        case logLevel.WARN:
          kafkaLogger.warn(fields, message);
          return;
        case logLevel.INFO:
          kafkaLogger.info(fields, message);
          return;
        case logLevel.DEBUG:
          kafkaLogger.debug(fields, message);
          return;
        case logLevel.NOTHING:
          return;
      }
    };
}
