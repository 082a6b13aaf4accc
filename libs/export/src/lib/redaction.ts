import { FEED_NAMES, type FeedItemPayload, type FeedName } from '@cde/contracts';

/** Per feed, the dotted paths of fields removed from items before they are sent (and before payload logs). */
export type RedactionRules = Readonly<Partial<Record<FeedName, readonly (readonly string[])[]>>>;

/**
 * Parses `products:description,orders:customerEmail,orders:items.sku`: `<feed>:<dotted path>` entries, feed names
 * case-insensitive. Throws on an unknown feed or an empty path, so a typo fails the boot instead of leaking data.
 */
export function parseRedactionRules(text: string): RedactionRules {
  const rules: Partial<Record<FeedName, (readonly string[])[]>> = {};
  for (const entry of text
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const colon = entry.indexOf(':');
    const name = colon < 0 ? '' : entry.slice(0, colon).trim();
    const feed = FEED_NAMES.find((f) => f.toLowerCase() === name.toLowerCase());
    const path = (colon < 0 ? '' : entry.slice(colon + 1)).split('.').map((s) => s.trim());
    if (feed === undefined || path.some((segment) => segment === '')) {
      throw new Error(`"${entry}" is not <feed>:<field>[.<field>…] with a known feed`);
    }
    (rules[feed] ??= []).push(path);
  }
  return rules;
}

/**
 * The item without the fields the rules name. Copies only along the redacted paths, so the input is never
 * changed; arrays on the way are descended element by element (`items.sku` removes every item's sku).
 */
export function redactItem(item: FeedItemPayload, paths: readonly (readonly string[])[]): FeedItemPayload {
  let out: unknown = item;
  for (const path of paths) out = without(out, path);
  return out as FeedItemPayload;
}

function without(value: unknown, path: readonly string[]): unknown {
  if (Array.isArray(value)) {
    let changed = false;
    const mapped = value.map((element: unknown) => {
      const next = without(element, path);
      changed ||= next !== element;
      return next;
    });
    return changed ? mapped : value;
  }
  if (typeof value !== 'object' || value === null) return value;
  const [head, ...rest] = path;
  if (head === undefined || !Object.prototype.hasOwnProperty.call(value, head)) return value;
  const record = value as Record<string, unknown>;
  if (rest.length === 0) {
    const { [head]: _removed, ...kept } = record;
    return kept;
  }
  const child = without(record[head], rest);
  return child === record[head] ? value : { ...record, [head]: child };
}
