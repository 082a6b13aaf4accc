export * from './lib/feed-logger';
