import { ITEM_STATES, type AdminReadRepository } from '@cde/admin-api';
import { FEED_NAMES } from '@cde/contracts';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';

/**
 * The admin's `/metrics`: its process metrics, and every feed's items by delivery state read from the feed state
 * at scrape time (`cde_feed_items{feed, state}`: pending, accepted, rejected, retrying, parked, deleted), which the
 * alert rules and the Grafana dashboard use. Labels never include `service`: the Prometheus Operator sets that one.
 */
export class AdminMetrics {
  readonly registry = new Registry();

  constructor(repository: AdminReadRepository) {
    collectDefaultMetrics({ register: this.registry });
    new Gauge({
      name: 'cde_feed_items',
      help: 'Items of the feed state by delivery state (pending, accepted, rejected, retrying, parked, deleted).',
      labelNames: ['feed', 'state'],
      registers: [this.registry],
      async collect() {
        for (const feed of FEED_NAMES) {
          const counts = await repository.counts(feed);
          for (const state of ITEM_STATES) this.set({ feed, state }, counts[state]);
        }
      },
    });
  }
}
