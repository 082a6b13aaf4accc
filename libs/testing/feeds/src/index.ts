export * from './lib/feed-test-kit';
