import type { CdeCommand } from './commands';
import type { CdeEvent } from './events';
import type { FeedDeadLetterMessage, FeedItemMessage } from './feed-messages';

/**
 * Topic kind → payload type, shared by producers and consumers so both agree on what a topic carries.
 * (Debezium's `commerce.*` topics are decoded by @cde/platform/cdc.)
 */
export interface TopicPayloads {
  feed: FeedItemMessage;
  feedDeadLetter: FeedDeadLetterMessage;
  commands: CdeCommand;
  events: CdeEvent;
}

export type TopicKind = keyof TopicPayloads;
export type TopicPayload<K extends TopicKind> = TopicPayloads[K];
