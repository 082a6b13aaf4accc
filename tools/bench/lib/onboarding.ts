import type { RowDataPacket } from 'mysql2/promise';
import { FEEDS, type FeedName, type FeedServiceName } from '@cde/contracts';
import { Pipeline } from '../../../apps/pipeline-e2e/src/pipeline-harness';
import { processEnvOf } from '../../deploy/workloads';
import { waitOnboarded } from './pipeline-wait';
import { groupUsage, runtimeGroups } from './process-usage';

export interface OnboardingOptions {
  readonly service: FeedServiceName;
  readonly feeds: readonly FeedName[];
  /** The Commerce database holding the catalog (root on the runtime's server). */
  readonly database: string;
  readonly threads: number;
  /** Feed service processes in one consumer group. */
  readonly replicas: number;
  readonly timeoutMinutes: number;
}

/** One feed's onboarding: its entities, the items the receiver acknowledged, and the seconds it took. */
export interface FeedOutcome {
  readonly feed: FeedName;
  readonly entities: number;
  readonly items: number;
  readonly seconds: number;
  /** When its onboarding started (epoch ms). */
  readonly startedAt: number;
}

export interface OnboardingOutcome {
  readonly feeds: readonly FeedOutcome[];
  /** Peak RSS per process name (a replica's name carries its number), bytes. */
  readonly peakRss: ReadonlyMap<string, number>;
  /** From the first process start to the last acknowledgement. */
  readonly wallSeconds: number;
  /** From the first process start to the first onboarding's start: processes starting, joining their groups. */
  readonly startupSeconds: number;
  /**
   * CPU seconds per process over the same span: the pipeline's processes (whole lives) and the runtime's parts
   * (MariaDB, Kafka, Connect: what they used meanwhile).
   */
  readonly cpuSeconds: ReadonlyMap<string, number>;
}

/**
 * The exporter's settings against a receiver without a rate limit. Requests in flight, not the rate, then bound
 * delivery: at the default 2 (what a 2 requests/s SaaS needs), a large onboarding's exporter delivered 1,885
 * items/s with requests of about 100 ms; with 8, 3,580 items/s.
 */
export const UNLIMITED_EXPORTER_ENV = { CDE_EXPORT_MAX_RPS: '10000', CDE_EXPORT_CONCURRENCY: '8' } as const;

/**
 * The feed state and receiver databases of a benchmark's pipeline: names the local runtime keeps out of the binlog
 * (deploy/local/mariadb.cnf), like `data_export` and `commerce_services`, so the database does the work a deployment
 * does. In the binlog, every upsert and outcome would also be written there and read and discarded by Debezium.
 * One onboarding bench at a time per runtime (the harness holds a lock on them).
 */
export const BENCH_DATABASES = { state: 'data_export_bench', receiver: 'commerce_services_bench' } as const;

/**
 * A whole pipeline (receiver with its rate limit off, `replicas` feed services, the exporter) onboarding the
 * catalog of `database` from nothing, sampled for RSS every half second; stopped and cleaned up afterwards. Each
 * process gets the heap ceiling and malloc arenas its Deployment sets, so its peak RSS is the one a pod would have.
 */
export async function onboard(o: OnboardingOptions): Promise<OnboardingOutcome> {
  const pipeline = new Pipeline({
    feedService: o.service,
    feeds: o.feeds,
    feedServiceEnv: {
      CDE_FEEDS: o.feeds.join(','),
      CDE_COMMERCE_DB_NAME: o.database,
      CDE_COMMERCE_DB_READER_USER: 'root',
      CDE_COMMERCE_DB_READER_PASSWORD: '',
      CDE_SYNC_THREADS: String(o.threads),
      ...processEnvOf(o.service),
    },
    exporterEnv: { ...UNLIMITED_EXPORTER_ENV, ...processEnvOf('exporter') },
    receiverEnv: processEnvOf('commerce-services'),
    databases: BENCH_DATABASES,
  });
  const peakRss = new Map<string, number>();
  const cpuSeconds = new Map<string, number>();
  const runtime = runtimeGroups();
  const runtimeCpuBefore = new Map([...runtime].map(([name, pgid]) => [name, groupUsage(pgid).cpuSeconds]));
  const sample = (): void =>
    pipeline.services.forEach((s, i) => {
      const name = processName(o.service, i);
      const usage = s.child.pid === undefined ? { rss: 0, cpuSeconds: 0 } : groupUsage(s.child.pid);
      peakRss.set(name, Math.max(peakRss.get(name) ?? 0, usage.rss));
      // A process's CPU only grows while it lives: the largest sample is its total so far.
      cpuSeconds.set(name, Math.max(cpuSeconds.get(name) ?? 0, usage.cpuSeconds));
    });
  const started = Date.now();
  const sampler = setInterval(sample, 500);
  try {
    await pipeline.start();
    for (let r = 1; r < o.replicas; r++) await pipeline.addFeedServiceReplica();
    await waitOnboarded(pipeline, o.feeds, o.timeoutMinutes * 60_000);
    const wallSeconds = (Date.now() - started) / 1000;
    sample();
    for (const [name, pgid] of runtime)
      cpuSeconds.set(name, groupUsage(pgid).cpuSeconds - (runtimeCpuBefore.get(name) ?? 0));
    const feeds = await Promise.all(o.feeds.map((feed) => outcomeOf(pipeline, feed)));
    const firstJob = Math.min(...feeds.map((f) => f.startedAt));
    const startupSeconds = Number.isFinite(firstJob) ? Math.max(0, (firstJob - started) / 1000) : 0;
    return { feeds, peakRss, wallSeconds, startupSeconds, cpuSeconds };
  } finally {
    clearInterval(sampler);
    await pipeline.stop();
  }
}

/** The harness starts the receiver, the feed service and the exporter, then any further replicas. */
function processName(service: string, index: number): string {
  if (index === 0) return 'commerce-services';
  if (index === 1) return service;
  if (index === 2) return 'exporter';
  return `${service} #${index - 1}`;
}

/** A feed's entities (its onboarding's count), items acknowledged, and seconds from onboarding start to last ack. */
async function outcomeOf(pipeline: Pipeline, feed: FeedName): Promise<FeedOutcome> {
  const [jobs] = await pipeline.shop.query<RowDataPacket[]>(
    `SELECT processed, started_at FROM \`${pipeline.stateDb}\`.cde_sync_job WHERE singleton = ?`,
    [`onboarding:${feed}`],
  );
  const [acks] = await pipeline.shop.query<RowDataPacket[]>(
    `SELECT COUNT(*) AS items, MAX(acked_at) AS last FROM \`${pipeline.stateDb}\`.\`${FEEDS[feed].stateTable}\`
      WHERE status = 200`,
  );
  const startedAt = Date.parse(`${String(jobs[0]?.['started_at']).replace(' ', 'T')}Z`);
  const lastAck = Date.parse(`${String(acks[0]?.['last']).replace(' ', 'T')}Z`);
  return {
    feed,
    entities: Number(jobs[0]?.['processed'] ?? 0),
    items: Number(acks[0]?.['items'] ?? 0),
    seconds: Number.isFinite(lastAck - startedAt) ? Math.max(0.001, (lastAck - startedAt) / 1000) : 0.001,
    startedAt,
  };
}
