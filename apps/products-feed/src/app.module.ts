import { feedServiceDefinition } from '@cde/feed-engine';
import { CATALOG_FEEDS } from '@cde/feeds/products';
import { loadConfig } from './app.config';

/** products-feed as main.ts runs it: the six catalog feeds. */
export const productsFeedService = feedServiceDefinition('products-feed', loadConfig, () => CATALOG_FEEDS);
