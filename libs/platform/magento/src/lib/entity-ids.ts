import type { ResyncIdType } from '@cde/contracts';
import { keyset, queryByIds, type CommerceDb, type KeysetQuery } from '@cde/platform/commerce-db';

/** `--by-ids` values mapped to entity ids, and the values that matched nothing. */
export interface ResolvedIds {
  ids: string[];
  unknown: string[];
}

/** A SKU as the database's collation compares it: case- and accent-insensitive. */
export function skuKey(sku: string): string {
  return sku
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

/** SKU equality as the database's collation sees it (case- and accent-insensitive), for `--by-ids` reports. */
export function sameSku(a: string, b: string): boolean {
  return skuKey(a) === skuKey(b);
}

/** The values that are ids of existing rows of the entity table; the rest (not numeric, or gone) are unknown. */
export async function resolveEntityIds(
  db: CommerceDb,
  table: 'catalog_category_entity' | 'catalog_product_entity',
  values: readonly string[],
): Promise<ResolvedIds> {
  const rows = await queryByIds<{ entity_id: string }>(
    db,
    `SELECT entity_id FROM ${table} WHERE entity_id IN (?) ORDER BY entity_id`,
    values.filter((v) => /^\d+$/.test(v)),
  );
  const found = new Set(rows.map((r) => String(r.entity_id)));
  return { ids: [...found], unknown: values.filter((v) => !found.has(v)) };
}

/** Categories by entity id, whatever the id type: they have no code of their own. */
export function resolveCategoryIds(db: CommerceDb, values: readonly string[]): Promise<ResolvedIds> {
  return resolveEntityIds(db, 'catalog_category_entity', values);
}

/** Products by SKU (the default id type) or by product id; SKUs match as the collation does. */
export async function resolveProductIds(
  db: CommerceDb,
  values: readonly string[],
  idType: ResyncIdType,
): Promise<ResolvedIds> {
  if (idType !== 'sku') return resolveEntityIds(db, 'catalog_product_entity', values);
  const rows = await queryByIds<{ entity_id: string; sku: string }>(
    db,
    'SELECT entity_id, sku FROM catalog_product_entity WHERE sku IN (?) ORDER BY entity_id',
    values,
  );
  // A set of collation keys, not a scan per value: `--by-ids` may name thousands of SKUs.
  const found = new Set(rows.map((r) => skuKey(r.sku)));
  return {
    ids: [...new Set(rows.map((r) => String(r.entity_id)))],
    unknown: values.filter((v) => !found.has(skuKey(v))),
  };
}

/** Every product id, ascending: the keyset over catalog_product_entity. */
export const PRODUCT_IDS: KeysetQuery = keyset(
  'SELECT entity_id AS id FROM catalog_product_entity WHERE entity_id > ? ORDER BY entity_id LIMIT ?',
);

/** Every category id, ascending: the keyset over catalog_category_entity. */
export const CATEGORY_IDS: KeysetQuery = keyset(
  'SELECT entity_id AS id FROM catalog_category_entity WHERE entity_id > ? ORDER BY entity_id LIMIT ?',
);
