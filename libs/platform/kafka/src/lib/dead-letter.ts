import { DeadLetterHeaders, type FeedServiceName } from '@cde/contracts';
import type { IHeaders, KafkaMessage, Message } from 'kafkajs';
import type { PoisonMessage } from './kafka-batch';

/** The deployable that owns a consumer group and its dead-letter topic. */
export type KafkaServiceName = FeedServiceName | 'exporter';

export interface BatchPosition {
  readonly topic: string;
  readonly partition: number;
}

/**
 * The dead-letter copy of a poison message: the original key, value and headers, plus why and where it failed
 * ({@link DeadLetterHeaders}), so it can be inspected and replayed to its source topic.
 */
export function deadLetterMessage(
  source: BatchPosition,
  message: KafkaMessage,
  poison: PoisonMessage,
  service: KafkaServiceName,
  failedAt: Date,
): Message {
  const headers: IHeaders = {
    ...(message.headers ?? {}),
    [DeadLetterHeaders.code]: poison.code,
    [DeadLetterHeaders.reason]: poison.reason,
    [DeadLetterHeaders.sourceTopic]: source.topic,
    [DeadLetterHeaders.sourcePartition]: String(source.partition),
    [DeadLetterHeaders.sourceOffset]: message.offset,
    [DeadLetterHeaders.service]: service,
    [DeadLetterHeaders.failedAt]: failedAt.toISOString(),
  };
  // No original timestamp: the dead-letter topic's retention must count from when the message failed.
  return { key: message.key, value: message.value, headers };
}
