import type { RowDataPacket } from 'mysql2/promise';
import type { Pipeline } from './pipeline-harness';

/** The receiver's held version per products item (feed_id → modifiedAt), from its own database. */
export async function heldVersions(pipeline: Pipeline): Promise<Map<string, string>> {
  const [rows] = await pipeline.shop.query<RowDataPacket[]>(
    `SELECT feed_id, version FROM \`${pipeline.receiverDb}\`.feed_items WHERE feed = 'products'`,
  );
  return new Map(rows.map((r) => [String(r['feed_id']), String(r['version'])]));
}

/** Products items the receiver refused as older than the version it held, so far (I2's refusals). */
export async function staleRefusals(pipeline: Pipeline): Promise<number> {
  const [rows] = await pipeline.shop.query<RowDataPacket[]>(
    `SELECT stale_items FROM \`${pipeline.receiverDb}\`.feed_counters WHERE feed = 'products'`,
  );
  return Number(rows[0]?.['stale_items'] ?? 0);
}

/**
 * Samples the receiver's held versions every second until stopped, and lists every item whose held version was
 * ever seen older than an earlier sample of it (I2 watched from outside the receiver). A refusal of a stale item
 * is fine; a newer item overwritten by an older one is what this catches.
 */
export function watchVersions(pipeline: Pipeline): { stop: () => Promise<string[]> } {
  const newest = new Map<string, string>();
  const wentBack: string[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      for (const [feedId, version] of await heldVersions(pipeline)) {
        const seen = newest.get(feedId);
        if (seen !== undefined && version < seen) wentBack.push(`${feedId}: ${seen} -> ${version}`);
        else newest.set(feedId, version);
      }
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return wentBack;
    },
  };
}
