import { Topics, type FeedServiceName } from '@cde/contracts';
import type { ServiceContext, ServiceDefinition } from '@cde/platform/service';
import type { DynamicModule } from '@nestjs/common';
import type { FeedServiceConfig } from '../feed-service.config';

/**
 * A feed service as `runService` starts it: its config, its root module, and `cde.commands` read from its end by
 * a new consumer group (a new deployment must not rerun old commands).
 */
export function feedServiceDefinition<Config extends FeedServiceConfig = FeedServiceConfig>(
  name: FeedServiceName,
  loadConfig: () => Config,
  root: (context: ServiceContext<Config>) => DynamicModule,
): ServiceDefinition<Config> {
  return {
    name,
    loadConfig,
    root,
    transport: () => ({ startAtLatest: [Topics.commands] }),
    logFields: (config) => ({ feeds: config.feeds }),
  };
}
