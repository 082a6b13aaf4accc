export * from './lib/doctor';
export * from './lib/estimate';
export * from './lib/exit-codes';
export * from './lib/explain';
export * from './lib/failed-items';
export * from './lib/feed-selection';
export * from './lib/status';
