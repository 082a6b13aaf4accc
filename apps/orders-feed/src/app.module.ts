import { feedServiceDefinition } from '@cde/feed-engine';
import { ordersFeed } from '@cde/feeds/orders';
import { loadConfig } from './app.config';

/** orders-feed as main.ts runs it; the orders feed takes its full-resync window from the config. */
export const ordersFeedService = feedServiceDefinition('orders-feed', loadConfig, (config) => [
  ordersFeed({ fullResyncDays: config.ordersFullResyncDays }),
]);
