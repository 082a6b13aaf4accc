export * from './lib/api-error';
export * from './lib/api-error.filter';
