import {
  FEEDS,
  SchedulingCode,
  SyncCode,
  type CdeCommand,
  type FeedDeadLetterMessage,
  type FeedName,
  type FeedServiceName,
} from '@cde/contracts';
import type { ConnectorApi, RawCdcMessage } from '@cde/platform/cdc';
import type { CommerceDb } from '@cde/platform/commerce-db';
import type { FeedStateRepository, SyncJobRepository } from '@cde/platform/feed-state';
import type { RetryPolicy } from '@cde/util/retry';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { BinlogLossWatch } from './binlog-loss';
import { ConnectorWatch } from './connector-watch';
import { ChangeBatchHandler, type ChangeBatchResult, type FanOutQueue } from './change-handler';
import { DeadLetterRetry, DEFAULT_RETRY_POLICY } from './dead-letter-retry';
import {
  partsOf,
  type ConnectedFeed,
  type FeedDefinition,
  type FeedItemSink,
  type FeedRuntimeSettings,
} from './feed-definition';
import type { FeedMetrics } from './feed-metrics';
import { FeedProcessor } from './feed-processor';
import { LegacyFeedSender } from './legacy-sender';
import { ResyncCommands } from './resync-commands';
import { commerceReadErrorOf } from './schema-error';
import { SchemaErrorWatch } from './schema-error-watch';
import { SyncJobRunner, type EventSink } from './sync-job-runner';
import { serializeSpec, sortedIds, specOfFanOut } from './sync-job-spec';

export interface FeedServiceOptions {
  readonly service: FeedServiceName;
  readonly feeds: readonly FeedDefinition[];
  readonly settings: Readonly<Partial<Record<FeedName, FeedRuntimeSettings>>>;
  readonly db: CommerceDb;
  readonly state: FeedStateRepository;
  /** The feed-state database, for feeds that keep state of their own there (FeedContext). */
  readonly feedState?: DataSource;
  readonly jobs: SyncJobRepository;
  readonly sink: FeedItemSink;
  readonly events: EventSink;
  readonly logger: Logger;
  /** Sent deletes are removed from the feed state after this long (the original: 7 days). */
  readonly deletedRetentionMs?: number;
  readonly retryPolicy?: RetryPolicy;
  /**
   * Commands requested longer ago than this are ignored: a new consumer group reads `cde.commands` from the
   * beginning and must not rerun old resyncs.
   */
  readonly commandMaxAgeMs?: number;
  /** Where the feeds count items, sync durations, parking and poison (the module serves it on /metrics). */
  readonly metrics?: FeedMetrics;
  /** Background syncs: pages at once per wave, waves at once per service. */
  readonly syncThreads?: number;
  readonly syncConcurrency?: number;
  /** Whether change capture streams (onboarding waits for it); see SyncJobRunnerOptions.captureReady. */
  readonly captureReady?: () => Promise<boolean>;
  /**
   * The change capture connector's REST API (CDE_CONNECT_URL): its status is watched for a task failed on a purged
   * binlog position, and a reconciliation after a binlog loss waits until it streams again. Unset: neither.
   */
  readonly connector?: ConnectorApi;
  /** The clock of the feeds' clock passes (tests pin it; the wall clock otherwise). */
  readonly now?: () => Date;
}

interface RunningFeed {
  readonly definition: FeedDefinition;
  readonly connected: ConnectedFeed;
  readonly settings: FeedRuntimeSettings;
  readonly processor: FeedProcessor;
  readonly retry: DeadLetterRetry;
  readonly legacy?: LegacyFeedSender;
}

/**
 * Everything a feed service does, without Nest or Kafka: change batches, commands, the legacy schedule and the
 * cleanup of sent deletes. The Nest module wires it to the transport and timers.
 */
export class FeedService {
  private readonly feeds = new Map<FeedName, RunningFeed>();
  private readonly changes: ChangeBatchHandler;
  private readonly queue: FanOutQueue;
  /** When each feed's clock was last asked: what changed since then is due. */
  private readonly clockSince = new Map<FeedName, Date>();
  private readonly jobs: SyncJobRunner;
  private readonly resyncCommands: ResyncCommands;
  /** retry-parked commands in flight. */
  private readonly retries = new Set<Promise<void>>();
  /** Schema errors of the Commerce DB, told once per feed and message whichever path meets them. */
  private readonly schemaErrors: SchemaErrorWatch;
  /** The connector's status and the capture gate, when Connect can be asked. */
  private readonly connectorWatch: ConnectorWatch | undefined;

  constructor(private readonly options: FeedServiceOptions) {
    const { metrics } = options;
    const sink = metrics ? metrics.counting(options.sink) : options.sink;
    const schemaErrors = (this.schemaErrors = new SchemaErrorWatch(options.logger, metrics));
    for (const definition of options.feeds) {
      const meta = FEEDS[definition.feed];
      const settings = options.settings[definition.feed] ?? {
        mode: meta.defaultMode,
        batchSize: meta.defaultBatchSize,
      };
      const connected = definition.connect(
        options.db,
        options.feedState ? { feedState: options.feedState } : undefined,
      );
      const processor = new FeedProcessor(
        definition,
        connected.reader,
        settings,
        options.state,
        sink,
        options.logger,
        { metrics, schemaErrors },
      );
      const legacy =
        settings.mode === 'legacy'
          ? new LegacyFeedSender(definition.feed, settings.batchSize, options.state, sink, options.logger)
          : undefined;
      const retry = new DeadLetterRetry(
        definition.feed,
        processor,
        options.state,
        options.events,
        options.logger,
        options.service,
        options.retryPolicy ?? DEFAULT_RETRY_POLICY,
        metrics,
      );
      this.feeds.set(definition.feed, {
        definition,
        connected,
        settings,
        processor,
        retry,
        ...(legacy ? { legacy } : {}),
      });
    }
    const wake = (feed: FeedName): void => this.jobs.wake(feed);
    const binlogLoss = new BinlogLossWatch(options.jobs, options.logger, wake, metrics);
    const watch = (this.connectorWatch = options.connector
      ? new ConnectorWatch(options.connector, [...this.feeds.keys()], binlogLoss, options.logger)
      : undefined);
    this.jobs = new SyncJobRunner({
      service: options.service,
      feeds: [...this.feeds.values()].map((f) => ({
        feed: f.definition.feed,
        reader: f.connected.reader,
        processor: f.processor,
        settings: f.settings,
        ...(f.legacy ? { legacySender: f.legacy } : {}),
      })),
      jobs: options.jobs,
      state: options.state,
      db: options.db,
      events: options.events,
      logger: options.logger,
      schemaErrors,
      ...(metrics ? { metrics } : {}),
      ...(options.syncThreads ? { threads: options.syncThreads } : {}),
      ...(options.syncConcurrency ? { concurrency: options.syncConcurrency } : {}),
      ...(options.captureReady ? { captureReady: options.captureReady } : {}),
      ...(watch ? { reconcileReady: () => watch.streaming() } : {}),
    });
    this.resyncCommands = new ResyncCommands(options.jobs, options.events, options.logger, options.service);
    const queue: FanOutQueue = (this.queue = {
      enqueue: async (feed, fanOut) => {
        const job = await options.jobs.add({
          feed,
          kind: 'fan-out',
          reason: fanOut.reason,
          spec: serializeSpec(fanOut.spec),
          sourceCommitTime: fanOut.sourceCommitTime,
        });
        if (job) this.jobs.wake(feed);
      },
      snapshotRead: (feed, tables) => binlogLoss.snapshotRead(feed, tables),
    });
    this.changes = new ChangeBatchHandler(
      [...this.feeds.values()].map((f) => ({
        processor: f.processor,
        connected: f.connected,
        tables: f.definition.tables,
      })),
      queue,
      options.logger,
      metrics,
      schemaErrors,
    );
  }

  /**
   * Starts the background syncs. A feed that never finished an onboarding gets one first: its initial load is
   * a full sync of its own (keyset pages, checkpointed, resumable), not a replay of Debezium's snapshot.
   */
  async start(): Promise<void> {
    for (const feed of this.feeds.keys()) {
      const job = await this.options.jobs.add({
        feed,
        kind: 'onboarding',
        reason: 'first start of the feed',
        spec: serializeSpec({ scope: { all: true } }),
        singleton: `onboarding:${feed}`,
      });
      if (job)
        this.options.logger.info({ feed, operation: 'full sync', jobId: job.id }, 'onboarding scheduled');
    }
    this.jobs.start();
  }

  /** One look at the change capture connector's status (a timer of the module), when Connect can be asked. */
  async watchConnector(): Promise<void> {
    await this.connectorWatch?.check();
  }

  get feedNames(): FeedName[] {
    return [...this.feeds.keys()];
  }

  /** A batch of Debezium messages from one partition: coalesced per feed, synced, poison returned. */
  onChanges(messages: readonly RawCdcMessage[]): Promise<ChangeBatchResult> {
    return this.changes.handle(messages);
  }

  /**
   * Commands for this service's feeds: a resync becomes a durable sync job before the command's offset commits;
   * retry-parked runs in the background. Commands for other services' feeds are ignored.
   */
  async onCommand(command: CdeCommand): Promise<void> {
    const running = this.feeds.get(command.feed);
    if (!running) return;
    const age = Date.now() - Date.parse(command.requestedAt);
    const maxAge = this.options.commandMaxAgeMs ?? 10 * 60 * 1000;
    if (!(age <= maxAge)) {
      this.options.logger.warn(
        { feed: command.feed, code: SchedulingCode.StaleCommand },
        `ignoring ${command.type} ${command.commandId} requested at ${command.requestedAt}: older than ${Math.round(maxAge / 1000)} s`,
      );
      return;
    }
    if (command.type === 'resync') {
      const job = await this.resyncCommands.accept(
        { feed: command.feed, reader: running.connected.reader, settings: running.settings },
        command,
      );
      if (job) this.jobs.wake(command.feed);
      return;
    }
    const task = running.retry
      .retryParked(command.feedIds)
      .then(() => undefined)
      .catch((error: unknown) => {
        this.options.logger.error(
          { feed: command.feed, code: SyncCode.RetryParkedFailed },
          `${command.type} ${command.commandId} failed: ${String(error)}`,
        );
      });
    this.retries.add(task);
    void task.finally(() => this.retries.delete(task));
  }

  /** Failed deliveries of one feed, from its dead-letter topic, in partition order. */
  async onDeadLetters(feed: FeedName, messages: readonly FeedDeadLetterMessage[]): Promise<void> {
    const running = this.feeds.get(feed);
    if (running) await running.retry.handle(messages);
  }

  /**
   * Feeds whose items change with time alone: the entities time changed since the last pass become background
   * sync jobs, walked in feed-sized batches (unchanged items are skipped by their hash). The first pass after a
   * start asks with no `since`, for what may have changed while the service was not running. A feed whose
   * answer or queueing fails is logged (CDE04-27; a schema error as CDE04-29, a missing grant as CDE04-30, once) and asked again from the same
   * moment at the next tick; the others go on.
   */
  async onClock(now = this.options.now?.() ?? new Date()): Promise<void> {
    for (const [feed, running] of this.feeds) {
      const since = this.clockSince.get(feed) ?? null;
      try {
        const { ids, fanOuts } = partsOf(await running.connected.clockChanges(since, now));
        const unique = sortedIds(ids);
        const jobs = [
          ...fanOuts.map((f) => ({ reason: `clock: ${f.reason}`, spec: specOfFanOut(f) })),
          ...(unique.length > 0
            ? [
                {
                  reason: `clock: ${unique.length} entities changed with time`,
                  spec: { scope: { ids: unique } },
                },
              ]
            : []),
        ];
        // An identical job still waiting is not queued twice: a retried pass does not pile up work.
        for (const job of jobs) await this.queue.enqueue(feed, { ...job, sourceCommitTime: null });
        this.clockSince.set(feed, now);
      } catch (error: unknown) {
        const schema = commerceReadErrorOf(feed, error);
        if (schema) {
          this.schemaErrors.failed(schema, 'clock');
          continue;
        }
        this.options.logger.error(
          { feed, operation: 'clock', code: SyncCode.ClockFailed, err: error },
          `clock of ${feed} failed (${since ? `since ${since.toISOString()}` : 'start-up pass'}): ${String(error)}`,
        );
      }
    }
  }

  /** Legacy feeds: publish what is waiting. */
  async sendLegacy(): Promise<number> {
    let sent = 0;
    for (const f of this.feeds.values()) if (f.legacy) sent += await f.legacy.sendPending();
    return sent;
  }

  /** Removes sent deletes older than the retention, as the original's daily cleanup, and finished jobs. */
  async cleanupDeleted(now = new Date()): Promise<void> {
    const retention = this.options.deletedRetentionMs ?? 7 * 24 * 3600 * 1000;
    await this.options.jobs.cleanup(new Date(now.getTime() - retention));
    for (const feed of this.feeds.keys()) {
      const removed = await this.options.state.cleanupDeleted(feed, new Date(now.getTime() - retention));
      if (removed > 0)
        this.options.logger.info(
          { feed, operation: 'cleanup' },
          `Cleaned up "${removed}" deleted feed items for feed "${feed}"`,
        );
    }
  }

  processor(feed: FeedName): FeedProcessor | undefined {
    return this.feeds.get(feed)?.processor;
  }

  /** Runs the feed's waiting sync jobs to the end, here and now (tests and one-off tools; services run them in lanes). */
  async runPendingJobs(feed: FeedName): Promise<number> {
    return this.jobs.runUntilIdle(feed);
  }

  /** Waits for retry-parked commands in flight, bounded. */
  async settle(timeoutMs: number): Promise<void> {
    await Promise.race([
      Promise.allSettled([...this.retries]),
      new Promise((resolve) => setTimeout(resolve, timeoutMs).unref()),
    ]);
  }

  /** Stops the background syncs after their current wave and waits for retries in flight (shutdown), bounded. */
  async drain(timeoutMs: number): Promise<void> {
    await Promise.all([this.jobs.stop(timeoutMs), this.settle(timeoutMs)]);
  }
}
