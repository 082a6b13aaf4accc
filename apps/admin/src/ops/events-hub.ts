import { hostname } from 'node:os';
import { AdminCode, Topics, type CdeEvent } from '@cde/contracts';
import { decodeJson, subscribeRetrying } from '@cde/platform/kafka';
import type { Consumer, Kafka } from 'kafkajs';
import type { Logger } from 'pino';

type Listener = (event: CdeEvent) => void;

/** Events kept for a page that opens late (a resync started before it loaded still shows its progress). */
const RECENT = 500;

/**
 * Follows `cde.events` for the dashboard's live progress: one consumer per process in a group of its own (every
 * replica sees every event), starting from the end, fanning each event out to the open SSE streams.
 */
export class EventsHub {
  private consumer: Consumer | undefined;
  private readonly listeners = new Set<Listener>();
  private readonly recent: CdeEvent[] = [];

  constructor(
    private readonly kafka: Kafka,
    private readonly groupPrefix: string,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    const groupId = `${this.groupPrefix}-${hostname()}-${process.pid}`;
    const consumer = this.kafka.consumer({ groupId, sessionTimeout: 30_000, heartbeatInterval: 3_000 });
    this.consumer = consumer;
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.connect();
    // On a fresh broker the feed services may have created cde.events a moment ago: its leader comes within seconds.
    await subscribeRetrying(consumer, [{ topics: [Topics.events], fromBeginning: false }], (attempt, err) =>
      this.logger.warn(
        { code: AdminCode.SourceUnavailable, operation: 'events', attempt, err },
        'subscribing to cde.events failed, retrying',
      ),
    );
    await consumer.run({
      autoCommit: true,
      eachMessage: ({ message }) => {
        const decoded = decodeJson(Topics.events, message);
        if (decoded.ok) this.emit(decoded.value);
        return Promise.resolve();
      },
    });
    await joined;
    this.logger.info({ operation: 'events', groupId }, 'following cde.events');
  }

  /** The recent events (oldest first), and every next one until the returned function is called. */
  subscribe(listener: Listener): { recent: readonly CdeEvent[]; unsubscribe: () => void } {
    this.listeners.add(listener);
    return { recent: [...this.recent], unsubscribe: () => this.listeners.delete(listener) };
  }

  private emit(event: CdeEvent): void {
    this.recent.push(event);
    if (this.recent.length > RECENT) this.recent.shift();
    for (const listener of this.listeners) listener(event);
  }

  async stop(): Promise<void> {
    const consumer = this.consumer;
    this.consumer = undefined;
    this.listeners.clear();
    if (!consumer) return;
    await consumer.disconnect().catch(() => undefined);
    // The group was this process's alone: leave nothing behind.
    const admin = this.kafka.admin();
    await admin
      .connect()
      .then(() => admin.deleteGroups([`${this.groupPrefix}-${hostname()}-${process.pid}`]))
      .catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
  }
}
