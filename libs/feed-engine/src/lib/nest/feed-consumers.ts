import { Topics, type FeedName } from '@cde/contracts';
import {
  decodeJson,
  OnKafkaBatch,
  readBatch,
  type BatchOutcome,
  type KafkaBatch,
  type PoisonMessage,
} from '@cde/platform/kafka';
import { fanIn, inSpan, remoteSpanContext, SpanKind, tracingEnabled } from '@cde/platform/observability';
import { Controller, Inject, type Type } from '@nestjs/common';
import { readCdeCommand } from '../command-parser';
import { FeedMetrics } from '../feed-metrics';
import { FeedService } from '../feed-service';

export interface FeedConsumerTopics {
  /** Debezium's topics of every table the running feeds read. */
  readonly changes: readonly string[];
  /** The feeds this deployment runs, whose dead-letter topics it retries. */
  readonly feeds: readonly FeedName[];
}

/**
 * The consumers of a feed service: change events, commands and failed deliveries. Each hands its batch to
 * `FeedService` and returns the messages it could not use as poison (counted on `cde_feed_poison_messages_total`;
 * the change handler counts its own).
 */
export function feedConsumers(topics: FeedConsumerTopics): Type[] {
  const deadLetterTopics = topics.feeds.map((f) => Topics.feedDeadLetter(f));

  @Controller()
  class FeedChangesConsumer {
    constructor(@Inject(FeedService) private readonly service: FeedService) {}

    /**
     * One CONSUMER span per batch (`process commerce.magento.<table>`): its parent the `traceparent` of the first
     * message that carries one, the others' as links; a new trace otherwise. Syncs and publishes are its children.
     */
    @OnKafkaBatch(topics.changes)
    async onCommerceChanges(batch: KafkaBatch): Promise<BatchOutcome> {
      const { parent, links } = fanIn(
        tracingEnabled() ? batch.messages.map((m) => remoteSpanContext(m.headers)) : [],
      );
      const first = batch.messages[0]?.offset;
      const last = batch.messages[batch.messages.length - 1]?.offset;
      return inSpan(
        `process ${batch.topic}`,
        {
          kind: SpanKind.CONSUMER,
          parent,
          links,
          attributes: {
            'messaging.system': 'kafka',
            'messaging.operation.type': 'process',
            'messaging.destination.name': batch.topic,
            'messaging.destination.partition.id': String(batch.partition),
            'messaging.batch.message_count': batch.messages.length,
            ...(first !== undefined ? { 'messaging.kafka.offset': Number(first) } : {}),
            ...(last !== undefined ? { 'cde.kafka.last_offset': Number(last) } : {}),
            'cde.table': batch.topic.slice(batch.topic.lastIndexOf('.') + 1),
          },
        },
        async () => {
          const result = await this.service.onChanges(
            batch.messages.map((m) => ({
              topic: batch.topic,
              partition: batch.partition,
              offset: m.offset,
              key: m.key,
              value: m.value,
            })),
          );
          return { poison: result.poison };
        },
      );
    }
  }

  @Controller()
  class FeedCommandsConsumer {
    constructor(
      @Inject(FeedService) private readonly service: FeedService,
      @Inject(FeedMetrics) private readonly metrics: FeedMetrics,
    ) {}

    /** A command is recorded (a resync as a durable job) before its offset commits. */
    @OnKafkaBatch(Topics.commands)
    async onCommands(batch: KafkaBatch): Promise<BatchOutcome> {
      const { values, poison } = readBatch(batch.messages, readCdeCommand);
      for (const { value } of values) await this.service.onCommand(value);
      return counted(this.metrics, batch, poison);
    }
  }

  @Controller()
  class FeedDeadLettersConsumer {
    constructor(
      @Inject(FeedService) private readonly service: FeedService,
      @Inject(FeedMetrics) private readonly metrics: FeedMetrics,
    ) {}

    /** Failed deliveries, retried with their current content after an increasing delay. */
    @OnKafkaBatch(deadLetterTopics)
    async onFailedDeliveries(batch: KafkaBatch): Promise<BatchOutcome> {
      const feed = topics.feeds.find((f) => Topics.feedDeadLetter(f) === batch.topic);
      if (!feed) throw new Error(`${batch.topic} is not the dead-letter topic of a feed this service runs`);
      const { values, poison } = readBatch(batch.messages, (m) => decodeJson(Topics.feedDeadLetter(feed), m));
      await this.service.onDeadLetters(
        feed,
        values.map((v) => v.value),
      );
      return counted(this.metrics, batch, poison);
    }
  }

  return [FeedChangesConsumer, FeedCommandsConsumer, FeedDeadLettersConsumer];
}

function counted(metrics: FeedMetrics, batch: KafkaBatch, poison: PoisonMessage[]): BatchOutcome {
  metrics.onPoison(batch.topic, poison.length);
  return { poison };
}
