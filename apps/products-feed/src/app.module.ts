import { feedServiceDefinition, FeedServiceModule, type FeedServiceConfig } from '@cde/feed-engine';
import { CATALOG_FEEDS } from '@cde/feeds/products';
import type { ServiceContext } from '@cde/platform/service';
import { Module, type DynamicModule } from '@nestjs/common';
import { loadConfig } from './app.config';

@Module({})
export class AppModule {
  static register(context: ServiceContext<FeedServiceConfig>): DynamicModule {
    return {
      module: AppModule,
      imports: [FeedServiceModule.register({ context, feeds: CATALOG_FEEDS })],
    };
  }
}

/** products-feed as main.ts runs it. */
export const productsFeedService = feedServiceDefinition('products-feed', loadConfig, (context) =>
  AppModule.register(context),
);
