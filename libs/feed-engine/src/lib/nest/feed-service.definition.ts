import { Topics, type FeedServiceName } from '@cde/contracts';
import type { ServiceDefinition } from '@cde/platform/service';
import type { FeedDefinition } from '../feed-definition';
import type { FeedServiceConfig } from '../feed-service.config';
import { FeedServiceModule } from './feed-service.module';

/**
 * A feed service as `runService` starts it: its config, `FeedServiceModule` running the feeds it declares (from
 * its config, e.g. a feed's own settings), and `cde.commands` read from its end by a new consumer group (a new
 * deployment must not rerun old commands).
 */
export function feedServiceDefinition<Config extends FeedServiceConfig = FeedServiceConfig>(
  name: FeedServiceName,
  loadConfig: () => Config,
  feeds: (config: Config) => readonly FeedDefinition[],
): ServiceDefinition<Config> {
  return {
    name,
    loadConfig,
    root: (context) => FeedServiceModule.register({ context, feeds: feeds(context.config) }),
    transport: () => ({ startAtLatest: [Topics.commands] }),
    logFields: (config) => ({ feeds: config.feeds }),
  };
}
