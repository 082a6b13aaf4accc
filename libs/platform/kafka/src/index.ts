export * from './lib/dead-letter';
export * from './lib/decode-json';
export * from './lib/kafka-access';
export * from './lib/kafka-batch';
export * from './lib/kafka.client';
export * from './lib/kafka.config';
export * from './lib/kafka.publisher';
export * from './lib/message-limits';
export * from './lib/on-kafka-batch.decorator';
export { subscribeRetrying } from './lib/subscribe';
export * from './lib/topic-specs';
export * from './lib/transport/kafka-batch.transport';
export {
  DEFAULT_RETRY_BACKOFF,
  HANDLER_TIMEOUT_MS,
  SHUTDOWN_TIMEOUT_MS,
  type KafkaBatchTransportOptions,
} from './lib/transport/transport-settings';
