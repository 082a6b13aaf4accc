import {
  FeedStateRepository,
  openFeedStateDataSource,
  type FeedStateDbConfig,
} from '@cde/platform/feed-state';
import { KafkaPublisher, prepareTopicsOn, type TopicSpec } from '@cde/platform/kafka';
import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { FEED_STATE_DATA_SOURCE, SERVICE_CONTEXT, type ServiceContext } from './service.tokens';

export interface ServiceModuleOptions {
  readonly context: ServiceContext;
  /** Every topic the service reads or writes: they exist (created or checked) before anything publishes or subscribes. */
  readonly topics: readonly TopicSpec[];
  /** The feed state, for services that keep it: its database and the size of the pool. */
  readonly feedState?: { readonly db: FeedStateDbConfig; readonly poolSize?: number };
}

/**
 * The parts every service shares, wired once: its context (config, logger, Kafka client), its topics ensured and
 * the publisher connected, and, when it keeps feed state, the migrated feed-state data source and repository.
 * A service's feature module imports it and registers `serviceLifecycle()`, which starts and stops them in order.
 */
@Module({})
export class ServiceModule {
  static register(options: ServiceModuleOptions): DynamicModule {
    const { context, topics, feedState } = options;
    const providers: Provider[] = [
      { provide: SERVICE_CONTEXT, useValue: context },
      { provide: KafkaPublisher, useFactory: () => connectPublisher(context, topics) },
    ];
    if (feedState) {
      providers.push(
        {
          provide: FEED_STATE_DATA_SOURCE,
          useFactory: () => openFeedStateDataSource(feedState.db, feedState.poolSize),
        },
        {
          provide: FeedStateRepository,
          useFactory: (dataSource: DataSource) => new FeedStateRepository(dataSource),
          inject: [FEED_STATE_DATA_SOURCE],
        },
      );
    }
    return {
      module: ServiceModule,
      providers,
      exports: [
        SERVICE_CONTEXT,
        KafkaPublisher,
        ...(feedState ? [FEED_STATE_DATA_SOURCE, FeedStateRepository] : []),
      ],
    };
  }
}

/**
 * Creates the missing topics, or only checks them where KafkaTopic resources declare them
 * (`CDE_KAFKA_ENSURE_TOPICS=0`); drift is reported either way. Then connects.
 */
async function connectPublisher(
  context: ServiceContext,
  topics: readonly TopicSpec[],
): Promise<KafkaPublisher> {
  const { drift } = await prepareTopicsOn(context.kafka, context.config.kafka.ensureTopics, topics);
  if (drift.length > 0) context.logger.warn({ drift }, 'topic configs differ from their specs');
  const publisher = new KafkaPublisher(context.kafka, context.logger, context.config.kafka.maxMessageBytes);
  await publisher.connect();
  return publisher;
}
