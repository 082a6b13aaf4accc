import { KafkaTransportCode } from '@cde/contracts';
import type { Consumer, Producer } from 'kafkajs';
import type { Logger } from 'pino';

/**
 * Closes the consumer, bounded by `shutdownTimeoutMs`: it stops fetching, lets in-flight batches finish and
 * commit, leaves the group and disconnects. False when it did not close in time: its in-flight batches stay
 * uncommitted and will be redone, and this member must not commit any more.
 */
export async function closeConsumer(
  consumer: Consumer | undefined,
  shutdownTimeoutMs: number,
  log: Logger,
): Promise<boolean> {
  if (consumer === undefined) return true;
  const finished = await settlesWithin(consumer.disconnect(), shutdownTimeoutMs, (error) =>
    log.warn({ err: error }, 'consumer disconnect failed'),
  );
  if (!finished) {
    log.error(
      { code: KafkaTransportCode.ShutdownTimeout, shutdownTimeoutMs },
      'in-flight batches did not finish in time; they stay uncommitted and will be redone',
    );
  }
  return finished;
}

/** Disconnects the dead-letter producer, bounded. */
export async function closeProducer(producer: Producer | undefined, log: Logger): Promise<void> {
  if (producer === undefined) return;
  await settlesWithin(producer.disconnect(), 5_000, (error) =>
    log.warn({ err: error }, 'producer disconnect failed'),
  );
}

/** Whether `promise` settled within `ms`; a rejection counts as settled and is reported. */
export async function settlesWithin(
  promise: Promise<unknown>,
  ms: number,
  onError: (error: unknown) => void,
): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([
      promise.then(
        () => true,
        (error: unknown) => {
          onError(error);
          return true;
        },
      ),
      timedOut,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
