import { FEEDS } from '@cde/contracts';
import { openFeedStateDataSource, FeedStateRepository } from '@cde/platform/feed-state';
import {
  ensureTopicsOn,
  eventsTopicSpec,
  feedDeadLetterTopicSpec,
  feedTopicSpec,
  KafkaPublisher,
  OnKafkaBatch,
  type BatchOutcome,
  type KafkaBatch,
  type TopicSpec,
} from '@cde/platform/kafka';
import { MetricsServer } from '@cde/platform/observability';
import {
  Controller,
  Inject,
  Module,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type Provider,
} from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import type { Kafka } from 'kafkajs';
import { readFile } from 'node:fs/promises';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
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
  readonly config: ExporterConfig;
  readonly logger: Logger;
  /** The same client the transport uses. */
  readonly kafka: Kafka;
  /** Called with the metrics server's port once it listens (tests pass port 0). */
  readonly onMetricsListening?: (port: number) => void;
}

const EXPORT_DATA_SOURCE = Symbol('EXPORT_DATA_SOURCE');

/** Starts the metrics endpoint; on shutdown drains deliveries first, then closes the pool, the DB and the endpoint. */
class ExportLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private ready = false;
  private readonly server: MetricsServer;

  constructor(
    private readonly options: ExportModuleOptions,
    private readonly service: ExportService,
    private readonly client: IngestionClient,
    private readonly dataSource: DataSource,
    metrics: ExportMetrics,
  ) {
    this.server = new MetricsServer({
      host: options.config.metrics.host,
      port: options.config.metrics.port,
      registry: metrics.registry,
      ready: () => this.ready,
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    const port = await this.server.start();
    this.ready = true;
    this.options.logger.info(
      { port, host: this.options.config.metrics.host },
      'metrics and health listening',
    );
    this.options.onMetricsListening?.(port);
  }

  /** Runs before the transport closes (on a signal): waits end now, in-flight requests get the grace period. */
  async beforeApplicationShutdown(): Promise<void> {
    this.ready = false;
    await this.service.drain(this.options.config.shutdownGraceMs);
  }

  async onApplicationShutdown(): Promise<void> {
    this.ready = false;
    await this.service.drain(0);
    await this.client.close();
    await this.dataSource.destroy();
    await this.server.close();
  }
}

/**
 * The exporter: consumes the feed topics of the configured feeds and delivers their items to the receiver, with
 * the feed state, the dead-letter and events topics, metrics and a graceful shutdown. Apps compose it with their
 * validated config; behaviour lives in ExportService and DeliveryService.
 */
@Module({})
export class ExportModule {
  static register(options: ExportModuleOptions): DynamicModule {
    const { config, logger, kafka } = options;
    const topics = new ExportTopics(config.topicPrefix, config.feeds);

    @Controller()
    class FeedItemsConsumer {
      constructor(@Inject(ExportService) private readonly service: ExportService) {}

      @OnKafkaBatch(topics.consumed())
      onFeedItems(@Payload() batch: KafkaBatch): Promise<BatchOutcome> {
        return this.service.exportBatch(batch);
      }
    }

    const providers: Provider[] = [
      { provide: ExportMetrics, useValue: new ExportMetrics() },
      {
        provide: EXPORT_DATA_SOURCE,
        useFactory: async () => {
          return openFeedStateDataSource(config.feedState, 4);
        },
      },
      {
        provide: FeedStateRepository,
        useFactory: (dataSource: DataSource) => new FeedStateRepository(dataSource),
        inject: [EXPORT_DATA_SOURCE],
      },
      {
        provide: KafkaPublisher,
        useFactory: async () => {
          // The topics exist before anything subscribes or publishes (production creates them as KafkaTopics).
          const specs: TopicSpec[] = [
            ...config.feeds.flatMap((feed) => [
              { ...feedTopicSpec(feed), topic: topics.feed(feed) },
              { ...feedDeadLetterTopicSpec(feed), topic: topics.feedDeadLetter(feed) },
            ]),
            { ...eventsTopicSpec(), topic: topics.events },
          ];
          const { drift } = await ensureTopicsOn(kafka, specs);
          if (drift.length > 0) logger.warn({ drift }, 'topic configs differ from their specs');
          const publisher = new KafkaPublisher(kafka, logger);
          await publisher.connect();
          return publisher;
        },
      },
      {
        provide: IngestionClient,
        useFactory: async () => {
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
        },
      },
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
            metrics,
            logger,
            extendedLog: config.extendedLog,
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
            lingerMs: config.lingerMs,
            callBudgetMs: config.callBudgetMs,
            maxCalls: config.partitionsConsumedConcurrently,
            redaction: config.redaction,
            delivery,
            metrics,
            logger,
          }),
        inject: [DeliveryService, ExportMetrics],
      },
      {
        provide: ExportLifecycle,
        useFactory: (
          service: ExportService,
          client: IngestionClient,
          dataSource: DataSource,
          metrics: ExportMetrics,
        ) => new ExportLifecycle(options, service, client, dataSource, metrics),
        inject: [ExportService, IngestionClient, EXPORT_DATA_SOURCE, ExportMetrics],
      },
    ];

    return {
      module: ExportModule,
      controllers: [FeedItemsConsumer],
      providers,
      exports: [ExportService, ExportMetrics],
    };
  }
}
