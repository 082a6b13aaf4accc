/**
 * Generator benchmark: creates the schema and generates one or more profiles into scratch databases on the local
 * MariaDB, and prints wall time, rows written, rows/s, products/s, peak memory and the ratio to the target
 * (medium in about two minutes on two cores).
 *
 *   ./dev bench seed [--profile medium] [--profile large] [--keep]
 */
import { Command } from 'commander';
import { createConnection, type RowDataPacket } from 'mysql2/promise';
import {
  createCommerceSchema,
  generateCommerceData,
  isProfileName,
  PROFILES,
  productCount,
  type ProfileName,
} from '@cde/testing/commerce-db';

const TARGET_SECONDS: Partial<Record<ProfileName, number>> = { medium: 120 };

const out = (line: string): void => void process.stdout.write(`${line}\n`);

async function bench(profileName: ProfileName, keep: boolean): Promise<void> {
  const profile = PROFILES[profileName];
  const database = `bench_seed_${profileName}`;
  const connection = await createConnection({
    host: process.env['CDE_COMMERCE_DB_HOST'] ?? '127.0.0.1',
    port: Number(process.env['CDE_COMMERCE_DB_PORT'] ?? 3307),
    user: 'root',
    multipleStatements: true,
    charset: 'utf8mb4',
  });
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 250);
  try {
    await connection.query(`DROP DATABASE IF EXISTS \`${database}\``);
    const started = process.hrtime.bigint();
    await createCommerceSchema(connection, database);
    const report = await generateCommerceData(connection, { profile });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const [rows] = await connection.query<RowDataPacket[]>(
      `SELECT (SELECT COUNT(*) FROM catalog_product_entity) AS products, (SELECT COUNT(*) FROM sales_order) AS orders,
              (SELECT COUNT(*) FROM sales_invoice) AS invoices, (SELECT COUNT(*) FROM inventory_source_item) AS source_items`,
    );
    const counts: RowDataPacket = rows[0] ?? ({} as RowDataPacket);
    const products = Number(counts['products'] ?? 0);
    const target = TARGET_SECONDS[profileName];
    out(`bench seed ${profileName}`);
    out(`  products            ${products} (profile: ${productCount(profile)})`);
    out(`  orders / invoices   ${String(counts['orders'])} / ${String(counts['invoices'])}`);
    out(`  source items        ${String(counts['source_items'])}`);
    out(`  rows written        ${report.rowsWritten}`);
    out(`  wall time           ${seconds.toFixed(1)} s`);
    out(`  rows/s              ${Math.round(report.rowsWritten / seconds)}`);
    out(`  products/s          ${Math.round(products / seconds)}`);
    out(`  peak RSS            ${Math.round(peakRss / 1024 / 1024)} MiB`);
    if (target)
      out(
        `  time / target       ${(seconds / target).toFixed(2)} (target ${target} s; below 1.00 is within)`,
      );
  } finally {
    clearInterval(sampler);
    if (!keep) await connection.query(`DROP DATABASE IF EXISTS \`${database}\``);
    await connection.end();
  }
}

const program = new Command()
  .name('bench seed')
  .option('--profile <name...>', 'profiles to generate', ['medium'])
  .option('--keep', 'keep the bench_seed_<profile> databases', false)
  .action(async (options: { profile: string[]; keep: boolean }) => {
    for (const name of options.profile) {
      if (!isProfileName(name)) throw new Error(`unknown profile "${name}"`);
      await bench(name, options.keep);
    }
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`bench seed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
