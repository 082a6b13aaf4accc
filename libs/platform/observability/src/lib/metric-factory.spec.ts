import { Registry, register } from 'prom-client';
import { metricsIn } from './metric-factory';

describe('metricsIn', () => {
  it('registers each metric in its registry only, with its labels and buckets', async () => {
    const registry = new Registry();
    const metrics = metricsIn(registry);
    metrics.counter('t_requests_total', 'Requests.', ['feed']).inc({ feed: 'products' }, 2);
    metrics.gauge('t_in_flight', 'In flight.').set(3);
    metrics.histogram('t_duration_seconds', 'Duration.', ['feed'], [1, 5]).observe({ feed: 'prices' }, 2);

    const text = await registry.metrics();
    expect(text).toContain('t_requests_total{feed="products"} 2');
    expect(text).toContain('t_in_flight 3');
    expect(text).toContain('t_duration_seconds_bucket{le="5",feed="prices"} 1');
    expect(register.getSingleMetric('t_requests_total')).toBeUndefined();
  });
});
