import { DEFAULT_ORDERS_FULL_RESYNC_DAYS } from '@cde/feeds/orders';
import { feedServiceEnvSchema, parseFeedServiceConfig, type FeedServiceConfig } from '@cde/feed-engine';
import { parseEnv } from '@cde/platform/service';
import { z } from 'zod';

/** orders-feed's own variables, beyond every feed service's. */
export const ordersFeedEnvSchema = z.object({
  CDE_ORDERS_FULL_RESYNC_DAYS: z.coerce.number().int().min(0).default(DEFAULT_ORDERS_FULL_RESYNC_DAYS),
});

export interface OrdersFeedConfig extends FeedServiceConfig {
  /** A full sync takes the orders updated within this many days (the original: 7); 0 takes every order. */
  readonly ordersFullResyncDays: number;
}

/** The only place orders-feed reads its environment; validated once at boot. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): OrdersFeedConfig {
  const own = parseEnv('orders-feed', ordersFeedEnvSchema, env);
  return {
    ...parseFeedServiceConfig('orders-feed', env),
    ordersFullResyncDays: own.CDE_ORDERS_FULL_RESYNC_DAYS,
  };
}

/** Every variable orders-feed reads. */
export const ORDERS_FEED_VARIABLES = [
  ...Object.keys(feedServiceEnvSchema.shape),
  ...Object.keys(ordersFeedEnvSchema.shape),
];
