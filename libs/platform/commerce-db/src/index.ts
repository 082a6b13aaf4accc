export * from './lib/commerce-db';
