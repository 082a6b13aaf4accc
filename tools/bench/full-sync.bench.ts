/**
 * Full sync end to end, per feed: a generated catalog of a profile in a database of its own, then the real
 * pipeline (a feed service, the exporter and the bundled receiver with its rate limit off) onboards it. Each feed's
 * end-to-end rate (entities whose items the receiver acknowledged, per second of its onboarding) is printed next
 * to the raw SQL read of the same rows in the same run, with the peak RSS of every process.
 *
 *   ./dev bench full-sync [--profile small|medium|large] [--service products-feed] [--feeds products,variants]
 *                         [--threads 2] [--replicas 1] [--reuse] [--keep]
 */
import { Command } from 'commander';
import { createConnection } from 'mysql2/promise';
import { feedsOfService, FEEDS, SERVICE_NAMES, type FeedName, type FeedServiceName } from '@cde/contracts';
import { CommerceDb } from '@cde/platform/commerce-db';
import { isProfileName, type ProfileName } from '@cde/testing/commerce-db';
import { loadRuntimeConfig } from '@cde/testing/runtime';
import { prepareCatalog } from './lib/bench-catalog';
import { BenchReport } from './lib/bench-report';
import { onboard } from './lib/onboarding';
import { measureRawRead, RAW_READS } from './lib/raw-reads';

interface Options {
  readonly profile: ProfileName;
  readonly service: FeedServiceName;
  readonly feeds: readonly FeedName[];
  readonly threads: number;
  readonly replicas: number;
  readonly reuse: boolean;
  readonly keep: boolean;
  readonly timeoutMinutes: number;
}

async function bench(o: Options): Promise<void> {
  const { commerceDb } = loadRuntimeConfig();
  const connection = await createConnection({
    host: commerceDb.host,
    port: commerceDb.port,
    user: 'root',
    multipleStatements: true,
    charset: 'utf8mb4',
  });
  const report = new BenchReport(`full-sync ${o.service}`, o.profile);
  const { database, origin } = await prepareCatalog(connection, o.profile, { reuse: o.reuse });
  report.note(`catalog: ${origin} database ${database}; sync threads ${o.threads}; replicas ${o.replicas}`);
  const db = CommerceDb.connect({ ...commerceDb, user: 'root', password: '', database, poolSize: 4 });
  const raw = new Map<FeedName, number>();
  try {
    for (const feed of o.feeds) {
      const read = RAW_READS[feed];
      if (!read) continue;
      const r = await measureRawRead(db, read, FEEDS[feed].defaultBatchSize);
      raw.set(feed, r.entities / Math.max(r.seconds, 1e-6));
    }
  } finally {
    await db.close();
  }

  try {
    const outcome = await onboard({ ...o, database });
    let ratioMin = Number.POSITIVE_INFINITY;
    for (const out of outcome.feeds) {
      const e2e = out.entities / Math.max(out.seconds, 1e-6);
      const rawRate = raw.get(out.feed);
      const ratio = rawRate ? e2e / rawRate : undefined;
      if (ratio !== undefined) ratioMin = Math.min(ratioMin, ratio);
      report.row(out.feed, {
        entities: out.entities,
        items: out.items,
        seconds: out.seconds,
        'raw ent/s': rawRate ?? '-',
        'e2e ent/s': e2e,
        'e2e items/s': out.items / Math.max(out.seconds, 1e-6),
        'e2e / raw': ratio ?? '-',
      });
      if (ratio !== undefined) report.ratio(`${out.feed}.e2e/raw`, ratio);
    }
    for (const [name, bytes] of outcome.peakRss) report.row(`${name} peak RSS`, { MiB: bytes / 2 ** 20 });
    const cpuTotal = [...outcome.cpuSeconds.values()].reduce((a, b) => a + b, 0);
    const items = outcome.feeds.reduce((n, f) => n + f.items, 0);
    for (const [name, seconds] of outcome.cpuSeconds)
      report.row(`${name} CPU`, { seconds, 'share of all': seconds / Math.max(cpuTotal, 1e-6) });
    report.note(
      `CPU ${cpuTotal.toFixed(1)} s in all, ${((cpuTotal / Math.max(items, 1)) * 1e6).toFixed(0)} µs per item acknowledged, ` +
        `${(cpuTotal / Math.max(outcome.wallSeconds, 1e-6)).toFixed(2)} cores busy on average`,
    );
    report.note(
      `wall time ${outcome.wallSeconds.toFixed(1)} s from the first process start to the last acknowledgement ` +
        `(the first onboarding started after ${outcome.startupSeconds.toFixed(1)} s)`,
    );
    if (Number.isFinite(ratioMin)) report.ratio('min.e2e/raw', ratioMin);
    const peak = Math.max(...outcome.peakRss.values());
    report.ratio('peakRSS/512MiB', peak / (512 * 2 ** 20));
    report.print();
    report.save('e2e items/s');
  } finally {
    if (!o.keep) await connection.query(`DROP DATABASE IF EXISTS \`${database}\``);
    await connection.end();
  }
}

new Command()
  .name('bench full-sync')
  .option('--profile <name>', 'generator profile (small, medium, large)', 'small')
  .option('--service <name>', `feed service (${SERVICE_NAMES.join(', ')})`, 'products-feed')
  .option('--feeds <list>', "feeds of the service to run (default: all of the service's)")
  .option(
    '--threads <n>',
    'pages synced at once per wave (CDE_SYNC_THREADS)',
    (v) => Number.parseInt(v, 10),
    2,
  )
  .option('--replicas <n>', 'feed service processes in one group', (v) => Number.parseInt(v, 10), 1)
  .option('--reuse', 'reuse bench_<profile> when it holds the profile', false)
  .option('--keep', 'keep the bench_<profile> database', false)
  .option('--timeout <minutes>', 'give up after this long', (v) => Number.parseInt(v, 10), 60)
  .action(
    async (options: {
      profile: string;
      service: string;
      feeds?: string;
      threads: number;
      replicas: number;
      reuse: boolean;
      keep: boolean;
      timeout: number;
    }) => {
      if (!isProfileName(options.profile)) throw new Error(`unknown profile "${options.profile}"`);
      const service = SERVICE_NAMES.find((s) => s === options.service);
      if (!service)
        throw new Error(`unknown feed service "${options.service}" (one of ${SERVICE_NAMES.join(', ')})`);
      const own = feedsOfService(service);
      const feeds = options.feeds
        ? options.feeds.split(',').map((f) => {
            const feed = own.find((x) => x.toLowerCase() === f.trim().toLowerCase());
            if (!feed) throw new Error(`${service} runs no feed "${f}" (it runs ${own.join(', ')})`);
            return feed;
          })
        : own;
      if (!Number.isInteger(options.threads) || options.threads < 1 || options.threads > 32)
        throw new Error('--threads must be an integer from 1 to 32');
      if (!Number.isInteger(options.replicas) || options.replicas < 1 || options.replicas > 8)
        throw new Error('--replicas must be an integer from 1 to 8');
      await bench({
        profile: options.profile,
        service,
        feeds,
        threads: options.threads,
        replicas: options.replicas,
        reuse: options.reuse,
        keep: options.keep,
        timeoutMinutes: options.timeout,
      });
    },
  )
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    process.stderr.write(`bench full-sync: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
