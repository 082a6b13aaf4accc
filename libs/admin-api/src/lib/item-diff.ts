/** One field of an item, side by side: what the feed state recorded and what the receiver holds. */
export interface FieldDiff {
  readonly path: string;
  readonly state: unknown;
  readonly receiver: unknown;
  readonly same: boolean;
}

export interface ItemDiff {
  /** Fields that differ first, then the ones that agree, each in path order. */
  readonly fields: readonly FieldDiff[];
  readonly differences: number;
}

/** Fields that change on every assembly and say nothing about the item (they are outside its hash too). */
const IGNORED = new Set(['modifiedAt', 'updatedAt']);

function flatten(value: unknown, path: string, out: Map<string, unknown>): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0 && path !== '') out.set(path, {});
    for (const [k, v] of entries) {
      if (path === '' && IGNORED.has(k)) continue;
      flatten(v, path === '' ? k : `${path}.${k}`, out);
    }
    return;
  }
  // Arrays are compared whole: their elements carry no stable key to line them up by.
  out.set(path, value);
}

const json = (v: unknown): string => JSON.stringify(v) ?? 'undefined';

/**
 * Field-by-field comparison of the payload the feed state holds (the minimal payload of an immediate feed, the
 * whole item of a legacy one) with the item the receiver holds. A field only one side has is a difference when
 * the state holds the whole item; with a minimal payload, fields the state does not keep are shown, not counted.
 */
export function diffItem(
  state: Readonly<Record<string, unknown>> | null,
  receiver: Readonly<Record<string, unknown>> | null,
  stateIsWhole: boolean,
): ItemDiff {
  const a = new Map<string, unknown>();
  const b = new Map<string, unknown>();
  if (state) flatten(state, '', a);
  if (receiver) flatten(receiver, '', b);
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort();
  const fields = paths.map((path): FieldDiff => {
    const inState = a.has(path);
    const inReceiver = b.has(path);
    const same =
      inState && inReceiver
        ? json(a.get(path)) === json(b.get(path))
        : !inState && !stateIsWhole && state !== null && receiver !== null;
    return { path, state: a.get(path), receiver: b.get(path), same };
  });
  fields.sort((x, y) => Number(x.same) - Number(y.same) || x.path.localeCompare(y.path));
  return { fields, differences: fields.filter((f) => !f.same).length };
}
