import { feedServiceDefinition } from '@cde/feed-engine';
import { INVENTORY_FEEDS } from '@cde/feeds/inventory';
import { loadConfig } from './app.config';

/** inventory-feed as main.ts runs it. */
export const inventoryFeedService = feedServiceDefinition(
  'inventory-feed',
  loadConfig,
  () => INVENTORY_FEEDS,
);
