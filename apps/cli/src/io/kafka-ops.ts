import { randomUUID } from 'node:crypto';
import { Topics, type CdeCommand } from '@cde/contracts';
import type { GroupView } from '@cde/ops';
import { DEFAULT_MAX_MESSAGE_BYTES, KafkaPublisher } from '@cde/platform/kafka';
import {
  AssignerProtocol,
  type Admin,
  type IHeaders,
  type Kafka,
  type KafkaMessage,
  type Producer,
} from 'kafkajs';
import { within } from './bounded';

const CONNECT_MS = 15_000;

/** A partition's offsets as `fetchTopicOffsets` gives them. */
type TopicEnd = Awaited<ReturnType<Admin['fetchTopicOffsets']>>[number];

/** Consumer groups with their members' subscriptions, committed offsets and topic ends: what the CLI asks Kafka. */
export class KafkaOps {
  private admin: Admin | undefined;
  private publisher: KafkaPublisher | undefined;
  private producer: Producer | undefined;

  constructor(
    readonly kafka: Kafka,
    /** `CDE_KAFKA_MAX_MESSAGE_BYTES`: a reader fetches at least a whole record batch per partition. */
    private readonly maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES,
  ) {}

  async connectedAdmin(): Promise<Admin> {
    if (!this.admin) {
      const admin = this.kafka.admin();
      await within(CONNECT_MS, 'Kafka', admin.connect());
      this.admin = admin;
    }
    return this.admin;
  }

  /** Every consumer group, with the topics each live member subscribes to. */
  async groups(): Promise<GroupView[]> {
    const admin = await this.connectedAdmin();
    const { groups } = await within(CONNECT_MS, 'Kafka', admin.listGroups());
    const ids = groups.filter((g) => g.protocolType === 'consumer').map((g) => g.groupId);
    if (ids.length === 0) return [];
    const described = await within(CONNECT_MS, 'Kafka', admin.describeGroups(ids));
    return described.groups.map((g) => ({
      groupId: g.groupId,
      state: g.state,
      memberTopics: g.members.map((m) => {
        try {
          return AssignerProtocol.MemberMetadata.decode(m.memberMetadata)?.topics ?? [];
        } catch {
          return [];
        }
      }),
    }));
  }

  /** Messages of `topic` not yet consumed by `groupId`. */
  async lag(groupId: string, topic: string): Promise<number> {
    const admin = await this.connectedAdmin();
    const ends = await admin.fetchTopicOffsets(topic);
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    let lag = 0;
    for (const end of ends) {
      const c = committed?.partitions.find((p) => p.partition === end.partition);
      const at = c && Number(c.offset) >= 0 ? Number(c.offset) : Number(end.low);
      lag += Math.max(0, Number(end.high) - at);
    }
    return lag;
  }

  async topicExists(topics: readonly string[]): Promise<Set<string>> {
    const admin = await this.connectedAdmin();
    const existing = new Set(await admin.listTopics());
    return new Set(topics.filter((t) => existing.has(t)));
  }

  async cleanupPolicies(topics: readonly string[]): Promise<Map<string, string>> {
    const admin = await this.connectedAdmin();
    if (topics.length === 0) return new Map();
    const { resources } = await admin.describeConfigs({
      includeSynonyms: false,
      resources: topics.map((name) => ({ type: 2, name, configNames: ['cleanup.policy'] })),
    });
    return new Map(
      resources.map((r) => [
        r.resourceName,
        r.configEntries.find((e) => e.configName === 'cleanup.policy')?.configValue ?? '',
      ]),
    );
  }

  /**
   * Reads a topic from its start to the end it had when asked (a snapshot), handing each message over; bounded by
   * `timeoutMs`. A throwaway consumer group, deleted afterwards.
   */
  async readToEnd(
    topic: string,
    onMessage: (message: KafkaMessage, partition: number) => void,
    timeoutMs: number,
    onProgress?: (read: number, total: number) => void,
  ): Promise<number> {
    const admin = await this.connectedAdmin();
    const ends = await admin.fetchTopicOffsets(topic);
    const total = ends.reduce((s, e) => s + Number(e.high) - Number(e.low), 0);
    if (total === 0) return 0;
    let read = 0;
    await this.consumeToEnds(
      admin,
      topic,
      `cde-cli-read-${randomUUID()}`,
      ends,
      timeoutMs,
      (message, partition) => {
        onMessage(message, partition);
        read++;
        if (read % 500 === 0) onProgress?.(read, total);
      },
    );
    onProgress?.(read, total);
    return read;
  }

  /**
   * Reads the last `perPartition` messages of a topic (what it had when asked), bounded by `timeoutMs`: a
   * throwaway group whose offsets are set before it joins.
   */
  async readTail(
    topic: string,
    perPartition: number,
    onMessage: (message: KafkaMessage, partition: number) => void,
    timeoutMs: number,
  ): Promise<void> {
    const admin = await this.connectedAdmin();
    const ends = await admin.fetchTopicOffsets(topic);
    const starts = ends
      .filter((e) => Number(e.high) > Number(e.low))
      .map((e) => ({
        partition: e.partition,
        offset: String(Math.max(Number(e.low), Number(e.high) - perPartition)),
      }));
    if (starts.length === 0) return;
    const groupId = `cde-cli-tail-${randomUUID()}`;
    await admin.setOffsets({ groupId, topic, partitions: starts });
    await this.consumeToEnds(admin, topic, groupId, ends, timeoutMs, onMessage);
  }

  /**
   * Consumes `topic` in the throwaway group `groupId` (from its committed offsets, else the start) until every
   * partition reached the end `ends` gave it, bounded by `timeoutMs`; the group is deleted afterwards.
   */
  private async consumeToEnds(
    admin: Admin,
    topic: string,
    groupId: string,
    ends: readonly TopicEnd[],
    timeoutMs: number,
    onMessage: (message: KafkaMessage, partition: number) => void,
  ): Promise<void> {
    const remaining = new Map(
      ends.filter((e) => Number(e.high) > Number(e.low)).map((e) => [e.partition, Number(e.high) - 1]),
    );
    const consumer = this.kafka.consumer({ groupId, maxBytesPerPartition: this.maxMessageBytes });
    try {
      await within(CONNECT_MS, 'Kafka', consumer.connect());
      await consumer.subscribe({ topic, fromBeginning: true });
      const done = new Promise<void>((resolve) => {
        void consumer.run({
          autoCommit: false,
          eachMessage: ({ message, partition }) => {
            onMessage(message, partition);
            const last = remaining.get(partition);
            if (last !== undefined && Number(message.offset) >= last) remaining.delete(partition);
            if (remaining.size === 0) resolve();
            return Promise.resolve();
          },
        });
      });
      await within(timeoutMs, `reading ${topic}`, done);
    } finally {
      await consumer.disconnect().catch(() => undefined);
      await admin.deleteGroups([groupId]).catch(() => undefined);
    }
  }

  async sendCommand(command: CdeCommand): Promise<void> {
    this.publisher ??= new KafkaPublisher(this.kafka, undefined, this.maxMessageBytes);
    await within(
      CONNECT_MS,
      'Kafka',
      this.publisher.publish(Topics.commands, [{ key: command.feed, value: command }]),
    );
  }

  /** Sends messages as they are (bytes and headers untouched), e.g. dead-lettered ones back to their source. */
  async produceRaw(
    messages: readonly { topic: string; key: Buffer | null; value: Buffer | null; headers: IHeaders }[],
  ): Promise<void> {
    if (messages.length === 0) return;
    if (!this.producer) {
      const producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
      await within(CONNECT_MS, 'Kafka', producer.connect());
      this.producer = producer;
    }
    // Small sends keep each request under the broker's limit; order per source topic is the dead-letter order.
    for (let i = 0; i < messages.length; i += 100) {
      const topics = new Map<string, { key: Buffer | null; value: Buffer | null; headers: IHeaders }[]>();
      for (const { topic, ...message } of messages.slice(i, i + 100))
        topics.set(topic, [...(topics.get(topic) ?? []), message]);
      await this.producer.sendBatch({
        acks: -1,
        topicMessages: [...topics].map(([topic, list]) => ({ topic, messages: list })),
      });
    }
  }

  async close(): Promise<void> {
    await this.producer?.disconnect().catch(() => undefined);
    await this.publisher?.disconnect().catch(() => undefined);
    await this.admin?.disconnect().catch(() => undefined);
  }
}
