/**
 * `./dev up`'s wait for the initial sync: it ends only when the whole pipeline is quiet, on real signals —
 * Debezium streams, every feed has finished its onboarding and has no background sync open, every feed service
 * and the exporter have consumed what was captured (lag 0), and every feed's state holds nothing still to
 * publish or acknowledge (no pending, no retrying item). Meanwhile it shows each onboarding's progress; then it
 * says how long it took and what each feed delivered.
 */
import { FEEDS, type FeedName } from '@cde/contracts';
import {
  createFeedStateDataSource,
  FeedStateRepository,
  SyncJobRepository,
  type DeliverySummary,
  type FeedStateDbConfig,
  type SyncJob,
} from '@cde/platform/feed-state';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { request } from 'undici';

export interface SyncWaitOptions {
  readonly brokers: readonly string[];
  readonly connectUrl: string;
  readonly connector: string;
  /** Consumer groups that must have consumed everything (the feed services and the exporter). */
  readonly groups: readonly string[];
  /** Feeds whose state must be quiet. */
  readonly feeds: readonly FeedName[];
  readonly feedState: FeedStateDbConfig;
  /** Service → pid: a service that dies ends the wait at once, named. */
  readonly pids: ReadonlyMap<string, number>;
  readonly timeoutSeconds: number;
  /** When `./dev up` started (epoch ms), for the duration it reports. */
  readonly startedAt: number;
  readonly out: (line: string) => void;
}

interface Observation {
  readonly snapshotting: boolean;
  readonly lag: number;
  readonly notConsuming: readonly string[];
  readonly summaries: ReadonlyMap<FeedName, DeliverySummary>;
  /** When the summaries were counted (epoch ms). */
  readonly countedAt: number;
  /** Each feed's onboarding (undefined: not scheduled yet) and its other background syncs still open. */
  readonly onboarding: ReadonlyMap<FeedName, SyncJob | undefined>;
  readonly openJobs: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const fmt = (n: number): string => n.toLocaleString('en-US');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Whether the connector's stored source offset still says it is snapshotting (Connect's offsets API, KIP-875). */
async function connectorSnapshotting(connectUrl: string, connector: string): Promise<boolean> {
  const res = await request(`${connectUrl}/connectors/${encodeURIComponent(connector)}/offsets`, {
    headersTimeout: 5000,
    bodyTimeout: 5000,
  });
  const body = (await res.body.json()) as { offsets?: { offset?: Record<string, unknown> }[] };
  if (res.statusCode !== 200) throw new Error(`connector offsets answered ${res.statusCode}`);
  const offsets = body.offsets ?? [];
  // No offset yet: the connector has not even started its snapshot.
  return offsets.length === 0 || offsets.some((o) => o.offset?.['snapshot'] !== undefined);
}

async function consumerLag(
  admin: Admin,
  groups: readonly string[],
): Promise<{ lag: number; notConsuming: string[] }> {
  let lag = 0;
  const notConsuming: string[] = [];
  for (const groupId of groups) {
    const described = await admin.describeGroups([groupId]);
    if (described.groups[0]?.state !== 'Stable') {
      notConsuming.push(groupId);
      continue;
    }
    for (const { topic, partitions } of await admin.fetchOffsets({ groupId })) {
      const ends = await admin.fetchTopicOffsets(topic);
      for (const p of partitions) {
        const end = Number(ends.find((e) => e.partition === p.partition)?.high ?? 0);
        lag += Math.max(0, end - Math.max(0, Number(p.offset)));
      }
    }
  }
  return { lag, notConsuming };
}

/** Capture, consumers and background syncs say the sync may be over; only the delivery counts can still say no. */
type Pipeline = Omit<Observation, 'summaries' | 'countedAt'>;

function pipelineQuiet(o: Pipeline): boolean {
  if (o.snapshotting || o.lag > 0 || o.notConsuming.length > 0 || o.openJobs > 0) return false;
  return [...o.onboarding.values()].every((job) => job?.state === 'done');
}

function quiet(o: Observation): boolean {
  return pipelineQuiet(o) && [...o.summaries.values()].every((s) => s.pending === 0 && s.retrying === 0);
}

/** `products 12,300/40,200 (1,020/s, ETA 27 s)` for a running onboarding. */
function onboardingProgress(feed: FeedName, job: SyncJob): string {
  const startedMs = job.startedAt ? Date.parse(`${job.startedAt.replace(' ', 'T')}Z`) : Date.now();
  const rate = job.processed / Math.max(1, (Date.now() - startedMs) / 1000);
  const eta = job.total !== null && rate > 0 ? Math.round((job.total - job.processed) / rate) : null;
  return `${feed} ${fmt(job.processed)}${job.total === null ? '' : `/${fmt(job.total)}`} (${fmt(Math.round(rate))}/s${eta === null ? '' : `, ETA ${eta} s`})`;
}

function progressLine(o: Observation, elapsedSeconds: number): string {
  const parts: string[] = [`${elapsedSeconds} s:`];
  if (o.snapshotting) parts.push('Debezium snapshot running;');
  if (o.notConsuming.length > 0) parts.push(`not consuming yet: ${o.notConsuming.join(', ')};`);
  parts.push(`lag ${fmt(o.lag)};`);
  const onboarding = [...o.onboarding]
    .filter(([, job]) => job?.state === 'running' || job?.state === 'pending')
    .map(([feed, job]) => (job ? onboardingProgress(feed, job) : feed));
  if (onboarding.length > 0) parts.push(`onboarding ${onboarding.join(', ')};`);
  if (o.openJobs > 0) parts.push(`${o.openJobs} background syncs open;`);
  const age = Math.round((Date.now() - o.countedAt) / 1000);
  if (age >= 15) parts.push(`counted ${age} s ago:`);
  parts.push(
    [...o.summaries]
      .filter(([, s]) => s.items > 0)
      .map(
        ([feed, s]) =>
          `${feed} ${fmt(s.accepted)}/${fmt(s.items)}${s.retrying ? ` (${fmt(s.retrying)} retrying)` : ''}`,
      )
      .join(', ') || 'no items yet',
  );
  return `    ${parts.join(' ')}`;
}

function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

export async function syncWait(options: SyncWaitOptions): Promise<void> {
  const kafka = new Kafka({ clientId: 'cde-dev', brokers: [...options.brokers], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  const dataSource = createFeedStateDataSource(options.feedState, 2);
  await admin.connect();
  await dataSource.initialize();
  const state = new FeedStateRepository(dataSource);
  const jobs = new SyncJobRepository(dataSource);
  const deadline = Date.now() + options.timeoutSeconds * 1000;
  let lastPrinted = 0;
  let summariesReadAt = 0;
  let summariesCostMs = 0;
  let quietTimes = 0;
  let last: Observation | undefined;
  let lastError = '';
  try {
    while (quietTimes < 2) {
      if (Date.now() > deadline) {
        const where = last
          ? progressLine(last, Math.round((Date.now() - options.startedAt) / 1000))
          : lastError;
        throw new Error(`the initial sync did not finish within ${options.timeoutSeconds} s:\n${where}`);
      }
      for (const [name, pid] of options.pids)
        if (!alive(pid)) throw new Error(`${name} exited during the initial sync; see ./dev logs ${name}`);
      try {
        const onboarding = new Map<FeedName, SyncJob | undefined>();
        for (const feed of options.feeds) onboarding.set(feed, await jobs.onboarding(feed));
        const openJobs = (await jobs.open()).filter((j) => options.feeds.includes(j.feed)).length;
        const { lag, notConsuming } = await consumerLag(admin, options.groups);
        const snapshotting = await connectorSnapshotting(options.connectUrl, options.connector);
        // A delivery summary counts the feed's whole feed-state table: read every second of a medium onboarding, the
        // summaries were most of the rows the feed-state database read. Now at most once per progress line and for
        // at most a tenth of the time (half-way through a large onboarding, two of the tables took 20 s to count, so
        // a scan ran most of the time), and on every pass once everything else says the sync may be over, so quiet
        // is judged on fresh counts.
        const pipeline: Pipeline = { snapshotting, lag, notConsuming, onboarding, openJobs };
        let summaries = last?.summaries;
        const summaryDue = Date.now() - summariesReadAt >= Math.max(10_000, 10 * summariesCostMs);
        if (summaries === undefined || pipelineQuiet(pipeline) || summaryDue) {
          const started = Date.now();
          const read = new Map<FeedName, DeliverySummary>();
          for (const feed of options.feeds) read.set(feed, await state.deliverySummary(feed));
          summaries = read;
          summariesReadAt = Date.now();
          summariesCostMs = summariesReadAt - started;
        }
        last = { ...pipeline, summaries, countedAt: summariesReadAt };
        quietTimes = quiet(last) ? quietTimes + 1 : 0;
      } catch (error) {
        // A service that has not created its tables or group yet: not an error, just not there yet.
        lastError = error instanceof Error ? error.message : String(error);
        quietTimes = 0;
      }
      if (last && Date.now() - lastPrinted >= 10_000 && quietTimes === 0) {
        lastPrinted = Date.now();
        options.out(progressLine(last, Math.round((Date.now() - options.startedAt) / 1000)));
      }
      if (quietTimes < 2) await sleep(1000);
    }
  } finally {
    await admin.disconnect();
    await dataSource.destroy();
  }
  const took = formatDuration(Date.now() - options.startedAt);
  options.out(`initial sync done in ${took}: every item is acknowledged by the receiver`);
  for (const [feed, s] of last?.summaries ?? []) {
    const extra = [
      s.rejected ? `${fmt(s.rejected)} rejected` : '',
      s.parked ? `${fmt(s.parked)} parked` : '',
      s.deleted ? `${fmt(s.deleted)} deletes` : '',
    ].filter(Boolean);
    options.out(
      `    ${feed.padEnd(22)} ${fmt(s.accepted).padStart(9)} items${extra.length ? ` (${extra.join(', ')})` : ''}`,
    );
  }
}

/** The feeds of the feed services that run. */
export function feedsOfServices(services: readonly string[]): FeedName[] {
  return Object.values(FEEDS)
    .filter((f) => services.includes(f.service))
    .map((f) => f.name);
}
