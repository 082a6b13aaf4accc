import { collectProcessMetrics, metricsIn } from '@cde/platform/observability';
import { Registry, type Counter, type Gauge, type Histogram } from 'prom-client';
import type { RateAllowance } from './rate-control';

/** Outcomes of items, as counted in `cde_exporter_items_total{outcome}`. */
export type ItemOutcomeLabel = 'accepted' | 'failed_item' | 'rejected' | 'dead_lettered' | 'superseded';

/** The exporter's Prometheus metrics, in a registry of its own (several exporters can share a test process). */
export class ExportMetrics {
  readonly registry = new Registry();
  readonly requests: Counter<'feed' | 'status'>;
  readonly items: Counter<'feed' | 'outcome'>;
  readonly latency: Histogram<'feed'>;
  readonly bytes: Counter<'feed'>;
  readonly allowedRate: Gauge;
  readonly allowedConcurrency: Gauge;
  readonly inFlight: Gauge;
  readonly deferred: Counter<'feed'>;
  readonly freshness: Histogram<'feed'>;
  readonly breakerState: Gauge<'feed'>;
  readonly breakerTransitions: Counter<'feed' | 'state'>;

  constructor(options: { readonly defaultMetrics?: boolean } = {}) {
    const metrics = metricsIn(this.registry);
    this.requests = metrics.counter(
      'cde_exporter_requests_total',
      'Requests to the receiver by feed and HTTP status (0: no response).',
      ['feed', 'status'],
    );
    this.items = metrics.counter('cde_exporter_items_total', 'Items by delivery outcome.', [
      'feed',
      'outcome',
    ]);
    this.latency = metrics.histogram(
      'cde_exporter_request_duration_seconds',
      'Time from sending a batch to its complete response.',
      ['feed'],
      [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    );
    this.bytes = metrics.counter('cde_exporter_request_bytes_total', 'Compressed request bytes sent.', [
      'feed',
    ]);
    this.allowedRate = metrics.gauge(
      'cde_exporter_allowed_requests_per_second',
      'Current allowed request rate (lowered on 429, raised again on successes).',
    );
    this.allowedConcurrency = metrics.gauge(
      'cde_exporter_allowed_concurrency',
      'Current allowed requests in flight.',
    );
    this.inFlight = metrics.gauge('cde_exporter_requests_in_flight', 'Requests waiting for a response.');
    this.deferred = metrics.counter(
      'cde_exporter_deferred_items_total',
      'Items left for a rerun of their batch (time budget or shutdown).',
      ['feed'],
    );
    this.freshness = metrics.histogram(
      'cde_exporter_freshness_seconds',
      'From the commit of the change in the Commerce DB to the receiver accepting the item.',
      ['feed'],
      [0.5, 1, 2, 5, 10, 15, 30, 60, 300, 900, 3600],
    );
    this.breakerState = metrics.gauge(
      'cde_exporter_circuit_state',
      "State of a feed's circuit breaker: 0 closed, 1 half-open (probing), 2 open (deliveries paused).",
      ['feed'],
    );
    this.breakerTransitions = metrics.counter(
      'cde_exporter_circuit_transitions_total',
      "Changes of a feed's circuit breaker, by the state entered.",
      ['feed', 'state'],
    );
    if (options.defaultMetrics ?? true) collectProcessMetrics(this.registry);
  }

  onAllowance(allowance: RateAllowance): void {
    this.allowedRate.set(allowance.rps);
    this.allowedConcurrency.set(allowance.concurrency);
    this.inFlight.set(allowance.inFlight);
  }
}
