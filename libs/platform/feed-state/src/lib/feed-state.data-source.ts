import { createMariaDbDataSource, runMigrationsLocked } from '@cde/platform/mariadb';
import type { DataSource } from 'typeorm';
import type { FeedStateDbConfig } from './feed-state.config';
import { CreateFeedStateTables1795300000000 } from './migrations/1795300000000-create-feed-state-tables';
import { CreateSyncJobs1796400000000 } from './migrations/1796400000000-create-sync-jobs';
import { CreateEntityUuids1797300000000 } from './migrations/1797300000000-create-entity-uuids';
import { EarlyOutcomes1797400000000 } from './migrations/1797400000000-early-outcomes';
import { TraceParent1797500000000 } from './migrations/1797500000000-trace-parent';
import { SourceIndex1797600000000 } from './migrations/1797600000000-source-index';

export const FEED_STATE_MIGRATIONS = [
  CreateFeedStateTables1795300000000,
  CreateSyncJobs1796400000000,
  CreateEntityUuids1797300000000,
  EarlyOutcomes1797400000000,
  TraceParent1797500000000,
  SourceIndex1797600000000,
];

export function createFeedStateDataSource(config: FeedStateDbConfig, poolSize = 10): DataSource {
  return createMariaDbDataSource(config, FEED_STATE_MIGRATIONS, poolSize);
}

/** Runs pending migrations under a named lock, so replicas starting together do not race. */
export function runFeedStateMigrations(dataSource: DataSource, timeoutSeconds = 60): Promise<void> {
  return runMigrationsLocked(dataSource, 'cde_feed_state_migrations', timeoutSeconds);
}

/** A ready feed-state connection pool: initialised, migrations applied. What every service that uses it needs. */
export async function openFeedStateDataSource(config: FeedStateDbConfig, poolSize = 10): Promise<DataSource> {
  const dataSource = createFeedStateDataSource(config, poolSize);
  await dataSource.initialize();
  await runFeedStateMigrations(dataSource);
  return dataSource;
}
