import { z } from 'zod';

/** Where a database is and who connects: what every MariaDB or MySQL connection of the workspace needs. */
export interface DbConnectionConfig {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  readonly database: string;
}

/** The environment variable that carries each setting of one connection. */
export interface DbEnvNames {
  readonly host: string;
  readonly port: string;
  readonly user: string;
  readonly password: string;
  readonly database: string;
}

type TextSetting<N extends DbEnvNames> = N['host'] | N['user'] | N['password'] | N['database'];

/** The zod shape of one connection's variables, keyed by their names. */
export type DbEnvShape<N extends DbEnvNames> = { [K in TextSetting<N>]: z.ZodDefault<z.ZodString> } & {
  [K in N['port']]: z.ZodDefault<z.ZodCoercedNumber>;
};

/** The parsed variables of one connection. */
export type DbEnv<N extends DbEnvNames> = { readonly [K in TextSetting<N>]: string } & {
  readonly [K in N['port']]: number;
};

/**
 * The variables of one connection, to compose into an app's schema: host and user non-empty, a positive port, a
 * database name of lower-case letters, digits and `_`; the same defaults everywhere but the user and the database.
 */
export function dbEnvShape<const N extends DbEnvNames>(
  names: N,
  defaults: { readonly user: string; readonly database: string },
): DbEnvShape<N> {
  return {
    [names.host]: z.string().min(1).default('127.0.0.1'),
    [names.port]: z.coerce.number().int().positive().default(3307),
    [names.user]: z.string().min(1).default(defaults.user),
    [names.password]: z.string().default(''),
    [names.database]: z
      .string()
      .regex(/^[a-z0-9_]+$/)
      .default(defaults.database),
  } as DbEnvShape<N>;
}

/** One connection's settings from the parsed environment. */
export function dbConfigFrom<const N extends DbEnvNames>(names: N, env: DbEnv<N>): DbConnectionConfig {
  const text = env as Readonly<Record<string, string>>;
  return {
    host: text[names.host]!,
    port: (env as Readonly<Record<string, number>>)[names.port]!,
    user: text[names.user]!,
    password: text[names.password]!,
    database: text[names.database]!,
  };
}
