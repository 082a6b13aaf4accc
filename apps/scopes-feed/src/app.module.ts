import { feedServiceDefinition } from '@cde/feed-engine';
import { SCOPES_CUSTOMER_GROUP_FEED, SCOPES_WEBSITE_FEED } from '@cde/feeds/scopes';
import { loadConfig } from './app.config';

/** scopes-feed as main.ts runs it. */
export const scopesFeedService = feedServiceDefinition('scopes-feed', loadConfig, () => [
  SCOPES_WEBSITE_FEED,
  SCOPES_CUSTOMER_GROUP_FEED,
]);
