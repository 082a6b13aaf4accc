import { KafkaTransportCode } from '@cde/contracts';
import { type CustomTransportStrategy, Server } from '@nestjs/microservices';
import type { Consumer, ConsumerCrashEvent, EachBatchPayload, Producer } from 'kafkajs';
import type { Logger } from 'pino';
import { kafkaAccessFailureOf } from '../kafka-access';
import { IDEMPOTENT_PRODUCER } from '../kafka.publisher';
import { KAFKA_BATCH_TRANSPORT } from '../on-kafka-batch.decorator';
import { subscribeRetrying } from '../subscribe';
import { prepareTopics, serviceDeadLetterTopicSpec } from '../topic-specs';
import { BatchCommit } from './batch-commit';
import { type BatchHandler, BatchHandling } from './batch-handling';
import { ProgressWatchdog } from './progress-watchdog';
import { TransportRun } from './transport-run';
import {
  type KafkaBatchTransportOptions,
  rebalanceTimeoutOf,
  resolveSettings,
  type TransportSettings,
} from './transport-settings';
import { closeConsumer, closeProducer } from './transport-shutdown';

export type KafkaBatchTransportStatus = 'connecting' | 'connected' | 'failed' | 'disconnected';

/** Subscribing to topics created a moment ago, whose leaders are not elected yet. */
/** kafkajs' default bound of one fetch over all partitions. */
const FETCH_MAX_BYTES = 10 * 1024 * 1024;

/**
 * NestJS transport that hands `@OnKafkaBatch` handlers one batch per topic-partition and commits its offsets only
 * once the handler resolved (I6). The poison messages a handler returns (`BatchOutcome.poison`) go to the service's
 * dead-letter topic and are committed with the batch; an error retries the same batch with backoff, never
 * skipping it. A handler that hangs, a consumer that stops making progress, or a crash kafkajs will not restart
 * ends the process, so Kubernetes restarts it and the uncommitted batch is redone.
 *
 * This class connects and closes; the parts do the work: `BatchHandling` (handler, retries, timeout),
 * `BatchCommit` (dead letters, then the offset), `ProgressWatchdog` (stalls), `transport-shutdown` (bounded close).
 */
export class KafkaBatchTransport
  extends Server<Record<string, never>, KafkaBatchTransportStatus>
  implements CustomTransportStrategy
{
  override transportId = KAFKA_BATCH_TRANSPORT;

  private readonly settings: TransportSettings;
  private readonly log: Logger;
  private readonly exit: (code: number) => void;
  private readonly handlers = new Map<string, BatchHandler>();
  private readonly run: TransportRun;
  private readonly watchdog: ProgressWatchdog;
  private readonly handling: BatchHandling;
  private readonly commit: BatchCommit;
  private consumer: Consumer | undefined;
  private producer: Producer | undefined;

  constructor(private readonly options: KafkaBatchTransportOptions) {
    super();
    this.settings = resolveSettings(options);
    this.exit = options.exit ?? ((code: number) => process.exit(code));
    this.log = options.logger.child({
      component: 'kafka-batch-transport',
      groupId: this.settings.groupId,
    });
    this.run = new TransportRun(this.settings);
    const fail = this.fail.bind(this);
    this.watchdog = new ProgressWatchdog(
      this.settings.stallTimeoutMs,
      () => this.run.closing !== undefined || this.run.failed,
      fail,
    );
    this.handling = new BatchHandling(this.settings, this.run, this.log, fail, () =>
      this.watchdog.onHeldBack(),
    );
    this.commit = new BatchCommit(
      this.settings,
      this.run,
      this.watchdog,
      this.log,
      options.service,
      () => this.producer,
    );
  }

  listen(callback: (...optionalParams: unknown[]) => unknown): void {
    void this.start().then(
      () => callback(),
      (error: unknown) => {
        this._status$.next('failed');
        // Refused credentials or ACLs say so (CDE11-14/15): the fix is the KafkaUser, not the service.
        const access = kafkaAccessFailureOf(error);
        this.log.error(
          { code: access?.code ?? KafkaTransportCode.InvalidSetup, err: error },
          access ? `Kafka transport failed to start: ${access.reason}` : 'Kafka transport failed to start',
        );
        void this.close().finally(() => callback(error));
      },
    );
  }

  close(): Promise<void> {
    this.run.closing ??= this.shutdown();
    return this.run.closing;
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
      await prepareTopics(admin, this.options.ensureTopics ?? true, [
        {
          ...serviceDeadLetterTopicSpec(this.options.service, {
            maxMessageBytes: this.settings.maxMessageBytes,
          }),
          topic: this.settings.deadLetterTopic,
        },
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
      // A rebalance waits for handlers in flight (they heartbeat): a member whose handler may run up to its
      // timeout must be given that long to rejoin, or a scale-up redoes its batches elsewhere at the same time.
      rebalanceTimeout: rebalanceTimeoutOf(this.settings),
      maxBytesPerPartition: this.settings.maxBytesPerPartition,
      // kafkajs' 10 MiB per fetch, or more when one partition's share is larger: never less than one record batch.
      maxBytes: Math.max(FETCH_MAX_BYTES, this.settings.maxBytesPerPartition),
      // An idle fetch waits at most this long; close() waits for it, so it bounds how fast shutdown starts.
      maxWaitTimeInMs: 1_000,
      allowAutoTopicCreation: false,
    });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, (event) => {
      this.watchdog.onGroupJoin();
      this.log.info({ assignment: event.payload.memberAssignment }, 'joined the consumer group');
    });
    consumer.on(consumer.events.CRASH, (event) => this.onCrash(event));
    consumer.on(consumer.events.END_BATCH_PROCESS, (event) => this.watchdog.onKafkaBatchEnd(event));
    await consumer.connect();
    await this.subscribe(consumer, topics);
    this.watchdog.start();
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.settings.partitionsConsumedConcurrently,
      eachBatch: (payload) => this.onBatch(payload),
    });
    this._status$.next('connected');
    this.log.info({ topics }, 'Kafka transport listening');
  }

  /**
   * Topics created moments ago may not have leaders yet ("does not host this topic-partition"): a retriable
   * failure is retried with backoff, bounded, instead of dying at start-up.
   */
  private async subscribe(consumer: Consumer, topics: readonly string[]): Promise<void> {
    const latest = topics.filter((t) => this.settings.startAtLatest.includes(t));
    const others = topics.filter((t) => !this.settings.startAtLatest.includes(t));
    await subscribeRetrying(
      consumer,
      [
        ...(others.length > 0 ? [{ topics: others, fromBeginning: this.settings.fromBeginning }] : []),
        ...(latest.length > 0 ? [{ topics: latest, fromBeginning: false }] : []),
      ],
      (attempt, err) =>
        this.log.warn(
          { code: KafkaTransportCode.InvalidSetup, attempt, err },
          'subscribing failed, retrying',
        ),
    );
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
    if (first === undefined || this.run.mustStop(payload)) return;
    const handler = this.handlers.get(batch.topic);
    if (handler === undefined) throw new Error(`no handler for subscribed topic ${batch.topic}`);

    const done = this.watchdog.onBatchStarted(
      batch.topic,
      batch.partition,
      batch.highWatermark,
      first.offset,
    );
    try {
      const poison = await this.handling.untilDone(handler, payload);
      if (poison !== undefined) await this.commit.finish(payload, poison);
    } finally {
      done();
    }
  }

  private onCrash(event: ConsumerCrashEvent): void {
    if (this.run.closing !== undefined) return;
    const { error, restart } = event.payload;
    if (restart) {
      this.log.warn(
        { code: KafkaTransportCode.Restarting, err: error },
        'consumer crashed; kafkajs restarts it',
      );
      return;
    }
    const access = kafkaAccessFailureOf(error);
    this.fail(KafkaTransportCode.Crashed, 'consumer crashed and will not restart; exiting', {
      err: error,
      ...(access ? { cause: access.code, reason: access.reason } : {}),
    });
  }

  private fail(code: KafkaTransportCode, message: string, fields: Record<string, unknown>): void {
    if (this.run.failed) return;
    this.run.failed = true;
    this.run.stopping.abort();
    this.watchdog.stop();
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
    this.run.stopping.abort();
    this.watchdog.stop();
    const startedAt = Date.now();
    if (!(await closeConsumer(this.consumer, this.settings.shutdownTimeoutMs, this.log))) {
      this.run.abandoned = true;
    }
    await closeProducer(this.producer, this.log);
    if (!this.run.failed) this._status$.next('disconnected');
    this.log.info({ elapsed: Date.now() - startedAt }, 'Kafka transport closed');
  }
}
