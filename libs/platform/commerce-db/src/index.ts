export * from './lib/commerce-db';
export * from './lib/keyset';
export * from './lib/read-together';
export * from './lib/sql';
export * from './lib/row-columns';
