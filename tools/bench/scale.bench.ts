/**
 * Scale-out: the same catalog onboarded end to end by one feed service, then by two replicas in one consumer group
 * (Kafka partitions and the per-entity sync locks share the work), each from nothing. Prints both end-to-end rates
 * and their ratio. Target: two replicas ≥ 1.6× one.
 *
 *   ./dev bench scale [--profile small|medium|large] [--feeds products] [--replicas 2] [--reuse] [--keep]
 */
import { Command } from 'commander';
import { createConnection } from 'mysql2/promise';
import { feedsOfService, type FeedName } from '@cde/contracts';
import { isProfileName, type ProfileName } from '@cde/testing/commerce-db';
import { loadRuntimeConfig } from '@cde/testing/runtime';
import { prepareCatalog } from './lib/bench-catalog';
import { BenchReport } from './lib/bench-report';
import { onboard, type OnboardingOutcome } from './lib/onboarding';

interface Options {
  readonly profile: ProfileName;
  readonly feeds: readonly FeedName[];
  readonly replicas: number;
  readonly reuse: boolean;
  readonly keep: boolean;
  /** Minutes each onboarding may take before the bench gives up and says so. */
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
  try {
    const { database, origin } = await prepareCatalog(connection, o.profile, { reuse: o.reuse });
    const report = new BenchReport('scale products-feed', o.profile);
    report.note(`catalog: ${origin} database ${database}; feeds ${o.feeds.join(', ')}`);
    const rates: number[] = [];
    for (const replicas of [1, o.replicas]) {
      const outcome = await onboard({
        service: 'products-feed',
        feeds: o.feeds,
        database,
        threads: 2,
        replicas,
        timeoutMinutes: o.timeoutMinutes,
      });
      const rate = itemsPerSecond(outcome);
      rates.push(rate);
      report.row(`${replicas} replica${replicas > 1 ? 's' : ''}`, {
        items: outcome.feeds.reduce((n, f) => n + f.items, 0),
        seconds: Math.max(...outcome.feeds.map((f) => f.seconds)),
        'e2e items/s': rate,
        'peak RSS MiB': Math.max(...outcome.peakRss.values()) / 2 ** 20,
      });
    }
    report.ratio(`${o.replicas}x/1x`, (rates[1] ?? 0) / Math.max(rates[0] ?? 0, 1e-9));
    report.print();
    report.save('e2e items/s');
    if (!o.keep) await connection.query(`DROP DATABASE IF EXISTS \`${database}\``);
  } finally {
    await connection.end();
  }
}

/** Items acknowledged per second over the slowest feed's onboarding. */
function itemsPerSecond(outcome: OnboardingOutcome): number {
  const items = outcome.feeds.reduce((n, f) => n + f.items, 0);
  return items / Math.max(...outcome.feeds.map((f) => f.seconds), 1e-3);
}

new Command()
  .name('bench scale')
  .option('--profile <name>', 'generator profile (small, medium, large)', 'small')
  .option('--feeds <list>', 'products-feed feeds to run', 'products')
  .option('--replicas <n>', 'replicas of the second run', (v) => Number.parseInt(v, 10), 2)
  .option('--reuse', 'reuse bench_<profile> when it holds the profile', false)
  .option('--keep', 'keep the bench_<profile> database', false)
  .option('--timeout <minutes>', 'minutes each onboarding may take', (v) => Number.parseFloat(v), 60)
  .action(
    async (options: {
      profile: string;
      feeds: string;
      replicas: number;
      reuse: boolean;
      keep: boolean;
      timeout: number;
    }) => {
      if (!isProfileName(options.profile)) throw new Error(`unknown profile "${options.profile}"`);
      if (!(options.timeout > 0)) throw new Error('--timeout must be a positive number of minutes');
      if (!Number.isInteger(options.replicas) || options.replicas < 2 || options.replicas > 8)
        throw new Error('--replicas must be an integer from 2 to 8');
      const own = feedsOfService('products-feed');
      const feeds = options.feeds.split(',').map((f) => {
        const feed = own.find((x) => x.toLowerCase() === f.trim().toLowerCase());
        if (!feed) throw new Error(`products-feed runs no feed "${f}" (it runs ${own.join(', ')})`);
        return feed;
      });
      await bench({
        profile: options.profile,
        feeds,
        replicas: options.replicas,
        reuse: options.reuse,
        keep: options.keep,
        timeoutMinutes: options.timeout,
      });
    },
  )
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    process.stderr.write(`bench scale: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
