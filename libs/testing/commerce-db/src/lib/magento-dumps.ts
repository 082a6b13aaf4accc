import { existsSync } from 'node:fs';
import path from 'node:path';

/** The real Magento databases the tests load: a 2.4.8 install on MariaDB and a 2.4.5-p1 install on MySQL 8. */
export const MAGENTO_DUMPS = {
  '2.4.8': 'magento-2.4.8-mariadb.sql',
  '2.4.5-p1': 'magento-2.4.5-p1-mysql8.sql',
} as const;

export type MagentoDumpVersion = keyof typeof MAGENTO_DUMPS;

/**
 * Where a dump is: `CDE_MAGENTO_DUMPS_DIR`, or the shared fixtures checked out beside this repository
 * (`../shared/fixtures/magento-dumps`). Throws with both places named when it is in neither.
 */
export function magentoDumpPath(version: MagentoDumpVersion, env: NodeJS.ProcessEnv = process.env): string {
  const repoRoot = path.resolve(__dirname, '../../../../..');
  const dir =
    env['CDE_MAGENTO_DUMPS_DIR'] ?? path.join(repoRoot, '..', 'shared', 'fixtures', 'magento-dumps');
  const file = path.join(dir, MAGENTO_DUMPS[version]);
  if (!existsSync(file)) {
    throw new Error(
      `Magento ${version} dump not found at ${file}; set CDE_MAGENTO_DUMPS_DIR to the folder holding ${MAGENTO_DUMPS[version]}`,
    );
  }
  return file;
}
