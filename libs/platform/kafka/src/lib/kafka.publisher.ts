import type { TopicKind, TopicPayload } from '@cde/contracts';
import type { OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { type Kafka, type Message, Partitioners, type Producer, type ProducerConfig } from 'kafkajs';
import type { Logger } from 'pino';

/**
 * The producer settings of every service: idempotent (no duplicates from retries, per-partition order kept),
 * one request in flight, and kafkajs' unlimited retries for idempotence, which it warns against limiting; a
 * caller is bounded by its handler timeout instead. The Java-compatible partitioner puts a key on the same
 * partition as any other client would.
 */
export const IDEMPOTENT_PRODUCER: ProducerConfig = {
  idempotent: true,
  maxInFlightRequests: 1,
  allowAutoTopicCreation: false,
  createPartitioner: Partitioners.DefaultPartitioner,
  retry: { retries: Number.MAX_SAFE_INTEGER },
};

export interface PublishMessage<K extends TopicKind> {
  readonly key: string;
  readonly value: TopicPayload<K>;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * Publishes our own messages (`cde.*`) as JSON, acknowledged by all in-sync replicas. As a Nest provider
 * (`useFactory: () => new KafkaPublisher(kafka, logger)`) it connects on module init and disconnects on
 * application shutdown, which Nest runs after the transport has finished its in-flight batches.
 */
export class KafkaPublisher implements OnModuleInit, OnApplicationShutdown {
  private readonly producer: Producer;
  private connecting: Promise<void> | undefined;

  constructor(
    kafka: Kafka,
    private readonly logger?: Logger,
  ) {
    this.producer = kafka.producer(IDEMPOTENT_PRODUCER);
  }

  async connect(): Promise<void> {
    this.connecting ??= this.producer.connect().catch((error: unknown) => {
      this.connecting = undefined;
      throw error;
    });
    await this.connecting;
  }

  async disconnect(): Promise<void> {
    if (this.connecting === undefined) return;
    this.connecting = undefined;
    await this.producer.disconnect();
  }

  async onModuleInit(): Promise<void> {
    await this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.disconnect();
  }

  /**
   * Sends the messages to one topic and resolves once every replica has them. Per key (same partition) they keep
   * their order. `K` names what the topic carries: `publish<'feed'>(Topics.feed('products'), items)`.
   */
  async publish<K extends TopicKind>(topic: string, messages: readonly PublishMessage<K>[]): Promise<void> {
    if (messages.length === 0) return;
    await this.send(
      topic,
      messages.map((m) => ({
        key: m.key,
        value: JSON.stringify(m.value),
        headers: m.headers && { ...m.headers },
      })),
    );
  }

  /** A null value for `key`: on a compacted topic, compaction then removes the key altogether. */
  async publishTombstone(topic: string, key: string): Promise<void> {
    await this.send(topic, [{ key, value: null }]);
  }

  private async send(topic: string, messages: Message[]): Promise<void> {
    await this.connect();
    await this.producer.send({ topic, messages, acks: -1 });
    this.logger?.debug({ topic, messages: messages.length }, 'published');
  }
}
