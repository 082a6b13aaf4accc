import { DeadLetterHeaders } from '@cde/contracts';

/** A header value as kafkajs hands it over. */
type HeaderValue = Buffer | string | (Buffer | string)[] | undefined;

/** A message of a service dead-letter topic, as `cde poison` reads it. */
export interface DeadLetterRecord {
  readonly partition: number;
  readonly offset: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: Readonly<Record<string, HeaderValue>>;
}

/** One poison message: why it failed, where it came from, and a preview of its value. */
export interface PoisonEntry {
  readonly partition: number;
  readonly offset: string;
  readonly code: string;
  readonly reason: string;
  readonly sourceTopic: string;
  readonly sourcePartition: number | null;
  readonly sourceOffset: string;
  readonly service: string;
  readonly failedAt: string;
  readonly key: string | null;
  /** The first 300 characters of the value. */
  readonly value: string | null;
}

const PREVIEW = 300;

function text(value: HeaderValue): string {
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? '' : first.toString();
}

export function poisonEntryOf(record: DeadLetterRecord): PoisonEntry {
  const h = record.headers;
  const partition = Number(text(h[DeadLetterHeaders.sourcePartition]));
  const value = record.value?.toString() ?? null;
  return {
    partition: record.partition,
    offset: record.offset,
    code: text(h[DeadLetterHeaders.code]),
    reason: text(h[DeadLetterHeaders.reason]),
    sourceTopic: text(h[DeadLetterHeaders.sourceTopic]),
    sourcePartition:
      text(h[DeadLetterHeaders.sourcePartition]) === '' || !Number.isInteger(partition) ? null : partition,
    sourceOffset: text(h[DeadLetterHeaders.sourceOffset]),
    service: text(h[DeadLetterHeaders.service]),
    failedAt: text(h[DeadLetterHeaders.failedAt]),
    key: record.key?.toString() ?? null,
    value: value === null || value.length <= PREVIEW ? value : `${value.slice(0, PREVIEW)}…`,
  };
}

/** Which poison messages a command selects: by code, by source topic. */
export interface PoisonFilter {
  readonly codes?: readonly string[];
  readonly sourceTopics?: readonly string[];
}

export function selectPoison(entry: PoisonEntry, filter: PoisonFilter): boolean {
  if (filter.codes && filter.codes.length > 0 && !filter.codes.includes(entry.code)) return false;
  if (
    filter.sourceTopics &&
    filter.sourceTopics.length > 0 &&
    !filter.sourceTopics.includes(entry.sourceTopic)
  )
    return false;
  return true;
}

/** The message a replay sends to the source topic: the original key, value and headers, without ours. */
export function replayMessageOf(
  record: DeadLetterRecord,
):
  | { topic: string; key: Buffer | null; value: Buffer | null; headers: Record<string, HeaderValue> }
  | undefined {
  const topic = text(record.headers[DeadLetterHeaders.sourceTopic]);
  if (topic === '') return undefined;
  const ours = new Set<string>(Object.values(DeadLetterHeaders));
  const headers: Record<string, HeaderValue> = {};
  for (const [name, value] of Object.entries(record.headers)) if (!ours.has(name)) headers[name] = value;
  return { topic, key: record.key, value: record.value, headers };
}

/**
 * The dead-letter topic a `cde poison` argument names: the topic itself (`cde.products-feed.dlt`) or the service
 * whose topic it is (`products-feed`). Undefined for anything else.
 */
export function poisonTopicOf(argument: string, services: readonly string[]): string | undefined {
  const name = argument.trim();
  if (services.includes(name)) return `cde.${name}.dlt`;
  const match = /^cde\.(.+)\.dlt$/.exec(name);
  return match && services.includes(match[1] ?? '') ? name : undefined;
}
