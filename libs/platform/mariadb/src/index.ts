export * from './lib/db-env';
export * from './lib/mariadb.data-source';
