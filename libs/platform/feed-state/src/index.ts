export * from './lib/entity-uuid.repository';
export * from './lib/feed-state.config';
export * from './lib/feed-state.data-source';
export * from './lib/feed-state.repository';
export * from './lib/sync-job.repository';
