import { feedServiceDefinition, FeedServiceModule } from '@cde/feed-engine';
import { ordersFeed } from '@cde/feeds/orders';
import type { ServiceContext } from '@cde/platform/service';
import { Module, type DynamicModule } from '@nestjs/common';
import { loadConfig, type OrdersFeedConfig } from './app.config';

@Module({})
export class AppModule {
  static register(context: ServiceContext<OrdersFeedConfig>): DynamicModule {
    const feeds = [ordersFeed({ fullResyncDays: context.config.ordersFullResyncDays })];
    return {
      module: AppModule,
      imports: [FeedServiceModule.register({ context, feeds })],
    };
  }
}

/** orders-feed as main.ts runs it. */
export const ordersFeedService = feedServiceDefinition('orders-feed', loadConfig, (context) =>
  AppModule.register(context),
);
