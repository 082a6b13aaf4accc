import { Topics, type FeedName } from '@cde/contracts';

/**
 * The topics the exporter reads and writes: the contracts' names, behind an optional prefix so tests (or a
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

  feed(feed: FeedName): string {
    return `${this.prefix}${Topics.feed(feed)}`;
  }

  feedDeadLetter(feed: FeedName): string {
    return `${this.prefix}${Topics.feedDeadLetter(feed)}`;
  }

  get events(): string {
    return `${this.prefix}${Topics.events}`;
  }

  /** Where messages that are not feed items go (`cde.exporter.dlt`). */
  get serviceDeadLetter(): string {
    return `${this.prefix}${Topics.serviceDeadLetter('exporter')}`;
  }

  /** The feed topics consumed. */
  consumed(): string[] {
    return [...this.feedByTopic.keys()];
  }

  feedOf(topic: string): FeedName | undefined {
    return this.feedByTopic.get(topic);
  }
}
