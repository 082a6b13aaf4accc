import { FEED_NAMES, Topics, type FeedName } from '@cde/contracts';
import type { Admin, Kafka } from 'kafkajs';
import { request } from 'undici';

/** The connector and its tasks as Kafka Connect reports them. */
export interface ConnectorHealth {
  readonly name: string;
  readonly state: string;
  readonly tasks: readonly { readonly id: number; readonly state: string; readonly trace?: string }[];
  readonly error?: string;
}

/** Messages of `cde.feed.<feed>` the exporter has not consumed yet: the feed's backlog on its way to the receiver. */
export type FeedLag = Readonly<Partial<Record<FeedName, number>>>;

/** Lag and connector health, read on demand (no cache: the overview polls every few seconds). */
export class PipelineHealth {
  private admin: Admin | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly exporterGroup: string,
    private readonly connectUrl: string,
    private readonly connectorName: string,
  ) {}

  private async connected(): Promise<Admin> {
    if (!this.admin) {
      const admin = this.kafka.admin();
      await admin.connect();
      this.admin = admin;
    }
    return this.admin;
  }

  async feedLag(): Promise<FeedLag> {
    const admin = await this.connected();
    const existing = new Set(await admin.listTopics());
    const topics = FEED_NAMES.filter((f) => existing.has(Topics.feed(f)));
    const committed = await admin.fetchOffsets({
      groupId: this.exporterGroup,
      topics: topics.map(Topics.feed),
    });
    const lag: Partial<Record<FeedName, number>> = {};
    for (const feed of topics) {
      const ends = await admin.fetchTopicOffsets(Topics.feed(feed));
      const done = committed.find((t) => t.topic === Topics.feed(feed))?.partitions ?? [];
      lag[feed] = ends.reduce((sum, p) => {
        const at = Number(done.find((d) => d.partition === p.partition)?.offset ?? -1);
        // No committed offset: everything from the start of the log is still to come.
        return sum + Math.max(0, Number(p.high) - (at < 0 ? Number(p.low) : at));
      }, 0);
    }
    return lag;
  }

  async connector(): Promise<ConnectorHealth> {
    try {
      const res = await request(
        `${this.connectUrl}/connectors/${encodeURIComponent(this.connectorName)}/status`,
        {
          headersTimeout: 5_000,
          bodyTimeout: 5_000,
        },
      );
      if (res.statusCode !== 200) {
        await res.body.dump();
        return {
          name: this.connectorName,
          state: 'MISSING',
          tasks: [],
          error: `Connect answered ${res.statusCode}`,
        };
      }
      const body = (await res.body.json()) as {
        connector?: { state?: string };
        tasks?: { id: number; state: string; trace?: string }[];
      };
      return {
        name: this.connectorName,
        state: body.connector?.state ?? 'UNKNOWN',
        tasks: (body.tasks ?? []).map((t) => ({ id: t.id, state: t.state, trace: t.trace?.split('\n')[0] })),
      };
    } catch (error) {
      return {
        name: this.connectorName,
        state: 'UNREACHABLE',
        tasks: [],
        error: error instanceof Error ? error.message : String(error),
      };
    }
  }

  async close(): Promise<void> {
    await this.admin?.disconnect().catch(() => undefined);
    this.admin = undefined;
  }
}
