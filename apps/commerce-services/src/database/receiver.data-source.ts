import { createMariaDbDataSource, runMigrationsLocked } from '@cde/platform/mariadb';
import type { DataSource } from 'typeorm';
import type { ReceiverDbConfig } from '../app.config';
import { CreateReceiverTables1795400000000 } from './migrations/1795400000000-create-receiver-tables';

export const RECEIVER_MIGRATIONS = [CreateReceiverTables1795400000000];

export function createReceiverDataSource(config: ReceiverDbConfig, poolSize = 10): DataSource {
  return createMariaDbDataSource(config, RECEIVER_MIGRATIONS, poolSize);
}

/** Runs pending migrations under a named lock, so two receivers starting together do not race. */
export function runReceiverMigrations(dataSource: DataSource, timeoutSeconds = 60): Promise<void> {
  return runMigrationsLocked(dataSource, 'cde_receiver_migrations', timeoutSeconds);
}
