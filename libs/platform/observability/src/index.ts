export * from './lib/feed-logger';
export * from './lib/pino-nest-logger';
