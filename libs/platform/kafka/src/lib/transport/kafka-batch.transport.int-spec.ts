import { CdcCode, DeadLetterHeaders, KafkaTransportCode, topic as typedTopic } from '@cde/contracts';
import { collectMessages, loadRuntimeConfig, uniqueName } from '@cde/testing/runtime';
import { Controller, type INestMicroservice, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, Payload } from '@nestjs/microservices';
import type { Admin, Kafka, Message, Producer } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';
import { Writable } from 'node:stream';
import pino from 'pino';
import { decodeJson } from '../decode-json';
import { type BatchOutcome, type KafkaBatch, KafkaBatchContext } from '../kafka-batch';
import { createKafka } from '../kafka.client';
import { IDEMPOTENT_PRODUCER } from '../kafka.publisher';
import { OnKafkaBatch } from '../on-kafka-batch.decorator';
import { KafkaBatchTransport } from './kafka-batch.transport';
import type { KafkaBatchTransportOptions } from './transport-settings';

/** Everything the transport and kafkajs log, kept in memory so tests can assert on the codes. */
class LogCapture {
  readonly records: Record<string, unknown>[] = [];
  readonly logger = pino(
    { level: 'debug' },
    new Writable({
      write: (chunk: Buffer, _encoding, done): void => {
        for (const line of chunk.toString().split('\n')) {
          if (line.trim() !== '') this.records.push(JSON.parse(line) as Record<string, unknown>);
        }
        done();
      },
    }),
  );

  codes(): unknown[] {
    return this.records.map((r) => r['code']).filter((c) => c !== undefined);
  }
}

type Handler = (batch: KafkaBatch, context: KafkaBatchContext) => Promise<BatchOutcome | void>;

interface Running {
  readonly app: INestMicroservice;
  readonly exits: number[];
}

const logs = new LogCapture();
const kafka: Kafka = createKafka({
  brokers: [...loadRuntimeConfig().kafkaBrokers],
  clientId: 'cde-test-kafka-transport',
  logger: logs.logger,
});

/** A Nest microservice on the transport, with one controller whose `@OnKafkaBatch` method calls `handler`. */
async function startConsumer(
  topic: string,
  handler: Handler,
  options: Partial<KafkaBatchTransportOptions> & { groupId: string },
): Promise<Running> {
  @Controller()
  class TestBatchConsumer {
    @OnKafkaBatch(topic)
    onBatch(@Payload() batch: KafkaBatch, @Ctx() context: KafkaBatchContext): Promise<BatchOutcome | void> {
      return handler(batch, context);
    }
  }
  @Module({ controllers: [TestBatchConsumer] })
  class TestModule {}

  const exits: number[] = [];
  const strategy = new KafkaBatchTransport({
    kafka,
    service: 'products-feed',
    logger: logs.logger,
    deadLetterTopic: `${topic}.dlt`,
    sessionTimeoutMs: 10_000,
    heartbeatIntervalMs: 1_000,
    handlerTimeoutMs: 60_000,
    stallTimeoutMs: 120_000,
    retryBackoff: { baseDelayMs: 200, maxDelayMs: 1_000 },
    exit: (code) => void exits.push(code),
    ...options,
  });
  const app = await NestFactory.createMicroservice(TestModule, {
    strategy,
    logger: false,
    abortOnError: false,
  });
  await app.listen();
  return { app, exits };
}

async function waitFor(
  what: string,
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(50);
  }
}

const n = (message: KafkaBatch['messages'][number]): number =>
  (JSON.parse(message.value?.toString() ?? 'null') as { n: number }).n;

describe(KafkaBatchTransport.name, () => {
  let admin: Admin;
  let producer: Producer;
  const topics: string[] = [];
  const groups: string[] = [];
  const running: Running[] = [];

  async function createTopic(prefix: string, partitions = 1): Promise<string> {
    const topic = uniqueName(prefix);
    topics.push(topic, `${topic}.dlt`);
    await admin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true });
    return topic;
  }

  function groupId(): string {
    const group = uniqueName('cde-test-batch-group');
    groups.push(group);
    return group;
  }

  async function start(...args: Parameters<typeof startConsumer>): Promise<Running> {
    const consumer = await startConsumer(...args);
    running.push(consumer);
    return consumer;
  }

  /** One send per call: each becomes its own record batch, so small fetches split a partition into batches. */
  async function produce(topic: string, messages: Message[]): Promise<void> {
    await producer.send({ topic, messages, acks: -1 });
  }

  async function committed(topic: string, group: string): Promise<Record<number, string>> {
    const [offsets] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
    return Object.fromEntries((offsets?.partitions ?? []).map((p) => [p.partition, p.offset]));
  }

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
    producer = kafka.producer({ ...IDEMPOTENT_PRODUCER, allowAutoTopicCreation: false });
    await producer.connect();
  });

  afterEach(async () => {
    await Promise.all(running.splice(0).map((r) => r.app.close()));
  });

  afterAll(async () => {
    await producer.disconnect();
    const existing = new Set(await admin.listTopics());
    await admin.deleteTopics({ topics: topics.filter((t) => existing.has(t)) }).catch(() => undefined);
    await admin.deleteGroups(groups).catch(() => undefined);
    await admin.disconnect();
  });

  it('hands each partition its batches in order, retries a failed batch whole and commits only after the handler resolved', async () => {
    const topic = await createTopic('cde-test-batch-order', 2);
    const group = groupId();
    for (let send = 0; send < 4; send++) {
      await produce(
        topic,
        [0, 1].flatMap((partition) =>
          [0, 1, 2, 3, 4].map((i) => ({
            partition,
            key: `k${i}`,
            value: JSON.stringify({ n: send * 5 + i }),
          })),
        ),
      );
    }

    const attempts: { partition: number; ns: number[]; failed: boolean }[] = [];
    const active = new Map<number, number>();
    let maxActivePerPartition = 0;
    let releaseRetry!: () => void;
    const retryGate = new Promise<void>((resolve) => (releaseRetry = resolve));
    let retryBlocked = false;

    await start(
      topic,
      async (batch) => {
        active.set(batch.partition, (active.get(batch.partition) ?? 0) + 1);
        maxActivePerPartition = Math.max(maxActivePerPartition, active.get(batch.partition) ?? 0);
        try {
          const ns = batch.messages.map(n);
          const ofPartition = attempts.filter((a) => a.partition === batch.partition);
          if (ofPartition.length === 0) {
            attempts.push({ partition: batch.partition, ns, failed: true });
            throw new Error('database unavailable');
          }
          if (batch.partition === 0 && ofPartition.length === 1) {
            retryBlocked = true;
            await retryGate;
          }
          attempts.push({ partition: batch.partition, ns, failed: false });
          await sleep(20);
        } finally {
          active.set(batch.partition, (active.get(batch.partition) ?? 1) - 1);
        }
      },
      { groupId: group, partitionsConsumedConcurrently: 2, maxBytesPerPartition: 256 },
    );

    // The retry of partition 0's first batch is running: nothing of partition 0 may be committed yet.
    await waitFor('the retried batch to block', () => retryBlocked);
    expect((await committed(topic, group))[0]).toBe('-1');
    releaseRetry();

    const done = (partition: number): number[] =>
      attempts.filter((a) => a.partition === partition && !a.failed).flatMap((a) => a.ns);
    await waitFor('all 40 messages', () => done(0).length + done(1).length >= 40);
    await waitFor('the commits', async () => {
      const offsets = await committed(topic, group);
      return offsets[0] === '20' && offsets[1] === '20';
    });

    const expected = Array.from({ length: 20 }, (_, i) => i);
    for (const partition of [0, 1]) {
      // In order, nothing skipped, nothing twice among the successful attempts.
      expect(done(partition)).toEqual(expected);
      const [failed, retried] = attempts.filter((a) => a.partition === partition);
      // The failed batch came back whole, from the first uncommitted offset.
      expect(failed?.failed).toBe(true);
      expect(retried?.ns).toEqual(failed?.ns);
      expect(failed?.ns[0]).toBe(0);
    }
    // Small fetches split each partition into several batches, never two at a time per partition.
    expect(attempts.filter((a) => !a.failed).length).toBeGreaterThan(2);
    expect(maxActivePerPartition).toBe(1);
    expect(logs.codes()).toContain(KafkaTransportCode.TransientFailure);
  });

  it('dead-letters poison messages with their reason and moves on', async () => {
    const topic = await createTopic('cde-test-batch-poison');
    const group = groupId();
    const cdcHeader = { kind: 'cdc' };
    await produce(topic, [
      { key: 'a', value: JSON.stringify({ n: 0 }) },
      { key: 'b', value: '{"n": 1', headers: { traceparent: '00-trace-01' } },
      { key: 'c', value: JSON.stringify({ n: 2 }) },
      { key: 'd', value: JSON.stringify({ n: 3, unusable: true }) },
      { key: '{"entity_id":4}', value: JSON.stringify({ n: 4 }), headers: cdcHeader },
      { key: 'f', value: JSON.stringify({ n: 5 }) },
    ]);

    const handled: number[][] = [];
    await start(
      topic,
      (batch) => {
        const ns: number[] = [];
        const poison: { offset: string; code: string; reason: string }[] = [];
        for (const message of batch.messages) {
          if (message.headers['kind'] === 'cdc') {
            // A Debezium message that is no change event: the handler names it poison with its CdcCode.
            poison.push({
              offset: message.offset,
              code: CdcCode.InvalidEnvelope,
              reason: 'not a change event',
            });
            continue;
          }
          const decoded = decodeJson(typedTopic<{ n: number; unusable?: boolean }>(batch.topic), message);
          if (!decoded.ok) {
            poison.push(decoded.poison);
            continue;
          }
          if (decoded.value.unusable === true) {
            poison.push({ offset: message.offset, code: 'CDE01-16', reason: 'cannot build identifier' });
            continue;
          }
          ns.push(decoded.value.n);
        }
        handled.push(ns);
        return Promise.resolve({ poison });
      },
      { groupId: group },
    );

    await waitFor('the batch to commit', async () => (await committed(topic, group))[0] === '6');
    // The handler named the three poison messages; the others were all done.
    expect(handled[handled.length - 1]).toEqual([0, 2, 5]);

    const dead = await collectMessages(kafka, {
      topic: `${topic}.dlt`,
      until: (seen) => seen.length >= 3,
      timeoutMs: 20_000,
    });
    const header = (i: number, name: string): string | undefined =>
      dead[i]?.message.headers?.[name]?.toString();
    expect(dead.map((d) => d.message.key?.toString())).toEqual(['b', 'd', '{"entity_id":4}']);
    expect(dead[0]?.message.value?.toString()).toBe('{"n": 1');
    expect(header(0, 'traceparent')).toBe('00-trace-01');
    expect(dead.map((_, i) => header(i, DeadLetterHeaders.code))).toEqual([
      KafkaTransportCode.MalformedJson,
      'CDE01-16',
      'CDE10-02',
    ]);
    expect(header(1, DeadLetterHeaders.reason)).toBe('cannot build identifier');
    expect(dead.map((_, i) => header(i, DeadLetterHeaders.sourceOffset))).toEqual(['1', '3', '4']);
    for (let i = 0; i < 3; i++) {
      expect(header(i, DeadLetterHeaders.sourceTopic)).toBe(topic);
      expect(header(i, DeadLetterHeaders.sourcePartition)).toBe('0');
      expect(header(i, DeadLetterHeaders.service)).toBe('products-feed');
      expect(Date.parse(header(i, DeadLetterHeaders.failedAt) ?? '')).toBeGreaterThan(Date.now() - 60_000);
    }

    // The partition is not blocked: the next message is handled and committed.
    await produce(topic, [{ key: 'g', value: JSON.stringify({ n: 6 }) }]);
    await waitFor('the next message to commit', async () => (await committed(topic, group))[0] === '7');
    expect(handled[handled.length - 1]).toEqual([6]);
    expect(logs.codes()).toContain(KafkaTransportCode.DeadLettered);
  });

  it('on close, waits for the in-flight batch, keeps the membership by heartbeats and commits it', async () => {
    const topic = await createTopic('cde-test-batch-close');
    const group = groupId();
    await produce(
      topic,
      [0, 1, 2].map((i) => ({ key: `k${i}`, value: JSON.stringify({ n: i }) })),
    );
    let entered = false;
    let finishedAt = 0;
    const sessionTimeoutMs = 6_000; // the broker's minimum: the handler below outlives a session
    const consumer = await start(
      topic,
      async () => {
        entered = true;
        await sleep(sessionTimeoutMs + 1_500);
        finishedAt = Date.now();
      },
      { groupId: group, sessionTimeoutMs, heartbeatIntervalMs: 1_000, shutdownTimeoutMs: 20_000 },
    );

    await waitFor('the handler to start', () => entered);
    await consumer.app.close();
    const closedAt = Date.now();

    expect(finishedAt).toBeGreaterThan(0);
    expect(finishedAt).toBeLessThanOrEqual(closedAt);
    expect((await committed(topic, group))[0]).toBe('3');
  });

  it('gives up on close after shutdownTimeoutMs and leaves the unfinished batch uncommitted', async () => {
    const topic = await createTopic('cde-test-batch-close-timeout');
    const group = groupId();
    await produce(topic, [{ key: 'k', value: JSON.stringify({ n: 0 }) }]);
    let entered = false;
    let finished = false;
    const consumer = await start(
      topic,
      async () => {
        entered = true;
        await sleep(2_500);
        finished = true;
      },
      { groupId: group, shutdownTimeoutMs: 500 },
    );

    await waitFor('the handler to start', () => entered);
    const closing = Date.now();
    await consumer.app.close();
    expect(Date.now() - closing).toBeLessThan(2_000);
    expect(finished).toBe(false);
    expect(logs.codes()).toContain(KafkaTransportCode.ShutdownTimeout);

    // The handler does finish later, but an abandoned member commits nothing.
    await waitFor('the handler to finish', () => finished);
    await sleep(500);
    expect((await committed(topic, group))[0]).toBe('-1');
  });

  it('resumes a restarted group after its committed offsets, and redoes only an uncommitted batch', async () => {
    const topic = await createTopic('cde-test-batch-restart');
    const group = groupId();
    const batchOf = (from: number, count: number): Message[] =>
      Array.from({ length: count }, (_, i) => ({
        key: `k${from + i}`,
        value: JSON.stringify({ n: from + i }),
      }));
    const seenBy = (): { ns: number[]; handler: Handler } => {
      const ns: number[] = [];
      return { ns, handler: (batch) => Promise.resolve(void ns.push(...batch.messages.map(n))) };
    };

    await produce(topic, batchOf(0, 5));
    const first = seenBy();
    const one = await start(topic, first.handler, { groupId: group });
    await waitFor('the first 5', async () => (await committed(topic, group))[0] === '5');
    await one.app.close();

    await produce(topic, batchOf(5, 5));
    const second = seenBy();
    const two = await start(topic, second.handler, { groupId: group });
    await waitFor('the next 5', async () => (await committed(topic, group))[0] === '10');
    await sleep(1_000); // anything redelivered would show up by now
    await two.app.close();
    expect(first.ns).toEqual([0, 1, 2, 3, 4]);
    expect(second.ns).toEqual([5, 6, 7, 8, 9]);

    // A handler stuck past its timeout: the transport asks to exit and never commits that batch.
    await produce(topic, batchOf(10, 3));
    const stuck = seenBy();
    const three = await start(
      topic,
      async (batch, context) => {
        await stuck.handler(batch, context);
        await sleep(2_500);
      },
      { groupId: group, handlerTimeoutMs: 1_000, stallTimeoutMs: 60_000 },
    );
    await waitFor('the exit request', () => three.exits.length > 0);
    expect(three.exits).toEqual([1]);
    await three.app.close();
    expect(stuck.ns).toEqual([10, 11, 12]);
    expect((await committed(topic, group))[0]).toBe('10');
    expect(logs.codes()).toContain(KafkaTransportCode.HandlerTimeout);

    // The next instance redoes exactly that batch: no loss, and no duplicate beyond it.
    const fourth = seenBy();
    await start(topic, fourth.handler, { groupId: group });
    await waitFor('the redone batch', async () => (await committed(topic, group))[0] === '13');
    await sleep(1_000);
    expect(fourth.ns).toEqual([10, 11, 12]);
  });

  it('loses nothing when a second member joins mid-stream, and redoes at most the batches in flight', async () => {
    const topic = await createTopic('cde-test-batch-rebalance', 2);
    const group = groupId();
    for (let send = 0; send < 20; send++) {
      await produce(
        topic,
        Array.from({ length: 10 }, (_, i) => ({
          partition: i % 2,
          key: `k${i}`,
          value: JSON.stringify({ n: send * 10 + i }),
        })),
      );
    }
    const handled: { member: string; ns: number[] }[] = [];
    const member =
      (name: string): Handler =>
      async (batch) => {
        await sleep(100);
        handled.push({ member: name, ns: batch.messages.map(n) });
      };
    const options = { groupId: group, maxBytesPerPartition: 256, partitionsConsumedConcurrently: 2 };

    await start(topic, member('a'), options);
    await waitFor('member a to be under way', () => handled.length >= 4);
    await start(topic, member('b'), options);
    await waitFor(
      'every offset to be committed',
      async () => {
        const offsets = await committed(topic, group);
        return offsets[0] === '100' && offsets[1] === '100';
      },
      60_000,
    );

    const ns = handled.flatMap((h) => h.ns);
    expect([...new Set(ns)].sort((x, y) => x - y)).toEqual(Array.from({ length: 200 }, (_, i) => i));
    expect(handled.some((h) => h.member === 'b')).toBe(true);
    // One batch of a partition is five messages; at most the one in flight per partition is redone.
    expect(ns.length - new Set(ns).size).toBeLessThanOrEqual(10);
  });

  it('exits when messages wait and no batch completes within the stall timeout', async () => {
    const topic = await createTopic('cde-test-batch-stall');
    const group = groupId();
    await produce(topic, [{ key: 'k', value: JSON.stringify({ n: 0 }) }]);
    let attempts = 0;
    const startedAt = Date.now();
    const consumer = await start(
      topic,
      () => {
        attempts++;
        return Promise.reject(new Error('database unavailable'));
      },
      {
        groupId: group,
        handlerTimeoutMs: 1_000,
        stallTimeoutMs: 2_500,
        retryBackoff: { baseDelayMs: 100, maxDelayMs: 300 },
      },
    );

    await waitFor('the exit request', () => consumer.exits.length > 0, 20_000);
    expect(consumer.exits).toEqual([1]);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(2_500);
    expect(attempts).toBeGreaterThan(2);
    expect(logs.codes()).toEqual(
      expect.arrayContaining([KafkaTransportCode.TransientFailure, KafkaTransportCode.Stalled]),
    );
    expect((await committed(topic, group))[0]).toBe('-1');
  });
});
