import { feedServiceDefinition, FeedServiceModule, type FeedServiceConfig } from '@cde/feed-engine';
import { PRICES_FEED } from '@cde/feeds/prices';
import type { ServiceContext } from '@cde/platform/service';
import { Module, type DynamicModule } from '@nestjs/common';
import { loadConfig } from './app.config';

/** The feeds of prices-feed. */
export const PRICE_FEEDS = [PRICES_FEED];

@Module({})
export class AppModule {
  static register(context: ServiceContext<FeedServiceConfig>): DynamicModule {
    return {
      module: AppModule,
      imports: [FeedServiceModule.register({ context, feeds: PRICE_FEEDS })],
    };
  }
}

/** prices-feed as main.ts runs it. */
export const pricesFeedService = feedServiceDefinition('prices-feed', loadConfig, (context) =>
  AppModule.register(context),
);
