import { backoffDelay, mayRetry, type RetryPolicy } from '@cde/util/retry';
import type { Consumer, ConsumerSubscribeTopics } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';

/** About 25 s in all: long enough for a topic another service has just created to get its leader. */
export const SUBSCRIBE_RETRY: RetryPolicy = { maxAttempts: 10, baseDelayMs: 500, maxDelayMs: 5_000 };

/**
 * Subscribes the consumer to each subscription in order. A topic created moments ago may have no leader yet (the
 * broker answers "does not host this topic-partition"): what kafkajs marks retriable is retried with backoff,
 * bounded, instead of failing a start-up; anything else, or the last attempt, throws.
 */
export async function subscribeRetrying(
  consumer: Consumer,
  subscriptions: readonly ConsumerSubscribeTopics[],
  onRetry: (attempt: number, error: Error) => void,
  policy: RetryPolicy = SUBSCRIBE_RETRY,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      for (const subscription of subscriptions) await consumer.subscribe(subscription);
      return;
    } catch (error) {
      const retriable = error instanceof Error && 'retriable' in error && error.retriable === true;
      if (!retriable || !mayRetry(attempt, policy)) throw error;
      onRetry(attempt, error);
      await sleep(backoffDelay(attempt, policy));
    }
  }
}
