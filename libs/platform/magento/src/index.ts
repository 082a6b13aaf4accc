export * from './lib/attribute-metadata';
export * from './lib/eav';
export * from './lib/entity-ids';
export * from './lib/group-by';
export * from './lib/inventory-stocks';
export * from './lib/store-config';
export * from './lib/store-views';
