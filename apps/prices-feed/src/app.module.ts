import { feedServiceDefinition } from '@cde/feed-engine';
import { PRICES_FEED } from '@cde/feeds/prices';
import { loadConfig } from './app.config';

/** The feeds of prices-feed. */
export const PRICE_FEEDS = [PRICES_FEED];

/** prices-feed as main.ts runs it. */
export const pricesFeedService = feedServiceDefinition('prices-feed', loadConfig, () => PRICE_FEEDS);
