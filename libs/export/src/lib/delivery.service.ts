import { DeliveryStatus, ExportCode, type FeedName } from '@cde/contracts';
import {
  activeTraceId,
  fanIn,
  formatElapsed,
  inSpan,
  remoteSpanContext,
  SpanKind,
  SpanStatusCode,
  tracingEnabled,
} from '@cde/platform/observability';
import { backoffDelay, mayRetry, type RetryPolicy } from '@cde/util/retry';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { encodeBatch } from './batch-encoding';
import { CircuitBreaker, type BreakerSettings, type BreakerTransition } from './circuit-breaker';
import { acceptedFates, planRejection, type ItemFate } from './delivery-outcomes';
import type { ExportMetrics } from './export.metrics';
import { classifyResponse, type IngestionResult, type ResponseVerdict } from './ingestion-response';
import type { IngestionClient } from './ingestion.client';
import type { OutcomeService } from './outcome.service';
import type { PendingItem } from './pending-item';
import type { RequestSignal } from './rate-control';
import { GateWaitEnded, type RateGate } from './rate-gate';

export interface DeliveryServiceOptions {
  readonly client: Pick<IngestionClient, 'post'>;
  readonly gate: RateGate;
  readonly outcomes: Pick<OutcomeService, 'record'>;
  readonly retry: RetryPolicy;
  readonly breaker: BreakerSettings;
  readonly metrics: ExportMetrics;
  readonly logger: Logger;
  readonly extendedLog: boolean;
  readonly random?: () => number;
  readonly now?: () => number;
}

const OPERATION = 'export';

/** One group of items on its way: what every attempt posts and logs. */
interface Batch {
  readonly feed: FeedName;
  readonly items: readonly PendingItem[];
  readonly body: Buffer;
  /** The earliest deadline of its items: a wait that would pass it defers the batch instead. */
  readonly deadline: number;
  readonly context: Record<string, unknown>;
  /** Told once its first request starts (or it stops waiting for one): see `deliver`. */
  readonly started: () => void;
}

/** One POST and what came of it. */
interface Sent {
  /** Failed attempts of the batch before this one. */
  readonly failures: number;
  /** Whether it was the probe of an open circuit. */
  readonly probe: boolean;
  readonly result: IngestionResult;
  readonly verdict: ResponseVerdict;
  /** The fields of the attempt's log records. */
  readonly record: Record<string, unknown>;
  /** What the outcome records of the response. */
  readonly response: {
    readonly statusCode: number;
    readonly requestId: string | null;
    readonly bytes: number;
    readonly latencyMs: number;
    readonly items: number;
  };
}

type VerdictOf<Kind extends ResponseVerdict['kind']> = Extract<ResponseVerdict, { kind: Kind }>;
/** Items named in one log record at most. */
const LOGGED_ITEMS = 20;

/**
 * Delivers batches of one feed: through the feed's circuit breaker and the rate gate, POST, then by the response:
 * 2xx → statuses (failed items listed by position), 400 → split until the bad items stand alone, 429 → wait for
 * Retry-After and try again, 5xx / timeout / network / other 4xx → retry with backoff; failures in a row open the
 * feed's circuit, which holds its requests until a probe gets an answer. A transient failure is never final:
 * anything that would wait past the batch's deadline, runs out of the call's retries, or meets shutdown is
 * deferred to a rerun of its handler call, so an outage of any length parks nothing.
 */
export class DeliveryService {
  /** Ends backoff waits at shutdown. */
  private readonly stopWaits = new AbortController();
  /** Ends in-flight requests once the shutdown grace is over. */
  private readonly abortRequests = new AbortController();
  private readonly running = new Set<Promise<void>>();
  private draining = false;
  private readonly random: () => number;
  private readonly now: () => number;
  private readonly breakers = new Map<FeedName, CircuitBreaker>();

  constructor(private readonly options: DeliveryServiceOptions) {
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
  }

  /**
   * Starts delivering `batch`; each item reports through its own `settle`/`fail`. One span covers the delivery
   * (`deliver <feed>`, every attempt and resend a child): a batch gathers items of many traces, so its parent is
   * the trace context of its first item and the others' are links (ADR 0017). `started` is called once, when the
   * batch's first request starts (its rate-gate ticket held) or the batch stops waiting for one (deferred, failed).
   */
  deliver(feed: FeedName, batch: readonly PendingItem[], started: () => void = () => undefined): void {
    let told = false;
    const tell = (): void => {
      if (told) return;
      told = true;
      started();
    };
    const failures = Math.max(0, ...batch.map((p) => p.priorFailures));
    const { parent, links, traces } = fanIn(
      tracingEnabled()
        ? batch.map((p) =>
            p.export.traceparent === undefined
              ? undefined
              : remoteSpanContext({ traceparent: p.export.traceparent }),
          )
        : [],
    );
    const run = inSpan(
      `deliver ${feed}`,
      { parent, links, attributes: { 'cde.feed': feed, 'cde.items': batch.length, 'cde.traces': traces } },
      () => this.deliverGroup(feed, batch, failures, tell),
    )
      .catch((error: unknown) => {
        for (const pending of batch) pending.fail(error);
      })
      .finally(tell);
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
  }

  /**
   * Stops starting requests and waits; in-flight requests get `graceMs` to finish, then are aborted. Whatever is
   * left is deferred (its handler call fails and nothing past it is committed).
   */
  async drain(graceMs: number): Promise<void> {
    this.draining = true;
    this.options.gate.close();
    this.stopWaits.abort();
    const settled = Promise.allSettled([...this.running]);
    let timer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<'grace-over'>((resolve) => {
      timer = setTimeout(() => resolve('grace-over'), graceMs);
    });
    if ((await Promise.race([settled, graceOver])) === 'grace-over') {
      this.abortRequests.abort();
      await settled;
    }
    clearTimeout(timer);
  }

  private async deliverGroup(
    feed: FeedName,
    items: readonly PendingItem[],
    failuresSoFar: number,
    started: () => void,
  ): Promise<void> {
    const encoded = await encodeBatch(items.map((p) => p.export.item));
    const batch: Batch = {
      feed,
      items,
      body: encoded.body,
      deadline: Math.min(...items.map((p) => p.deadline)),
      context: {
        feed,
        operation: OPERATION,
        traceId: activeTraceId() ?? items[0]?.export.traceId,
        items: items.length,
      },
      started,
    };
    if (this.options.extendedLog) {
      this.options.logger.info(
        { ...batch.context, payload: items.map((p) => p.export.item) },
        `payload of ${items.length} items`,
      );
    }
    let failures = failuresSoFar;
    let failuresInCall = 0;
    for (;;) {
      const sent = await this.send(batch, failures);
      if (sent === undefined) return;
      switch (sent.verdict.kind) {
        case 'accepted':
          return this.onAccepted(batch, sent, sent.verdict);
        case 'rejected':
          return this.onRejected(batch, sent, sent.verdict);
        case 'throttled':
          this.logThrottled(sent, sent.verdict);
          continue;
        case 'retryable':
          failures++;
          failuresInCall++;
          if (await this.onRetryable(batch, sent, sent.verdict, failures, failuresInCall)) continue;
          return;
      }
    }
  }

  /**
   * One POST of the batch through the rate gate, with its metrics and the record its log lines carry; undefined
   * when it was deferred instead (shutting down, no request slot within the call budget, aborted at shutdown).
   */
  private async send(batch: Batch, failures: number): Promise<Sent | undefined> {
    const { gate, client, logger, metrics } = this.options;
    const { feed, items } = batch;
    if (this.draining) return this.defer(feed, items, failures, 'shutting down');
    const admitted = await this.passBreaker(batch, failures);
    if (admitted === undefined) return undefined;
    const { probe } = admitted;
    let ticket;
    try {
      ticket = await gate.acquire(batch.deadline);
      batch.started();
    } catch (error) {
      this.breakerOf(feed).release(probe);
      if (!(error instanceof GateWaitEnded)) throw error;
      return this.defer(
        feed,
        items,
        failures,
        error.why === 'closed' ? 'shutting down' : 'no request slot within the call budget (throttled)',
      );
    }
    const startedAt = Date.now();
    // The CLIENT span of the POST: its context goes to the receiver as `traceparent`.
    const result = await inSpan(
      `POST ${feed}`,
      {
        kind: SpanKind.CLIENT,
        attributes: {
          'http.request.method': 'POST',
          'http.request.body.size': batch.body.length,
          'cde.feed': feed,
          'cde.items': items.length,
          'cde.attempt': failures + 1,
        },
      },
      async (span) => {
        const answer = await client.post(feed, batch.body, this.abortRequests.signal);
        span.setAttribute('http.response.status_code', answer.statusCode);
        if (answer.requestId !== null) span.setAttribute('cde.request_id', answer.requestId);
        if (answer.statusCode === 0 || answer.statusCode >= 500)
          span.setStatus({
            code: SpanStatusCode.ERROR,
            message: answer.error ?? `HTTP ${answer.statusCode}`,
          });
        return answer;
      },
    );
    const latencyMs = Date.now() - startedAt;
    const verdict = classifyResponse(result, items.length, Date.now());
    gate.release(ticket, signalOf(verdict), verdict.kind === 'throttled' ? verdict.retryAfterMs : undefined);
    if (result.statusCode === 0 && this.abortRequests.signal.aborted) {
      this.breakerOf(feed).release(probe);
    } else {
      this.onBreakerResult(feed, verdict, result.requestId, probe);
    }
    metrics.requests.inc({ feed, status: String(result.statusCode) });
    metrics.latency.observe({ feed }, latencyMs / 1000);
    metrics.bytes.inc({ feed }, batch.body.length);
    if (result.statusCode === 0 && this.abortRequests.signal.aborted) {
      return this.defer(feed, items, failures, 'aborted at shutdown');
    }

    const record = {
      ...batch.context,
      elapsed: formatElapsed(latencyMs),
      statusCode: result.statusCode,
      requestId: result.requestId,
      bytes: batch.body.length,
      attempt: failures + 1,
    };
    const response = {
      statusCode: result.statusCode,
      requestId: result.requestId,
      bytes: batch.body.length,
      latencyMs,
      items: items.length,
    };
    if ('unparsable' in verdict && verdict.unparsable !== undefined) {
      logger.warn(
        { ...record, code: ExportCode.UnparsableResponse },
        `cannot parse the response body: ${verdict.unparsable}`,
      );
    }
    return { failures, probe, result, verdict, record, response };
  }

  /**
   * Waits while the feed's circuit is open (the receiver is down: no request goes, nothing is dead-lettered);
   * undefined when the batch was deferred instead, its wait passing the deadline or meeting shutdown.
   */
  private async passBreaker(batch: Batch, failures: number): Promise<{ probe: boolean } | undefined> {
    const breaker = this.breakerOf(batch.feed);
    for (;;) {
      const { admission, transition } = breaker.admit(this.now());
      if (transition !== undefined) this.onTransition(batch.feed, transition);
      if (admission.kind === 'go') return { probe: admission.probe };
      if (this.now() + admission.ms > batch.deadline) {
        return this.defer(
          batch.feed,
          batch.items,
          failures,
          'the receiver is unavailable (circuit open) past the call budget',
        );
      }
      if (!(await this.wait(admission.ms)))
        return this.defer(batch.feed, batch.items, failures, 'shutting down');
    }
  }

  private breakerOf(feed: FeedName): CircuitBreaker {
    let breaker = this.breakers.get(feed);
    if (breaker === undefined) {
      breaker = new CircuitBreaker(this.options.breaker);
      this.breakers.set(feed, breaker);
      this.options.metrics.breakerState.set({ feed }, 0);
    }
    return breaker;
  }

  /** Any answer but a transient failure shows the receiver is up (a 400 or 429 too). */
  private onBreakerResult(
    feed: FeedName,
    verdict: ResponseVerdict,
    requestId: string | null,
    probe: boolean,
  ): void {
    const breaker = this.breakerOf(feed);
    const transition =
      verdict.kind === 'retryable'
        ? breaker.onFailure(this.now(), probe)
        : breaker.onSuccess(this.now(), probe);
    if (transition !== undefined) this.onTransition(feed, transition, verdict, requestId);
  }

  private onTransition(
    feed: FeedName,
    transition: BreakerTransition,
    verdict?: ResponseVerdict,
    requestId?: string | null,
  ): void {
    const { logger, metrics } = this.options;
    metrics.breakerState.set(
      { feed },
      transition.to === 'closed' ? 0 : transition.to === 'half-open' ? 1 : 2,
    );
    metrics.breakerTransitions.inc({ feed, state: transition.to });
    const fields = { feed, operation: OPERATION, failures: transition.failures, requestId };
    const reason = verdict !== undefined && verdict.kind === 'retryable' ? verdict.reason : undefined;
    if (transition.to === 'open') {
      logger.error(
        { ...fields, code: ExportCode.CircuitOpened, openMs: transition.openMs },
        `${transition.from === 'half-open' ? 'the probe failed' : `${transition.failures} transient failures in a row`} (${reason ?? 'no answer'}): ${feed} deliveries pause; next probe in ${transition.openMs} ms`,
      );
    } else if (transition.to === 'closed') {
      logger.info(
        { ...fields, code: ExportCode.CircuitClosed, outageMs: transition.outageMs },
        `the receiver answered: ${feed} deliveries resume after ${formatElapsed(transition.outageMs ?? 0)}`,
      );
    } else {
      logger.info({ ...fields, code: ExportCode.CircuitOpened }, `probing the receiver for ${feed}`);
    }
  }

  /** 2xx: every item's status (failed items listed by position). */
  private async onAccepted(batch: Batch, sent: Sent, verdict: VerdictOf<'accepted'>): Promise<void> {
    const { items } = batch;
    const fates = acceptedFates(items.length, verdict.failedItems);
    await this.recordFates(batch, sent, fates);
    this.logAccepted(sent.record, items, fates);
    for (const pending of items) pending.settle({ kind: 'settled' });
  }

  /**
   * 400 or 413: the bad (or too large) items are rejected for good; the others are resent in smaller groups until
   * they stand alone.
   */
  private async onRejected(batch: Batch, sent: Sent, verdict: VerdictOf<'rejected'>): Promise<void> {
    const { feed, items } = batch;
    const { logger } = this.options;
    const plan = planRejection(items.length, verdict.reason, verdict.failedItems);
    const fates = items.map((_, i) => plan.rejected.get(i));
    await this.recordFates(batch, sent, fates);
    const code = verdict.status === 413 ? ExportCode.TooLarge : ExportCode.Rejected;
    const what =
      verdict.status === 413
        ? `larger than the receiver accepts (413, ${batch.body.length} bytes gzipped)`
        : 'data validation failed (400)';
    logger.warn(
      { ...sent.record, code, rejected: plan.rejected.size },
      plan.resend.length === 0
        ? `${what}: ${verdict.reason}`
        : `${what} for a batch of ${items.length} items: ${verdict.reason}; ${plan.rejected.size} rejected, resending ${plan.resend.map((g) => g.length).join(' + ')} items to find the bad ones`,
    );
    for (const [position, fate] of plan.rejected) {
      const pending = items[position];
      if (pending === undefined) continue;
      logger.error(
        {
          feed,
          operation: OPERATION,
          code,
          feedId: pending.export.feedId,
          bytes: pending.export.bytes,
          sourceEntityId: pending.export.sourceEntityId,
          traceId: pending.export.traceId,
          requestId: sent.result.requestId,
        },
        `item rejected (${verdict.status}), not retried: ${fate.kind === 'recorded' ? fate.errors : verdict.reason}`,
      );
      pending.settle({ kind: 'settled' });
    }
    await Promise.all(
      plan.resend.map((group) =>
        this.deliverGroup(
          feed,
          group.flatMap((position) => items[position] ?? []),
          sent.failures,
          // The batch started long ago: its parts are resends, not batches a tail waits behind.
          () => undefined,
        ),
      ),
    );
  }

  /** The items' fates in the feed state, with the response they came from. */
  private async recordFates(
    batch: Batch,
    sent: Sent,
    fates: readonly (ItemFate | undefined)[],
  ): Promise<void> {
    await this.options.outcomes.record(
      batch.feed,
      exportItemsOf(batch.items),
      fates,
      sent.result.requestId,
      sent.response,
    );
  }

  /** 429: the gate waits for Retry-After and slows down; the batch is tried again. */
  private logThrottled(sent: Sent, verdict: VerdictOf<'throttled'>): void {
    const { rps, concurrency, notBefore } = this.options.gate.allowance();
    this.options.logger.warn(
      {
        ...sent.record,
        code: ExportCode.Throttled,
        retryAfterMs: verdict.retryAfterMs,
        allowedRps: rps,
        allowedConcurrency: concurrency,
      },
      `429, will be retried in ${Math.max(0, notBefore - Date.now())} ms; allowed rate now ${rps.toFixed(2)}/s, concurrency ${concurrency}`,
    );
  }

  /**
   * 5xx, timeout, network or another 4xx: true to retry after the backoff; false when the batch is deferred to a
   * rerun of its call (the call's retries are spent, the retry is due after the call budget, or shutdown ended the
   * wait). Never final: an outage pauses the feed instead of dead-lettering its items.
   */
  private async onRetryable(
    batch: Batch,
    sent: Sent,
    verdict: VerdictOf<'retryable'>,
    failures: number,
    failuresInCall: number,
  ): Promise<boolean> {
    const { feed, items } = batch;
    const { logger } = this.options;
    if (!mayRetry(failuresInCall, this.options.retry)) {
      logger.warn(
        {
          ...sent.record,
          code: ExportCode.RetryBudgetExhausted,
          failureCode: verdict.code,
          feedIds: feedIdsOf(items),
        },
        `${verdict.reason}; ${failuresInCall} attempts in this call: ${items.length} items are deferred to a rerun, not dead-lettered`,
      );
      this.defer(feed, items, failures, `${verdict.reason}; retries of the call spent`);
      return false;
    }
    const delay = backoffDelay(failures, this.options.retry, this.random);
    logger.warn(
      { ...sent.record, code: verdict.code },
      `${verdict.reason}; will be retried in ${delay} ms (retry ${failuresInCall} of ${this.options.retry.maxAttempts - 1} in this call, ${failures} in all)`,
    );
    if (Date.now() + delay > batch.deadline) {
      this.defer(feed, items, failures, `${verdict.reason}; the retry is due after the call budget`);
      return false;
    }
    if (!(await this.wait(delay))) {
      this.defer(feed, items, failures, 'shutting down');
      return false;
    }
    return true;
  }

  private logAccepted(
    record: Record<string, unknown>,
    items: readonly PendingItem[],
    fates: readonly ItemFate[],
  ): void {
    const failed = fates.flatMap((fate, i) =>
      fate.kind === 'recorded' && fate.status === DeliveryStatus.Accepted
        ? []
        : [
            fate.kind === 'recorded'
              ? { feedId: items[i]?.export.feedId, code: ExportCode.Rejected, error: fate.errors }
              : { feedId: items[i]?.export.feedId, code: fate.code, error: fate.reason },
          ],
    );
    if (failed.length === 0) {
      this.options.logger.info(record, `sent ${items.length} items`);
      return;
    }
    // The request's code: a final rejection if there is one, else the first item's (retryable, stale).
    const code = failed.find((f) => f.code === ExportCode.Rejected)?.code ?? failed[0]!.code;
    this.options.logger.warn(
      { ...record, code, failedItems: failed.slice(0, LOGGED_ITEMS) },
      `sent ${items.length} items, ${failed.length} failed items`,
    );
  }

  /** Settles the items as deferred: their handler call fails, and they are delivered again on its rerun. */
  private defer(feed: FeedName, items: readonly PendingItem[], failures: number, reason: string): undefined {
    this.options.metrics.deferred.inc({ feed }, items.length);
    for (const pending of items) pending.settle({ kind: 'deferred', failures, reason });
  }

  /** False when shutdown ended the wait. */
  private async wait(ms: number): Promise<boolean> {
    try {
      await sleep(ms, undefined, { signal: this.stopWaits.signal });
      return true;
    } catch {
      return false;
    }
  }
}

function signalOf(verdict: ResponseVerdict): RequestSignal {
  switch (verdict.kind) {
    case 'accepted':
    case 'rejected':
      return 'success';
    case 'throttled':
      return 'throttled';
    case 'retryable':
      return 'failed';
  }
}

function exportItemsOf(items: readonly PendingItem[]): PendingItem['export'][] {
  return items.map((p) => p.export);
}

function feedIdsOf(items: readonly PendingItem[]): string[] {
  return items.slice(0, LOGGED_ITEMS).map((p) => p.export.feedId);
}
