import { collectDefaultMetrics, type Registry } from 'prom-client';

/**
 * The process metrics of every app (CPU, memory, event loop, GC), under one naming across apps: prom-client's
 * standard `process_*` and `nodejs_*` names, unprefixed, as Prometheus' client libraries export them, so stock
 * dashboards and recording rules apply. Which app a series comes from is a target label (`job`, `service`, `pod`),
 * never a prefix.
 */
export function collectProcessMetrics(registry: Registry): void {
  collectDefaultMetrics({ register: registry });
}
