import { type Admin } from 'kafkajs';
import { collectMessages, testKafka, uniqueName } from './test-kafka';

/**
 * kafkajs 2.2.4 (last release 2023) against the Kafka 4.3 broker of the runtime: Kafka 4 removed old protocol
 * versions (KIP-896), so this proves every API our services use still negotiates (docs/adr/0003).
 */
describe('kafkajs against the local Kafka 4.3 broker', () => {
  const kafka = testKafka('cde-compat-test');
  let admin: Admin;

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
  });

  afterAll(async () => {
    await admin.disconnect();
  });

  it('creates a topic, produces, consumes in a group and commits the offsets', async () => {
    const topic = uniqueName('cde-test-compat');
    const groupId = uniqueName('cde-test-compat-group');

    const created = await admin.createTopics({
      topics: [
        {
          topic,
          numPartitions: 3,
          replicationFactor: 1,
          configEntries: [{ name: 'cleanup.policy', value: 'compact' }],
        },
      ],
      waitForLeaders: true,
    });
    expect(created).toBe(true);
    const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
    expect(metadata.topics[0]?.partitions).toHaveLength(3);

    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const messages = Array.from({ length: 30 }, (_, i) => ({
      key: `item-${i % 10}`,
      value: JSON.stringify({ n: i }),
    }));
    const acks = await producer.send({ topic, messages, acks: -1 });
    await producer.disconnect();
    expect(acks.length).toBeGreaterThan(0);
    expect(acks.every((a) => a.errorCode === 0)).toBe(true);

    // Consume everything in a consumer group; kafkajs commits the resolved offsets on its interval and at stop.
    const consumer = kafka.consumer({ groupId, sessionTimeout: 10_000 });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const received: { key: string; n: number; partition: number }[] = [];
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`only ${received.length} of 30 messages arrived`)),
        60_000,
      );
      void consumer
        .run({
          autoCommit: false,
          eachMessage: async ({ partition, message }) => {
            received.push({
              key: message.key?.toString() ?? '',
              n: (JSON.parse(message.value?.toString() ?? '{}') as { n: number }).n,
              partition,
            });
            await consumer.commitOffsets([
              { topic, partition, offset: (BigInt(message.offset) + 1n).toString() },
            ]);
            if (received.length === messages.length) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
    await consumer.disconnect();

    expect(received.map((r) => r.n).sort((a, b) => a - b)).toEqual(messages.map((_, i) => i));
    // Same key, same partition, in produce order (what per-partition ordering of feed items relies on).
    const byKey = new Map<string, { partition: number; ns: number[] }>();
    for (const r of received) {
      const entry = byKey.get(r.key) ?? { partition: r.partition, ns: [] };
      expect(entry.partition).toBe(r.partition);
      entry.ns.push(r.n);
      byKey.set(r.key, entry);
    }
    for (const { ns } of byKey.values()) expect(ns).toEqual([...ns].sort((a, b) => a - b));

    // The committed offsets are what the broker now holds for the group: a restart resumes after them.
    const committed = await admin.fetchOffsets({ groupId, topics: [topic] });
    const total = committed[0]!.partitions.reduce((sum, p) => sum + Number(p.offset), 0);
    expect(total).toBe(messages.length);

    // A fresh group re-reads the topic from the start (what a replay relies on)…
    const replay = await collectMessages(kafka, {
      topic,
      until: (seen) => seen.length >= 30,
      timeoutMs: 30_000,
    });
    expect(replay).toHaveLength(30);
    // …while a restarted member of the committed group resumes after its offsets and gets nothing.
    const sameGroup = kafka.consumer({ groupId, sessionTimeout: 10_000 });
    const joined = new Promise<void>((resolve) => sameGroup.on(sameGroup.events.GROUP_JOIN, () => resolve()));
    await sameGroup.connect();
    await sameGroup.subscribe({ topic, fromBeginning: true });
    const redelivered: string[] = [];
    await sameGroup.run({
      eachMessage: ({ message }) => Promise.resolve(void redelivered.push(message.offset)),
    });
    await joined;
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await sameGroup.disconnect();
    expect(redelivered).toEqual([]);

    await admin.deleteTopics({ topics: [topic] });
  });
});
