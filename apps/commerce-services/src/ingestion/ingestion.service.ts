import type { IncomingHttpHeaders } from 'node:http';
import {
  feedOfIngestionPath,
  IngestionHeaders,
  ReceiverCode,
  type FeedItemValidator,
  type FeedName,
} from '@cde/contracts';
import { formatElapsed } from '@cde/platform/observability';
import type { KeyLike } from 'jose';
import type { Logger } from 'pino';
import type { ReceiverConfig } from '../app.config';
import type { Clock } from '../app.tokens';
import type { FaultsService } from '../faults/faults.service';
import type { FeedItemsRepository } from '../feed-items/feed-items.repository';
import type { ReceiverMetrics } from '../observability/receiver.metrics';
import type { RequestLog } from '../requests/request-log';
import { BodyTooLargeError, ClientGoneError, decodeBatch } from './batch-body';
import { refuseBatch, reviewBatch, staleFailedItems } from './batch-review';
import { checkApiKey, REFUSED_API_KEY, verifyIngestionToken } from './ingestion-auth';
import type { SlidingWindowRateLimiter } from './rate-limiter';

export interface IngestionRequest {
  readonly method: string;
  /** URL path, without the query. */
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly requestId: string;
  /** Aborts when the client goes away before the answer. */
  readonly signal: AbortSignal;
  readBody(maxBytes: number): Promise<Buffer>;
}

export interface IngestionReply {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Readonly<Record<string, string>>;
}

export interface IngestionDependencies {
  readonly config: ReceiverConfig;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly key: KeyLike;
  readonly validate: FeedItemValidator;
  readonly repository: FeedItemsRepository;
  readonly faults: FaultsService;
  readonly rateLimiter: SlidingWindowRateLimiter;
  readonly requestLog: RequestLog;
  readonly metrics: ReceiverMetrics;
}

/** How one request ended: what is answered, logged, counted and kept in the request log. */
interface Outcome {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  readonly feed: FeedName | null;
  readonly message: string;
  readonly error?: string;
  readonly code?: ReceiverCode;
  readonly items?: number;
  readonly failedItems?: number;
  readonly acceptedItems?: number;
  readonly staleItems?: number;
  /** Items refused with their batch or one by one, for the feed's counters. */
  readonly rejectedItems?: number;
  /** The counters moved in the items' transaction already. */
  readonly counted?: boolean;
}

/** nginx's "client closed request": recorded, never sent. */
const CLIENT_GONE = 499;

const rejection = (
  feed: FeedName | null,
  status: number,
  error: string,
  message: string,
  code: ReceiverCode,
  extra: Partial<Outcome> = {},
  bodyExtra: Readonly<Record<string, unknown>> = {},
): Outcome => ({
  feed,
  status,
  error,
  message,
  code,
  body: { error, message, code, ...bodyExtra },
  ...extra,
});

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Commerce Services' ingestion contract, in order: route → fault switches (hang, latency, errorRate) →
 * x-api-key → x-gw-signature → rate limit → body (gzip, JSON array, items limit) → rejectBatches → per-item
 * schema and rejectItems → persist with the version guard → 200 with the failed items by position.
 */
export class IngestionService {
  constructor(private readonly deps: IngestionDependencies) {}

  /** Handles one request; undefined when the client is gone and there is no one to answer. */
  async handle(request: IngestionRequest): Promise<IngestionReply | undefined> {
    const arrived = this.deps.clock();
    const started = performance.now();
    let outcome: Outcome;
    try {
      outcome = await this.process(request, arrived);
    } catch (error: unknown) {
      outcome = {
        ...rejection(null, 500, 'internal_error', 'the batch could not be stored', ReceiverCode.Internal),
        feed: feedOfIngestionPathSafe(request.path)?.feed ?? null,
      };
      this.deps.logger.error(
        {
          operation: 'ingest',
          code: ReceiverCode.Internal,
          traceId: request.requestId,
          err: error instanceof Error ? { name: error.name, message: error.message } : String(error),
        },
        'ingestion failed',
      );
    }
    await this.record(request, outcome, arrived, performance.now() - started);
    if (outcome.status === CLIENT_GONE) return undefined;
    return { status: outcome.status, body: outcome.body ?? {}, headers: outcome.headers ?? {} };
  }

  private async process(request: IngestionRequest, arrived: Date): Promise<Outcome> {
    const route = this.routeOf(request);
    if ('status' in route) return route;
    const { feed } = route;
    const refused =
      (await this.faultGate(feed, request.signal)) ??
      (await this.authorize(feed, request, arrived)) ??
      this.admit(feed);
    if (refused !== undefined) return refused;
    const read = await this.readItems(feed, request);
    if ('status' in read) return read;
    return this.store(feed, read.items, request, arrived);
  }

  /** The feed of the path, for this environment. */
  private routeOf(request: IngestionRequest): { readonly feed: FeedName } | Outcome {
    const route = feedOfIngestionPathSafe(request.path);
    if (route === undefined)
      return rejection(
        null,
        404,
        'unknown_feed_path',
        `no feed is served at ${request.path}`,
        ReceiverCode.UnknownPath,
      );
    if (route.environmentId !== this.deps.config.environmentId)
      return rejection(
        route.feed,
        404,
        'unknown_environment',
        'no such environment',
        ReceiverCode.UnknownPath,
      );
    return { feed: route.feed };
  }

  /** The fault switches that act before anything is read: hang, latency, errorRate. */
  private async faultGate(feed: FeedName, signal: AbortSignal): Promise<Outcome | undefined> {
    const verdict = await this.deps.faults.beforeIngestion(signal);
    switch (verdict) {
      case 'client_gone':
        return {
          feed,
          status: CLIENT_GONE,
          error: 'client_gone',
          message: 'the client gave up',
          code: ReceiverCode.ClientGone,
        };
      case 'hang_timeout':
        return rejection(
          feed,
          504,
          'hang_timeout',
          'held by the hang fault switch until the server timeout',
          ReceiverCode.Fault,
        );
      case 'error':
        return rejection(
          feed,
          503,
          'service_unavailable',
          'failed by the errorRate fault switch',
          ReceiverCode.Fault,
        );
      case 'pass':
        return undefined;
    }
  }

  /** x-api-key, then the x-gw-signature token. */
  private async authorize(
    feed: FeedName,
    request: IngestionRequest,
    arrived: Date,
  ): Promise<Outcome | undefined> {
    const { config } = this.deps;
    const apiKey = header(request.headers, IngestionHeaders.apiKey);
    const keyCheck = this.deps.faults.current().refuseKey
      ? REFUSED_API_KEY
      : checkApiKey(apiKey, config.apiKey);
    if (!keyCheck.ok)
      return rejection(feed, keyCheck.status, keyCheck.error, keyCheck.message, keyCheck.code);
    const tokenCheck = await verifyIngestionToken(
      header(request.headers, IngestionHeaders.signature),
      this.deps.key,
      { environmentId: config.environmentId, apiKey: apiKey ?? '' },
      arrived,
    );
    if (!tokenCheck.ok)
      return rejection(feed, tokenCheck.status, tokenCheck.error, tokenCheck.message, tokenCheck.code);
    return undefined;
  }

  /** The rate limit (the configured one, or the fault switch's). */
  private admit(feed: FeedName): Outcome | undefined {
    // Admitted at the current time, not arrival: requests released together by `hang` must not burst through.
    const admission = this.deps.rateLimiter.tryAcquire(
      this.deps.clock().getTime(),
      this.deps.faults.rateLimit(this.deps.config.rateLimit),
    );
    if (admission.allowed) return undefined;
    return rejection(feed, 429, 'rate_limited', 'too many requests', ReceiverCode.RateLimited, {
      headers: { [IngestionHeaders.retryAfter]: String(admission.retryAfterSeconds) },
    });
  }

  /** The body: at most the size limit, gzip or plain, a JSON array within the feed's items limit. */
  private async readItems(
    feed: FeedName,
    request: IngestionRequest,
  ): Promise<{ readonly items: readonly Readonly<Record<string, unknown>>[] } | Outcome> {
    const { config } = this.deps;
    let raw: Buffer;
    try {
      raw = await request.readBody(config.maxBodyBytes);
    } catch (error: unknown) {
      if (error instanceof BodyTooLargeError)
        return rejection(feed, 400, 'body_too_large', error.message, ReceiverCode.BadBody);
      if (error instanceof ClientGoneError)
        return {
          feed,
          status: CLIENT_GONE,
          error: 'client_gone',
          message: error.message,
          code: ReceiverCode.ClientGone,
        };
      throw error;
    }
    const batch = await decodeBatch(raw, header(request.headers, 'content-encoding'), {
      maxBytes: config.maxBodyBytes,
      maxItems: config.maxBatchItems[feed],
    });
    if (!batch.ok)
      return rejection(
        feed,
        400,
        batch.error,
        batch.message,
        batch.error === 'items_limit_exceeded' ? ReceiverCode.ItemsLimit : ReceiverCode.BadBody,
        { items: batch.items, rejectedItems: batch.items },
      );
    return { items: batch.items };
  }

  /** rejectBatches, then each item's schema and rejectItems, then the accepted ones saved with the version guard. */
  private async store(
    feed: FeedName,
    items: readonly Readonly<Record<string, unknown>>[],
    request: IngestionRequest,
    arrived: Date,
  ): Promise<Outcome> {
    const switches = this.deps.faults.current();
    const refused = refuseBatch(feed, items, switches.rejectBatches);
    if (refused !== undefined)
      return rejection(
        feed,
        400,
        'batch_rejected',
        'batch rejected by fault switch',
        ReceiverCode.Fault,
        { items: items.length, rejectedItems: items.length },
        { failedItems: refused },
      );

    const review = reviewBatch(feed, items, this.deps.validate, switches.rejectItems);
    const failed = review.invalid + review.rejectedByFault;
    const saved = await this.deps.repository.saveBatch(
      feed,
      review.accepted,
      request.requestId,
      arrived,
      failed,
    );
    const stale = saved.stale.length;
    // Stale items are listed as failed with their own status, so the sender learns they did not apply.
    const failedItems = { ...review.failedItems, ...staleFailedItems(feed, saved.stale) };
    const code =
      review.invalid > 0
        ? ReceiverCode.InvalidItems
        : review.rejectedByFault > 0
          ? ReceiverCode.Fault
          : stale > 0
            ? ReceiverCode.StaleItems
            : undefined;
    return {
      feed,
      status: 200,
      body: { failedItems },
      message: `accepted ${review.accepted.length - stale} of ${items.length} items (${failed} failed, ${stale} stale)`,
      code,
      items: items.length,
      failedItems: failed,
      acceptedItems: review.accepted.length - stale,
      staleItems: stale,
      rejectedItems: failed,
      counted: true,
    };
  }

  /** Request log, metrics, counters and one log record per request; never the payload or the key. */
  private async record(
    request: IngestionRequest,
    outcome: Outcome,
    arrived: Date,
    latencyMs: number,
  ): Promise<void> {
    const { logger, metrics, requestLog, repository } = this.deps;
    const feed = outcome.feed;
    requestLog.add({
      method: request.method,
      path: request.path,
      feed,
      status: outcome.status,
      items: outcome.items ?? 0,
      failedItems: outcome.failedItems ?? 0,
      staleItems: outcome.staleItems ?? 0,
      latencyMs: Math.round(latencyMs),
      requestId: request.requestId,
      at: arrived.toISOString(),
      ...(outcome.error === undefined ? {} : { error: outcome.error }),
    });
    const label = feed ?? 'unknown';
    metrics.observeRequest(label, outcome.status, latencyMs);
    metrics.countItems(label, 'accepted', outcome.acceptedItems ?? 0);
    metrics.countItems(label, 'failed', outcome.rejectedItems ?? 0);
    metrics.countItems(label, 'stale', outcome.staleItems ?? 0);

    const fields = {
      feed: feed ?? undefined,
      operation: 'ingest',
      elapsed: formatElapsed(latencyMs),
      traceId: request.requestId,
      httpStatus: outcome.status,
      items: outcome.items,
      failedItems: outcome.failedItems,
      staleItems: outcome.staleItems,
      ...(outcome.code === undefined ? {} : { code: outcome.code }),
    };
    if (outcome.status >= 500) logger.error(fields, outcome.message);
    else if (outcome.code !== undefined) logger.warn(fields, outcome.message);
    else logger.info(fields, outcome.message);

    // Only requests of our environment count; the 200 path counted in its transaction.
    if (feed === null || outcome.counted || outcome.error === 'unknown_environment') return;
    try {
      await repository.countRequest(feed, arrived, outcome.rejectedItems ?? 0);
    } catch (error: unknown) {
      logger.warn(
        {
          feed,
          operation: 'ingest',
          code: ReceiverCode.CountersNotWritten,
          traceId: request.requestId,
          err: error instanceof Error ? error.message : String(error),
        },
        'request counters not written',
      );
    }
  }
}

/** feedOfIngestionPath, also for paths whose percent-encoding is broken. */
function feedOfIngestionPathSafe(path: string): ReturnType<typeof feedOfIngestionPath> {
  try {
    return feedOfIngestionPath(path);
  } catch {
    return undefined;
  }
}
