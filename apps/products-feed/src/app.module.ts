import { FeedServiceModule, type FeedServiceConfig } from '@cde/feed-engine';
import { CATALOG_FEEDS } from '@cde/feeds/products';
import { Module, type DynamicModule } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';

@Module({})
export class AppModule {
  static register(config: FeedServiceConfig, logger: Logger, kafka: Kafka): DynamicModule {
    return {
      module: AppModule,
      imports: [FeedServiceModule.register({ config, logger, kafka, feeds: CATALOG_FEEDS })],
    };
  }
}
