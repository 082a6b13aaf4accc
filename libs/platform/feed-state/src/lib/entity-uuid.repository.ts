import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

/** Ids per statement: large enough to batch, small enough for the packet size. */
const CHUNK = 1000;

/** Entity ids → their UUIDs, for one entity type. */
export type EntityUuids = ReadonlyMap<string, string>;

/**
 * UUIDs of exported entities (data_exporter_uuid). `assign` gives a UUID to every id that has none and returns
 * them all: INSERT IGNORE keeps whichever replica wrote first, and the read after it sees that one, so two
 * replicas assembling the same order agree and a UUID once given never changes.
 */
export class EntityUuidRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The UUIDs these entities already have (those without one are left out). */
  async find(type: string, entityIds: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const chunk of chunks(entityIds)) {
      const rows = await this.dataSource.query<{ entity_id: string | number; uuid: string }[]>(
        'SELECT entity_id, uuid FROM data_exporter_uuid WHERE type = ? AND entity_id IN (?)',
        [type, chunk],
      );
      for (const row of rows) out.set(String(row.entity_id), row.uuid);
    }
    return out;
  }

  /** Every entity's UUID, given now to those that had none. Returns how many were new in `created`. */
  async assign(type: string, entityIds: readonly string[]): Promise<{ uuids: EntityUuids; created: number }> {
    const known = await this.find(type, entityIds);
    const missing = [...new Set(entityIds)].filter((id) => !known.has(id));
    let created = 0;
    for (const chunk of chunks(missing)) {
      const result = await this.dataSource.query<{ affectedRows?: number }>(
        `INSERT IGNORE INTO data_exporter_uuid (uuid, entity_id, type) VALUES ${chunk.map(() => '(?, ?, ?)').join(', ')}`,
        chunk.flatMap((id) => [randomUUID(), id, type]),
      );
      created += result.affectedRows ?? 0;
    }
    if (missing.length === 0) return { uuids: known, created };
    const given = await this.find(type, missing);
    for (const [id, uuid] of given) known.set(id, uuid);
    return { uuids: known, created };
  }

  /** How many entities of a type have a UUID. */
  async count(type: string): Promise<number> {
    const [row] = await this.dataSource.query<{ n: string | number }[]>(
      'SELECT COUNT(*) AS n FROM data_exporter_uuid WHERE type = ?',
      [type],
    );
    return Number(row?.n ?? 0);
  }
}

function chunks(ids: readonly string[]): string[][] {
  const unique = [...new Set(ids.map(String))];
  const out: string[][] = [];
  for (let i = 0; i < unique.length; i += CHUNK) out.push(unique.slice(i, i + CHUNK));
  return out;
}
