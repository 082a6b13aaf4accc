import { SyncCode, Topics, type CdeEvent, type FeedItemMessage, type FeedName } from '@cde/contracts';
import { CommerceDb } from '@cde/platform/commerce-db';
import { captureReadiness } from '@cde/platform/cdc';
import { openFeedStateDataSource, FeedStateRepository, SyncJobRepository } from '@cde/platform/feed-state';
import {
  commandsTopicSpec,
  ensureTopicsOn,
  eventsTopicSpec,
  feedDeadLetterTopicSpec,
  feedTopicSpec,
  KafkaPublisher,
  OnKafkaBatch,
  serviceDeadLetterTopicSpec,
  decodeJson,
  readBatch,
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
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { readCdeCommand } from '../command-parser';
import { FeedMetrics } from '../feed-metrics';
import type { FeedDefinition } from '../feed-definition';
import type { FeedServiceConfig } from '../feed-service.config';
import { FeedService } from '../feed-service';

export const FEED_LOGGER = Symbol('FEED_LOGGER');
export const FEED_KAFKA = Symbol('FEED_KAFKA');
export const FEED_CONFIG = Symbol('FEED_CONFIG');
const FEED_DATA_SOURCE = Symbol('FEED_DATA_SOURCE');

export interface FeedServiceModuleOptions {
  readonly config: FeedServiceConfig;
  /** Every feed the service can run; FEEDS picks the ones this deployment runs. */
  readonly feeds: readonly FeedDefinition[];
  readonly logger: Logger;
  /** The same client the transport uses. */
  readonly kafka: Kafka;
}

/**
 * Serves metrics and health, runs the legacy sender and the cleanup on timers, and on shutdown turns not ready,
 * drains resyncs and closes the pools.
 */
class FeedServiceLifecycle
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  private timers: NodeJS.Timeout[] = [];
  private busy = new Set<string>();
  /** Bootstrapped (pools, topics and publisher are up; the consumer joins right after) and not shutting down. */
  private ready = false;
  private readonly server: MetricsServer;

  constructor(
    private readonly service: FeedService,
    private readonly config: FeedServiceConfig,
    private readonly db: CommerceDb,
    private readonly dataSource: DataSource,
    private readonly logger: Logger,
    metrics: FeedMetrics,
  ) {
    this.server = new MetricsServer({
      host: config.metrics.host,
      port: config.metrics.port,
      registry: metrics.registry,
      ready: () => this.ready,
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.service.start();
    const port = await this.server.start();
    this.ready = true;
    this.logger.info({ host: this.config.metrics.host, port }, 'metrics and health listening');
    this.every('legacy', this.config.legacySendIntervalMs, () => this.service.sendLegacy());
    this.every('cleanup', this.config.cleanupIntervalMs, () => this.service.cleanupDeleted());
  }

  /** One run at a time per job; a failed run is logged and retried at the next tick. */
  private every(job: string, intervalMs: number, run: () => Promise<unknown>): void {
    const timer = setInterval(() => {
      if (this.busy.has(job)) return;
      this.busy.add(job);
      run()
        .catch((error: unknown) =>
          this.logger.error(
            { operation: job, code: SyncCode.BackgroundTaskFailed },
            `${job} failed: ${String(error)}`,
          ),
        )
        .finally(() => this.busy.delete(job));
    }, intervalMs);
    this.timers.push(timer);
  }

  /** Runs before the transport leaves the group: readiness drops first. */
  beforeApplicationShutdown(): void {
    this.ready = false;
  }

  async onApplicationShutdown(): Promise<void> {
    this.ready = false;
    for (const t of this.timers) clearInterval(t);
    await this.service.drain(30_000);
    await this.db.close();
    await this.dataSource.destroy();
    await this.server.close();
  }
}

/**
 * A feed service: the feeds it runs (FEEDS), the Commerce DB, the feed state, Kafka topics and the consumers of
 * change events and commands. Apps compose it with their declarations; all behaviour is in FeedService.
 */
@Module({})
export class FeedServiceModule {
  static register(options: FeedServiceModuleOptions): DynamicModule {
    const { config, logger, kafka } = options;
    const feeds = options.feeds.filter((d) => config.feeds.includes(d.feed));
    const changeTopics = [...new Set(feeds.flatMap((d) => d.tables))].map((t) => Topics.commerceTable(t));

    @Controller()
    class FeedChangesConsumer {
      constructor(@Inject(FeedService) private readonly service: FeedService) {}

      @OnKafkaBatch(changeTopics)
      async onCommerceChanges(batch: KafkaBatch): Promise<BatchOutcome> {
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
        this.metrics.onPoison(batch.topic, poison.length);
        return { poison };
      }
    }

    const deadLetterTopics = config.feeds.map((f) => Topics.feedDeadLetter(f));

    @Controller()
    class FeedDeadLettersConsumer {
      constructor(
        @Inject(FeedService) private readonly service: FeedService,
        @Inject(FeedMetrics) private readonly metrics: FeedMetrics,
      ) {}

      /** Failed deliveries, retried with their current content after an increasing delay. */
      @OnKafkaBatch(deadLetterTopics)
      async onFailedDeliveries(batch: KafkaBatch): Promise<BatchOutcome> {
        const feed = config.feeds.find((f) => Topics.feedDeadLetter(f) === batch.topic);
        if (!feed) throw new Error(`${batch.topic} is not the dead-letter topic of a feed this service runs`);
        const { values, poison } = readBatch(batch.messages, (m) =>
          decodeJson(Topics.feedDeadLetter(feed), m),
        );
        this.metrics.onPoison(batch.topic, poison.length);
        await this.service.onDeadLetters(
          feed,
          values.map((v) => v.value),
        );
        return { poison };
      }
    }

    const providers: Provider[] = [
      { provide: FEED_LOGGER, useValue: logger },
      { provide: FEED_KAFKA, useValue: kafka },
      { provide: FEED_CONFIG, useValue: config },
      { provide: FeedMetrics, useValue: new FeedMetrics({ service: config.service }) },
      { provide: CommerceDb, useFactory: () => CommerceDb.connect(config.commerceDb) },
      {
        provide: FEED_DATA_SOURCE,
        useFactory: async () => {
          return openFeedStateDataSource(config.feedState);
        },
      },
      {
        provide: FeedStateRepository,
        useFactory: (ds: DataSource) => new FeedStateRepository(ds),
        inject: [FEED_DATA_SOURCE],
      },
      {
        provide: SyncJobRepository,
        useFactory: (ds: DataSource) => new SyncJobRepository(ds),
        inject: [FEED_DATA_SOURCE],
      },
      {
        provide: KafkaPublisher,
        useFactory: async () => {
          // Topics exist before anything publishes or subscribes (production creates them from KafkaTopic resources).
          const specs: TopicSpec[] = [
            ...config.feeds.flatMap((f: FeedName) => [feedTopicSpec(f), feedDeadLetterTopicSpec(f)]),
            serviceDeadLetterTopicSpec(config.service),
            commandsTopicSpec(),
            eventsTopicSpec(),
            ...changeTopics.map((topic): TopicSpec => ({ topic, numPartitions: 1, configs: {} })),
          ];
          const { drift } = await ensureTopicsOn(kafka, specs);
          if (drift.length > 0) logger.warn({ drift }, 'topic configs differ from their specs');
          const publisher = new KafkaPublisher(kafka, logger);
          await publisher.connect();
          return publisher;
        },
      },
      {
        provide: FeedService,
        useFactory: (
          db: CommerceDb,
          state: FeedStateRepository,
          jobs: SyncJobRepository,
          publisher: KafkaPublisher,
          metrics: FeedMetrics,
        ) =>
          new FeedService({
            service: config.service,
            feeds,
            settings: config.settings,
            db,
            state,
            jobs,
            sink: {
              publish: (feed: FeedName, messages: readonly FeedItemMessage[]) =>
                publisher.publish(
                  Topics.feed(feed),
                  messages.map((m) => ({ key: m.feedId, value: m })),
                ),
            },
            events: {
              emit: (event: CdeEvent) =>
                publisher.publish(Topics.events, [{ key: event.feed, value: event }]),
            },
            logger,
            metrics,
            retryPolicy: config.retryPolicy,
            commandMaxAgeMs: config.commandMaxAgeMs,
            syncThreads: config.sync.threads,
            syncConcurrency: config.sync.concurrency,
            captureReady: captureReadiness(config.connect, (message) =>
              logger.warn({ code: SyncCode.CaptureNotReady }, message),
            ),
          }),
        inject: [CommerceDb, FeedStateRepository, SyncJobRepository, KafkaPublisher, FeedMetrics],
      },
      {
        provide: FeedServiceLifecycle,
        useFactory: (service: FeedService, db: CommerceDb, ds: DataSource, metrics: FeedMetrics) =>
          new FeedServiceLifecycle(service, config, db, ds, logger, metrics),
        inject: [FeedService, CommerceDb, FEED_DATA_SOURCE, FeedMetrics],
      },
    ];

    return {
      module: FeedServiceModule,
      controllers: [FeedChangesConsumer, FeedCommandsConsumer, FeedDeadLettersConsumer],
      providers,
      exports: [FeedService, FeedMetrics, FEED_LOGGER, FEED_CONFIG],
    };
  }
}
