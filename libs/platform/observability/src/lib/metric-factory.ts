import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** Builds metrics registered in one registry only, so that several apps or services can share a process. */
export interface MetricFactory {
  counter<Label extends string = never>(
    name: string,
    help: string,
    labelNames?: readonly Label[],
  ): Counter<Label>;
  gauge<Label extends string = never>(
    name: string,
    help: string,
    labelNames?: readonly Label[],
  ): Gauge<Label>;
  histogram<Label extends string>(
    name: string,
    help: string,
    labelNames: readonly Label[],
    buckets: readonly number[],
  ): Histogram<Label>;
}

export function metricsIn(registry: Registry): MetricFactory {
  const registers = [registry];
  return {
    counter: (name, help, labelNames = []) => new Counter({ name, help, labelNames, registers }),
    gauge: (name, help, labelNames = []) => new Gauge({ name, help, labelNames, registers }),
    histogram: (name, help, labelNames, buckets) =>
      new Histogram({ name, help, labelNames, buckets: [...buckets], registers }),
  };
}
