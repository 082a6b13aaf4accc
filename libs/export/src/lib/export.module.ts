import { FEEDS } from '@cde/contracts';
import { FeedStateRepository } from '@cde/platform/feed-state';
import {
  eventsTopicSpec,
  feedDeadLetterTopicSpec,
  feedTopicSpec,
  KafkaPublisher,
  OnKafkaBatch,
  type BatchOutcome,
  type KafkaBatch,
  type KafkaBatchTransportOptions,
  type TopicSpec,
  type TopicSpecOptions,
} from '@cde/platform/kafka';
import { serviceLifecycle, ServiceModule, type ServiceContext } from '@cde/platform/service';
import { Controller, Inject, Module, type DynamicModule, type Provider } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { readFile } from 'node:fs/promises';
import { DeliveryService } from './delivery.service';
import { ExportMetrics } from './export.metrics';
import { ExportService } from './export.service';
import { ExportTopics } from './export-topics';
import type { ExporterConfig } from './exporter.config';
import { IngestionClient } from './ingestion.client';
import { IngestionSigner } from './ingestion-signer';
import { OutcomeService } from './outcome.service';
import { RateGate } from './rate-gate';

export interface ExportModuleOptions {
  readonly context: ServiceContext<ExporterConfig>;
}

/** The feed-state pool: outcomes are written in few, large statements. */
const FEED_STATE_POOL_SIZE = 4;

/**
 * The exporter: consumes the feed topics of the configured feeds and delivers their items to the receiver. The
 * common parts (topics, publisher, feed state, metrics, health, shutdown order) come from
 * `@cde/platform/service`; on a signal, waits for the receiver end at once and in-flight requests get the
 * shutdown grace before the transport closes. Behaviour lives in ExportService and DeliveryService.
 */
@Module({})
export class ExportModule {
  static register({ context }: ExportModuleOptions): DynamicModule {
    const { config } = context;
    const topics = new ExportTopics(config.topicPrefix, config.feeds);

    @Controller()
    class FeedItemsConsumer {
      constructor(@Inject(ExportService) private readonly service: ExportService) {}

      @OnKafkaBatch(topics.consumed())
      onFeedItems(@Payload() batch: KafkaBatch): Promise<BatchOutcome> {
        return this.service.exportBatch(batch);
      }
    }

    return {
      module: ExportModule,
      imports: [
        ServiceModule.register({
          context,
          topics: exportTopicSpecs(topics, { maxMessageBytes: config.kafka.maxMessageBytes }),
          feedState: { db: config.feedState, poolSize: FEED_STATE_POOL_SIZE },
        }),
      ],
      controllers: [FeedItemsConsumer],
      providers: [
        ...exportProviders(context, topics),
        ...serviceLifecycle({
          inject: [ExportService, IngestionClient, ExportMetrics],
          useFactory: (service: ExportService, client: IngestionClient, metrics: ExportMetrics) => ({
            registry: metrics.registry,
            beforeTransportClose: () => service.drain(config.shutdownGraceMs),
            stop: () => service.drain(0),
            close: [() => client.close()],
          }),
        }),
      ],
      exports: [ExportService, ExportMetrics],
    };
  }
}

/** The transport options the exporter's config implies: its dead-letter topic under the topic prefix. */
export function exportTransportOptions(config: ExporterConfig): Partial<KafkaBatchTransportOptions> {
  return { deadLetterTopic: new ExportTopics(config.topicPrefix, config.feeds).serviceDeadLetter };
}

/** The exported feeds' topics and dead-letter topics, and the events topic, under the prefix. */
function exportTopicSpecs(topics: ExportTopics, options: TopicSpecOptions): TopicSpec[] {
  return [
    ...topics.feeds.flatMap((feed) => [
      { ...feedTopicSpec(feed, options), topic: topics.feed(feed) },
      { ...feedDeadLetterTopicSpec(feed), topic: topics.feedDeadLetter(feed) },
    ]),
    { ...eventsTopicSpec(), topic: topics.events },
  ];
}

function exportProviders(
  { config, logger }: ServiceContext<ExporterConfig>,
  topics: ExportTopics,
): Provider[] {
  return [
    { provide: ExportMetrics, useValue: new ExportMetrics() },
    { provide: IngestionClient, useFactory: () => ingestionClient(config) },
    {
      provide: RateGate,
      useFactory: (metrics: ExportMetrics) => new RateGate(config.rate, (a) => metrics.onAllowance(a)),
      inject: [ExportMetrics],
    },
    {
      provide: OutcomeService,
      useFactory: (state: FeedStateRepository, publisher: KafkaPublisher, metrics: ExportMetrics) =>
        new OutcomeService(state, publisher, topics, metrics),
      inject: [FeedStateRepository, KafkaPublisher, ExportMetrics],
    },
    {
      provide: DeliveryService,
      useFactory: (
        client: IngestionClient,
        gate: RateGate,
        outcomes: OutcomeService,
        metrics: ExportMetrics,
      ) =>
        new DeliveryService({
          client,
          gate,
          outcomes,
          retry: config.retry,
          breaker: config.breaker,
          metrics,
          logger,
          extendedLog: config.log.extendedLog,
        }),
      inject: [IngestionClient, RateGate, OutcomeService, ExportMetrics],
    },
    {
      provide: ExportService,
      useFactory: (delivery: DeliveryService, metrics: ExportMetrics) =>
        new ExportService({
          topics,
          batchSizes: Object.fromEntries(
            config.feeds.map((feed) => [feed, config.batchSizes[feed] ?? FEEDS[feed].defaultBatchSize]),
          ),
          maxRequestBytes: config.maxRequestBytes,
          lingerMs: config.lingerMs,
          callBudgetMs: config.callBudgetMs,
          maxCalls: config.kafka.partitionsConsumedConcurrently,
          redaction: config.redaction,
          delivery,
          metrics,
          logger,
        }),
      inject: [DeliveryService, ExportMetrics],
    },
  ];
}

async function ingestionClient(config: ExporterConfig): Promise<IngestionClient> {
  const pem = await readFile(config.receiver.privateKeyFile, 'utf8');
  const signer = await IngestionSigner.fromPkcs8(pem, {
    environmentId: config.receiver.environmentId,
    apiKey: config.receiver.apiKey,
  });
  return new IngestionClient({
    baseUrl: config.receiver.baseUrl,
    environmentId: config.receiver.environmentId,
    apiKey: config.receiver.apiKey,
    signer,
    requestTimeoutMs: config.receiver.requestTimeoutMs,
    connections: config.rate.maxConcurrency,
  });
}
