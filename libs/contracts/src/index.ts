export * from './lib/commands';
export * from './lib/events';
export * from './lib/feed-item-schemas';
export * from './lib/feed-messages';
export * from './lib/feeds';
export * from './lib/items';
export * from './lib/topic-payloads';
export * from './lib/topics';
