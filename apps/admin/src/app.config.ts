import { readFileSync } from 'node:fs';
import { feedStateDbConfigFrom, feedStateEnvSchema, type FeedStateDbConfig } from '@cde/platform/feed-state';
import {
  kafkaClientEnvSchema,
  kafkaConnectionConfigFrom,
  type KafkaConnectionConfig,
} from '@cde/platform/kafka';
import { logEnvSchema, type LogLevel } from '@cde/platform/observability';
import { parseEnv } from '@cde/platform/service';
import { z } from 'zod';

const flag = z.enum(['0', '1']).transform((v) => v === '1');
const optional = z.preprocess((v) => (v === '' ? undefined : v), z.string().min(1).optional());

/** Everything the admin app reads: its server, sign-in, and where the feed state, Kafka, Connect and the receiver are. */
export const adminEnvSchema = logEnvSchema
  .pick({ CDE_LOG_LEVEL: true })
  .extend(feedStateEnvSchema.shape)
  .extend(kafkaClientEnvSchema.shape)
  .extend({
    /** `0.0.0.0` in a pod, so the Service and the probes reach it. */
    CDE_ADMIN_HOST: z.string().min(1).default('127.0.0.1'),
    CDE_ADMIN_PORT: z.coerce.number().int().min(0).max(65_535).default(8080),
    /** The local admin's user name and the file with its scrypt hash (`./dev` generates both on first start). */
    CDE_ADMIN_USER: z.string().min(1).max(64).default('admin'),
    CDE_ADMIN_PASSWORD_HASH_FILE: optional,
    /** File of the key that signs session cookies (HS256, at least 32 bytes). */
    CDE_ADMIN_SESSION_KEY_FILE: z.string().min(1),
    CDE_ADMIN_SESSION_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(28_800),
    /** `1` behind TLS (production): cookies get `Secure`. */
    CDE_ADMIN_SECURE_COOKIES: flag.default(false),
    /** OIDC sign-in, when an issuer is set: the issuer URL, the client and the redirect URL registered with it. */
    CDE_ADMIN_OIDC_ISSUER: z.preprocess((v) => (v === '' ? undefined : v), z.url().optional()),
    CDE_ADMIN_OIDC_CLIENT_ID: optional,
    CDE_ADMIN_OIDC_CLIENT_SECRET: optional,
    CDE_ADMIN_OIDC_REDIRECT_URL: z.preprocess((v) => (v === '' ? undefined : v), z.url().optional()),
    /** The exporter's consumer group: its lag on `cde.feed.<feed>` is each feed's backlog. */
    CDE_ADMIN_EXPORTER_GROUP: z.string().min(1).default('exporter'),
    /** Consumer group prefix of the admin's own `cde.events` listener (the Kafka ACLs grant `admin*`). */
    CDE_ADMIN_EVENTS_GROUP_PREFIX: z.string().min(1).default('admin'),
    CDE_CONNECT_URL: z.url().default('http://127.0.0.1:8083'),
    CDE_CONNECTOR_NAME: z.string().min(1).default('commerce-connector'),
    /** The receiver's read API (item detail diff); unset: the detail shows the feed state alone. */
    CDE_RECEIVER_URL: z.preprocess((v) => (v === '' ? undefined : v), z.url().optional()),
    CDE_RECEIVER_API_KEY: optional,
  });

export interface OidcConfig {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUrl: string;
}

export interface AdminConfig {
  readonly service: 'admin';
  readonly host: string;
  readonly port: number;
  readonly localUser: { readonly name: string; readonly passwordHash: string } | null;
  readonly sessionKey: Uint8Array;
  readonly sessionTtlSeconds: number;
  readonly secureCookies: boolean;
  readonly oidc: OidcConfig | null;
  readonly feedState: FeedStateDbConfig;
  readonly kafka: KafkaConnectionConfig;
  readonly exporterGroup: string;
  readonly eventsGroupPrefix: string;
  readonly connectUrl: string;
  readonly connectorName: string;
  readonly receiver: { readonly url: string; readonly apiKey: string } | null;
  readonly logLevel: LogLevel;
}

/** The only place the admin app reads its environment; validated once at boot with one readable error. */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  readFile: (file: string) => string = (file) => readFileSync(file, 'utf8'),
): AdminConfig {
  const e = parseEnv('admin', adminEnvSchema, env);
  const problems: string[] = [];
  const read = (variable: string, file: string): string => {
    try {
      return readFile(file).trim();
    } catch (error) {
      problems.push(
        `${variable}: cannot read ${file} (${error instanceof Error ? error.message : String(error)})`,
      );
      return '';
    }
  };
  const sessionKey = Buffer.from(read('CDE_ADMIN_SESSION_KEY_FILE', e.CDE_ADMIN_SESSION_KEY_FILE), 'utf8');
  if (sessionKey.length > 0 && sessionKey.length < 32)
    problems.push('CDE_ADMIN_SESSION_KEY_FILE: the key must be at least 32 bytes');
  const passwordHash =
    e.CDE_ADMIN_PASSWORD_HASH_FILE === undefined
      ? undefined
      : read('CDE_ADMIN_PASSWORD_HASH_FILE', e.CDE_ADMIN_PASSWORD_HASH_FILE);
  const oidcParts = [
    e.CDE_ADMIN_OIDC_ISSUER,
    e.CDE_ADMIN_OIDC_CLIENT_ID,
    e.CDE_ADMIN_OIDC_CLIENT_SECRET,
    e.CDE_ADMIN_OIDC_REDIRECT_URL,
  ];
  if (oidcParts.some(Boolean) && !oidcParts.every(Boolean))
    problems.push(
      'CDE_ADMIN_OIDC_ISSUER, _CLIENT_ID, _CLIENT_SECRET and _REDIRECT_URL are needed together for OIDC sign-in',
    );
  if (passwordHash === undefined && !oidcParts.every(Boolean))
    problems.push('no way to sign in: set CDE_ADMIN_PASSWORD_HASH_FILE or the CDE_ADMIN_OIDC_* variables');
  if ((e.CDE_RECEIVER_URL === undefined) !== (e.CDE_RECEIVER_API_KEY === undefined))
    problems.push('CDE_RECEIVER_URL and CDE_RECEIVER_API_KEY are needed together');
  if (problems.length > 0)
    throw new Error(`invalid admin configuration:\n${problems.map((p) => `✖ ${p}`).join('\n')}`);
  return {
    service: 'admin',
    host: e.CDE_ADMIN_HOST,
    port: e.CDE_ADMIN_PORT,
    localUser: passwordHash === undefined ? null : { name: e.CDE_ADMIN_USER, passwordHash },
    sessionKey,
    sessionTtlSeconds: e.CDE_ADMIN_SESSION_TTL_SECONDS,
    secureCookies: e.CDE_ADMIN_SECURE_COOKIES,
    oidc:
      e.CDE_ADMIN_OIDC_ISSUER &&
      e.CDE_ADMIN_OIDC_CLIENT_ID &&
      e.CDE_ADMIN_OIDC_CLIENT_SECRET &&
      e.CDE_ADMIN_OIDC_REDIRECT_URL
        ? {
            issuer: e.CDE_ADMIN_OIDC_ISSUER,
            clientId: e.CDE_ADMIN_OIDC_CLIENT_ID,
            clientSecret: e.CDE_ADMIN_OIDC_CLIENT_SECRET,
            redirectUrl: e.CDE_ADMIN_OIDC_REDIRECT_URL,
          }
        : null,
    feedState: feedStateDbConfigFrom(e),
    kafka: kafkaConnectionConfigFrom(e),
    exporterGroup: e.CDE_ADMIN_EXPORTER_GROUP,
    eventsGroupPrefix: e.CDE_ADMIN_EVENTS_GROUP_PREFIX,
    connectUrl: e.CDE_CONNECT_URL,
    connectorName: e.CDE_CONNECTOR_NAME,
    receiver:
      e.CDE_RECEIVER_URL && e.CDE_RECEIVER_API_KEY
        ? { url: e.CDE_RECEIVER_URL, apiKey: e.CDE_RECEIVER_API_KEY }
        : null,
    logLevel: e.CDE_LOG_LEVEL,
  };
}
