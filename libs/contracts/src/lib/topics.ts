import type { CdeCommand } from './commands';
import type { CdeEvent } from './events';
import type { FeedDeadLetterMessage, FeedItemMessage } from './feed-messages';
import type { FeedName, FeedServiceName } from './feeds';

declare const payload: unique symbol;

/**
 * A topic: its name, and at type level the payload of its messages, so a producer and a consumer of the topic
 * agree without naming the type at each call (`publish(Topics.feed(f), items)` takes feed item messages only).
 * It is the name itself, a string, wherever Kafka or a log wants one.
 */
export type Topic<Payload> = string & { readonly [payload]: Payload };

/** What a topic's messages carry. */
export type PayloadOf<T> = T extends Topic<infer Payload> ? Payload : never;

/** Names a topic and what it carries (contracts define ours; tests name topics of their own). */
export function topic<Payload>(name: string): Topic<Payload> {
  return name as Topic<Payload>;
}

/** The same topic under a prefix, for tests or tenants sharing a cluster. */
export function prefixedTopic<Payload>(prefix: string, of: Topic<Payload>): Topic<Payload> {
  return topic<Payload>(`${prefix}${of}`);
}

/** Debezium's topic prefix (`topic.prefix` of deploy/debezium/commerce-connector.json). */
export const COMMERCE_TOPIC_PREFIX = 'commerce';

/** The Commerce database's name in topic names (`commerce.<db>.<table>`). */
export const COMMERCE_DATABASE = 'magento';

export const Topics = {
  /** Debezium's change events of one Commerce table; `@cde/platform/cdc` decodes them. */
  commerceTable: (table: string, database: string = COMMERCE_DATABASE): Topic<unknown> =>
    topic(`${COMMERCE_TOPIC_PREFIX}.${database}.${table}`),
  /** The feed itself: compacted, keyed by feedId; replaying it rebuilds the feed at the receiver. */
  feed: (feed: FeedName): Topic<FeedItemMessage> => topic(`cde.feed.${feed}`),
  /** Items whose delivery failed with a retryable outcome; the owning feed service re-assembles and republishes. */
  feedDeadLetter: (feed: FeedName): Topic<FeedDeadLetterMessage> => topic(`cde.feed.${feed}.dlt`),
  /**
   * Input messages a service could not use at all (malformed events, broken rows): their original bytes, with the
   * reason in headers.
   */
  serviceDeadLetter: (service: FeedServiceName | 'exporter'): Topic<unknown> => topic(`cde.${service}.dlt`),
  /** Resync, replay and retry requests from the CLI and the dashboard (key: the feed). */
  commands: topic<CdeCommand>('cde.commands'),
  /** Progress, results and audit events (key: the feed). */
  events: topic<CdeEvent>('cde.events'),
} as const;
