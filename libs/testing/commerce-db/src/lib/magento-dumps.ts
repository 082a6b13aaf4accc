import { existsSync } from 'node:fs';
import path from 'node:path';

/** The real Magento databases the tests load: a 2.4.8 install on MariaDB and a 2.4.5-p1 install on MySQL 8. */
export const MAGENTO_DUMPS = {
  '2.4.8': 'magento-2.4.8-mariadb.sql',
  '2.4.5-p1': 'magento-2.4.5-p1-mysql8.sql',
} as const;

export type MagentoDumpVersion = keyof typeof MAGENTO_DUMPS;

/** The dumps' folder in this repository (see its README). */
export const MAGENTO_DUMPS_DIR = path.resolve(__dirname, '../../fixtures/magento-dumps');

/** The path of a dump in this repository; throws naming it when the file is missing (a partial checkout). */
export function magentoDumpPath(version: MagentoDumpVersion): string {
  const file = path.join(MAGENTO_DUMPS_DIR, MAGENTO_DUMPS[version]);
  if (!existsSync(file)) {
    throw new Error(
      `Magento ${version} dump not found at ${file} (${MAGENTO_DUMPS[version]} is missing there)`,
    );
  }
  return file;
}
