import { parseFeedServiceConfig, type FeedServiceConfig } from '@cde/feed-engine';

/** The only place prices-feed reads its environment; validated once at boot. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): FeedServiceConfig {
  return parseFeedServiceConfig('prices-feed', env);
}
