import type { CommerceDb } from '@cde/platform/commerce-db';
import { IN_CHUNK } from './sql';

/** EAV entities the catalog feeds read: products and categories (Open Source layout, keyed by entity_id). */
export type EavEntity = 'catalog_product' | 'catalog_category';

export const EAV_BACKEND_TYPES = ['varchar', 'int', 'decimal', 'text', 'datetime'] as const;
export type EavBackendType = (typeof EAV_BACKEND_TYPES)[number];

/** One value row of `<entity>_entity_<type>`; values come as strings (decimals and dates stay exact). */
export interface EavValueRow {
  readonly entity_id: string;
  readonly attribute_id: number;
  readonly store_id: number;
  readonly value: string | null;
}

/**
 * Reads every value of these entities from the five typed value tables, for the given store ids (include 0, the
 * default scope). `attributeIds` narrows the read when the caller needs a few attributes only.
 */
export async function readEavValues(
  db: CommerceDb,
  entity: EavEntity,
  ids: readonly string[],
  storeIds: readonly number[],
  attributeIds?: readonly number[],
): Promise<EavValueRow[]> {
  if (ids.length === 0 || storeIds.length === 0) return [];
  const narrow = attributeIds ? ' AND attribute_id IN (?)' : '';
  if (attributeIds && attributeIds.length === 0) return [];
  const union = EAV_BACKEND_TYPES.map(
    (type) =>
      `SELECT entity_id, attribute_id, store_id, CAST(value AS CHAR) AS value FROM ${entity}_entity_${type}` +
      ` WHERE entity_id IN (?) AND store_id IN (?)${narrow}`,
  ).join(' UNION ALL ');
  // The union repeats its placeholders per table.
  const rows: EavValueRow[] = [];
  for (const chunk of chunks(ids)) {
    const params = EAV_BACKEND_TYPES.flatMap(() =>
      attributeIds ? [chunk, storeIds, attributeIds] : [chunk, storeIds],
    );
    rows.push(...(await db.query<EavValueRow>(union, params)));
  }
  return rows.map((r) => ({
    ...r,
    entity_id: String(r.entity_id),
    attribute_id: Number(r.attribute_id),
    store_id: Number(r.store_id),
  }));
}

function chunks(ids: readonly string[]): string[][] {
  const unique = [...new Set(ids)];
  const out: string[][] = [];
  for (let i = 0; i < unique.length; i += IN_CHUNK) out.push(unique.slice(i, i + IN_CHUNK));
  return out;
}

/**
 * EAV values of a batch of entities, resolved the way Magento's storefront does: the store view's own row, else
 * the default (store 0) row. Website-scoped attributes need nothing more: Magento writes them to every store
 * view of the website. A row whose value is NULL is still a value (an explicit blank), not a fall-through.
 */
export class EavValues {
  private readonly byKey = new Map<string, string | null>();

  constructor(rows: readonly EavValueRow[]) {
    for (const r of rows) this.byKey.set(`${r.entity_id}/${r.attribute_id}/${r.store_id}`, r.value);
  }

  /** The value in the store view, its default, or undefined when neither row exists. */
  get(entityId: string, attributeId: number | undefined, storeId: number): string | null | undefined {
    if (attributeId === undefined) return undefined;
    const own = this.byKey.get(`${entityId}/${attributeId}/${storeId}`);
    if (own !== undefined || storeId === 0) return own;
    return this.byKey.get(`${entityId}/${attributeId}/0`);
  }

  /** The value when it is set and not blank, as the original's formatter drops empty strings. */
  text(entityId: string, attributeId: number | undefined, storeId: number): string | undefined {
    const value = this.get(entityId, attributeId, storeId);
    return value === null || value === undefined || value === '' ? undefined : value;
  }
}
