import { createHash } from 'node:crypto';

/** Fields never part of the hash: they change on every assembly without the item changing. */
export const ALWAYS_EXCLUDED_FROM_HASH = ['modifiedAt', 'updatedAt'] as const;

export interface HashOptions {
  /** Top-level fields left out of the hash beyond modifiedAt/updatedAt (inventory: productId). */
  readonly exclude?: readonly string[];
  /**
   * Paths of arrays whose order carries no meaning, sorted before hashing so a different read order does not
   * look like a change: `stores`, `stores[].storeViews`, `attributes[].value`.
   */
  readonly unorderedArrays?: readonly string[];
}

/**
 * JSON with object keys sorted at every level, and the listed arrays sorted by their elements' own stable JSON.
 * `undefined` members are dropped, as JSON.stringify does.
 */
export function stableJson(value: unknown, unorderedArrays: readonly string[] = [], path = ''): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    const elementPath = `${path}[]`;
    const parts = value.map((v) => stableJson(v, unorderedArrays, elementPath));
    if (unorderedArrays.includes(path)) parts.sort();
    return `[${parts.join(',')}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${stableJson(record[k], unorderedArrays, path ? `${path}.${k}` : k)}`).join(',')}}`;
}

export function sha1(text: string): string {
  return createHash('sha1').update(text, 'utf8').digest('hex');
}

/** feedHash = sha1(stable JSON of the item without modifiedAt/updatedAt and the feed's own exclusions). */
export function hashFeedItem(item: Readonly<Record<string, unknown>>, options: HashOptions = {}): string {
  const excluded = new Set<string>([...ALWAYS_EXCLUDED_FROM_HASH, ...(options.exclude ?? [])]);
  const hashed: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) if (!excluded.has(k)) hashed[k] = v;
  return sha1(stableJson(hashed, options.unorderedArrays ?? []));
}
