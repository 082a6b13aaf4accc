import type { ChangeEvent } from '@cde/platform/cdc';

/**
 * The values of `column` in the row before and after the change (an update can move a row between entities, a
 * delete only has `before`), as strings, without nulls and zeros (0 is never a real entity id).
 */
export function idsOf(event: ChangeEvent, column: string): string[] {
  const ids = new Set<string>();
  for (const row of [event.before, event.after]) {
    const value = row?.[column];
    if (value !== undefined && value !== null && String(value) !== '0') ids.add(String(value));
  }
  return [...ids];
}

/**
 * True when the update changed nothing but these columns (e.g. `updated_at`), so a feed that does not show
 * them can ignore the event. Inserts and deletes always matter.
 */
export function onlyChanged(event: ChangeEvent, columns: readonly string[]): boolean {
  if (event.op !== 'u' || !event.before || !event.after) return false;
  const changed = Object.keys(event.after).filter((k) => event.before?.[k] !== event.after?.[k]);
  return changed.every((k) => columns.includes(k));
}
