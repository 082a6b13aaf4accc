export * from './lib/periodic-tasks';
export * from './lib/run-service';
export * from './lib/service.config';
export * from './lib/service.lifecycle';
export * from './lib/service.module';
export * from './lib/service.tokens';
