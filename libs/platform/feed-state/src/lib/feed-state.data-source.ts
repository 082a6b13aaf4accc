import { DataSource } from 'typeorm';
import type { FeedStateDbConfig } from './feed-state.config';
import { CreateFeedStateTables1795300000000 } from './migrations/1795300000000-create-feed-state-tables';
import { CreateSyncJobs1796400000000 } from './migrations/1796400000000-create-sync-jobs';
import { CreateEntityUuids1797300000000 } from './migrations/1797300000000-create-entity-uuids';
import { EarlyOutcomes1797400000000 } from './migrations/1797400000000-early-outcomes';
import { TraceParent1797500000000 } from './migrations/1797500000000-trace-parent';

export const FEED_STATE_MIGRATIONS = [
  CreateFeedStateTables1795300000000,
  CreateSyncJobs1796400000000,
  CreateEntityUuids1797300000000,
  EarlyOutcomes1797400000000,
  TraceParent1797500000000,
];

export function createFeedStateDataSource(config: FeedStateDbConfig, poolSize = 10): DataSource {
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
    migrations: FEED_STATE_MIGRATIONS,
    migrationsTableName: 'cde_migrations',
    poolSize,
    extra: { connectionLimit: poolSize, dateStrings: true },
  });
}

/**
 * Runs pending migrations under a named lock, so replicas starting together do not race (MariaDB DDL is not
 * transactional).
 */
export async function runFeedStateMigrations(dataSource: DataSource, timeoutSeconds = 60): Promise<void> {
  const runner = dataSource.createQueryRunner();
  try {
    const [row] = (await runner.query('SELECT GET_LOCK(?, ?) AS got', [
      'cde_feed_state_migrations',
      timeoutSeconds,
    ])) as { got: number }[];
    if (row?.got !== 1) throw new Error(`could not take the migration lock within ${timeoutSeconds}s`);
    await dataSource.runMigrations({ transaction: 'none' });
  } finally {
    await runner.query('SELECT RELEASE_LOCK(?)', ['cde_feed_state_migrations']).catch(() => undefined);
    await runner.release();
  }
}

/** A ready feed-state connection pool: initialised, migrations applied. What every service that uses it needs. */
export async function openFeedStateDataSource(config: FeedStateDbConfig, poolSize = 10): Promise<DataSource> {
  const dataSource = createFeedStateDataSource(config, poolSize);
  await dataSource.initialize();
  await runFeedStateMigrations(dataSource);
  return dataSource;
}
