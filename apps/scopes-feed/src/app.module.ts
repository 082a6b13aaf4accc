import { feedServiceDefinition, FeedServiceModule, type FeedServiceConfig } from '@cde/feed-engine';
import { SCOPES_CUSTOMER_GROUP_FEED, SCOPES_WEBSITE_FEED } from '@cde/feeds/scopes';
import type { ServiceContext } from '@cde/platform/service';
import { Module, type DynamicModule } from '@nestjs/common';
import { loadConfig } from './app.config';

@Module({})
export class AppModule {
  static register(context: ServiceContext<FeedServiceConfig>): DynamicModule {
    return {
      module: AppModule,
      imports: [
        FeedServiceModule.register({ context, feeds: [SCOPES_WEBSITE_FEED, SCOPES_CUSTOMER_GROUP_FEED] }),
      ],
    };
  }
}

/** scopes-feed as main.ts runs it. */
export const scopesFeedService = feedServiceDefinition('scopes-feed', loadConfig, (context) =>
  AppModule.register(context),
);
