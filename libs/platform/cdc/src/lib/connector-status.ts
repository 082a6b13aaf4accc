import { request } from 'undici';
import { z } from 'zod';

/** `GET /connectors/<name>/status` of Kafka Connect, as far as change capture's health needs it. */
export const connectorStatusSchema = z.object({
  connector: z.object({ state: z.string(), trace: z.string().optional() }),
  tasks: z.array(z.object({ id: z.number(), state: z.string(), trace: z.string().optional() })),
});
export type ConnectorStatus = z.infer<typeof connectorStatusSchema>;

/** One source partition's offset (`GET /connectors/<name>/offsets`, KIP-875); null or absent once deleted. */
export interface SourceOffset {
  readonly partition?: Record<string, unknown>;
  readonly offset?: Record<string, unknown> | null;
}

/**
 * What a task says when the binlog position it resumes from was purged: Debezium's own check of the offsets (the
 * file is gone), or the server refusing to stream from it (error 1236) — MariaDB, which keeps no purged-GTID set
 * for Debezium to check, for a GTID position; MySQL for a GTID or a file position.
 */
const POSITION_PURGED = [
  /is no longer available on the server/,
  /Could not find GTID state requested by (?:slave|replica) in any binlog files/,
  /(?:master|source) has purged binary logs containing GTIDs that the (?:slave|replica) requires/,
  /Could not find first log file name in binary log index file/,
];

/** A connector task stopped because its binlog position is gone: what it said. */
export interface BinlogPositionLost {
  readonly task: number;
  /** The trace's first line (Connect's wrapper exception, usually). */
  readonly firstLine: string;
  /** The trace's line that says the position is no longer available (the first such). */
  readonly cause: string;
}

/**
 * Whether a connector's status says its binlog position was purged: a FAILED task (or connector) whose trace says
 * the position is no longer available on the server (or the server says the binlogs it needs were purged). With `snapshot.mode=no_data` Debezium does not snapshot again
 * then; it stops, and only an operator deleting its offsets starts it again (docs/runbooks/binlog-purged.md).
 */
export function binlogPositionLost(status: ConnectorStatus): BinlogPositionLost | undefined {
  const failed = [
    ...status.tasks.map((t) => ({ id: t.id, state: t.state, trace: t.trace })),
    { id: -1, state: status.connector.state, trace: status.connector.trace },
  ];
  for (const t of failed) {
    if (t.state !== 'FAILED' || t.trace === undefined) continue;
    const lines = t.trace.split('\n').map((l) => l.trim());
    const cause = lines.find((l) => POSITION_PURGED.some((p) => p.test(l)));
    if (cause === undefined) continue;
    return { task: Math.max(0, t.id), firstLine: lines[0] ?? cause, cause };
  }
  return undefined;
}

/** Offsets past any snapshot, for every partition: the connector streams the binlog. */
export function offsetsStreaming(offsets: readonly SourceOffset[]): boolean {
  return (
    offsets.length > 0 &&
    offsets.every((o) => o.offset !== null && o.offset !== undefined && o.offset['snapshot'] === undefined)
  );
}

/**
 * Whether change capture streams now: the connector and all its tasks RUNNING, its offsets past any snapshot and,
 * when the position it lost is known, not that position any more (a restarted task may run for a moment before it
 * finds the position gone again).
 */
export function streamingNow(
  status: ConnectorStatus,
  offsets: readonly SourceOffset[],
  lostOffsets?: string,
): boolean {
  return (
    status.connector.state === 'RUNNING' &&
    status.tasks.length > 0 &&
    status.tasks.every((t) => t.state === 'RUNNING') &&
    offsetsStreaming(offsets) &&
    (lostOffsets === undefined || offsetsKey(offsets) !== lostOffsets)
  );
}

/** The offsets as one comparable string (the position a loss was seen at). */
export function offsetsKey(offsets: readonly SourceOffset[]): string {
  return JSON.stringify(offsets.map((o) => o.offset ?? null));
}

/** Kafka Connect's REST API for one connector: its status and its offsets (undefined: not registered). */
export interface ConnectorApi {
  status(): Promise<ConnectorStatus | undefined>;
  offsets(): Promise<SourceOffset[] | undefined>;
}

/** The REST calls of {@link ConnectorApi}, each bounded by 5 s. */
export function connectorApi(connectUrl: string, connector: string): ConnectorApi {
  const base = `${connectUrl.replace(/\/$/, '')}/connectors/${encodeURIComponent(connector)}`;
  const get = async (suffix: string): Promise<unknown> => {
    const res = await request(`${base}/${suffix}`, { headersTimeout: 5_000, bodyTimeout: 5_000 });
    if (res.statusCode === 404) {
      await res.body.dump();
      return undefined;
    }
    if (res.statusCode !== 200) {
      await res.body.dump();
      throw new Error(`Kafka Connect answered ${res.statusCode} to GET ${suffix}`);
    }
    return res.body.json();
  };
  return {
    status: async () => {
      const body = await get('status');
      return body === undefined ? undefined : connectorStatusSchema.parse(body);
    },
    offsets: async () => {
      const body = (await get('offsets')) as { offsets?: SourceOffset[] } | undefined;
      return body === undefined ? undefined : (body.offsets ?? []);
    },
  };
}
