import type { FeedName, FeedServiceName } from './feeds';

/** Debezium's topic prefix (`topic.prefix` of deploy/debezium/commerce-connector.json). */
export const COMMERCE_TOPIC_PREFIX = 'commerce';

/** The Commerce database's name in topic names (`commerce.<db>.<table>`). */
export const COMMERCE_DATABASE = 'magento';

export const Topics = {
  /** Debezium's change events of one Commerce table. */
  commerceTable: (table: string, database: string = COMMERCE_DATABASE): string =>
    `${COMMERCE_TOPIC_PREFIX}.${database}.${table}`,
  /** The feed itself: compacted, keyed by feedId; replaying it rebuilds the feed at the receiver. */
  feed: (feed: FeedName): string => `cde.feed.${feed}`,
  /** Items whose delivery failed with a retryable outcome; the owning feed service re-assembles and republishes. */
  feedDeadLetter: (feed: FeedName): string => `cde.feed.${feed}.dlt`,
  /** Input messages a service could not use at all (malformed events, broken rows), with the reason in headers. */
  serviceDeadLetter: (service: FeedServiceName | 'exporter'): string => `cde.${service}.dlt`,
  /** Resync, replay and retry requests from the CLI and the dashboard. */
  commands: 'cde.commands',
  /** Progress, results and audit events. */
  events: 'cde.events',
} as const;
