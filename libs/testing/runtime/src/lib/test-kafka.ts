import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type KafkaMessage } from 'kafkajs';
import { loadRuntimeConfig } from './runtime.config';

/** A kafkajs client on the local broker, quiet unless something is wrong. */
export function testKafka(clientId = 'cde-test'): Kafka {
  return new Kafka({ clientId, brokers: [...loadRuntimeConfig().kafkaBrokers], logLevel: logLevel.ERROR });
}

/** A name no other test run uses (topics, consumer groups). */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

export interface CollectedMessage {
  readonly topic: string;
  readonly partition: number;
  readonly message: KafkaMessage;
}

export interface CollectOptions {
  readonly topic: string;
  /** Stop as soon as this holds for the messages so far. */
  readonly until: (messages: readonly CollectedMessage[]) => boolean;
  readonly timeoutMs: number;
  readonly fromBeginning?: boolean;
  /** Runs once the consumer has joined its group and is fetching, e.g. to make the change under test. */
  readonly whenReady?: () => Promise<void>;
}

/** Waits (bounded) until a topic exists with a leader for every partition, e.g. one Debezium creates on first write. */
export async function waitForTopic(kafka: Kafka, topic: string, timeoutMs: number): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      const topics = await admin.listTopics();
      if (topics.includes(topic)) {
        const meta = await admin.fetchTopicMetadata({ topics: [topic] }).catch(() => undefined);
        const partitions = meta?.topics[0]?.partitions ?? [];
        if (partitions.length > 0 && partitions.every((p) => p.leader >= 0)) return;
      }
      if (Date.now() > deadline) throw new Error(`topic ${topic} did not appear within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } finally {
    await admin.disconnect();
  }
}

/**
 * Reads a topic with a fresh consumer group until `until` holds or the time is up, then returns what it saw.
 * Bounded in time; never throws on timeout, so the test's assertion says what was missing.
 */
export async function collectMessages(kafka: Kafka, options: CollectOptions): Promise<CollectedMessage[]> {
  const groupId = uniqueName('cde-test-collector');
  // A whole record batch of the feed topics per partition (their max.message.bytes, CDE_KAFKA_MAX_MESSAGE_BYTES'
  // 4 MiB default): kafkajs' 1 MiB would get larger batches cut short and make no progress on their partition.
  const consumer = kafka.consumer({ groupId, sessionTimeout: 10_000, maxBytesPerPartition: 4 * 1024 * 1024 });
  const seen: CollectedMessage[] = [];
  let done!: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const timer = setTimeout(done, options.timeoutMs);
  try {
    await waitForTopic(kafka, options.topic, options.timeoutMs);
    await consumer.connect();
    await consumer.subscribe({ topic: options.topic, fromBeginning: options.fromBeginning ?? true });
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.run({
      eachMessage: ({ topic, partition, message }) => {
        seen.push({ topic, partition, message });
        if (options.until(seen)) done();
        return Promise.resolve();
      },
    });
    await Promise.race([joined, finished]);
    if (options.whenReady) await options.whenReady();
    await finished;
  } finally {
    clearTimeout(timer);
    await consumer.disconnect();
    // Leave no consumer group behind.
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
  return seen;
}
