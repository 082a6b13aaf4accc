export * from './lib/dead-letter';
export * from './lib/decode-json';
export * from './lib/kafka-batch';
export * from './lib/kafka-batch.transport';
export * from './lib/kafka.client';
export * from './lib/kafka.publisher';
export * from './lib/on-kafka-batch.decorator';
export * from './lib/topic-specs';
