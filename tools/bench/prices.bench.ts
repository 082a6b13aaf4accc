/**
 * prices-feed assembly benchmark: on a generated catalog (medium by default), reads the products in batches of
 * the feed's size (500) twice: as raw SQL (the same tables, rows only) and through the prices feed's reader
 * (SQL + pure assembly + the engine's hash), and prints both rates, their ratio and the peak RSS.
 *
 *   ./dev bench prices [--profile medium] [--reuse] [--keep] [--batch 500]
 */
import { Command } from 'commander';
import { createConnection } from 'mysql2/promise';
import { FEEDS } from '@cde/contracts';
import { hashFeedItem } from '@cde/feed-engine';
import { PRICES_FEED } from '@cde/feeds/prices';
import { CommerceDb, pageKeyset } from '@cde/platform/commerce-db';
import { PRODUCT_IDS } from '@cde/platform/magento';
import { isProfileName, type ProfileName } from '@cde/testing/commerce-db';
import { prepareCatalog } from './lib/bench-catalog';
import { BenchReport } from './lib/bench-report';
import { measureRawRead, RAW_READS } from './lib/raw-reads';

async function bench(
  profile: ProfileName,
  opts: { reuse: boolean; keep: boolean; batch: number; database?: string },
) {
  const host = process.env['CDE_COMMERCE_DB_HOST'] ?? '127.0.0.1';
  const port = Number(process.env['CDE_COMMERCE_DB_PORT'] ?? 3307);
  const connection = await createConnection({
    host,
    port,
    user: 'root',
    multipleStatements: true,
    charset: 'utf8mb4',
  });
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  const { database, origin } = await prepareCatalog(connection, profile, {
    reuse: opts.reuse,
    ...(opts.database ? { database: opts.database } : {}),
  });
  const db = CommerceDb.connect({ host, port, user: 'root', password: '', database, poolSize: 4 });
  try {
    const { reader } = PRICES_FEED.connect(db);
    const raw = RAW_READS.prices!;
    // Warm both paths on the first batch.
    await reader.collect(await pageKeyset(db, PRODUCT_IDS, null, opts.batch));
    const rawRead = await measureRawRead(db, raw, opts.batch);

    let products = 0;
    let items = 0;
    let after: string | null = null;
    const started = process.hrtime.bigint();
    for (let page = 0; page < 1_000_000; page++) {
      const ids = await pageKeyset(db, PRODUCT_IDS, after, opts.batch);
      if (ids.length === 0) break;
      for (const { item } of await reader.collect(ids)) {
        hashFeedItem(item, PRICES_FEED.hash);
        items++;
      }
      products += ids.length;
      after = ids[ids.length - 1] ?? after;
    }
    const feedSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    const rawRate = rawRead.entities / rawRead.seconds;
    const feedRate = products / feedSeconds;
    const report = new BenchReport('prices', profile);
    report.note(`${origin} database ${database}; ${products} products in batches of ${opts.batch}`);
    report.row('raw SQL read', {
      seconds: rawRead.seconds,
      'products/s': rawRate,
      rows: rawRead.rows,
    });
    report.row('prices feed assembly', {
      seconds: feedSeconds,
      'products/s': feedRate,
      items,
      'items/s': items / feedSeconds,
    });
    report.row('peak RSS', { MiB: peakRss / 2 ** 20 });
    report.ratio('assembly/raw', feedRate / rawRate);
    report.print();
    report.save('products/s');
  } finally {
    clearInterval(sampler);
    await db.close();
    if (!opts.keep) await connection.query(`DROP DATABASE IF EXISTS \`${database}\``);
    await connection.end();
  }
}

const program = new Command()
  .name('bench prices')
  .option('--profile <name>', 'generator profile', 'medium')
  .option('--reuse', 'reuse bench_<profile> when it holds the profile (skip generation)', false)
  .option('--database <name>', 'database to use (default bench_<profile>)')
  .option('--keep', 'keep the database', false)
  .option('--batch <n>', 'products per batch', (v) => Number.parseInt(v, 10), FEEDS.prices.defaultBatchSize)
  .action(
    async (options: { profile: string; reuse: boolean; keep: boolean; batch: number; database?: string }) => {
      if (!isProfileName(options.profile)) throw new Error(`unknown profile "${options.profile}"`);
      if (!Number.isInteger(options.batch) || options.batch < 1 || options.batch > 10_000)
        throw new Error('--batch must be an integer from 1 to 10000');
      await bench(options.profile, options);
    },
  );

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`bench prices: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
