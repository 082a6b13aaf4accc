import { hash } from 'node:crypto';

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
 * `undefined` members are dropped, as JSON.stringify does; functions and symbols are written as `null`.
 *
 * This is the hot path of every sync (tens of thousands of items a second). It copies the value into plain
 * objects whose keys are inserted in sorted order and lets the native JSON.stringify write the copy, which is
 * several times faster than building the string in JavaScript. Native key order is insertion order except for
 * array-index keys ("0", "12"), which engines enumerate first in numeric order: a value with such a key (or an
 * own `__proto__`) is written by the plain writer instead. Either way the output is the same byte for byte as the
 * plain recursive definition, which the hashes of sent items depend on.
 */
export function stableJson(value: unknown, unorderedArrays: readonly string[] = [], path = ''): string {
  return stableJsonOf(value, unorderedArrays, unorderedArrays.length > 0 ? path : null, null);
}

function stableJsonOf(
  value: unknown,
  unordered: readonly string[],
  path: string | null,
  exclude: ReadonlySet<string> | null,
): string {
  return path === null
    ? nativeJson(value, null, exclude)
    : writeAlong(value, pathNode(unordered, path), exclude);
}

/**
 * The item and the listed arrays at its top are written here, member by member and element by element: each
 * element of a listed array is written once, natively, and the array is its elements' JSON sorted as text. A copy
 * written whole would write those elements twice, once to sort them and once more inside the array.
 */
function writeAlong(value: unknown, at: PathNode | null, exclude: ReadonlySet<string> | null): string {
  if (at === null) return nativeJson(value, null, exclude);
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    const elementAt = elementNode(at);
    const parts = new Array<string>(value.length);
    for (let i = 0; i < value.length; i++)
      parts[i] = at.listed ? nativeJson(value[i], elementAt, null) : writeAlong(value[i], elementAt, null);
    if (at.listed) parts.sort();
    return `[${parts.join(',')}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  for (const k of keys) {
    if (exclude !== null && exclude.has(k)) continue;
    const member = record[k];
    if (member === undefined) continue;
    if (out.length > 1) out += ',';
    out += keyJson(k);
    out += ':';
    // A scalar member is written as it is: no path to follow, no copy to make.
    out +=
      member === null || typeof member !== 'object'
        ? (JSON.stringify(member) ?? 'null')
        : writeAlong(member, memberNode(at, k), null);
  }
  return `${out}}`;
}

/** A sorted copy (listed arrays below `at` sorted too) written by the native JSON.stringify. */
function nativeJson(value: unknown, at: PathNode | null, exclude: ReadonlySet<string> | null): string {
  try {
    return JSON.stringify(sortedCopy(value, at, exclude)) ?? 'null';
  } catch (error) {
    if (error !== NOT_COPYABLE) throw error;
    return write(
      exclude === null ? value : without(value as Record<string, unknown>, exclude),
      at === null ? [] : at.unordered,
      at === null ? null : at.path,
    );
  }
}

/**
 * A path at or above some listed array, with what `below` gives for its members and elements worked out once:
 * the same path strings and the same tests as the plain writer, looked up instead of built for every value.
 */
interface PathNode {
  readonly unordered: readonly string[];
  readonly path: string;
  /** The path is one of the listed arrays. */
  readonly listed: boolean;
  readonly members: Map<string, PathNode | null>;
  element: PathNode | null | undefined;
}

/** Members cached per path at most: a map-like object along a listed path must not grow the cache unbounded. */
const MAX_MEMBERS = 1_000;

const rootNodes = new WeakMap<readonly string[], Map<string, PathNode>>();
function pathNode(unordered: readonly string[], path: string): PathNode {
  let roots = rootNodes.get(unordered);
  if (roots === undefined) rootNodes.set(unordered, (roots = new Map<string, PathNode>()));
  let node = roots.get(path);
  if (node === undefined) {
    node = newNode(unordered, path);
    if (roots.size < MAX_MEMBERS) roots.set(path, node);
  }
  return node;
}

function newNode(unordered: readonly string[], path: string): PathNode {
  return { unordered, path, listed: unordered.includes(path), members: new Map(), element: undefined };
}

function elementNode(node: PathNode): PathNode | null {
  if (node.element === undefined) {
    const path = below(node.unordered, `${node.path}[]`);
    node.element = path === null ? null : newNode(node.unordered, path);
  }
  return node.element;
}

function memberNode(node: PathNode, key: string): PathNode | null {
  let member = node.members.get(key);
  if (member === undefined) {
    const path = below(node.unordered, node.path ? `${node.path}.${key}` : key);
    member = path === null ? null : newNode(node.unordered, path);
    if (node.members.size < MAX_MEMBERS) node.members.set(key, member);
  }
  return member;
}

/** Thrown by sortedCopy for a value native JSON.stringify cannot write in sorted key order. */
const NOT_COPYABLE = new Error('value has array-index or __proto__ keys');

const ARRAY_INDEX = /^(?:0|[1-9]\d*)$/;

/**
 * The value as plain objects with sorted keys and sorted listed arrays, for the native JSON.stringify. A plain
 * object whose keys are in order already, or a plain array, whose members need no change is its own copy: most
 * objects of an item are written as they are, without being copied.
 */
function sortedCopy(value: unknown, at: PathNode | null, exclude: ReadonlySet<string> | null): unknown {
  if (value === null) return null;
  const type = typeof value;
  if (type === 'function' || type === 'symbol') return null;
  if (type !== 'object') return value;
  if (Array.isArray(value)) {
    const elementAt = at === null ? null : elementNode(at);
    let copy: unknown[] | null = Object.getPrototypeOf(value) === Array.prototype ? null : value.slice();
    for (let i = 0; i < value.length; i++) {
      const element: unknown = value[i];
      const written = sortedCopy(element, elementAt, null);
      if (copy === null && written !== element) copy = value.slice(0, i);
      if (copy !== null) copy[i] = written;
    }
    const elements = copy ?? value;
    return at !== null && at.listed ? sortedByJson(elements) : elements;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  // Array-index keys come first in any object's own keys, so the first key tells whether there are any.
  if (keys.length > 0 && ARRAY_INDEX.test(keys[0] as string)) throw NOT_COPYABLE;
  let inOrder = exclude === null && Object.getPrototypeOf(record) === Object.prototype;
  for (let i = 1; inOrder && i < keys.length; i++) inOrder = (keys[i - 1] as string) < (keys[i] as string);
  if (!inOrder) keys.sort();
  let copy: Record<string, unknown> | null = inOrder ? null : {};
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as string;
    if (k === '__proto__') throw NOT_COPYABLE;
    if (exclude !== null && exclude.has(k)) continue;
    const member = record[k];
    const written =
      member === undefined ? undefined : sortedCopy(member, at === null ? null : memberNode(at, k), null);
    if (copy === null && (member === undefined || written !== member)) {
      copy = {};
      for (let j = 0; j < i; j++) copy[keys[j] as string] = record[keys[j] as string];
    }
    if (copy !== null && member !== undefined) copy[k] = written;
  }
  return copy ?? record;
}

/** The elements ordered by their JSON, as the plain definition sorts its parts (UTF-16 code unit order). */
function sortedByJson(elements: readonly unknown[]): readonly unknown[] {
  if (elements.length < 2) return elements;
  const keyed = elements.map((element) => ({ element, json: JSON.stringify(element) ?? 'null' }));
  keyed.sort((a, b) => (a.json < b.json ? -1 : a.json > b.json ? 1 : 0));
  return keyed.map((k) => k.element);
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

/** The plain writer: builds the string in JavaScript, for the values sortedCopy cannot handle. */
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

function without(
  item: Readonly<Record<string, unknown>>,
  excluded: ReadonlySet<string>,
): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) if (!excluded.has(k)) kept[k] = v;
  return kept;
}

export function sha1(text: string): string {
  return hash('sha1', text, 'hex');
}

const exclusionSets = new WeakMap<HashOptions, ReadonlySet<string>>();
function excludedBy(options: HashOptions): ReadonlySet<string> {
  let excluded = exclusionSets.get(options);
  if (excluded === undefined) {
    excluded = new Set<string>([...ALWAYS_EXCLUDED_FROM_HASH, ...(options.exclude ?? [])]);
    exclusionSets.set(options, excluded);
  }
  return excluded;
}

/** feedHash = sha1(stable JSON of the item without modifiedAt/updatedAt and the feed's own exclusions). */
export function hashFeedItem(item: Readonly<Record<string, unknown>>, options: HashOptions = {}): string {
  const unordered = options.unorderedArrays ?? [];
  return sha1(stableJsonOf(item, unordered, unordered.length > 0 ? '' : null, excludedBy(options)));
}
