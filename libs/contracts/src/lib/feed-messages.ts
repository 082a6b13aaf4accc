import type { FeedName } from './feeds';

/** A feed item as the receiver gets it: the feed's fields, plus `deleted` and `modifiedAt`/`updatedAt`. */
export type FeedItemPayload = Readonly<Record<string, unknown>>;

/** The value of a message on `cde.feed.<feed>` (key: feedId). The topic is the feed. */
export interface FeedItemMessage<Item extends FeedItemPayload = FeedItemPayload> {
  readonly feed: FeedName;
  /** sha1 of the identity fields joined by "\0". */
  readonly feedId: string;
  /** sha1 of the stable JSON of the item without modifiedAt/updatedAt: the outcome of a delivery is written against it. */
  readonly feedHash: string;
  readonly sourceEntityId: string;
  readonly deleted: boolean;
  /** What the exporter POSTs. */
  readonly item: Item;
  /** When the feed service assembled it (ISO 8601). */
  readonly producedAt: string;
  /** Commit time in the Commerce DB of the change that caused it, when known: the start of freshness. */
  readonly sourceCommitTime?: string;
  readonly traceId: string;
  /** 0 on first publish; n when republished after n failed deliveries. */
  readonly attempt: number;
}

/** The value of a message on `cde.feed.<feed>.dlt` (key: feedId): a delivery that failed and may be retried. */
export interface FeedDeadLetterMessage {
  readonly feed: FeedName;
  readonly feedId: string;
  readonly sourceEntityId: string;
  /** The hash of the version that failed; a newer version makes the retry moot. */
  readonly feedHash: string;
  /** Failed deliveries so far, this one included. */
  readonly attempts: number;
  /** HTTP status, or 0 for a network error or timeout. */
  readonly statusCode: number;
  readonly reason: string;
  readonly code: string;
  readonly failedAt: string;
  readonly traceId: string;
  /** Refused as stale (CDE02-19): the version the receiver holds; the resend is stamped after it. */
  readonly heldVersion?: string;
}

/** Headers on a service dead-letter message (`cde.<service>.dlt`): why the input could not be used, and where it was. */
export const DeadLetterHeaders = {
  code: 'cde-code',
  reason: 'cde-reason',
  sourceTopic: 'cde-source-topic',
  sourcePartition: 'cde-source-partition',
  sourceOffset: 'cde-source-offset',
  service: 'cde-service',
  failedAt: 'cde-failed-at',
} as const;
