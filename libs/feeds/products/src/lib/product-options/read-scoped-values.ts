import { queryRows, type CommerceDb } from '@cde/platform/commerce-db';
import type { ScopedValueRow } from './product-option-rows';

/** Values of one product attribute for these entities in these stores (0 included), from its typed table. */
export async function scopedValues(
  db: CommerceDb,
  table: 'int' | 'varchar',
  attributeId: number | undefined,
  ids: readonly string[],
  storeIds: readonly number[],
): Promise<ScopedValueRow[]> {
  if (attributeId === undefined || ids.length === 0) return [];
  return queryRows<ScopedValueRow>(
    db,
    `SELECT entity_id, store_id, CAST(value AS CHAR) AS value FROM catalog_product_entity_${table}
      WHERE entity_id IN (?) AND attribute_id = ? AND store_id IN (?)`,
    ids,
    { entity_id: 'text', store_id: 'int', value: 'text?' },
    [attributeId, storeIds],
  );
}
