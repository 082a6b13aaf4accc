import { type FeedName, Topics } from '@cde/contracts';
import { type Admin, ConfigResourceTypes, type Kafka } from 'kafkajs';
import type { KafkaServiceName } from './dead-letter';
import { DEFAULT_MAX_MESSAGE_BYTES } from './message-limits';

/** A topic as we want it: partitions, replication and the topic-level configs that differ from the broker's. */
export interface TopicSpec {
  readonly topic: string;
  readonly numPartitions: number;
  /** Unset: three replicas, or as many as there are brokers if fewer (one on the local runtime). */
  readonly replicationFactor?: number;
  readonly configs: Readonly<Record<string, string>>;
}

export interface TopicSpecOptions {
  readonly numPartitions?: number;
  readonly replicationFactor?: number;
  /**
   * `max.message.bytes` of the topics that carry feed items (the feeds and the services' dead letters, which copy
   * a poison item whole): `CDE_KAFKA_MAX_MESSAGE_BYTES`, 4 MiB unless set (ADR 0018).
   */
  readonly maxMessageBytes?: number;
}

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/**
 * `cde.feed.<feed>`: the feed itself, compacted by feedId so a replay from offset 0 rebuilds it. A version stays
 * uncompacted for at least an hour, so a lagging exporter still sees it; segments roll every 6 h so compaction
 * can reach them on quiet feeds (the active segment is never compacted); a tombstone stays a week for replays.
 * `max.message.bytes` lets an item as large as the deployment's limit through (the broker's default is 1 MiB).
 */
export function feedTopicSpec(feed: FeedName, options: TopicSpecOptions = {}): TopicSpec {
  return {
    topic: Topics.feed(feed),
    numPartitions: options.numPartitions ?? 6,
    replicationFactor: options.replicationFactor,
    configs: {
      'cleanup.policy': 'compact',
      'min.compaction.lag.ms': String(HOUR_MS),
      'max.compaction.lag.ms': String(7 * DAY_MS),
      'segment.ms': String(6 * HOUR_MS),
      'segment.bytes': String(256 * 1024 * 1024),
      'delete.retention.ms': String(7 * DAY_MS),
      'max.message.bytes': String(options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES),
    },
  };
}

/** `cde.feed.<feed>.dlt`: failed deliveries to retry; every attempt is kept (no compaction) for two weeks. */
export function feedDeadLetterTopicSpec(feed: FeedName, options: TopicSpecOptions = {}): TopicSpec {
  return deleteTopicSpec(Topics.feedDeadLetter(feed), 14 * DAY_MS, options.numPartitions ?? 3, options);
}

/**
 * `cde.<service>.dlt`: input a service could not use; kept a month so someone can look at it. A poison feed item
 * is copied whole with a few headers, so the topic takes the feed topics' limit and a little more.
 */
export function serviceDeadLetterTopicSpec(
  service: KafkaServiceName,
  options: TopicSpecOptions = {},
): TopicSpec {
  const spec = deleteTopicSpec(
    Topics.serviceDeadLetter(service),
    30 * DAY_MS,
    options.numPartitions ?? 1,
    options,
  );
  const maxMessageBytes = (options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES) + DEAD_LETTER_HEADROOM_BYTES;
  return { ...spec, configs: { ...spec.configs, 'max.message.bytes': String(maxMessageBytes) } };
}

/** Room for the dead-letter headers (code, reason, source, time) added to a message as large as the limit. */
const DEAD_LETTER_HEADROOM_BYTES = 64 * 1024;

/** `cde.commands`: few messages, keyed by feed; one partition keeps every command in order. */
export function commandsTopicSpec(options: TopicSpecOptions = {}): TopicSpec {
  return deleteTopicSpec(Topics.commands, 7 * DAY_MS, options.numPartitions ?? 1, options);
}

/** `cde.events`: progress and audit events, read by the dashboard; a week of history. */
export function eventsTopicSpec(options: TopicSpecOptions = {}): TopicSpec {
  return deleteTopicSpec(Topics.events, 7 * DAY_MS, options.numPartitions ?? 3, options);
}

function deleteTopicSpec(
  topic: string,
  retentionMs: number,
  numPartitions: number,
  options: TopicSpecOptions,
): TopicSpec {
  return {
    topic,
    numPartitions,
    replicationFactor: options.replicationFactor,
    configs: { 'cleanup.policy': 'delete', 'retention.ms': String(retentionMs) },
  };
}

/** A config of an existing topic that differs from its spec. Reported, never changed behind the operator's back. */
export interface TopicConfigDrift {
  readonly topic: string;
  readonly config: string;
  readonly expected: string;
  readonly actual: string | undefined;
}

export interface EnsureTopicsResult {
  readonly created: readonly string[];
  readonly existing: readonly string[];
  readonly drift: readonly TopicConfigDrift[];
}

/**
 * Creates the topics that do not exist yet, with their configs, and waits for their leaders. Idempotent: existing
 * topics are left as they are (a concurrent creator is fine) and their config differences are returned as drift.
 */
export async function ensureTopics(admin: Admin, specs: readonly TopicSpec[]): Promise<EnsureTopicsResult> {
  const byTopic = new Map<string, TopicSpec>();
  for (const spec of specs) {
    if (byTopic.has(spec.topic)) throw new Error(`topic ${spec.topic} is specified twice`);
    byTopic.set(spec.topic, spec);
  }

  const created: string[] = [];
  // Twice at most: a topic another process creates between our list and our create fails the batch once.
  for (let round = 0; ; round++) {
    const present = new Set(await admin.listTopics());
    const missing = [...byTopic.values()].filter((s) => !present.has(s.topic));
    if (missing.length === 0) break;
    const replicas = await defaultReplicationFactor(admin);
    try {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((s) => ({
          topic: s.topic,
          numPartitions: s.numPartitions,
          replicationFactor: s.replicationFactor ?? replicas,
          configEntries: Object.entries(s.configs).map(([name, value]) => ({ name, value })),
        })),
      });
      created.push(...missing.map((s) => s.topic));
      break;
    } catch (error) {
      if (round > 0) throw error;
    }
  }

  const existing = [...byTopic.values()].filter((s) => !created.includes(s.topic));
  const drift = existing.length === 0 ? [] : await configDrift(admin, existing);
  return { created, existing: existing.map((s) => s.topic), drift };
}

async function defaultReplicationFactor(admin: Admin): Promise<number> {
  const { brokers } = await admin.describeCluster();
  return Math.max(1, Math.min(3, brokers.length));
}

async function configDrift(admin: Admin, specs: readonly TopicSpec[]): Promise<TopicConfigDrift[]> {
  const described = await admin.describeConfigs({
    includeSynonyms: false,
    resources: specs.map((s) => ({
      type: ConfigResourceTypes.TOPIC,
      name: s.topic,
      configNames: Object.keys(s.configs),
    })),
  });
  const drift: TopicConfigDrift[] = [];
  for (const spec of specs) {
    const resource = described.resources.find((r) => r.resourceName === spec.topic);
    for (const [config, expected] of Object.entries(spec.configs)) {
      const actual = resource?.configEntries.find((e) => e.configName === config)?.configValue;
      if (actual !== expected) drift.push({ topic: spec.topic, config, expected, actual });
    }
  }
  return drift;
}

/**
 * Checks the topics exist, creating none: where topics are declared (Strimzi KafkaTopic resources generated from
 * these specs, deploy/k8s), a service only reads their metadata and needs no right to create them. A missing topic
 * fails the start with its name; config differences are returned as drift.
 */
export async function checkTopics(admin: Admin, specs: readonly TopicSpec[]): Promise<EnsureTopicsResult> {
  const present = new Set(await admin.listTopics());
  const missing = specs.filter((s) => !present.has(s.topic)).map((s) => s.topic);
  if (missing.length > 0) {
    throw new Error(
      `topics missing: ${missing.join(', ')} (CDE_KAFKA_ENSURE_TOPICS=0: declare them, e.g. the KafkaTopic ` +
        'resources of deploy/k8s, or let the service create them with CDE_KAFKA_ENSURE_TOPICS=1)',
    );
  }
  return { created: [], existing: specs.map((s) => s.topic), drift: await configDrift(admin, specs) };
}

/** `ensureTopics` when the service may create topics (`CDE_KAFKA_ENSURE_TOPICS=1`), else `checkTopics`. */
export function prepareTopics(
  admin: Admin,
  ensure: boolean,
  specs: readonly TopicSpec[],
): Promise<EnsureTopicsResult> {
  return ensure ? ensureTopics(admin, specs) : checkTopics(admin, specs);
}

/** `prepareTopics` with an admin client of its own, connected for just this. */
export async function prepareTopicsOn(
  kafka: Kafka,
  ensure: boolean,
  specs: readonly TopicSpec[],
): Promise<EnsureTopicsResult> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await prepareTopics(admin, ensure, specs);
  } finally {
    await admin.disconnect();
  }
}

/** `ensureTopics` with an admin client of its own, connected for just this. */
export function ensureTopicsOn(kafka: Kafka, specs: readonly TopicSpec[]): Promise<EnsureTopicsResult> {
  return prepareTopicsOn(kafka, true, specs);
}
