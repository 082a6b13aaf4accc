import { collectProcessMetrics } from '@cde/platform/observability';
import { Counter, Histogram, Registry } from 'prom-client';

export type ItemOutcome = 'accepted' | 'failed' | 'stale';

/** Prometheus metrics of the receiver, on a registry of its own (several apps may run in one test process). */
export class ReceiverMetrics {
  readonly registry = new Registry();

  private readonly requests = new Counter({
    name: 'cde_receiver_requests_total',
    help: 'Ingestion requests by feed and HTTP status answered (499: the client gave up first)',
    labelNames: ['feed', 'status'] as const,
    registers: [this.registry],
  });

  private readonly items = new Counter({
    name: 'cde_receiver_items_total',
    help: 'Items of ingestion requests by feed and outcome (accepted, failed, stale)',
    labelNames: ['feed', 'outcome'] as const,
    registers: [this.registry],
  });

  private readonly latency = new Histogram({
    name: 'cde_receiver_request_duration_seconds',
    help: 'Time from an ingestion request arriving to its answer, by feed',
    labelNames: ['feed'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });

  constructor() {
    collectProcessMetrics(this.registry);
  }

  observeRequest(feed: string, status: number, latencyMs: number): void {
    this.requests.inc({ feed, status: String(status) });
    this.latency.observe({ feed }, latencyMs / 1_000);
  }

  countItems(feed: string, outcome: ItemOutcome, count: number): void {
    if (count > 0) this.items.inc({ feed, outcome }, count);
  }

  contentType(): string {
    return this.registry.contentType;
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }
}
