import { ExportCode, type FeedName } from '@cde/contracts';
import { formatElapsed } from '@cde/platform/observability';
import { backoffDelay, mayRetry, type RetryPolicy } from '@cde/util/retry';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { encodeBatch } from './batch-encoding';
import { acceptedFates, ItemStatus, planRejection, uniformFates, type ItemFate } from './delivery-outcomes';
import type { ExportMetrics } from './export.metrics';
import { classifyResponse, type ResponseVerdict } from './ingestion-response';
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
  readonly metrics: ExportMetrics;
  readonly logger: Logger;
  readonly extendedLog: boolean;
  readonly random?: () => number;
}

const OPERATION = 'export';
/** Items named in one log record at most. */
const LOGGED_ITEMS = 20;

/**
 * Delivers batches of one feed: through the rate gate, POST, then by the response: 2xx → statuses (failed items
 * listed by position), 400 → split until the bad items stand alone, 429 → wait for Retry-After and try again,
 * 5xx / timeout / network / other 4xx → retry with backoff, then status 2 and the dead-letter topic. Anything that
 * would wait past the batch's deadline, or during shutdown, is deferred to a rerun of its handler call.
 */
export class DeliveryService {
  /** Ends backoff waits at shutdown. */
  private readonly stopWaits = new AbortController();
  /** Ends in-flight requests once the shutdown grace is over. */
  private readonly abortRequests = new AbortController();
  private readonly running = new Set<Promise<void>>();
  private draining = false;
  private readonly random: () => number;

  constructor(private readonly options: DeliveryServiceOptions) {
    this.random = options.random ?? Math.random;
  }

  /** Starts delivering `batch`; each item reports through its own `settle`/`fail`. */
  deliver(feed: FeedName, batch: readonly PendingItem[]): void {
    const failures = Math.max(0, ...batch.map((p) => p.priorFailures));
    const run = this.deliverGroup(feed, batch, failures).catch((error: unknown) => {
      for (const pending of batch) pending.fail(error);
    });
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
  ): Promise<void> {
    const { gate, client, logger, metrics } = this.options;
    let failures = failuresSoFar;
    const deadline = Math.min(...items.map((p) => p.deadline));
    const encoded = await encodeBatch(items.map((p) => p.export.item));
    const context = { feed, operation: OPERATION, traceId: items[0]?.export.traceId, items: items.length };
    if (this.options.extendedLog) {
      logger.info(
        { ...context, payload: items.map((p) => p.export.item) },
        `payload of ${items.length} items`,
      );
    }

    for (;;) {
      if (this.draining) return this.defer(feed, items, failures, 'shutting down');
      let ticket;
      try {
        ticket = await gate.acquire(deadline);
      } catch (error) {
        if (!(error instanceof GateWaitEnded)) throw error;
        return this.defer(
          feed,
          items,
          failures,
          error.why === 'closed' ? 'shutting down' : 'no request slot within the call budget (throttled)',
        );
      }
      const startedAt = Date.now();
      const result = await client.post(feed, encoded.body, this.abortRequests.signal);
      const latencyMs = Date.now() - startedAt;
      const verdict = classifyResponse(result, items.length, Date.now());
      gate.release(
        ticket,
        signalOf(verdict),
        verdict.kind === 'throttled' ? verdict.retryAfterMs : undefined,
      );
      metrics.requests.inc({ feed, status: String(result.statusCode) });
      metrics.latency.observe({ feed }, latencyMs / 1000);
      metrics.bytes.inc({ feed }, encoded.body.length);
      if (result.statusCode === 0 && this.abortRequests.signal.aborted) {
        return this.defer(feed, items, failures, 'aborted at shutdown');
      }

      const record = {
        ...context,
        elapsed: formatElapsed(latencyMs),
        statusCode: result.statusCode,
        requestId: result.requestId,
        bytes: encoded.body.length,
        attempt: failures + 1,
      };
      const response = {
        statusCode: result.statusCode,
        requestId: result.requestId,
        bytes: encoded.body.length,
        latencyMs,
        items: items.length,
      };
      if ('unparsable' in verdict && verdict.unparsable !== undefined) {
        logger.warn(
          { ...record, code: ExportCode.UnparsableResponse },
          `cannot parse the response body: ${verdict.unparsable}`,
        );
      }

      switch (verdict.kind) {
        case 'accepted': {
          const fates = acceptedFates(items.length, verdict.failedItems);
          await this.options.outcomes.record(feed, exportItemsOf(items), fates, result.requestId, response);
          this.logAccepted(record, items, fates);
          for (const pending of items) pending.settle({ kind: 'settled' });
          return;
        }
        case 'rejected': {
          const plan = planRejection(items.length, verdict.reason, verdict.failedItems);
          const fates = items.map((_, i) => plan.rejected.get(i));
          await this.options.outcomes.record(feed, exportItemsOf(items), fates, result.requestId, response);
          logger.warn(
            { ...record, code: ExportCode.Rejected, rejected: plan.rejected.size },
            plan.resend.length === 0
              ? `data validation failed (400): ${verdict.reason}`
              : `data validation failed (400) for a batch of ${items.length} items: ${verdict.reason}; ${plan.rejected.size} rejected, resending ${plan.resend.map((g) => g.length).join(' + ')} items to find the bad ones`,
          );
          for (const [position, fate] of plan.rejected) {
            const pending = items[position];
            if (pending === undefined) continue;
            logger.error(
              {
                feed,
                operation: OPERATION,
                code: ExportCode.Rejected,
                feedId: pending.export.feedId,
                sourceEntityId: pending.export.sourceEntityId,
                traceId: pending.export.traceId,
                requestId: result.requestId,
              },
              `item rejected (400), not retried: ${fate.kind === 'recorded' ? fate.errors : verdict.reason}`,
            );
            pending.settle({ kind: 'settled' });
          }
          await Promise.all(
            plan.resend.map((group) =>
              this.deliverGroup(
                feed,
                group.flatMap((position) => items[position] ?? []),
                failures,
              ),
            ),
          );
          return;
        }
        case 'throttled': {
          const { rps, concurrency, notBefore } = gate.allowance();
          logger.warn(
            {
              ...record,
              code: ExportCode.Throttled,
              retryAfterMs: verdict.retryAfterMs,
              allowedRps: rps,
              allowedConcurrency: concurrency,
            },
            `429, will be retried in ${Math.max(0, notBefore - Date.now())} ms; allowed rate now ${rps.toFixed(2)}/s, concurrency ${concurrency}`,
          );
          continue;
        }
        case 'retryable': {
          failures++;
          if (!mayRetry(failures, this.options.retry)) {
            const fate: ItemFate = {
              kind: 'dead-letter',
              statusCode: result.statusCode,
              reason: verdict.reason,
              code: verdict.code,
            };
            await this.options.outcomes.record(
              feed,
              exportItemsOf(items),
              uniformFates(items.length, fate),
              result.requestId,
            );
            logger.error(
              {
                ...record,
                code: ExportCode.RetryBudgetExhausted,
                failureCode: verdict.code,
                feedIds: feedIdsOf(items),
              },
              `${verdict.reason}; retry budget exhausted after ${failures} attempts: ${items.length} items get status 2 and go to the dead-letter topic`,
            );
            for (const pending of items) pending.settle({ kind: 'settled' });
            return;
          }
          const delay = backoffDelay(failures, this.options.retry, this.random);
          logger.warn(
            { ...record, code: verdict.code },
            `${verdict.reason}; will be retried in ${delay} ms (retry ${failures} of ${this.options.retry.maxAttempts - 1})`,
          );
          if (Date.now() + delay > deadline) {
            return this.defer(
              feed,
              items,
              failures,
              `${verdict.reason}; the retry is due after the call budget`,
            );
          }
          if (!(await this.wait(delay))) return this.defer(feed, items, failures, 'shutting down');
          continue;
        }
      }
    }
  }

  private logAccepted(
    record: Record<string, unknown>,
    items: readonly PendingItem[],
    fates: readonly ItemFate[],
  ): void {
    const failed = fates.flatMap((fate, i) =>
      fate.kind === 'recorded' && fate.status === ItemStatus.Accepted
        ? []
        : [{ feedId: items[i]?.export.feedId, error: fate.kind === 'recorded' ? fate.errors : fate.reason }],
    );
    if (failed.length === 0) {
      this.options.logger.info(record, `sent ${items.length} items`);
      return;
    }
    this.options.logger.warn(
      { ...record, code: ExportCode.Rejected, failedItems: failed.slice(0, LOGGED_ITEMS) },
      `sent ${items.length} items, ${failed.length} failed items`,
    );
  }

  private defer(feed: FeedName, items: readonly PendingItem[], failures: number, reason: string): void {
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
