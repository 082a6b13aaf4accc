import {
  ExportCode,
  Topics,
  type FeedItemMessage,
  type FeedItemPayload,
  type FeedName,
} from '@cde/contracts';
import {
  decodeJson,
  isTombstone,
  poisonAt,
  type Decoded,
  type KafkaBatchMessage,
  type PoisonMessage,
} from '@cde/platform/kafka';
import { TRACEPARENT } from '@cde/platform/observability';

/** One item to deliver: the latest version of a feedId within what a handler call took. */
export interface ExportItem {
  readonly feed: FeedName;
  readonly feedId: string;
  /** The hash the outcome is written against: a newer version in the feed state is never marked with it. */
  readonly feedHash: string;
  readonly sourceEntityId: string;
  readonly traceId: string;
  /** The W3C trace context the feed service published it with (its `traceparent` header), if any. */
  readonly traceparent?: string;
  /** Failed deliveries before this one (the message's `attempt`). */
  readonly attempt: number;
  /** What is POSTed (redacted). */
  readonly item: FeedItemPayload;
  /** Bytes of the message it came in: an upper bound of its JSON in a request, known without encoding it. */
  readonly bytes: number;
  /** Offsets this item answers for: its own and those of the older versions it replaced. */
  readonly offsets: readonly string[];
  /** Commit time of the change behind it in the Commerce DB, when known: where freshness starts. */
  readonly sourceCommitTime?: string;
  /** The message's `producedAt`: names the publish an outcome answers (it may come back before that is saved). */
  readonly producedAt?: string;
}

export interface ReadFeedItemsOptions {
  /** Offsets already settled by an earlier run of the same batch (after a deferral). */
  readonly settled?: ReadonlySet<string>;
  /** Applied to every item before it is kept (redaction). */
  readonly prepare?: (item: FeedItemPayload) => FeedItemPayload;
}

export interface ReadFeedItems {
  readonly items: ExportItem[];
  readonly poison: PoisonMessage[];
  readonly tombstones: number;
  /** Older versions replaced by a newer one of the same feedId. */
  readonly superseded: number;
  /** Messages settled by an earlier run. */
  readonly alreadySettled: number;
}

/**
 * Reads the messages of one feed topic-partition (offset order) into the items to send: tombstones skipped,
 * malformed messages set aside as poison, and per feedId only the latest version kept (it answers for the older
 * ones, whose outcome the feed state would refuse anyway: it is guarded by the hash last published).
 */
export function readFeedItems(
  feed: FeedName,
  messages: readonly KafkaBatchMessage[],
  options: ReadFeedItemsOptions = {},
): ReadFeedItems {
  const latest = new Map<string, ExportItem>();
  const poison: PoisonMessage[] = [];
  let tombstones = 0;
  let superseded = 0;
  let alreadySettled = 0;
  for (const message of messages) {
    if (options.settled?.has(message.offset)) {
      alreadySettled++;
      continue;
    }
    if (isTombstone(message)) {
      tombstones++;
      continue;
    }
    const decoded = checkFeedItemMessage(feed, message.offset, decodeJson(Topics.feed(feed), message));
    if (!decoded.ok) {
      poison.push(decoded.poison);
      continue;
    }
    const value = decoded.value;
    const older = latest.get(value.feedId);
    if (older !== undefined) {
      superseded++;
      // Re-inserted so the map keeps the order in which the latest versions were written.
      latest.delete(value.feedId);
    }
    latest.set(value.feedId, {
      feed,
      feedId: value.feedId,
      feedHash: value.feedHash,
      sourceEntityId: String(value.sourceEntityId),
      traceId: typeof value.traceId === 'string' ? value.traceId : '',
      ...(message.headers[TRACEPARENT] !== undefined ? { traceparent: message.headers[TRACEPARENT] } : {}),
      attempt: Number.isInteger(value.attempt) && value.attempt >= 0 ? value.attempt : 0,
      item: options.prepare ? options.prepare(value.item) : value.item,
      bytes: message.value?.length ?? 0,
      offsets: [...(older?.offsets ?? []), message.offset],
      ...(typeof value.sourceCommitTime === 'string' ? { sourceCommitTime: value.sourceCommitTime } : {}),
      ...(typeof value.producedAt === 'string' && !Number.isNaN(Date.parse(value.producedAt))
        ? { producedAt: value.producedAt }
        : {}),
    });
  }
  return { items: [...latest.values()], poison, tombstones, superseded, alreadySettled };
}

/** The fields the exporter relies on; the rest of the message is trusted as `@cde/contracts` types it. */
function checkFeedItemMessage(
  feed: FeedName,
  offset: string,
  decoded: Decoded<FeedItemMessage>,
): Decoded<FeedItemMessage> {
  if (!decoded.ok) return decoded;
  const value = decoded.value;
  const problems: string[] = [];
  if (value.feed !== feed) problems.push(`feed is ${JSON.stringify(value.feed)}, the topic's is ${feed}`);
  if (typeof value.feedId !== 'string' || value.feedId === '') problems.push('no feedId');
  if (typeof value.feedHash !== 'string' || value.feedHash === '') problems.push('no feedHash');
  const item: unknown = value.item;
  if (typeof item !== 'object' || item === null || Array.isArray(item))
    problems.push('item is not an object');
  if (problems.length > 0) {
    return poisonAt(
      offset,
      ExportCode.MalformedFeedMessage,
      `not a feed item message: ${problems.join('; ')}`,
    );
  }
  return decoded;
}
