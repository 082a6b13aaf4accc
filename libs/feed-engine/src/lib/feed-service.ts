import {
  FEEDS,
  type CdeCommand,
  type FeedDeadLetterMessage,
  type FeedName,
  type FeedServiceName,
} from '@cde/contracts';
import type { RawCdcMessage } from '@cde/platform/cdc';
import type { CommerceDb } from '@cde/platform/commerce-db';
import type { FeedStateRepository } from '@cde/platform/feed-state';
import type { Logger } from 'pino';
import { ChangeBatchHandler, type ChangeBatchResult } from './change-handler';
import { DeadLetterRetry, DEFAULT_RETRY_POLICY, type RetryPolicy } from './dead-letter-retry';
import type { FeedDefinition, FeedItemSink, FeedRuntimeSettings } from './feed-definition';
import type { FeedMetrics } from './feed-metrics';
import { FeedProcessor } from './feed-processor';
import { LegacyFeedSender } from './legacy-sender';
import { ResyncRunner, type EventSink } from './resync-runner';

/** A feed a service can run: its static source tables (for subscriptions) and how to build its definition. */
export interface FeedDeclaration {
  readonly feed: FeedName;
  /** Commerce tables whose changes affect the feed (the service subscribes to their topics). */
  readonly tables: readonly string[];
  create(db: CommerceDb): FeedDefinition;
}

export interface FeedServiceOptions {
  readonly service: FeedServiceName;
  readonly feeds: readonly FeedDeclaration[];
  readonly settings: Readonly<Partial<Record<FeedName, FeedRuntimeSettings>>>;
  readonly db: CommerceDb;
  readonly state: FeedStateRepository;
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
}

interface RunningFeed {
  readonly definition: FeedDefinition;
  readonly settings: FeedRuntimeSettings;
  readonly processor: FeedProcessor;
  readonly resync: ResyncRunner;
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
  private readonly resyncs = new Set<Promise<void>>();

  constructor(private readonly options: FeedServiceOptions) {
    const { metrics } = options;
    const sink = metrics ? metrics.counting(options.sink) : options.sink;
    for (const declaration of options.feeds) {
      const definition = declaration.create(options.db);
      const undeclared = definition.sources
        .map((src) => src.table)
        .filter((t) => !declaration.tables.includes(t));
      if (definition.feed !== declaration.feed || undeclared.length > 0) {
        throw new Error(
          `feed ${declaration.feed}: definition does not match its declaration (undeclared tables: ${undeclared.join(', ')})`,
        );
      }
      const meta = FEEDS[definition.feed];
      const settings = options.settings[definition.feed] ?? {
        mode: meta.defaultMode,
        batchSize: meta.defaultBatchSize,
      };
      const processor = new FeedProcessor(definition, settings, options.state, sink, options.logger, {
        metrics,
      });
      const legacy =
        settings.mode === 'legacy'
          ? new LegacyFeedSender(definition.feed, settings.batchSize, options.state, sink, options.logger)
          : undefined;
      const resync = new ResyncRunner({
        definition,
        settings,
        processor,
        ...(legacy ? { legacySender: legacy } : {}),
        state: options.state,
        events: options.events,
        logger: options.logger,
        service: options.service,
        metrics,
      });
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
        settings,
        processor,
        resync,
        retry,
        ...(legacy ? { legacy } : {}),
      });
    }
    this.changes = new ChangeBatchHandler(
      [...this.feeds.values()].map((f) => ({ processor: f.processor, sources: f.definition.sources })),
      options.logger,
      metrics,
    );
  }

  get feedNames(): FeedName[] {
    return [...this.feeds.keys()];
  }

  /** A batch of Debezium messages from one partition: coalesced per feed, synced, poison returned. */
  onChanges(messages: readonly RawCdcMessage[]): Promise<ChangeBatchResult> {
    return this.changes.handle(messages);
  }

  /**
   * Commands for this service's feeds (resync, retry-parked) start in the background (a resync can outlast any consumer deadline); the
   * feed lock refuses a second one. Commands for other services' feeds are ignored.
   */
  onCommand(command: CdeCommand): void {
    const running = this.feeds.get(command.feed);
    if (!running) return;
    const age = Date.now() - Date.parse(command.requestedAt);
    const maxAge = this.options.commandMaxAgeMs ?? 10 * 60 * 1000;
    if (!(age <= maxAge)) {
      this.options.logger.warn(
        { feed: command.feed, code: 'CDE03-11' },
        `ignoring ${command.type} ${command.commandId} requested at ${command.requestedAt}: older than ${Math.round(maxAge / 1000)} s`,
      );
      return;
    }
    const work =
      command.type === 'resync'
        ? running.resync.run(command)
        : running.retry.retryParked(command.feedIds).then(() => undefined);
    const task = work.catch((error: unknown) => {
      this.options.logger.error(
        { feed: command.feed, code: 'CDE04-11' },
        `${command.type} ${command.commandId} failed: ${String(error)}`,
      );
    });
    this.resyncs.add(task);
    void task.finally(() => this.resyncs.delete(task));
  }

  /** Failed deliveries of one feed, from its dead-letter topic, in partition order. */
  async onDeadLetters(feed: FeedName, messages: readonly FeedDeadLetterMessage[]): Promise<void> {
    const running = this.feeds.get(feed);
    if (running) await running.retry.handle(messages);
  }

  /** Legacy feeds: publish what is waiting. */
  async sendLegacy(): Promise<number> {
    let sent = 0;
    for (const f of this.feeds.values()) if (f.legacy) sent += await f.legacy.sendPending();
    return sent;
  }

  /** Removes sent deletes older than the retention, as the original's daily cleanup. */
  async cleanupDeleted(now = new Date()): Promise<void> {
    const retention = this.options.deletedRetentionMs ?? 7 * 24 * 3600 * 1000;
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

  /** Waits for resyncs in flight (graceful shutdown), bounded. */
  async drain(timeoutMs: number): Promise<void> {
    await Promise.race([
      Promise.allSettled([...this.resyncs]),
      new Promise((resolve) => setTimeout(resolve, timeoutMs).unref()),
    ]);
  }
}
