/**
 * products-feed assembly benchmark: on a generated catalog (medium by default), reads the products in batches
 * of the feed's size twice — once as raw SQL (the same tables, rows only) and once through the products feed's
 * reader (SQL + pure assembly + the engine's hash) — and prints both rates and their ratio. The ratio is the
 * figure to watch: it says how much assembly costs on top of reading the rows, whatever the machine. Both run in
 * the shape of a full sync: `--threads` batches at once (the runner's default, 2), the next one starting as one
 * finishes; each wave of `--threads` consecutive batches shares the reads that are the same for all of them.
 *
 *   ./dev bench products [--profile medium] [--reuse] [--keep] [--limit <products>] [--batch 100] [--threads 2]
 */
import { Command } from 'commander';
import { createConnection, type RowDataPacket } from 'mysql2/promise';
import { hashFeedItem, WaveReads } from '@cde/feed-engine';
import { PRODUCTS_FEED } from '@cde/feeds/products';
import { CommerceDb } from '@cde/platform/commerce-db';
import { isProfileName, type ProfileName } from '@cde/testing/commerce-db';
import { prepareCatalog } from './lib/bench-catalog';
import { BenchReport } from './lib/bench-report';
import { PRODUCT_RAW_READS as RAW_READS } from './lib/raw-reads';

/**
 * The wall-clock seconds of the work and this process's CPU seconds in it: on a shared machine the load moves the
 * rates between runs far more than it moves the CPU each product costs here (the database's own CPU is not in it).
 */
async function timed(work: () => Promise<void>): Promise<{ seconds: number; cpu: number }> {
  const cpu = process.cpuUsage();
  const t = process.hrtime.bigint();
  await work();
  const used = process.cpuUsage(cpu);
  return { seconds: Number(process.hrtime.bigint() - t) / 1e9, cpu: (used.user + used.system) / 1e6 };
}

async function bench(
  profileName: ProfileName,
  opts: { reuse: boolean; keep: boolean; limit?: number; batch: number; threads: number; database?: string },
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
  const { database, origin } = await prepareCatalog(connection, profileName, {
    database: opts.database ?? `bench_products_${profileName}`,
    reuse: opts.reuse,
  });
  const db = CommerceDb.connect({ host, port, user: 'root', password: '', database, poolSize: 4 });
  try {
    const [idRows] = await connection.query<RowDataPacket[]>(
      `SELECT entity_id FROM \`${database}\`.catalog_product_entity ORDER BY entity_id${opts.limit ? ` LIMIT ${opts.limit}` : ''}`,
    );
    const ids = idRows.map((r) => String(r['entity_id']));
    const batches: string[][] = [];
    for (let i = 0; i < ids.length; i += opts.batch) batches.push(ids.slice(i, i + opts.batch));
    /** Runs every batch, `threads` at once in their order, as the sync job runner does. */
    const inWaves = async (
      work: (batch: readonly string[], wave: number) => Promise<void>,
    ): Promise<void> => {
      let next = 0;
      const lane = async (): Promise<void> => {
        for (let i = next++; i < batches.length; i = next++)
          await work(batches[i] ?? [], Math.floor(i / opts.threads));
      };
      await Promise.all(Array.from({ length: opts.threads }, lane));
    };
    const { reader } = PRODUCTS_FEED.connect(db);
    const { hash } = PRODUCTS_FEED;

    // Warm both paths on the first batch, so neither pays for cold pages and prepared pools alone.
    for (const sql of RAW_READS) await db.query(sql, [batches[0] ?? [], batches[0] ?? []]);
    await reader.collect(batches[0] ?? []);

    let rawRows = 0;
    const raw = await timed(() =>
      inWaves(async (batch) => {
        const results = await Promise.all(RAW_READS.map((sql) => db.query<object>(sql, [batch, batch])));
        for (const r of results) rawRows += r.length;
      }),
    );

    let items = 0;
    let bytes = 0;
    // Each batch hashes and serialises its items as soon as they are read, as the engine's syncs do.
    const reads = new Map<number, WaveReads>();
    const feed = await timed(() =>
      inWaves(async (batch, wave) => {
        let shared = reads.get(wave);
        if (shared === undefined) reads.set(wave, (shared = new WaveReads()));
        for (const { item } of await reader.collect(batch, shared)) {
          hashFeedItem(item, hash);
          bytes += Buffer.byteLength(JSON.stringify(item));
          items++;
        }
        reads.delete(wave - 1);
      }),
    );

    const rawRate = ids.length / raw.seconds;
    const feedRate = ids.length / feed.seconds;
    const report = new BenchReport('products', profileName);
    report.note(
      `${origin} database ${database}; ${ids.length} products in batches of ${opts.batch}, ${opts.threads} at once`,
    );
    report.row('raw SQL read', {
      seconds: raw.seconds,
      'products/s': rawRate,
      'CPU µs/product': (raw.cpu * 1e6) / ids.length,
      rows: rawRows,
      'rows/s': rawRows / raw.seconds,
    });
    report.row('products feed assembly', {
      seconds: feed.seconds,
      'products/s': feedRate,
      'CPU µs/product': (feed.cpu * 1e6) / ids.length,
      items: items,
      'items/s': items / feed.seconds,
      'MiB/s': bytes / 2 ** 20 / feed.seconds,
    });
    report.row('peak RSS', { MiB: peakRss / 2 ** 20 });
    report.note(
      `item JSON ${(bytes / 2 ** 20).toFixed(1)} MiB, ${Math.round(bytes / Math.max(1, items))} bytes/item`,
    );
    report.note('assembly/raw: 1.00 = assembly costs nothing beyond reading the rows');
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
  .name('bench products')
  .option('--profile <name>', 'generator profile', 'medium')
  .option('--reuse', 'reuse bench_products_<profile> when it holds the profile (skip generation)', false)
  .option('--database <name>', 'database to use (default bench_products_<profile>)')
  .option('--keep', 'keep the bench_products_<profile> database', false)
  .option('--limit <n>', 'only the first n products', (v) => Number.parseInt(v, 10))
  .option('--batch <n>', 'products per batch (the feed default is 100)', (v) => Number.parseInt(v, 10), 100)
  .option(
    '--threads <n>',
    'batches at once and per wave (the runner default is 2)',
    (v) => Number.parseInt(v, 10),
    2,
  )
  .action(
    async (options: {
      profile: string;
      reuse: boolean;
      keep: boolean;
      limit?: number;
      batch: number;
      threads: number;
      database?: string;
    }) => {
      if (!isProfileName(options.profile)) throw new Error(`unknown profile "${options.profile}"`);
      if (!Number.isInteger(options.batch) || options.batch < 1 || options.batch > 10_000)
        throw new Error('--batch must be an integer from 1 to 10000');
      if (!Number.isInteger(options.threads) || options.threads < 1 || options.threads > 16)
        throw new Error('--threads must be an integer from 1 to 16');
      if (options.limit !== undefined && (!Number.isInteger(options.limit) || options.limit < 1))
        throw new Error('--limit must be a positive integer');
      await bench(options.profile, options);
    },
  );

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`bench products: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
