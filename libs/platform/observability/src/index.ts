export * from './lib/feed-logger';
export * from './lib/metric-factory';
export * from './lib/metrics.server';
export * from './lib/observability.config';
export * from './lib/pino-nest-logger';
export * from './lib/tracing';
export * from './lib/tracing.module';
export * from './lib/process-metrics';
