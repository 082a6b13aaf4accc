import { FeedServiceModule, type FeedServiceConfig } from '@cde/feed-engine';
import { SCOPES_CUSTOMER_GROUP_FEED, SCOPES_WEBSITE_FEED } from '@cde/feeds/scopes';
import { Module, type DynamicModule } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';

@Module({})
export class AppModule {
  static register(config: FeedServiceConfig, logger: Logger, kafka: Kafka): DynamicModule {
    return {
      module: AppModule,
      imports: [
        FeedServiceModule.register({
          config,
          logger,
          kafka,
          feeds: [SCOPES_WEBSITE_FEED, SCOPES_CUSTOMER_GROUP_FEED],
        }),
      ],
    };
  }
}
