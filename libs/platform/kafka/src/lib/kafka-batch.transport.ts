import { Topics, KafkaTransportCode } from '@cde/contracts';
import { type CustomTransportStrategy, Server } from '@nestjs/microservices';
import {
  type Consumer,
  type ConsumerCrashEvent,
  type ConsumerEndBatchProcessEvent,
  type EachBatchPayload,
  type Kafka,
  KafkaJSProtocolError,
  type Producer,
} from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { backoffDelay, backoffProblems, mayRetry, type Backoff, type RetryPolicy } from '@cde/util/retry';
import { isObservable, lastValueFrom } from 'rxjs';
import { deadLetterMessage, type KafkaServiceName } from './dead-letter';
import {
  type BatchOutcome,
  type KafkaBatch,
  KafkaBatchContext,
  type KafkaBatchMessage,
  type PoisonMessage,
  toBatchMessage,
} from './kafka-batch';
import { IDEMPOTENT_PRODUCER } from './kafka.publisher';
import { KAFKA_BATCH_TRANSPORT } from './on-kafka-batch.decorator';
import { ensureTopics, serviceDeadLetterTopicSpec } from './topic-specs';

export interface KafkaBatchTransportOptions {
  readonly kafka: Kafka;
  /** The deployable; names the consumer group and the dead-letter topic (`cde.<service>.dlt`). */
  readonly service: KafkaServiceName;
  readonly logger: Logger;
  /** One consumer group per deployable: defaults to the service name. */
  readonly groupId?: string;
  /** Where a new group starts: the beginning (default), so nothing captured before the first start is lost. */
  readonly fromBeginning?: boolean;
  /**
   * Topics a new group starts reading at their end instead (e.g. `cde.commands`: a new deployment must not rerun
   * old commands). A group with committed offsets resumes from them as always.
   */
  readonly startAtLatest?: readonly string[];
  /** Default 30 s. */
  readonly sessionTimeoutMs?: number;
  /** Default 3 s; also how often the transport heartbeats while a handler runs. */
  readonly heartbeatIntervalMs?: number;
  /** One handler call longer than this (default 5 min) exits the process. */
  readonly handlerTimeoutMs?: number;
  /** Messages waiting and no batch completed for this long (default 10 min) exits the process. */
  readonly stallTimeoutMs?: number;
  /** How long `close()` waits for in-flight batches (default 25 s, inside Kubernetes' 30 s grace period). */
  readonly shutdownTimeoutMs?: number;
  /** Partitions handled at the same time (default 1); one batch at a time per partition regardless. */
  readonly partitionsConsumedConcurrently?: number;
  /** Default 1 MiB. */
  readonly maxBytesPerPartition?: number;
  /** Delay between attempts of a failing batch (default 500 ms doubling to 30 s, ±20 %). */
  readonly retryBackoff?: Backoff;
  /** Overrides `Topics.serviceDeadLetter(service)`; for tests, which need a topic of their own. */
  readonly deadLetterTopic?: string;
  /** Called with 1 when the process must die (timeout, stall, crash). Defaults to `process.exit`. */
  readonly exit?: (code: number) => void;
}

export type KafkaBatchTransportStatus = 'connecting' | 'connected' | 'failed' | 'disconnected';

type BatchHandler = (batch: KafkaBatch, context: KafkaBatchContext) => Promise<unknown>;

interface Settings {
  readonly groupId: string;
  readonly deadLetterTopic: string;
  readonly fromBeginning: boolean;
  readonly startAtLatest: readonly string[];
  readonly sessionTimeoutMs: number;
  readonly heartbeatIntervalMs: number;
  readonly handlerTimeoutMs: number;
  readonly stallTimeoutMs: number;
  readonly shutdownTimeoutMs: number;
  readonly partitionsConsumedConcurrently: number;
  readonly maxBytesPerPartition: number;
  readonly retryBackoff: Backoff;
}

/** A failing batch is retried 500 ms, 1 s, 2 s … 30 s apart, spread by ±20 % so partitions do not retry in step. */
export const DEFAULT_RETRY_BACKOFF: Backoff = { baseDelayMs: 500, maxDelayMs: 30_000, jitter: 0.2 };

/** Subscribing to topics created a moment ago, whose leaders are not elected yet. */
const SUBSCRIBE_RETRY: RetryPolicy = { maxAttempts: 10, baseDelayMs: 500, maxDelayMs: 5_000 };

/** Errors from heartbeat or commit meaning the group moved on: kafkajs must rejoin, and the batch is redone. */
const GROUP_MEMBERSHIP_ERRORS = new Set([
  'REBALANCE_IN_PROGRESS',
  'NOT_COORDINATOR_FOR_GROUP',
  'ILLEGAL_GENERATION',
  'UNKNOWN_MEMBER_ID',
]);

/**
 * NestJS transport that hands `@OnKafkaBatch` handlers one batch per topic-partition and commits its offsets only
 * once the handler resolved (I6). The poison messages a handler returns (`BatchOutcome.poison`) go to the service's
 * dead-letter topic and are committed with the batch; an error retries the same batch with backoff, never
 * skipping it. A handler that hangs, a
 * consumer that stops making progress, or a crash kafkajs will not restart ends the process, so Kubernetes
 * restarts it and the uncommitted batch is redone.
 */
export class KafkaBatchTransport
  extends Server<Record<string, never>, KafkaBatchTransportStatus>
  implements CustomTransportStrategy
{
  override transportId = KAFKA_BATCH_TRANSPORT;

  private readonly settings: Settings;
  private readonly log: Logger;
  private readonly exit: (code: number) => void;
  private readonly handlers = new Map<string, BatchHandler>();
  private consumer: Consumer | undefined;
  private producer: Producer | undefined;
  /** Aborted on close and on failure, so backoff waits end at once. */
  private readonly stopping = new AbortController();
  private closing: Promise<void> | undefined;
  private failed = false;
  /** Shutdown timed out: this member is gone as far as we are concerned and must not commit any more. */
  private abandoned = false;
  private watchdog: NodeJS.Timeout | undefined;
  /** Partitions with a batch in a handler or in backoff. */
  private readonly inFlight = new Set<string>();
  /** Messages known to be waiting per partition (high watermark minus next offset), from the latest batch. */
  private readonly lag = new Map<string, bigint>();
  private lastProgressAt = Date.now();

  constructor(private readonly options: KafkaBatchTransportOptions) {
    super();
    this.settings = resolveSettings(options);
    this.exit = options.exit ?? ((code: number) => process.exit(code));
    this.log = options.logger.child({
      component: 'kafka-batch-transport',
      groupId: this.settings.groupId,
    });
  }

  listen(callback: (...optionalParams: unknown[]) => unknown): void {
    void this.start().then(
      () => callback(),
      (error: unknown) => {
        this._status$.next('failed');
        this.log.error(
          { code: KafkaTransportCode.InvalidSetup, err: error },
          'Kafka transport failed to start',
        );
        void this.close().finally(() => callback(error));
      },
    );
  }

  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  on(): never {
    throw new Error('KafkaBatchTransport has no client events; subscribe to `status` instead');
  }

  unwrap<T>(): T {
    if (this.consumer === undefined) throw new Error('KafkaBatchTransport is not listening');
    return this.consumer as unknown as T;
  }

  private async start(): Promise<void> {
    this._status$.next('connecting');
    const topics = this.collectHandlers();
    const { kafka } = this.options;

    // A poison message must never block its partition for want of a dead-letter topic.
    const admin = kafka.admin();
    await admin.connect();
    try {
      await ensureTopics(admin, [
        { ...serviceDeadLetterTopicSpec(this.options.service), topic: this.settings.deadLetterTopic },
      ]);
    } finally {
      await admin.disconnect();
    }

    this.producer = kafka.producer(IDEMPOTENT_PRODUCER);
    await this.producer.connect();

    const consumer = kafka.consumer({
      groupId: this.settings.groupId,
      sessionTimeout: this.settings.sessionTimeoutMs,
      heartbeatInterval: this.settings.heartbeatIntervalMs,
      maxBytesPerPartition: this.settings.maxBytesPerPartition,
      // An idle fetch waits at most this long; close() waits for it, so it bounds how fast shutdown starts.
      maxWaitTimeInMs: 1_000,
      allowAutoTopicCreation: false,
    });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, (event) => {
      // A new assignment: what we knew about other partitions' lag no longer applies.
      this.lag.clear();
      this.lastProgressAt = Date.now();
      this.log.info({ assignment: event.payload.memberAssignment }, 'joined the consumer group');
    });
    consumer.on(consumer.events.CRASH, (event) => this.onCrash(event));
    consumer.on(consumer.events.END_BATCH_PROCESS, (event) => this.onKafkaBatchEnd(event));
    await consumer.connect();
    const latest = topics.filter((t) => this.settings.startAtLatest.includes(t));
    const others = topics.filter((t) => !this.settings.startAtLatest.includes(t));
    // Topics created moments ago may not have leaders yet ("does not host this topic-partition"): retry a
    // retriable failure with backoff, bounded, instead of dying at start-up.
    for (let attempt = 1; ; attempt++) {
      try {
        if (others.length > 0)
          await consumer.subscribe({ topics: others, fromBeginning: this.settings.fromBeginning });
        if (latest.length > 0) await consumer.subscribe({ topics: latest, fromBeginning: false });
        break;
      } catch (error) {
        const retriable = error instanceof Error && 'retriable' in error && error.retriable === true;
        if (!retriable || !mayRetry(attempt, SUBSCRIBE_RETRY)) throw error;
        this.log.warn(
          { code: KafkaTransportCode.InvalidSetup, attempt, err: error },
          'subscribing failed, retrying',
        );
        await sleep(backoffDelay(attempt, SUBSCRIBE_RETRY));
      }
    }
    this.lastProgressAt = Date.now();
    this.startWatchdog();
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.settings.partitionsConsumedConcurrently,
      eachBatch: (payload) => this.onBatch(payload),
    });
    this._status$.next('connected');
    this.log.info({ topics }, 'Kafka transport listening');
  }

  private collectHandlers(): string[] {
    for (const [pattern, handler] of this.messageHandlers) {
      if (handler.isEventHandler !== true) {
        throw new Error(
          `${KafkaTransportCode.InvalidSetup} ${pattern}: use @OnKafkaBatch, not @MessagePattern`,
        );
      }
      if (handler.next !== undefined) {
        throw new Error(`${KafkaTransportCode.InvalidSetup} ${pattern}: one @OnKafkaBatch handler per topic`);
      }
      // Nest types handlers loosely; the transport reads what they return as unknown and checks it.
      this.handlers.set(pattern, (batch, context) => handler(batch, context) as Promise<unknown>);
    }
    if (this.handlers.size === 0) {
      throw new Error(`${KafkaTransportCode.InvalidSetup} no @OnKafkaBatch handler is registered`);
    }
    return [...this.handlers.keys()];
  }

  private async onBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const first = batch.messages[0];
    if (first === undefined || this.mustStop(payload)) return;
    const handler = this.handlers.get(batch.topic);
    if (handler === undefined) throw new Error(`no handler for subscribed topic ${batch.topic}`);

    const key = partitionKey(batch.topic, batch.partition);
    this.inFlight.add(key);
    this.lag.set(key, BigInt(batch.highWatermark) - BigInt(first.offset));
    try {
      const poison = await this.handleUntilDone(handler, payload);
      if (poison !== undefined) await this.finishBatch(payload, poison);
    } finally {
      this.inFlight.delete(key);
    }
  }

  /** Runs the handler until it resolves; undefined when it must stop first (nothing is then committed). */
  private async handleUntilDone(
    handler: BatchHandler,
    payload: EachBatchPayload,
  ): Promise<Map<string, PoisonMessage> | undefined> {
    const { batch } = payload;
    const position = { topic: batch.topic, partition: batch.partition };
    const messages = batch.messages.map(toBatchMessage);

    for (let failures = 0; ;) {
      if (this.mustStop(payload)) return undefined;
      try {
        const outcome = await this.runHandler(
          handler,
          { ...position, highWatermark: batch.highWatermark, messages },
          payload,
        );
        // A handler that outlived its timeout, or a partition that was seeked, must not commit.
        if (this.failed || this.abandoned || payload.isStale()) return undefined;
        const poison = new Map<string, PoisonMessage>();
        for (const p of outcome?.poison ?? []) {
          if (!messages.some((m) => m.offset === p.offset)) throw new UnknownPoisonOffsetError(p.offset);
          poison.set(p.offset, p);
        }
        return poison;
      } catch (error) {
        failures++;
        this.log.warn(
          {
            code:
              error instanceof UnknownPoisonOffsetError
                ? KafkaTransportCode.UnknownPoisonOffset
                : KafkaTransportCode.TransientFailure,
            ...offsetRange(messages),
            ...position,
            attempt: failures,
            err: error,
          },
          'batch handler failed; the batch is retried, nothing was committed',
        );
        if (!(await this.backoff(failures, payload, () => this.mustStop(payload)))) return undefined;
      }
    }
  }

  private async runHandler(
    handler: BatchHandler,
    batch: KafkaBatch,
    payload: EachBatchPayload,
  ): Promise<BatchOutcome | undefined> {
    const context = new KafkaBatchContext([batch.topic, batch.partition, () => payload.heartbeat()]);
    const startedAt = Date.now();
    // The handler cannot be cancelled: past its deadline the only safe move is to die before committing.
    const deadline = setTimeout(() => {
      this.fail(KafkaTransportCode.HandlerTimeout, 'batch handler exceeded its timeout; exiting', {
        topic: batch.topic,
        partition: batch.partition,
        ...offsetRange(batch.messages),
        handlerTimeoutMs: this.settings.handlerTimeoutMs,
      });
    }, this.settings.handlerTimeoutMs);
    // Keep the group membership while a long handler runs; kafkajs only heartbeats between batches.
    let heartbeatWarned = false;
    const heartbeats = setInterval(() => {
      if (this.abandoned) return;
      payload.heartbeat().catch((error: unknown) => {
        if (heartbeatWarned) return;
        heartbeatWarned = true;
        this.log.warn(
          {
            code: KafkaTransportCode.HeartbeatFailed,
            topic: batch.topic,
            partition: batch.partition,
            err: error,
          },
          'heartbeat failed while a handler ran; its commit may fail and the batch be redone',
        );
      });
    }, this.settings.heartbeatIntervalMs);
    try {
      const result: unknown = await handler(batch, context);
      const value: unknown = isObservable(result)
        ? await lastValueFrom(result, { defaultValue: undefined })
        : result;
      const outcome = toOutcome(value);
      this.log.debug(
        { topic: batch.topic, partition: batch.partition, elapsed: Date.now() - startedAt },
        'handled',
      );
      return outcome;
    } finally {
      clearTimeout(deadline);
      clearInterval(heartbeats);
    }
  }

  /** Dead-letters the poison messages, then commits past the whole batch; retried until done or abandoned. */
  private async finishBatch(payload: EachBatchPayload, poison: Map<string, PoisonMessage>): Promise<void> {
    const { batch } = payload;
    const last = batch.messages[batch.messages.length - 1];
    if (last === undefined) return;
    const next = (BigInt(batch.lastOffset()) + 1n).toString();
    let deadLettered = poison.size === 0;

    for (let failures = 0; ;) {
      if (this.failed || this.abandoned) return;
      try {
        if (!deadLettered) {
          await this.deadLetter(payload, poison);
          deadLettered = true;
        }
        payload.resolveOffset(last.offset);
        await payload.commitOffsetsIfNecessary({
          topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: next }] }],
        });
        this.lag.set(partitionKey(batch.topic, batch.partition), BigInt(batch.highWatermark) - BigInt(next));
        this.lastProgressAt = Date.now();
        this.log.debug(
          { topic: batch.topic, partition: batch.partition, committed: next, poison: poison.size },
          'batch committed',
        );
        return;
      } catch (error) {
        // Partition possibly reassigned: kafkajs rejoins, and the batch is redone by whoever owns it now.
        if (isGroupMembershipError(error)) throw error;
        failures++;
        this.log.warn(
          {
            code: KafkaTransportCode.CommitFailed,
            topic: batch.topic,
            partition: batch.partition,
            attempt: failures,
            err: error,
          },
          deadLettered ? 'offset commit failed; retrying' : 'dead-lettering failed; retrying',
        );
        // Unlike a handler retry this one continues during shutdown: the work is done and worth committing.
        if (!(await this.backoff(failures, payload, () => this.failed || this.abandoned))) return;
      }
    }
  }

  private async deadLetter(payload: EachBatchPayload, poison: Map<string, PoisonMessage>): Promise<void> {
    const { batch } = payload;
    const producer = this.producer;
    if (producer === undefined) throw new Error('the dead-letter producer is not connected');
    const failedAt = new Date();
    const position = { topic: batch.topic, partition: batch.partition };
    const messages = batch.messages.flatMap((message) => {
      const p = poison.get(message.offset);
      return p === undefined ? [] : [deadLetterMessage(position, message, p, this.options.service, failedAt)];
    });
    await producer.send({ topic: this.settings.deadLetterTopic, messages, acks: -1 });
    for (const p of poison.values()) {
      this.log.warn(
        {
          code: KafkaTransportCode.DeadLettered,
          poisonCode: p.code,
          reason: p.reason,
          ...position,
          offset: p.offset,
          deadLetterTopic: this.settings.deadLetterTopic,
        },
        'message dead-lettered',
      );
    }
  }

  /** Waits before the next attempt, heartbeating; false if `stop()` became true meanwhile. */
  private async backoff(failures: number, payload: EachBatchPayload, stop: () => boolean): Promise<boolean> {
    const until = Date.now() + backoffDelay(failures, this.settings.retryBackoff);
    for (let left = until - Date.now(); left > 0; left = until - Date.now()) {
      if (stop()) return false;
      try {
        await sleep(Math.min(left, this.settings.heartbeatIntervalMs), undefined, {
          signal: this.stopping.signal,
        });
      } catch {
        // Aborted by close() or a failure: `stop()` decides whether that ends the wait.
        if (stop()) return false;
        await sleep(Math.min(left, 100));
      }
      try {
        await payload.heartbeat();
      } catch (error) {
        if (isGroupMembershipError(error)) throw error;
      }
    }
    return !stop();
  }

  private mustStop(payload: EachBatchPayload): boolean {
    return (
      this.closing !== undefined || this.failed || this.abandoned || !payload.isRunning() || payload.isStale()
    );
  }

  private onCrash(event: ConsumerCrashEvent): void {
    if (this.closing !== undefined) return;
    const { error, restart } = event.payload;
    if (restart) {
      this.log.warn(
        { code: KafkaTransportCode.Restarting, err: error },
        'consumer crashed; kafkajs restarts it',
      );
      return;
    }
    this.fail(KafkaTransportCode.Crashed, 'consumer crashed and will not restart; exiting', { err: error });
  }

  /** kafkajs finishes batches of only filtered records (transaction markers) itself; they count as progress. */
  private onKafkaBatchEnd(event: ConsumerEndBatchProcessEvent): void {
    const { topic, partition, batchSize, offsetLag } = event.payload;
    if (batchSize > 0) return;
    this.lag.set(partitionKey(topic, partition), BigInt(offsetLag));
    this.lastProgressAt = Date.now();
  }

  private startWatchdog(): void {
    const every = Math.max(50, Math.min(5_000, Math.floor(this.settings.stallTimeoutMs / 4)));
    this.watchdog = setInterval(() => this.checkProgress(), every);
    // The watchdog alone must not keep the process alive.
    this.watchdog.unref();
  }

  private checkProgress(): void {
    if (this.closing !== undefined || this.failed) return;
    const now = Date.now();
    const waiting = this.inFlight.size > 0 || [...this.lag.values()].some((lag) => lag > 0n);
    // Idle time is not a stall: the clock runs only while something waits.
    if (!waiting) {
      this.lastProgressAt = now;
      return;
    }
    const idleMs = now - this.lastProgressAt;
    if (idleMs > this.settings.stallTimeoutMs) {
      this.fail(KafkaTransportCode.Stalled, 'messages are waiting but no batch completed; exiting', {
        idleMs,
        stallTimeoutMs: this.settings.stallTimeoutMs,
        inFlight: [...this.inFlight],
        lag: Object.fromEntries([...this.lag].map(([k, v]) => [k, v.toString()])),
      });
    }
  }

  private fail(code: KafkaTransportCode, message: string, fields: Record<string, unknown>): void {
    if (this.failed) return;
    this.failed = true;
    this.stopping.abort();
    clearInterval(this.watchdog);
    this.pauseFetching();
    this._status$.next('failed');
    this.log.fatal({ code, ...fields }, message);
    this.exit(1);
  }

  /** Until the exit takes effect, refetching the uncommitted batches would only spin. */
  private pauseFetching(): void {
    try {
      this.consumer?.pause([...this.handlers.keys()].map((topic) => ({ topic })));
    } catch (error) {
      this.log.debug({ err: error }, 'could not pause the consumer');
    }
  }

  private async shutdown(): Promise<void> {
    this.stopping.abort();
    clearInterval(this.watchdog);
    const startedAt = Date.now();
    const consumer = this.consumer;
    if (consumer !== undefined) {
      // Stops fetching, lets in-flight batches finish and commit, leaves the group, then disconnects.
      const finished = await settlesWithin(consumer.disconnect(), this.settings.shutdownTimeoutMs, (error) =>
        this.log.warn({ err: error }, 'consumer disconnect failed'),
      );
      if (!finished) {
        this.abandoned = true;
        this.log.error(
          { code: KafkaTransportCode.ShutdownTimeout, shutdownTimeoutMs: this.settings.shutdownTimeoutMs },
          'in-flight batches did not finish in time; they stay uncommitted and will be redone',
        );
      }
    }
    if (this.producer !== undefined) {
      await settlesWithin(this.producer.disconnect(), 5_000, (error) =>
        this.log.warn({ err: error }, 'producer disconnect failed'),
      );
    }
    if (!this.failed) this._status$.next('disconnected');
    this.log.info({ elapsed: Date.now() - startedAt }, 'Kafka transport closed');
  }
}

class UnknownPoisonOffsetError extends Error {
  override readonly name = 'UnknownPoisonOffsetError';

  constructor(readonly offset: string) {
    super(`the handler reported offset ${offset} as poison, but it is not in its batch`);
  }
}

function resolveSettings(options: KafkaBatchTransportOptions): Settings {
  const settings: Settings = {
    groupId: options.groupId ?? options.service,
    deadLetterTopic: options.deadLetterTopic ?? Topics.serviceDeadLetter(options.service),
    fromBeginning: options.fromBeginning ?? true,
    startAtLatest: options.startAtLatest ?? [],
    sessionTimeoutMs: options.sessionTimeoutMs ?? 30_000,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 3_000,
    handlerTimeoutMs: options.handlerTimeoutMs ?? 5 * 60_000,
    stallTimeoutMs: options.stallTimeoutMs ?? 10 * 60_000,
    shutdownTimeoutMs: options.shutdownTimeoutMs ?? 25_000,
    partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? 1,
    maxBytesPerPartition: options.maxBytesPerPartition ?? 1024 * 1024,
    retryBackoff: options.retryBackoff ?? DEFAULT_RETRY_BACKOFF,
  };
  const problems = validateSettings(settings);
  if (problems.length > 0) {
    throw new Error(
      `${KafkaTransportCode.InvalidSetup} invalid KafkaBatchTransport options: ${problems.join('; ')}`,
    );
  }
  return settings;
}

/** What is wrong with the settings, in words; empty when they are usable. */
export function validateSettings(
  settings: Omit<Settings, 'groupId' | 'deadLetterTopic' | 'fromBeginning' | 'startAtLatest'>,
): string[] {
  const problems: string[] = [];
  const positive = {
    sessionTimeoutMs: settings.sessionTimeoutMs,
    heartbeatIntervalMs: settings.heartbeatIntervalMs,
    handlerTimeoutMs: settings.handlerTimeoutMs,
    stallTimeoutMs: settings.stallTimeoutMs,
    shutdownTimeoutMs: settings.shutdownTimeoutMs,
    partitionsConsumedConcurrently: settings.partitionsConsumedConcurrently,
    maxBytesPerPartition: settings.maxBytesPerPartition,
  };
  for (const [name, value] of Object.entries(positive)) {
    if (!Number.isInteger(value) || value <= 0)
      problems.push(`${name} must be a positive integer, got ${value}`);
  }
  // A handler legitimately running up to its timeout must not look like a stall.
  if (settings.stallTimeoutMs <= settings.handlerTimeoutMs) {
    problems.push('stallTimeoutMs must exceed handlerTimeoutMs');
  }
  // Kafka's advice: several heartbeats per session, so one lost heartbeat does not cost the membership.
  if (settings.heartbeatIntervalMs * 3 > settings.sessionTimeoutMs) {
    problems.push('heartbeatIntervalMs must be at most a third of sessionTimeoutMs');
  }
  problems.push(...backoffProblems('retryBackoff', settings.retryBackoff));
  return problems;
}

function partitionKey(topic: string, partition: number): string {
  return `${topic}|${partition}`;
}

function offsetRange(messages: readonly Pick<KafkaBatchMessage, 'offset'>[]): {
  firstOffset?: string;
  lastOffset?: string;
  messages: number;
} {
  return {
    firstOffset: messages[0]?.offset,
    lastOffset: messages[messages.length - 1]?.offset,
    messages: messages.length,
  };
}

function isGroupMembershipError(error: unknown): boolean {
  return error instanceof KafkaJSProtocolError && GROUP_MEMBERSHIP_ERRORS.has(error.type);
}

/** Reads a handler's return value; a malformed outcome is a programming error and fails the batch (retried). */
export function toOutcome(value: unknown): BatchOutcome | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object')
    throw new TypeError(`a batch handler returned ${typeof value}, not a BatchOutcome`);
  const { poison } = value as { poison?: unknown };
  if (poison === undefined) return {};
  if (!Array.isArray(poison) || !poison.every(isPoisonMessage)) {
    throw new TypeError('BatchOutcome.poison must be a list of { offset, code, reason } strings');
  }
  return { poison };
}

function isPoisonMessage(value: unknown): value is PoisonMessage {
  if (typeof value !== 'object' || value === null) return false;
  const { offset, code, reason } = value as Record<string, unknown>;
  return typeof offset === 'string' && typeof code === 'string' && typeof reason === 'string';
}

/** Whether `promise` settled within `ms`; a rejection counts as settled and is reported. */
async function settlesWithin(
  promise: Promise<unknown>,
  ms: number,
  onError: (error: unknown) => void,
): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([
      promise.then(
        () => true,
        (error: unknown) => {
          onError(error);
          return true;
        },
      ),
      timedOut,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
