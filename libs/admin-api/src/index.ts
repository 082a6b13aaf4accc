export * from './lib/admin-commands';
export * from './lib/admin-read.repository';
export * from './lib/item-diff';
export * from './lib/item-filter';
export * from './lib/item-history';
export * from './lib/password';
