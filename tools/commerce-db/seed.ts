/**
 * Seeds the local Commerce DB: `./dev up` runs it with CDE_SEED (small by default).
 *
 *   tsx tools/commerce-db/seed.ts small|medium|large|extra_large|none|<path/to/dump.sql> [--database magento]
 *
 * A profile creates Magento 2.4's schema with a fresh install's rows and generates a catalog, customers and
 * orders; a path loads a real Magento dump (MariaDB or MySQL 8) as is. A database that already holds a catalog
 * is left alone unless --replace is given.
 */
import { Command, InvalidArgumentError } from 'commander';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createConnection, type RowDataPacket } from 'mysql2/promise';
import {
  createCommerceSchema,
  generateCommerceData,
  isProfileName,
  loadMagentoDump,
  PROFILES,
  productCount,
} from '@cde/testing/commerce-db';

const out = (line: string): void => void process.stdout.write(`${line}\n`);

interface SeedOptions {
  database: string;
  host: string;
  port: number;
  user: string;
  randomSeed: number;
  replace: boolean;
}

function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0 || n > 65535) throw new InvalidArgumentError('not a TCP port');
  return n;
}

function parseSeedValue(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('not a non-negative integer');
  return n;
}

async function seed(spec: string, options: SeedOptions): Promise<void> {
  if (!/^[a-z0-9_]+$/.test(options.database)) throw new Error(`invalid database name "${options.database}"`);
  if (spec === 'none') {
    out('seed: none (the Commerce DB is left as it is)');
    return;
  }
  const isProfile = isProfileName(spec);
  const dumpPath = isProfile ? undefined : path.resolve(spec);
  if (dumpPath && !existsSync(dumpPath)) {
    throw new Error(
      `CDE_SEED "${spec}" is neither a profile (small, medium, large, extra_large, none) nor a readable file`,
    );
  }

  const connection = await createConnection({
    host: options.host,
    port: options.port,
    user: options.user,
    password: process.env['CDE_COMMERCE_DB_ROOT_PASSWORD'],
    multipleStatements: true,
    charset: 'utf8mb4',
    timezone: 'Z',
  });
  try {
    const existing = await productRows(connection, options.database);
    if (existing !== undefined && !options.replace) {
      out(
        `seed: ${options.database} already holds a catalog (${existing} products); kept (--replace, or ./dev down --purge, to reseed)`,
      );
      return;
    }
    if (existing !== undefined) {
      await connection.query(`DROP DATABASE \`${options.database}\``);
    }
    const started = Date.now();
    if (dumpPath) {
      out(`seed: loading ${path.basename(dumpPath)} into ${options.database}`);
      await loadMagentoDump(dumpPath, {
        host: options.host,
        port: options.port,
        user: options.user,
        database: options.database,
      });
    } else if (isProfile) {
      const profile = PROFILES[spec];
      out(
        `seed: generating the ${spec} profile (${productCount(profile)} products, ${profile.orders} orders) into ${options.database}`,
      );
      await createCommerceSchema(connection, options.database);
      await generateCommerceData(connection, {
        profile,
        seed: options.randomSeed,
        log: (line) => out(`seed:   ${line}`),
      });
    }
    const products = (await productRows(connection, options.database)) ?? 0;
    out(
      `seed: ${options.database} ready with ${products} products in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  } finally {
    await connection.end();
  }
}

/** Products in the database, or undefined when it has no catalog table (not seeded). */
async function productRows(
  connection: Awaited<ReturnType<typeof createConnection>>,
  database: string,
): Promise<number | undefined> {
  const [tables] = await connection.query<RowDataPacket[]>(
    'SELECT 1 FROM information_schema.tables WHERE table_schema = ? AND table_name = ?',
    [database, 'catalog_product_entity'],
  );
  if (tables.length === 0) return undefined;
  const [rows] = await connection.query<RowDataPacket[]>(
    `SELECT COUNT(*) AS n FROM \`${database}\`.catalog_product_entity`,
  );
  return Number(rows[0]?.['n'] ?? 0);
}

const program = new Command()
  .name('seed')
  .description('Seed the Commerce DB with a generated profile or a Magento dump')
  .argument('<spec>', 'small | medium | large | extra_large | none | path to a Magento SQL dump')
  .option('--database <name>', 'target database', 'magento')
  .option('--host <host>', 'database host', process.env['CDE_COMMERCE_DB_HOST'] ?? '127.0.0.1')
  .option('--port <port>', 'database port', parsePort, Number(process.env['CDE_COMMERCE_DB_PORT'] ?? 3307))
  .option('--user <user>', 'a user that may create databases', 'root')
  .option('--random-seed <n>', 'generator seed (same seed, same data)', parseSeedValue, 20261122)
  .option('--replace', 'drop and reseed a database that already holds a catalog', false)
  .action(async (spec: string, options: SeedOptions) => seed(spec, options));

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`seed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
