import type { Connection as CoreConnection } from 'mysql2';
import { createPool, type Pool, type RowDataPacket } from 'mysql2/promise';
import { dbConfigFrom, dbEnvShape, type DbConnectionConfig } from '@cde/platform/mariadb';
import { z } from 'zod';

const COMMERCE_DB_ENV = {
  host: 'CDE_COMMERCE_DB_HOST',
  port: 'CDE_COMMERCE_DB_PORT',
  user: 'CDE_COMMERCE_DB_READER_USER',
  password: 'CDE_COMMERCE_DB_READER_PASSWORD',
  database: 'CDE_COMMERCE_DB_NAME',
} as const;

/** Read-only access to the Commerce DB, from the environment (the app's config parses it once). */
export const commerceDbEnvSchema = z.object({
  ...dbEnvShape(COMMERCE_DB_ENV, { user: 'cde_reader', database: 'magento' }),
  CDE_COMMERCE_DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(8),
});

export interface CommerceDbConfig extends DbConnectionConfig {
  readonly poolSize: number;
}

export function commerceDbConfigFrom(env: z.infer<typeof commerceDbEnvSchema>): CommerceDbConfig {
  return { ...dbConfigFrom(COMMERCE_DB_ENV, env), poolSize: env.CDE_COMMERCE_DB_POOL_SIZE };
}

export type SqlParam = string | number | bigint | boolean | Date | null | readonly (string | number)[];

/**
 * The Commerce DB through a pool of read-only connections (the `cde_reader` user has SELECT only). Reads are
 * `READ COMMITTED` so a long batch never pins an old snapshot, and always see the latest committed rows.
 */
export class CommerceDb {
  private constructor(private readonly pool: Pool) {}

  static connect(config: CommerceDbConfig): CommerceDb {
    const pool = createPool({
      host: config.host,
      port: config.port,
      user: config.user,
      password: config.password,
      database: config.database,
      connectionLimit: config.poolSize,
      charset: 'utf8mb4',
      timezone: 'Z',
      dateStrings: true,
      supportBigNumbers: true,
      bigNumberStrings: true,
      decimalNumbers: false,
    });
    // Runs before the connection is first handed out (commands queue in order on a connection). The event
    // carries mysql2's callback-style connection, whatever the promise wrapper's types say.
    pool.on('connection', (connection) => {
      const core = connection as unknown as CoreConnection;
      core.query(
        'SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED, READ ONLY',
        (error: Error | null) => {
          if (error) core.destroy();
        },
      );
    });
    return new CommerceDb(pool);
  }

  async query<Row extends object>(sql: string, params: readonly SqlParam[] = []): Promise<Row[]> {
    const [rows] = await this.pool.query<RowDataPacket[]>(sql, params as unknown[]);
    return rows as unknown as Row[];
  }

  /** Fails fast at boot when the DB is unreachable or the credentials are wrong. */
  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
