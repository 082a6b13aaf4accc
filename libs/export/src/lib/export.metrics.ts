import { collectProcessMetrics } from '@cde/platform/observability';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
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
    const registers = [this.registry];
    this.requests = new Counter({
      name: 'cde_exporter_requests_total',
      help: 'Requests to the receiver by feed and HTTP status (0: no response).',
      labelNames: ['feed', 'status'],
      registers,
    });
    this.items = new Counter({
      name: 'cde_exporter_items_total',
      help: 'Items by delivery outcome.',
      labelNames: ['feed', 'outcome'],
      registers,
    });
    this.latency = new Histogram({
      name: 'cde_exporter_request_duration_seconds',
      help: 'Time from sending a batch to its complete response.',
      labelNames: ['feed'],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.bytes = new Counter({
      name: 'cde_exporter_request_bytes_total',
      help: 'Compressed request bytes sent.',
      labelNames: ['feed'],
      registers,
    });
    this.allowedRate = new Gauge({
      name: 'cde_exporter_allowed_requests_per_second',
      help: 'Current allowed request rate (lowered on 429, raised again on successes).',
      registers,
    });
    this.allowedConcurrency = new Gauge({
      name: 'cde_exporter_allowed_concurrency',
      help: 'Current allowed requests in flight.',
      registers,
    });
    this.inFlight = new Gauge({
      name: 'cde_exporter_requests_in_flight',
      help: 'Requests waiting for a response.',
      registers,
    });
    this.deferred = new Counter({
      name: 'cde_exporter_deferred_items_total',
      help: 'Items left for a rerun of their batch (time budget or shutdown).',
      labelNames: ['feed'],
      registers,
    });
    this.freshness = new Histogram({
      name: 'cde_exporter_freshness_seconds',
      help: 'From the commit of the change in the Commerce DB to the receiver accepting the item.',
      labelNames: ['feed'],
      buckets: [0.5, 1, 2, 5, 10, 15, 30, 60, 300, 900, 3600],
      registers,
    });
    this.breakerState = new Gauge({
      name: 'cde_exporter_circuit_state',
      help: "State of a feed's circuit breaker: 0 closed, 1 half-open (probing), 2 open (deliveries paused).",
      labelNames: ['feed'],
      registers,
    });
    this.breakerTransitions = new Counter({
      name: 'cde_exporter_circuit_transitions_total',
      help: "Changes of a feed's circuit breaker, by the state entered.",
      labelNames: ['feed', 'state'],
      registers,
    });
    if (options.defaultMetrics ?? true) collectProcessMetrics(this.registry);
  }

  onAllowance(allowance: RateAllowance): void {
    this.allowedRate.set(allowance.rps);
    this.allowedConcurrency.set(allowance.concurrency);
    this.inFlight.set(allowance.inFlight);
  }
}
