import { commerceDbEnvSchema } from '@cde/platform/commerce-db';
import { feedStateDbConfigFrom, feedStateEnvSchema, type FeedStateDbConfig } from '@cde/platform/feed-state';
import {
  kafkaClientEnvSchema,
  kafkaConnectionConfigFrom,
  type KafkaConnectionConfig,
} from '@cde/platform/kafka';
import { parseEnv } from '@cde/platform/service';
import { z } from 'zod';

/**
 * Everything the CLI reads: Kafka, the feed state (status, failed items, explain), the Commerce DB (source counts,
 * doctor), the receiver (its copy of an item, replay) and Kafka Connect (doctor), and who asks (`requestedBy`).
 */
export const cliEnvSchema = kafkaClientEnvSchema
  .extend(feedStateEnvSchema.shape)
  .extend(
    commerceDbEnvSchema.pick({
      CDE_COMMERCE_DB_HOST: true,
      CDE_COMMERCE_DB_PORT: true,
      CDE_COMMERCE_DB_NAME: true,
      CDE_COMMERCE_DB_READER_USER: true,
      CDE_COMMERCE_DB_READER_PASSWORD: true,
    }).shape,
  )
  .extend({
    CDE_EXPORT_BASE_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:8090'),
    CDE_EXPORT_ENVIRONMENT_ID: z.string().default(''),
    CDE_EXPORT_API_KEY: z.string().default(''),
    CDE_EXPORT_PRIVATE_KEY_FILE: z.string().default(''),
    CDE_EXPORT_MAX_RPS: z.coerce.number().positive().max(10_000).default(2),
    CDE_CONNECT_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:8083'),
    CDE_CONNECTOR_NAME: z.string().default('commerce-connector'),
    USER: z.string().default('unknown'),
  });

export interface CliConfig {
  readonly kafka: KafkaConnectionConfig;
  readonly feedDb: FeedStateDbConfig;
  readonly commerceDb: FeedStateDbConfig;
  readonly receiver: {
    readonly baseUrl: string;
    readonly environmentId: string;
    readonly apiKey: string;
    readonly privateKeyFile: string;
    readonly maxRps: number;
  };
  readonly connect: { readonly url: string; readonly connector: string };
  readonly user: string;
}

/** The only place the CLI reads its environment. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): CliConfig {
  const e = parseEnv('cde CLI', cliEnvSchema, env);
  return {
    kafka: kafkaConnectionConfigFrom(e),
    feedDb: feedStateDbConfigFrom(e),
    commerceDb: {
      host: e.CDE_COMMERCE_DB_HOST,
      port: e.CDE_COMMERCE_DB_PORT,
      user: e.CDE_COMMERCE_DB_READER_USER,
      password: e.CDE_COMMERCE_DB_READER_PASSWORD,
      database: e.CDE_COMMERCE_DB_NAME,
    },
    receiver: {
      baseUrl: e.CDE_EXPORT_BASE_URL,
      environmentId: e.CDE_EXPORT_ENVIRONMENT_ID,
      apiKey: e.CDE_EXPORT_API_KEY,
      privateKeyFile: e.CDE_EXPORT_PRIVATE_KEY_FILE,
      maxRps: e.CDE_EXPORT_MAX_RPS,
    },
    connect: { url: e.CDE_CONNECT_URL, connector: e.CDE_CONNECTOR_NAME },
    user: e.USER,
  };
}
