import { KafkaTransportCode, Topics } from '@cde/contracts';
import { backoffProblems, type Backoff } from '@cde/util/retry';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import type { KafkaServiceName } from '../dead-letter';
import { DEFAULT_MAX_MESSAGE_BYTES } from '../message-limits';

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
  /**
   * Default `maxMessageBytes`: a partition's fetch must hold a whole record batch, or the broker returns it cut
   * short (to every partition but the first of a fetch) and the partition makes no progress.
   */
  readonly maxBytesPerPartition?: number;
  /** The topics' `max.message.bytes` (`CDE_KAFKA_MAX_MESSAGE_BYTES`, default 4 MiB); sizes the dead-letter topic. */
  readonly maxMessageBytes?: number;
  /** Delay between attempts of a failing batch (default 500 ms doubling to 30 s, ±20 %). */
  readonly retryBackoff?: Backoff;
  /** Create the dead-letter topic when missing (default) or only check it exists (`CDE_KAFKA_ENSURE_TOPICS=0`). */
  readonly ensureTopics?: boolean;
  /** Overrides `Topics.serviceDeadLetter(service)`; for tests, which need a topic of their own. */
  readonly deadLetterTopic?: string;
  /** Called with 1 when the process must die (timeout, stall, crash). Defaults to `process.exit`. */
  readonly exit?: (code: number) => void;
}

/** The options with every default applied, checked once. */
export interface TransportSettings {
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
  readonly maxMessageBytes: number;
  readonly retryBackoff: Backoff;
}

/** The default handler timeout: a handler call must end well before it (the exporter budgets its calls by it). */
export const HANDLER_TIMEOUT_MS = 5 * 60_000;

/** The default shutdown timeout: inside Kubernetes' 30 s grace period. */
export const SHUTDOWN_TIMEOUT_MS = 25_000;

/** A failing batch is retried 500 ms, 1 s, 2 s … 30 s apart, spread by ±20 % so partitions do not retry in step. */
export const DEFAULT_RETRY_BACKOFF: Backoff = { baseDelayMs: 500, maxDelayMs: 30_000, jitter: 0.2 };

export function resolveSettings(options: KafkaBatchTransportOptions): TransportSettings {
  const settings: TransportSettings = {
    groupId: options.groupId ?? options.service,
    deadLetterTopic: options.deadLetterTopic ?? Topics.serviceDeadLetter(options.service),
    fromBeginning: options.fromBeginning ?? true,
    startAtLatest: options.startAtLatest ?? [],
    sessionTimeoutMs: options.sessionTimeoutMs ?? 30_000,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 3_000,
    handlerTimeoutMs: options.handlerTimeoutMs ?? HANDLER_TIMEOUT_MS,
    stallTimeoutMs: options.stallTimeoutMs ?? 10 * 60_000,
    shutdownTimeoutMs: options.shutdownTimeoutMs ?? SHUTDOWN_TIMEOUT_MS,
    partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? 1,
    maxBytesPerPartition:
      options.maxBytesPerPartition ?? options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES,
    maxMessageBytes: options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES,
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
  settings: Omit<TransportSettings, 'groupId' | 'deadLetterTopic' | 'fromBeginning' | 'startAtLatest'>,
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

/** Margin of a rebalance over the longest handler call: the rejoin after it. */
const REBALANCE_MARGIN_MS = 30_000;

/** How long the group waits for members to rejoin: the handler timeout plus a margin. */
export function rebalanceTimeoutOf(settings: Pick<TransportSettings, 'handlerTimeoutMs'>): number {
  return settings.handlerTimeoutMs + REBALANCE_MARGIN_MS;
}
