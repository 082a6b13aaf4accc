import { currentOrLastRow, type ChangeEvent } from './change-event';

/*
 * What a change mapping reads of a change event: the values of a column before and after, whether an update
 * touched some columns, a short description for logs. Columns come as Debezium writes them; ids become strings.
 */

/**
 * The values of `column` in the row before and after the change (an update can move a row between entities, a
 * delete only has `before`), as strings, without nulls and zeros (0 is never a real entity id).
 */
export function idsOf(event: ChangeEvent, column: string): string[] {
  return valuesOf(event, column).filter((value) => value !== '0');
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

/** An update that changed one of these columns (inserts and deletes always count). */
export function changedAny(event: ChangeEvent, columns: readonly string[]): boolean {
  if (event.op !== 'u') return true;
  return columns.some((c) => event.before[c] !== event.after[c]);
}

/** A column of the row (after, or before for a delete) as a string, null when absent. */
export function columnOf(event: ChangeEvent, name: string): string | null {
  const value = currentOrLastRow(event)[name];
  return value === null || value === undefined ? null : String(value);
}

/** Values of a column in the rows before and after, as strings, including 0 and empty ones (codes, paths). */
export function valuesOf(event: ChangeEvent, column: string): string[] {
  const out = new Set<string>();
  for (const row of [event.before, event.after]) {
    const value = row?.[column];
    if (value !== undefined && value !== null) out.add(String(value));
  }
  return [...out];
}

/** The attribute and option ids of an eav_attribute_option row before and after the change, where both are set. */
export function optionsOf(event: ChangeEvent): { attributeId: string; optionId: string }[] {
  const out: { attributeId: string; optionId: string }[] = [];
  for (const row of [event.before, event.after]) {
    const attributeId = row?.['attribute_id'];
    const optionId = row?.['option_id'];
    if (attributeId === undefined || attributeId === null || optionId === undefined || optionId === null)
      continue;
    out.push({ attributeId: String(attributeId), optionId: String(optionId) });
  }
  return out;
}

/** A change in words for a job's reason: `u 2` (the op and the row's first key value). */
export function describe(event: ChangeEvent): string {
  const op = { c: 'insert', u: 'update', d: 'delete', r: 'read' }[event.op];
  const key = Object.values(event.key)[0];
  return key === undefined ? op : `${op} of ${String(key)}`;
}
