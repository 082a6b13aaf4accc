import { z } from 'zod';

/** Connection to the `data_export` database, from the environment (parsed once by the app's config). */
export const feedStateEnvSchema = z.object({
  CDE_FEED_DB_HOST: z.string().default('127.0.0.1'),
  CDE_FEED_DB_PORT: z.coerce.number().int().positive().default(3307),
  CDE_FEED_DB_USER: z.string().default('cde_feed'),
  CDE_FEED_DB_PASSWORD: z.string().default(''),
  CDE_FEED_DB_NAME: z
    .string()
    .regex(/^[a-z0-9_]+$/)
    .default('data_export'),
});

export interface FeedStateDbConfig {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  readonly database: string;
}

export function feedStateDbConfigFrom(env: z.infer<typeof feedStateEnvSchema>): FeedStateDbConfig {
  return {
    host: env.CDE_FEED_DB_HOST,
    port: env.CDE_FEED_DB_PORT,
    user: env.CDE_FEED_DB_USER,
    password: env.CDE_FEED_DB_PASSWORD,
    database: env.CDE_FEED_DB_NAME,
  };
}
