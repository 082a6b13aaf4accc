import { dbConfigFrom, dbEnvShape, type DbConnectionConfig } from '@cde/platform/mariadb';
import { z } from 'zod';

const FEED_DB_ENV = {
  host: 'CDE_FEED_DB_HOST',
  port: 'CDE_FEED_DB_PORT',
  user: 'CDE_FEED_DB_USER',
  password: 'CDE_FEED_DB_PASSWORD',
  database: 'CDE_FEED_DB_NAME',
} as const;

/** Connection to the `data_export` database, from the environment (parsed once by the app's config). */
export const feedStateEnvSchema = z.object(
  dbEnvShape(FEED_DB_ENV, { user: 'cde_feed', database: 'data_export' }),
);

export type FeedStateDbConfig = DbConnectionConfig;

export function feedStateDbConfigFrom(env: z.infer<typeof feedStateEnvSchema>): FeedStateDbConfig {
  return dbConfigFrom(FEED_DB_ENV, env);
}
