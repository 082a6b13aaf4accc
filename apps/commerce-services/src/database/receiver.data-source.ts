import { DataSource } from 'typeorm';
import type { ReceiverDbConfig } from '../app.config';
import { CreateReceiverTables1795400000000 } from './migrations/1795400000000-create-receiver-tables';

export const RECEIVER_MIGRATIONS = [CreateReceiverTables1795400000000];

export function createReceiverDataSource(config: ReceiverDbConfig, poolSize = 10): DataSource {
  return new DataSource({
    type: 'mariadb',
    host: config.host,
    port: config.port,
    username: config.user,
    password: config.password,
    database: config.database,
    charset: 'utf8mb4',
    timezone: 'Z',
    synchronize: false,
    migrationsRun: false,
    migrations: RECEIVER_MIGRATIONS,
    migrationsTableName: 'cde_migrations',
    poolSize,
    extra: { connectionLimit: poolSize, dateStrings: true },
  });
}

const MIGRATION_LOCK = 'cde_receiver_migrations';

/**
 * Runs pending migrations under a named lock, so two receivers starting together do not race. The lock holds one
 * connection while the migrations take another: the pool needs at least two.
 */
export async function runReceiverMigrations(dataSource: DataSource, timeoutSeconds = 60): Promise<void> {
  const poolSize = 'poolSize' in dataSource.options ? dataSource.options.poolSize : undefined;
  if (poolSize !== undefined && poolSize < 2)
    throw new Error('runReceiverMigrations needs a pool of at least 2');
  const runner = dataSource.createQueryRunner();
  try {
    const [row] = (await runner.query('SELECT GET_LOCK(?, ?) AS got', [MIGRATION_LOCK, timeoutSeconds])) as {
      got: number;
    }[];
    if (row?.got !== 1) throw new Error(`could not take the migration lock within ${timeoutSeconds}s`);
    await dataSource.runMigrations({ transaction: 'none' });
  } finally {
    await runner.query('SELECT RELEASE_LOCK(?)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}
