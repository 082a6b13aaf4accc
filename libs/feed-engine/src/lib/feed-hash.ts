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
 *
 * This is the hot path of every sync (tens of thousands of items a second), so it builds one string and works
 * out the path of a value only while some listed array can still lie at or below it; the output is the same
 * byte for byte as the plain recursive definition, which the hashes of sent items depend on.
 */
export function stableJson(value: unknown, unorderedArrays: readonly string[] = [], path = ''): string {
  return write(value, unorderedArrays, unorderedArrays.length > 0 ? path : null);
}

/** JSON of a member name, cached: item keys repeat across items and levels. */
const keyJsonCache = new Map<string, string>();
function keyJson(key: string): string {
  let json = keyJsonCache.get(key);
  if (json === undefined) {
    json = JSON.stringify(key);
    if (keyJsonCache.size < 10_000) keyJsonCache.set(key, json);
  }
  return json;
}

/** The path of a child, or null when no listed array can be at or below it (no more paths to work out). */
function below(unordered: readonly string[], path: string): string | null {
  for (const u of unordered) if (u.startsWith(path)) return path;
  return null;
}

function write(value: unknown, unordered: readonly string[], path: string | null): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    const elementPath = path === null ? null : below(unordered, `${path}[]`);
    if (path !== null && unordered.includes(path)) {
      const parts = value.map((v: unknown) => write(v, unordered, elementPath));
      parts.sort();
      return `[${parts.join(',')}]`;
    }
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      out += write(value[i], unordered, elementPath);
    }
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  let first = true;
  for (const k of keys) {
    const member = record[k];
    if (member === undefined) continue;
    if (!first) out += ',';
    first = false;
    out += keyJson(k);
    out += ':';
    out += write(member, unordered, path === null ? null : below(unordered, path ? `${path}.${k}` : k));
  }
  return `${out}}`;
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
