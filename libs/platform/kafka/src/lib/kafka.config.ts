import { z } from 'zod';

/** `CDE_KAFKA_BROKERS`: what any Kafka client of ours reads (services, the CLI). */
export const kafkaClientEnvSchema = z.object({
  /** `host:port` list, comma separated. */
  CDE_KAFKA_BROKERS: z
    .string()
    .min(1)
    .default('127.0.0.1:9092')
    .transform((s) => s.split(',').map((b) => b.trim())),
});

export interface KafkaConsumerDefaults {
  /** Partitions one process works on at once: what suits the service's handlers. */
  readonly partitionsConsumedConcurrently: number;
}

/** The `CDE_KAFKA_*` variables of a service that consumes (every feed service and the exporter). */
export function kafkaConsumerEnvSchema(defaults: KafkaConsumerDefaults) {
  return kafkaClientEnvSchema.extend({
    /** Defaults to the service name: one consumer group per deployable. */
    CDE_KAFKA_CONSUMER_GROUP: z
      .string()
      .regex(/^[A-Za-z0-9._-]+$/)
      .optional(),
    CDE_KAFKA_PARTITIONS_CONSUMED_CONCURRENTLY: z.coerce
      .number()
      .int()
      .min(1)
      .max(64)
      .default(defaults.partitionsConsumedConcurrently),
    /** Bounds what one handler call takes from a partition. */
    CDE_KAFKA_MAX_BYTES_PER_PARTITION: z.coerce
      .number()
      .int()
      .min(16 * 1024)
      .max(64 * 1024 * 1024)
      .default(1024 * 1024),
  });
}

export type KafkaConsumerEnv = z.infer<ReturnType<typeof kafkaConsumerEnvSchema>>;

/** How a service consumes: the transport's settings from the environment. */
export interface KafkaConsumerConfig {
  readonly brokers: readonly string[];
  readonly consumerGroup: string;
  readonly partitionsConsumedConcurrently: number;
  readonly maxBytesPerPartition: number;
}

export function kafkaConsumerConfigFrom(env: KafkaConsumerEnv, service: string): KafkaConsumerConfig {
  return {
    brokers: env.CDE_KAFKA_BROKERS,
    consumerGroup: env.CDE_KAFKA_CONSUMER_GROUP ?? service,
    partitionsConsumedConcurrently: env.CDE_KAFKA_PARTITIONS_CONSUMED_CONCURRENTLY,
    maxBytesPerPartition: env.CDE_KAFKA_MAX_BYTES_PER_PARTITION,
  };
}
