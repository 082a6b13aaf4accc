import { feedServiceDefinition, FeedServiceModule, type FeedServiceConfig } from '@cde/feed-engine';
import { INVENTORY_FEEDS } from '@cde/feeds/inventory';
import type { ServiceContext } from '@cde/platform/service';
import { Module, type DynamicModule } from '@nestjs/common';
import { loadConfig } from './app.config';

@Module({})
export class AppModule {
  static register(context: ServiceContext<FeedServiceConfig>): DynamicModule {
    return {
      module: AppModule,
      imports: [FeedServiceModule.register({ context, feeds: [...INVENTORY_FEEDS] })],
    };
  }
}

/** inventory-feed as main.ts runs it. */
export const inventoryFeedService = feedServiceDefinition('inventory-feed', loadConfig, (context) =>
  AppModule.register(context),
);
