import { DataSource, type MixedList } from 'typeorm';
import type { DbConnectionConfig } from './db-env';

/**
 * A TypeORM pool on MariaDB or MySQL as every owner of tables in the workspace opens it: utf8mb4, UTC, dates as
 * strings, schema only by the given migrations (recorded in `cde_migrations`), never by sync.
 */
export function createMariaDbDataSource(
  config: DbConnectionConfig,
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for migration classes
  migrations: MixedList<Function>,
  poolSize = 10,
): DataSource {
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
    migrations,
    migrationsTableName: 'cde_migrations',
    poolSize,
    extra: { connectionLimit: poolSize, dateStrings: true },
  });
}

/**
 * Runs pending migrations under a named lock, so instances starting together do not race (MariaDB DDL is not
 * transactional). The lock holds one connection while the migrations take another: the pool needs at least two.
 */
export async function runMigrationsLocked(
  dataSource: DataSource,
  lockName: string,
  timeoutSeconds = 60,
): Promise<void> {
  const poolSize = 'poolSize' in dataSource.options ? dataSource.options.poolSize : undefined;
  if (poolSize !== undefined && poolSize < 2) throw new Error('migrations need a pool of at least 2');
  const runner = dataSource.createQueryRunner();
  try {
    const [row] = (await runner.query('SELECT GET_LOCK(?, ?) AS got', [lockName, timeoutSeconds])) as {
      got: number;
    }[];
    if (row?.got !== 1) throw new Error(`could not take the migration lock within ${timeoutSeconds}s`);
    await dataSource.runMigrations({ transaction: 'none' });
  } finally {
    await runner.query('SELECT RELEASE_LOCK(?)', [lockName]).catch(() => undefined);
    await runner.release();
  }
}
