import { createConnection, type Connection } from 'mysql2/promise';
import { loadRuntimeConfig } from './runtime.config';

/**
 * A connection to the Commerce DB with the rights Magento itself has: tests play the shop that writes rows.
 * Services never connect like this; they use the read-only user.
 */
export async function connectCommerceDbAsShop(options: ShopConnectionOptions = {}): Promise<Connection> {
  const { commerceDb } = loadRuntimeConfig();
  return createConnection({
    host: commerceDb.host,
    port: commerceDb.port,
    user: 'root',
    database: options.database === undefined ? commerceDb.database : (options.database ?? undefined),
    multipleStatements: options.multipleStatements ?? false,
    charset: 'utf8mb4',
    timezone: 'Z',
    dateStrings: true,
  });
}

export interface ShopConnectionOptions {
  /** Another database on the same server (a test's scratch database), or null for none. Default: the Commerce DB. */
  readonly database?: string | null;
  /** Allow several statements in one query (schema files, dumps). */
  readonly multipleStatements?: boolean;
}

/** A database name for one test run: `scratch_<purpose>_<random>`; drop it when done. */
export function scratchDatabaseName(purpose: string): string {
  return `scratch_${purpose}_${Math.random().toString(36).slice(2, 8)}`;
}
