export * from './lib/shared/attribute-metadata';
export * from './lib/shared/eav';
export * from './lib/shared/store-views';
