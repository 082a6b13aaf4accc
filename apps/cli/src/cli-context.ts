import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { OpsCode } from '@cde/contracts';
import { OpsError, requireServed, servedFeeds, type GroupView } from '@cde/ops';
import type { FeedName } from '@cde/contracts';
import { createKafka } from '@cde/platform/kafka';
import { createLogger } from '@cde/platform/observability';
import { loadConfig, type CliConfig } from './app.config';
import { CommerceReads } from './io/commerce-reads';
import { FeedStateReads } from './io/feed-state-reads';
import { KafkaOps } from './io/kafka-ops';
import { ReceiverReads } from './io/receiver-reads';

/** The parts one command talks to, opened on first use and closed at the end. */
export class CliContext {
  readonly config: CliConfig;
  private kafkaOps: KafkaOps | undefined;
  private feedState: FeedStateReads | undefined;
  private commerce: CommerceReads | undefined;

  constructor(env: NodeJS.ProcessEnv = process.env) {
    try {
      this.config = loadConfig(env);
    } catch (error) {
      throw new OpsError(OpsCode.BadUsage, error instanceof Error ? error.message : String(error));
    }
  }

  get requestedBy(): string {
    return `cli:${this.config.user}@${hostname()}`;
  }

  newCommandBase(): { commandId: string; requestedAt: string; requestedBy: string } {
    return { commandId: randomUUID(), requestedAt: new Date().toISOString(), requestedBy: this.requestedBy };
  }

  kafka(): KafkaOps {
    this.kafkaOps ??= new KafkaOps(
      createKafka({
        brokers: this.config.kafka.brokers,
        clientId: 'cde-cli',
        logger: createLogger({ service: 'cli', level: 'silent' }),
        security: this.config.kafka.security,
      }),
      this.config.kafka.maxMessageBytes,
    );
    return this.kafkaOps;
  }

  async feedStateReads(): Promise<FeedStateReads> {
    this.feedState ??= await FeedStateReads.open(this.config.feedDb);
    return this.feedState;
  }

  async commerceReads(): Promise<CommerceReads> {
    this.commerce ??= await CommerceReads.open(this.config.commerceDb);
    return this.commerce;
  }

  receiver(): ReceiverReads {
    return new ReceiverReads(this.config.receiver.baseUrl, this.config.receiver.apiKey);
  }

  /** Groups now, and the feeds they serve. */
  async served(): Promise<{ groups: GroupView[]; served: Map<FeedName, string[]> }> {
    const groups = await this.kafka().groups();
    return { groups, served: servedFeeds(groups) };
  }

  /** Fails fast when nothing would act on a command for these feeds. */
  async requireServed(feeds: readonly FeedName[]): Promise<void> {
    requireServed(feeds, (await this.served()).served);
  }

  async close(): Promise<void> {
    await Promise.all([this.kafkaOps?.close(), this.feedState?.close(), this.commerce?.close()]);
  }
}
