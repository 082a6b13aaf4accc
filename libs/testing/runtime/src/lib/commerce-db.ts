import { createConnection, type Connection } from 'mysql2/promise';
import { loadRuntimeConfig } from './runtime.config';

/**
 * A connection to the Commerce DB with the rights Magento itself has: tests play the shop that writes rows.
 * Services never connect like this; they use the read-only user.
 */
export async function connectCommerceDbAsShop(): Promise<Connection> {
  const { commerceDb } = loadRuntimeConfig();
  return createConnection({
    host: commerceDb.host,
    port: commerceDb.port,
    user: 'root',
    database: commerceDb.database,
    charset: 'utf8mb4',
    timezone: 'Z',
    dateStrings: true,
  });
}
