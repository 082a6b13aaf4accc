import { KafkaTransportCode } from '@cde/contracts';
import type { EachBatchPayload, Producer } from 'kafkajs';
import type { Logger } from 'pino';
import { deadLetterMessage, type KafkaServiceName } from '../dead-letter';
import type { PoisonMessage } from '../kafka-batch';
import type { ProgressWatchdog } from './progress-watchdog';
import { isGroupMembershipError, type TransportRun } from './transport-run';
import type { TransportSettings } from './transport-settings';

/**
 * Finishes a batch whose handler resolved: its poison messages to the dead-letter topic (original key, value and
 * headers plus why and where), then the offset past the whole batch. Retried until done, also during shutdown
 * (the work is done and worth committing), but never once the member is gone.
 */
export class BatchCommit {
  constructor(
    private readonly settings: TransportSettings,
    private readonly run: TransportRun,
    private readonly watchdog: ProgressWatchdog,
    private readonly log: Logger,
    private readonly service: KafkaServiceName,
    private readonly producer: () => Producer | undefined,
  ) {}

  async finish(payload: EachBatchPayload, poison: Map<string, PoisonMessage>): Promise<void> {
    const { batch } = payload;
    const last = batch.messages[batch.messages.length - 1];
    if (last === undefined) return;
    const next = (BigInt(batch.lastOffset()) + 1n).toString();
    let deadLettered = poison.size === 0;

    for (let failures = 0; ;) {
      if (this.run.gone) return;
      try {
        if (!deadLettered) {
          await this.deadLetter(payload, poison);
          deadLettered = true;
        }
        payload.resolveOffset(last.offset);
        await payload.commitOffsetsIfNecessary({
          topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: next }] }],
        });
        this.watchdog.onCommitted(batch.topic, batch.partition, batch.highWatermark, next);
        this.log.debug(
          { topic: batch.topic, partition: batch.partition, committed: next, poison: poison.size },
          'batch committed',
        );
        return;
      } catch (error) {
        // Partition possibly reassigned: kafkajs rejoins, and the batch is redone by whoever owns it now.
        if (isGroupMembershipError(error)) throw error;
        failures++;
        this.log.warn(
          {
            code: KafkaTransportCode.CommitFailed,
            topic: batch.topic,
            partition: batch.partition,
            attempt: failures,
            err: error,
          },
          deadLettered ? 'offset commit failed; retrying' : 'dead-lettering failed; retrying',
        );
        if (!(await this.run.waitToRetry(failures, payload, () => this.run.gone))) return;
      }
    }
  }

  private async deadLetter(payload: EachBatchPayload, poison: Map<string, PoisonMessage>): Promise<void> {
    const { batch } = payload;
    const producer = this.producer();
    if (producer === undefined) throw new Error('the dead-letter producer is not connected');
    const failedAt = new Date();
    const position = { topic: batch.topic, partition: batch.partition };
    const messages = batch.messages.flatMap((message) => {
      const p = poison.get(message.offset);
      return p === undefined ? [] : [deadLetterMessage(position, message, p, this.service, failedAt)];
    });
    await producer.send({ topic: this.settings.deadLetterTopic, messages, acks: -1 });
    for (const p of poison.values()) {
      this.log.warn(
        {
          code: KafkaTransportCode.DeadLettered,
          poisonCode: p.code,
          reason: p.reason,
          ...position,
          offset: p.offset,
          deadLetterTopic: this.settings.deadLetterTopic,
        },
        'message dead-lettered',
      );
    }
  }
}
