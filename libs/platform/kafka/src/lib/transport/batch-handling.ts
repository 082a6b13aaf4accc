import { KafkaTransportCode } from '@cde/contracts';
import type { EachBatchPayload } from 'kafkajs';
import type { Logger } from 'pino';
import { isObservable, lastValueFrom } from 'rxjs';
import {
  BatchHeldBackError,
  type BatchOutcome,
  type KafkaBatch,
  KafkaBatchContext,
  type KafkaBatchMessage,
  type PoisonMessage,
  toBatchMessage,
} from '../kafka-batch';
import type { FailTransport, TransportRun } from './transport-run';
import type { TransportSettings } from './transport-settings';

/** An `@OnKafkaBatch` method as the transport calls it; what it returns is checked by {@link toOutcome}. */
export type BatchHandler = (batch: KafkaBatch, context: KafkaBatchContext) => Promise<unknown>;

/**
 * Runs a batch's handler until it resolves: an error retries the whole batch after a backoff (heartbeating),
 * never skipping it (a `BatchHeldBackError` also tells the watchdog the consumer is alive); a handler past its
 * timeout ends the process, since it cannot be cancelled and must not commit. Resolves with the poison the handler named, or undefined when the batch must stop uncommitted.
 */
export class BatchHandling {
  constructor(
    private readonly settings: TransportSettings,
    private readonly run: TransportRun,
    private readonly log: Logger,
    private readonly fail: FailTransport,
    /** A handler held its batch back on purpose: alive, not stalled. */
    private readonly heldBack: () => void = () => undefined,
  ) {}

  async untilDone(
    handler: BatchHandler,
    payload: EachBatchPayload,
  ): Promise<Map<string, PoisonMessage> | undefined> {
    const { batch } = payload;
    const position = { topic: batch.topic, partition: batch.partition };
    const messages = batch.messages.map(toBatchMessage);

    for (let failures = 0; ;) {
      if (this.run.mustStop(payload)) return undefined;
      try {
        const outcome = await this.runHandler(
          handler,
          { ...position, highWatermark: batch.highWatermark, messages },
          payload,
        );
        // A handler that outlived its timeout, or a partition that was seeked, must not commit.
        if (this.run.gone || payload.isStale()) return undefined;
        return poisonOf(outcome, messages);
      } catch (error) {
        failures++;
        const held = error instanceof BatchHeldBackError;
        if (held) this.heldBack();
        // A handler that logs its error itself (once, with its code) is named by its summary, not repeated per retry.
        const summary = held ? error.summary : undefined;
        this.log.warn(
          {
            code:
              error instanceof UnknownPoisonOffsetError
                ? KafkaTransportCode.UnknownPoisonOffset
                : KafkaTransportCode.TransientFailure,
            ...offsetRange(messages),
            ...position,
            attempt: failures,
            ...(summary === undefined ? { err: error } : { heldBackBy: summary }),
          },
          held
            ? 'batch held back by its handler; the batch is retried, nothing was committed'
            : 'batch handler failed; the batch is retried, nothing was committed',
        );
        if (!(await this.run.waitToRetry(failures, payload, () => this.run.mustStop(payload))))
          return undefined;
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
    const heartbeats = this.heartbeatWhileRunning(batch, payload);
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

  /** Keeps the group membership while a long handler runs; kafkajs only heartbeats between batches. */
  private heartbeatWhileRunning(batch: KafkaBatch, payload: EachBatchPayload): NodeJS.Timeout {
    let warned = false;
    return setInterval(() => {
      if (this.run.abandoned) return;
      payload.heartbeat().catch((error: unknown) => {
        if (warned) return;
        warned = true;
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
  }
}

class UnknownPoisonOffsetError extends Error {
  override readonly name = 'UnknownPoisonOffsetError';

  constructor(readonly offset: string) {
    super(`the handler reported offset ${offset} as poison, but it is not in its batch`);
  }
}

/** The poison of an outcome by offset; an offset not in the batch is a programming error (retried). */
function poisonOf(
  outcome: BatchOutcome | undefined,
  messages: readonly KafkaBatchMessage[],
): Map<string, PoisonMessage> {
  const poison = new Map<string, PoisonMessage>();
  for (const p of outcome?.poison ?? []) {
    if (!messages.some((m) => m.offset === p.offset)) throw new UnknownPoisonOffsetError(p.offset);
    poison.set(p.offset, p);
  }
  return poison;
}

export function offsetRange(messages: readonly Pick<KafkaBatchMessage, 'offset'>[]): {
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
