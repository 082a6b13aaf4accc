import { z } from 'zod';
import { connectorApi, offsetsStreaming } from './connector-status';

/** Kafka Connect's REST API and the connector, so a service can ask whether change capture streams. */
export const connectEnvSchema = z.object({
  /** Unset: do not ask (the operator registers the connector before starting the service). */
  CDE_CONNECT_URL: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.url({ protocol: /^https?$/ }).optional(),
  ),
  CDE_CONNECTOR_NAME: z.string().min(1).default('commerce-connector'),
  /** How often a feed service asks the connector's status (a binlog position lost stops its task). */
  CDE_CONNECTOR_WATCH_INTERVAL_MS: z.coerce.number().int().min(1_000).max(600_000).default(30_000),
});

export interface ConnectConfig {
  readonly url: string;
  readonly connector: string;
  /** How often the connector's status is asked (CDE_CONNECTOR_WATCH_INTERVAL_MS). */
  readonly watchIntervalMs: number;
}

export function connectConfigFrom(env: z.infer<typeof connectEnvSchema>): ConnectConfig | undefined {
  return env.CDE_CONNECT_URL
    ? {
        url: env.CDE_CONNECT_URL,
        connector: env.CDE_CONNECTOR_NAME,
        watchIntervalMs: env.CDE_CONNECTOR_WATCH_INTERVAL_MS,
      }
    : undefined;
}

/**
 * Whether the Debezium connector is streaming: Kafka Connect holds a source offset for it (Connect's offsets API,
 * KIP-875) and that offset is past any snapshot. From then on every committed change reaches its topics, so a
 * feed's initial load may start reading: nothing committed after a page is read can be missed (the low
 * watermark of the load; see ADR 8).
 */
export async function connectorStreaming(connectUrl: string, connector: string): Promise<boolean> {
  const offsets = await connectorApi(connectUrl, connector)
    .offsets()
    .catch(() => undefined);
  return offsets !== undefined && offsetsStreaming(offsets);
}

/**
 * A readiness check for the initial load: true once the connector streams (and from then on without asking
 * again); when no Connect URL is configured, true at once with a warning for the operator, who then must have
 * registered the connector before starting the service.
 */
export function captureReadiness(
  connect: ConnectConfig | undefined,
  warn: (message: string) => void,
): () => Promise<boolean> {
  let ready = false;
  let warned = false;
  return async () => {
    if (ready) return true;
    if (connect === undefined) {
      if (!warned) {
        warned = true;
        warn(
          'CDE_CONNECT_URL is not set: onboarding starts without checking that the Debezium connector streams; register the connector first',
        );
      }
      ready = true;
      return true;
    }
    ready = await connectorStreaming(connect.url, connect.connector).catch(() => false);
    return ready;
  };
}
