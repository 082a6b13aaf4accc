/**
 * products-feed assembly benchmark: on a generated catalog (medium by default), reads the products in batches
 * of the feed's size twice — once as raw SQL (the same tables, rows only) and once through the products feed's
 * reader (SQL + pure assembly + the engine's hash) — and prints both rates and their ratio. The ratio is the
 * figure to watch: it says how much assembly costs on top of reading the rows, whatever the machine.
 *
 *   ./dev bench products [--profile medium] [--reuse] [--keep] [--limit <products>] [--batch 100]
 */
import { Command } from 'commander';
import { createConnection, type Connection, type RowDataPacket } from 'mysql2/promise';
import { hashFeedItem } from '@cde/feed-engine';
import { PRODUCTS_FEED } from '@cde/feeds/products';
import { CommerceDb } from '@cde/platform/commerce-db';
import {
  createCommerceSchema,
  generateCommerceData,
  isProfileName,
  PROFILES,
  productCount,
  type ProfileName,
} from '@cde/testing/commerce-db';

const out = (line: string): void => void process.stdout.write(`${line}\n`);

/** The rows the products feed reads per product, as plain SELECTs by id (no joins to resolve, no assembly). */
const RAW_READS = [
  'SELECT * FROM catalog_product_entity WHERE entity_id IN (?)',
  'SELECT * FROM catalog_product_entity_varchar WHERE entity_id IN (?)',
  'SELECT * FROM catalog_product_entity_int WHERE entity_id IN (?)',
  'SELECT * FROM catalog_product_entity_decimal WHERE entity_id IN (?)',
  'SELECT * FROM catalog_product_entity_text WHERE entity_id IN (?)',
  'SELECT * FROM catalog_product_entity_datetime WHERE entity_id IN (?)',
  'SELECT * FROM catalog_product_website WHERE product_id IN (?)',
  'SELECT * FROM catalog_category_product WHERE product_id IN (?)',
  `SELECT g.*, v.* FROM catalog_product_entity_media_gallery_value v
     JOIN catalog_product_entity_media_gallery g ON g.value_id = v.value_id WHERE v.entity_id IN (?)`,
  'SELECT * FROM cataloginventory_stock_item WHERE product_id IN (?)',
  "SELECT * FROM url_rewrite WHERE entity_type = 'product' AND entity_id IN (?)",
  'SELECT * FROM catalog_product_super_link WHERE parent_id IN (?) OR product_id IN (?)',
  'SELECT * FROM catalog_product_link WHERE product_id IN (?)',
  'SELECT * FROM catalog_product_option WHERE product_id IN (?)',
];

async function prepare(connection: Connection, profileName: ProfileName, database: string, reuse: boolean) {
  const expected = productCount(PROFILES[profileName]);
  if (reuse) {
    const [rows] = await connection.query<RowDataPacket[]>(
      'SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = ? AND table_name = ?',
      [database, 'catalog_product_entity'],
    );
    if (Number(rows[0]?.['n']) === 1) {
      const [count] = await connection.query<RowDataPacket[]>(
        `SELECT COUNT(*) AS n FROM \`${database}\`.catalog_product_entity`,
      );
      if (Number(count[0]?.['n']) === expected) return 'reused';
    }
  }
  await connection.query(`DROP DATABASE IF EXISTS \`${database}\``);
  await createCommerceSchema(connection, database);
  await connection.query(`USE \`${database}\``);
  await generateCommerceData(connection, { profile: PROFILES[profileName] });
  return 'generated';
}

async function bench(
  profileName: ProfileName,
  opts: { reuse: boolean; keep: boolean; limit?: number; batch: number; database?: string },
) {
  const database = opts.database ?? `bench_products_${profileName}`;
  if (!/^[a-z0-9_]+$/.test(database)) throw new Error(`invalid database name "${database}"`);
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
  const db = CommerceDb.connect({ host, port, user: 'root', password: '', database, poolSize: 4 });
  try {
    const origin = await prepare(connection, profileName, database, opts.reuse);
    const [idRows] = await connection.query<RowDataPacket[]>(
      `SELECT entity_id FROM \`${database}\`.catalog_product_entity ORDER BY entity_id${opts.limit ? ` LIMIT ${opts.limit}` : ''}`,
    );
    const ids = idRows.map((r) => String(r['entity_id']));
    const batches: string[][] = [];
    for (let i = 0; i < ids.length; i += opts.batch) batches.push(ids.slice(i, i + opts.batch));
    const { reader } = PRODUCTS_FEED.connect(db);
    const { hash } = PRODUCTS_FEED;

    // Warm both paths on the first batch, so neither pays for cold pages and prepared pools alone.
    for (const sql of RAW_READS) await db.query(sql, [batches[0] ?? [], batches[0] ?? []]);
    await reader.collect(batches[0] ?? []);

    let rawRows = 0;
    let t = process.hrtime.bigint();
    for (const batch of batches) {
      const results = await Promise.all(RAW_READS.map((sql) => db.query<object>(sql, [batch, batch])));
      for (const r of results) rawRows += r.length;
    }
    const rawSeconds = Number(process.hrtime.bigint() - t) / 1e9;

    let items = 0;
    let bytes = 0;
    t = process.hrtime.bigint();
    for (const batch of batches) {
      const collected = await reader.collect(batch);
      for (const { item } of collected) {
        hashFeedItem(item, hash);
        bytes += Buffer.byteLength(JSON.stringify(item));
        items++;
      }
    }
    const feedSeconds = Number(process.hrtime.bigint() - t) / 1e9;

    const rawRate = ids.length / rawSeconds;
    const feedRate = ids.length / feedSeconds;
    out(`bench products ${profileName} (${origin} database ${database})`);
    out(`  products                 ${ids.length} in batches of ${opts.batch}`);
    out(
      `  raw SQL read             ${rawSeconds.toFixed(1)} s, ${Math.round(rawRate)} products/s, ${rawRows} rows (${Math.round(rawRows / rawSeconds)} rows/s)`,
    );
    out(
      `  products feed assembly   ${feedSeconds.toFixed(1)} s, ${Math.round(feedRate)} products/s, ${items} items (${Math.round(items / feedSeconds)} items/s)`,
    );
    out(
      `  item JSON                ${(bytes / 1024 / 1024).toFixed(1)} MiB, ${Math.round(bytes / Math.max(1, items))} bytes/item, ${(bytes / 1024 / 1024 / feedSeconds).toFixed(1)} MiB/s`,
    );
    out(
      `  assembly / raw read      ${(feedRate / rawRate).toFixed(2)} (1.00 = assembly costs nothing beyond reading the rows)`,
    );
    out(`  peak RSS                 ${Math.round(peakRss / 1024 / 1024)} MiB`);
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
  .action(
    async (options: {
      profile: string;
      reuse: boolean;
      keep: boolean;
      limit?: number;
      batch: number;
      database?: string;
    }) => {
      if (!isProfileName(options.profile)) throw new Error(`unknown profile "${options.profile}"`);
      if (!Number.isInteger(options.batch) || options.batch < 1 || options.batch > 10_000)
        throw new Error('--batch must be an integer from 1 to 10000');
      if (options.limit !== undefined && (!Number.isInteger(options.limit) || options.limit < 1))
        throw new Error('--limit must be a positive integer');
      await bench(options.profile, options);
    },
  );

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`bench products: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
