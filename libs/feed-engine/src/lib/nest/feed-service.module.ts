import { SyncCode, Topics, type FeedName } from '@cde/contracts';
import { captureReadiness, connectorApi } from '@cde/platform/cdc';
import { CommerceDb } from '@cde/platform/commerce-db';
import { FeedStateRepository, SyncJobRepository } from '@cde/platform/feed-state';
import {
  commandsTopicSpec,
  eventsTopicSpec,
  feedDeadLetterTopicSpec,
  feedTopicSpec,
  KafkaPublisher,
  serviceDeadLetterTopicSpec,
  type TopicSpec,
} from '@cde/platform/kafka';
import { injectTraceContext, inSpan, SpanKind } from '@cde/platform/observability';
import {
  FEED_STATE_DATA_SOURCE,
  serviceLifecycle,
  ServiceModule,
  type ServiceContext,
  type ServiceParts,
} from '@cde/platform/service';
import { Module, type DynamicModule } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { FeedDefinition } from '../feed-definition';
import { FeedMetrics } from '../feed-metrics';
import { FeedService } from '../feed-service';
import type { FeedServiceConfig } from '../feed-service.config';
import { feedConsumers } from './feed-consumers';

export interface FeedServiceModuleOptions {
  readonly context: ServiceContext<FeedServiceConfig>;
  /** Every feed the service can run; CDE_FEEDS picks the ones this deployment runs. */
  readonly feeds: readonly FeedDefinition[];
}

/** Background syncs and retries in flight get this long to finish on shutdown. */
const DRAIN_TIMEOUT_MS = 30_000;

/**
 * A feed service: the feeds it runs (CDE_FEEDS), the Commerce DB, the consumers of change events, commands and
 * failed deliveries, and the legacy send and cleanup on timers; the common parts (topics, publisher, feed state,
 * metrics, health, shutdown order) come from `@cde/platform/service`. All behaviour is in `FeedService`.
 */
@Module({})
export class FeedServiceModule {
  static register(options: FeedServiceModuleOptions): DynamicModule {
    const { context } = options;
    const { config, logger } = context;
    const feeds = options.feeds.filter((d) => config.feeds.includes(d.feed));
    const changeTopics = [...new Set(feeds.flatMap((d) => d.tables))].map((t) => Topics.commerceTable(t));
    return {
      module: FeedServiceModule,
      imports: [
        ServiceModule.register({
          context,
          topics: feedServiceTopics(config, changeTopics),
          feedState: { db: config.feedState },
        }),
      ],
      controllers: feedConsumers({ changes: changeTopics, feeds: config.feeds }),
      providers: [
        { provide: FeedMetrics, useValue: new FeedMetrics({ service: config.service }) },
        { provide: CommerceDb, useFactory: () => CommerceDb.connect(config.commerceDb) },
        {
          provide: SyncJobRepository,
          useFactory: (dataSource: DataSource) => new SyncJobRepository(dataSource),
          inject: [FEED_STATE_DATA_SOURCE],
        },
        {
          provide: FeedService,
          useFactory: (
            db: CommerceDb,
            state: FeedStateRepository,
            jobs: SyncJobRepository,
            publisher: KafkaPublisher,
            metrics: FeedMetrics,
            feedState: DataSource,
          ) =>
            new FeedService({
              service: config.service,
              feeds,
              settings: config.settings,
              db,
              state,
              feedState,
              jobs,
              sink: {
                maxMessageBytes: publisher.limits.maxRequestBytes,
                // A PRODUCER span per publish; its context goes with every message as `traceparent`.
                publish: (feed, items) =>
                  inSpan(
                    `send ${Topics.feed(feed)}`,
                    {
                      kind: SpanKind.PRODUCER,
                      attributes: {
                        'messaging.system': 'kafka',
                        'messaging.operation.type': 'send',
                        'messaging.destination.name': Topics.feed(feed),
                        'messaging.batch.message_count': items.length,
                        'cde.feed': feed,
                      },
                    },
                    () => {
                      const headers = injectTraceContext({});
                      return publisher.publishJson(
                        Topics.feed(feed),
                        items.map((i) => ({ key: i.message.feedId, json: i.json, headers })),
                      );
                    },
                  ),
              },
              events: {
                emit: (event) => publisher.publish(Topics.events, [{ key: event.feed, value: event }]),
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
              ...(config.connect
                ? { connector: connectorApi(config.connect.url, config.connect.connector) }
                : {}),
            }),
          inject: [
            CommerceDb,
            FeedStateRepository,
            SyncJobRepository,
            KafkaPublisher,
            FeedMetrics,
            FEED_STATE_DATA_SOURCE,
          ],
        },
        ...serviceLifecycle({
          inject: [FeedService, CommerceDb, FeedMetrics],
          useFactory: (service: FeedService, db: CommerceDb, metrics: FeedMetrics) =>
            feedServiceParts(config, service, db, metrics),
        }),
      ],
      exports: [FeedService, FeedMetrics],
    };
  }
}

/** Every topic a feed service reads or writes. */
function feedServiceTopics(config: FeedServiceConfig, changeTopics: readonly string[]): TopicSpec[] {
  const limit = { maxMessageBytes: config.kafka.maxMessageBytes };
  return [
    ...config.feeds.flatMap((f: FeedName) => [feedTopicSpec(f, limit), feedDeadLetterTopicSpec(f)]),
    serviceDeadLetterTopicSpec(config.service, limit),
    commandsTopicSpec(),
    eventsTopicSpec(),
    ...changeTopics.map((topic): TopicSpec => ({ topic, numPartitions: 1, configs: {} })),
  ];
}

/** Onboarding and background syncs start before the service turns ready; they drain after the transport closed. */
function feedServiceParts(
  config: FeedServiceConfig,
  service: FeedService,
  db: CommerceDb,
  metrics: FeedMetrics,
): ServiceParts {
  return {
    registry: metrics.registry,
    start: () => service.start(),
    tasks: [
      {
        name: 'legacy',
        intervalMs: config.legacySendIntervalMs,
        run: () => service.sendLegacy(),
        failureCode: SyncCode.BackgroundTaskFailed,
      },
      {
        name: 'cleanup',
        intervalMs: config.cleanupIntervalMs,
        run: () => service.cleanupDeleted(),
        failureCode: SyncCode.BackgroundTaskFailed,
      },
      {
        name: 'clock',
        intervalMs: config.clockIntervalMs,
        run: () => service.onClock(),
        failureCode: SyncCode.ClockFailed,
        // The start-up pass: what time changed while the service was not running (a window that opened).
        atStart: true,
      },
      // A connector task failed on a purged binlog position is a binlog loss of every feed (CDE04-28).
      ...(config.connect
        ? [
            {
              name: 'connector',
              intervalMs: config.connect.watchIntervalMs,
              run: () => service.watchConnector(),
              failureCode: SyncCode.BackgroundTaskFailed,
              atStart: true,
            },
          ]
        : []),
    ],
    stop: () => service.drain(DRAIN_TIMEOUT_MS),
    close: [() => db.close()],
  };
}
