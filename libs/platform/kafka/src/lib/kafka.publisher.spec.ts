import { Topics, type CdeCommand, type CdeEvent } from '@cde/contracts';
import type { Kafka } from 'kafkajs';
import { jsonText, KafkaPublisher, publishedBytes, publishedJsonBytes, takeRequest } from './kafka.publisher';

type Pending = Parameters<typeof takeRequest>[0][number];

const pending = (topic: string, sizes: number[]): Pending & { done: boolean; failed: boolean } => {
  const messages = sizes.map((n, i) => ({ key: `${topic}-${i}`, value: 'x'.repeat(n) }));
  const p = {
    topic,
    messages,
    bytes: sizes.reduce((sum, n) => sum + n + 64 + `${topic}-0`.length, 0),
    done: false,
    failed: false,
    resolve: () => void (p.done = true),
    reject: () => void (p.failed = true),
  };
  return p;
};

describe(takeRequest.name, () => {
  it('sends several publishes in one request while they fit under the byte bound', () => {
    const queue = [pending('a', [100, 100]), pending('b', [100]), pending('c', [1_000])];
    const first = takeRequest(queue, 800);
    expect(first.parts.map((p) => [p.topic, p.messages.length])).toEqual([
      ['a', 2],
      ['b', 1],
    ]);
    expect(first.completes).toHaveLength(2);
    expect(queue.map((p) => p.topic)).toEqual(['c']);
  });

  it('slices a publish too large for one request, finishing it with its last slice', () => {
    const big = pending('big', [300, 300, 300, 300]);
    const queue = [big, pending('next', [10])];
    const slices: number[] = [];
    for (let i = 0; i < 10 && queue[0] === big; i++) {
      const request = takeRequest(queue, 800);
      slices.push(request.count);
      expect(request.owners).toEqual([big]);
      expect(request.completes).toEqual(queue[0] === big ? [] : [big]);
    }
    expect(slices).toEqual([2, 2]);
    expect(queue.map((p) => p.topic)).toEqual(['next']);
  });

  it('takes a single message larger than the bound on its own (the broker then answers for it)', () => {
    const queue = [pending('huge', [5_000]), pending('small', [10])];
    expect(takeRequest(queue, 800).count).toBe(1);
    expect(queue.map((p) => p.topic)).toEqual(['small']);
  });
});

describe(KafkaPublisher.name, () => {
  const recording = () => {
    const requests: { topic: string; messages: { value: string }[] }[][] = [];
    const producer = {
      connect: () => Promise.resolve(),
      sendBatch: (batch: { topicMessages: { topic: string; messages: { value: string }[] }[] }) => {
        requests.push(batch.topicMessages);
        return Promise.resolve([]);
      },
    };
    return { requests, kafka: { producer: () => producer } as unknown as Kafka };
  };

  it('keeps every request a little under the message limit, and refuses a message over it with its size', async () => {
    const { requests, kafka } = recording();
    const sut = new KafkaPublisher(kafka, undefined, 1024 * 1024);
    expect(sut.limits).toEqual({
      maxMessageBytes: 1_048_576,
      maxRequestBytes: 1_048_576 - 16_384,
      minFetchBytesPerPartition: 1_048_576,
    });
    // 2,000 items of 2 KB (100 products × 20 store views): about 4 MB, in requests under the bound.
    const items = Array.from({ length: 2_000 }, (_, i) => ({
      key: `k${i}`,
      value: { v: 'x'.repeat(2_000) },
    }));
    await sut.publish(Topics.serviceDeadLetter('exporter'), items);
    const sizes = requests.map((r) => r.flatMap((t) => t.messages).reduce((n, m) => n + m.value.length, 0));
    expect(requests.flatMap((r) => r.flatMap((t) => t.messages))).toHaveLength(2_000);
    expect(requests.length).toBeGreaterThanOrEqual(4);
    for (const size of sizes) expect(size).toBeLessThanOrEqual(sut.limits.maxRequestBytes);

    const huge = { key: 'attr', value: { v: 'x'.repeat(1_040_000) } };
    expect(sut.fits(huge.key, huge.value)).toBe(false);
    await expect(sut.publish(Topics.serviceDeadLetter('exporter'), [huge])).rejects.toMatchObject({
      name: 'MessageTooLargeError',
      limit: sut.limits.maxRequestBytes,
      bytes: expect.any(Number) as number,
    });
    // The default limit (4 MiB) takes it.
    const roomy = new KafkaPublisher(recording().kafka);
    expect(roomy.limits.maxRequestBytes).toBe(4 * 1024 * 1024 - 65_536);
    expect(roomy.fits(huge.key, huge.value)).toBe(true);
  });

  it('takes for a topic only the payload the topic carries (checked by the compiler)', async () => {
    const sent: unknown[] = [];
    const producer = {
      connect: () => Promise.resolve(),
      sendBatch: (batch: { topicMessages: { messages: unknown[] }[] }) => {
        sent.push(...batch.topicMessages.flatMap((t) => t.messages));
        return Promise.resolve([]);
      },
    };
    const sut = new KafkaPublisher({ producer: () => producer } as unknown as Kafka);
    const event = { type: 'resync.refused', feed: 'products', code: 'x', reason: 'y' } as unknown as CdeEvent;
    await sut.publish(Topics.events, [{ key: 'products', value: event }]);
    // @ts-expect-error a command is not what cde.events carries
    await sut.publish(Topics.events, [{ key: 'products', value: {} as CdeCommand }]);
    // @ts-expect-error a bare string names no payload
    await sut.publish('cde.events', [{ key: 'products', value: event }]);
    expect(sent).toHaveLength(3);
  });

  it('publishes JSON written before as that text, sized as publishedJsonBytes counts it', async () => {
    const { requests, kafka } = recording();
    const sut = new KafkaPublisher(kafka);
    const event = { type: 'resync.refused', feed: 'products', code: 'x', reason: 'y' } as unknown as CdeEvent;
    const json = jsonText(event);
    expect(publishedJsonBytes('products', json)).toBe(publishedBytes('products', event));
    await sut.publishJson(Topics.events, [{ key: 'products', json }]);
    expect(requests.flat().flatMap((t) => t.messages.map((m) => m.value))).toEqual([JSON.stringify(event)]);
    // @ts-expect-error the JSON of a command is not what cde.events carries
    await sut.publishJson(Topics.events, [{ key: 'products', json: jsonText({} as CdeCommand) }]);
  });
});
