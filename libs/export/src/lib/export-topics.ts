import {
  prefixedTopic,
  Topics,
  type CdeEvent,
  type FeedDeadLetterMessage,
  type FeedItemMessage,
  type FeedName,
  type Topic,
} from '@cde/contracts';

/**
 * The topics the exporter reads and writes: the contracts' topics, behind an optional prefix so tests (or a
 * tenant sharing a cluster) get topics of their own.
 */
export class ExportTopics {
  private readonly feedByTopic: ReadonlyMap<string, FeedName>;

  constructor(
    readonly prefix: string,
    readonly feeds: readonly FeedName[],
  ) {
    this.feedByTopic = new Map(feeds.map((f) => [this.feed(f), f]));
  }

  feed(feed: FeedName): Topic<FeedItemMessage> {
    return prefixedTopic(this.prefix, Topics.feed(feed));
  }

  feedDeadLetter(feed: FeedName): Topic<FeedDeadLetterMessage> {
    return prefixedTopic(this.prefix, Topics.feedDeadLetter(feed));
  }

  get events(): Topic<CdeEvent> {
    return prefixedTopic(this.prefix, Topics.events);
  }

  /** Where messages that are not feed items go (`cde.exporter.dlt`). */
  get serviceDeadLetter(): Topic<unknown> {
    return prefixedTopic(this.prefix, Topics.serviceDeadLetter('exporter'));
  }

  /** The feed topics consumed. */
  consumed(): string[] {
    return [...this.feedByTopic.keys()];
  }

  feedOf(topic: string): FeedName | undefined {
    return this.feedByTopic.get(topic);
  }
}
