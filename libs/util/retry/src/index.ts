export * from './lib/backoff';
