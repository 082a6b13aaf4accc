import { ITEM_STATES, type AdminReadRepository } from '@cde/admin-api';
import { FEED_NAMES } from '@cde/contracts';
import { collectProcessMetrics } from '@cde/platform/observability';
import { Gauge, Registry } from 'prom-client';
import type { PipelineHealth } from './pipeline-health';

/**
 * The admin's `/metrics`: its process metrics, and the pipeline-wide gauges read at scrape time, which the alert
 * rules and the Grafana dashboard of deploy/monitoring use:
 * - `cde_feed_items{feed, state}` from the feed state (pending, accepted, rejected, retrying, parked, deleted);
 * - `cde_feed_backlog_messages{feed}`: the exporter's lag on `cde.feed.<feed>`;
 * - `cde_connector_up` and `cde_connector_tasks{state}` from Kafka Connect.
 * Labels never include `service`: the Prometheus Operator sets that one on every target.
 */
export class AdminMetrics {
  readonly registry = new Registry();

  constructor(repository: AdminReadRepository, health: PipelineHealth) {
    collectProcessMetrics(this.registry);
    const registers = [this.registry];
    new Gauge({
      name: 'cde_feed_items',
      help: 'Items of the feed state by delivery state (pending, accepted, rejected, retrying, parked, deleted).',
      labelNames: ['feed', 'state'],
      registers,
      async collect() {
        for (const feed of FEED_NAMES) {
          const counts = await repository.counts(feed);
          for (const state of ITEM_STATES) this.set({ feed, state }, counts[state]);
        }
      },
    });
    new Gauge({
      name: 'cde_feed_backlog_messages',
      help: 'Messages of cde.feed.<feed> the exporter has not consumed yet (its consumer lag).',
      labelNames: ['feed'],
      registers,
      async collect() {
        this.reset();
        const lag = await health.feedLag().catch(() => null);
        if (lag) for (const [feed, n] of Object.entries(lag)) this.set({ feed }, n);
      },
    });
    // Registered after `cde_connector_up`, whose Connect answer fills it: a registry collects in order.
    const tasks = new Gauge({
      name: 'cde_connector_tasks',
      help: 'Tasks of the Debezium connector by state (RUNNING, FAILED, PAUSED, UNASSIGNED).',
      labelNames: ['state'],
      registers: [],
    });
    new Gauge({
      name: 'cde_connector_up',
      help: '1 when the Debezium connector and all its tasks are RUNNING, else 0 (also when Connect does not answer).',
      registers,
      async collect() {
        const connector = await health.connector();
        tasks.reset();
        for (const t of connector.tasks) tasks.inc({ state: t.state });
        const up =
          connector.state === 'RUNNING' &&
          connector.tasks.length > 0 &&
          connector.tasks.every((t) => t.state === 'RUNNING');
        this.set(up ? 1 : 0);
      },
    });
    this.registry.registerMetric(tasks);
  }
}
