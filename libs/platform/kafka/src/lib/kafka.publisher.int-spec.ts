import { topic, type FeedItemMessage } from '@cde/contracts';
import { collectMessages, loadRuntimeConfig, uniqueName } from '@cde/testing/runtime';
import type { Admin } from 'kafkajs';
import pino from 'pino';
import { decodeJson } from './decode-json';
import { createKafka } from './kafka.client';
import { KafkaPublisher } from './kafka.publisher';
import { ensureTopics, feedTopicSpec, type TopicSpec } from './topic-specs';

const kafka = createKafka({
  brokers: [...loadRuntimeConfig().kafkaBrokers],
  clientId: 'cde-test-kafka-publisher',
  logger: pino({ level: 'warn' }),
});

const item = (sku: string, feedHash: string): FeedItemMessage => ({
  feed: 'products',
  feedId: `id-${sku}`,
  feedHash,
  sourceEntityId: sku,
  deleted: false,
  item: { sku, storeViewCode: 'default' },
  producedAt: new Date().toISOString(),
  traceId: uniqueName('trace'),
  attempt: 0,
});

const feedHashOf = (decoded: ReturnType<typeof decodeJson<FeedItemMessage>>): string | undefined =>
  decoded.ok ? decoded.value.feedHash : undefined;

describe(KafkaPublisher.name, () => {
  let admin: Admin;
  let sut: KafkaPublisher;
  const topics: string[] = [];

  /** A feed topic spec under a name of this run's own. */
  const feedSpec = (): TopicSpec => {
    const spec = { ...feedTopicSpec('products', { numPartitions: 3 }), topic: uniqueName('cde-test-feed') };
    topics.push(spec.topic);
    return spec;
  };

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
    sut = new KafkaPublisher(kafka);
    await sut.connect();
  });

  afterAll(async () => {
    await sut.disconnect();
    await admin.deleteTopics({ topics }).catch(() => undefined);
    await admin.disconnect();
  });

  it('publishes JSON values with headers and tombstones, each key on one partition in order', async () => {
    const spec = feedSpec();
    await ensureTopics(admin, [spec]);

    const feedTopic = topic<FeedItemMessage>(spec.topic);
    await sut.publish(feedTopic, [
      { key: 'id-a', value: item('a', 'h1'), headers: { traceparent: '00-a-01' } },
      { key: 'id-b', value: item('b', 'h1') },
    ]);
    await sut.publish(feedTopic, [{ key: 'id-a', value: item('a', 'h2') }]);
    await sut.publishTombstone(feedTopic, 'id-b');
    await sut.publish(feedTopic, []);

    const seen = await collectMessages(kafka, {
      topic: spec.topic,
      until: (m) => m.length >= 4,
      timeoutMs: 20_000,
    });
    expect(seen).toHaveLength(4);
    const ofKey = (key: string): typeof seen => seen.filter((m) => m.message.key?.toString() === key);
    const a = ofKey('id-a');
    expect(new Set(a.map((m) => m.partition)).size).toBe(1);
    expect(a.map((m) => feedHashOf(decodeJson(feedTopic, m.message)))).toEqual(['h1', 'h2']);
    expect(a[0]?.message.headers?.['traceparent']?.toString()).toBe('00-a-01');
    const b = ofKey('id-b');
    expect(new Set(b.map((m) => m.partition)).size).toBe(1);
    expect(b.map((m) => m.message.value)).toEqual([expect.any(Buffer), null]);
  });
});

describe(ensureTopics.name, () => {
  let admin: Admin;
  const topics: string[] = [];

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
  });

  afterAll(async () => {
    await admin.deleteTopics({ topics }).catch(() => undefined);
    await admin.disconnect();
  });

  it('creates missing topics with their configs once, and reports drift instead of changing a topic', async () => {
    const spec: TopicSpec = {
      ...feedTopicSpec('prices', { numPartitions: 2 }),
      topic: uniqueName('cde-test-feed'),
    };
    topics.push(spec.topic);

    const first = await ensureTopics(admin, [spec]);
    expect(first).toEqual({ created: [spec.topic], existing: [], drift: [] });
    const metadata = await admin.fetchTopicMetadata({ topics: [spec.topic] });
    expect(metadata.topics[0]?.partitions).toHaveLength(2);

    const again = await ensureTopics(admin, [spec]);
    expect(again).toEqual({ created: [], existing: [spec.topic], drift: [] });

    const changed = { ...spec, configs: { ...spec.configs, 'min.compaction.lag.ms': '1000' } };
    const drifted = await ensureTopics(admin, [changed]);
    expect(drifted.drift).toEqual([
      {
        topic: spec.topic,
        config: 'min.compaction.lag.ms',
        expected: '1000',
        actual: spec.configs['min.compaction.lag.ms'],
      },
    ]);
  });

  it('refuses a topic specified twice', async () => {
    const spec = feedTopicSpec('orders');
    await expect(ensureTopics(admin, [spec, spec])).rejects.toThrow(/specified twice/);
  });
});
