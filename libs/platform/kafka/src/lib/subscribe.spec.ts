import type { Consumer, ConsumerSubscribeTopics } from 'kafkajs';
import { subscribeRetrying } from './subscribe';

const FAST = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 };

/** A consumer whose subscribe fails with the given errors first, then succeeds; it records every call. */
function consumerFailing(...errors: Error[]): { consumer: Consumer; calls: ConsumerSubscribeTopics[] } {
  const calls: ConsumerSubscribeTopics[] = [];
  const consumer = {
    subscribe: (subscription: ConsumerSubscribeTopics) => {
      calls.push(subscription);
      const error = errors.shift();
      return error ? Promise.reject(error) : Promise.resolve();
    },
  } as unknown as Consumer;
  return { consumer, calls };
}

/** What kafkajs throws for a topic whose leader is not elected yet: a protocol error marked retriable. */
const noLeader = (): Error =>
  Object.assign(new Error('This server does not host this topic-partition'), { retriable: true });

describe(subscribeRetrying.name, () => {
  it('retries a topic without a leader yet, then subscribes every subscription', async () => {
    const { consumer, calls } = consumerFailing(noLeader());
    const retries: number[] = [];
    await subscribeRetrying(
      consumer,
      [{ topics: ['a'] }, { topics: ['b'], fromBeginning: false }],
      (attempt) => retries.push(attempt),
      FAST,
    );
    expect(retries).toEqual([1]);
    expect(calls.map((c) => c.topics)).toEqual([['a'], ['a'], ['b']]);
  });

  it('gives up after the last attempt with the broker error', async () => {
    const { consumer, calls } = consumerFailing(noLeader(), noLeader(), noLeader(), noLeader());
    await expect(subscribeRetrying(consumer, [{ topics: ['a'] }], () => undefined, FAST)).rejects.toThrow(
      'does not host this topic-partition',
    );
    expect(calls).toHaveLength(3);
  });

  it('throws at once what is not retriable', async () => {
    const { consumer, calls } = consumerFailing(new Error('Topic authorization failed'));
    await expect(subscribeRetrying(consumer, [{ topics: ['a'] }], () => undefined, FAST)).rejects.toThrow(
      'Topic authorization failed',
    );
    expect(calls).toHaveLength(1);
  });
});
