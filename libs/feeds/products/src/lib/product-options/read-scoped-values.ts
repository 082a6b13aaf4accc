import { queryRows, type CommerceDb, type RowColumns } from '@cde/platform/commerce-db';
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

/** Where the per-scope rows of a product's child records are: an option's titles, a link's prices… */
export interface ScopedChildRows<Row> {
  /** The FROM clause of the records, whose table aliased `p` holds `key` (e.g. `catalog_product_option p`). */
  readonly records: string;
  /** The column holding the product id, qualified (e.g. `p.product_id`). */
  readonly productColumn: string;
  /** The per-scope table (titles, prices), joined on `key`. */
  readonly table: string;
  readonly key: string;
  readonly scope: 'store_id' | 'website_id';
  readonly columns: RowColumns<Row>;
}

/** The rows of `where.table` for the child records of these products, in these scopes (store or website ids). */
export function scopedChildRows<Row>(
  db: CommerceDb,
  where: ScopedChildRows<Row>,
  ids: readonly string[],
  scopeIds: readonly number[],
): Promise<Row[]> {
  const columns = Object.keys(where.columns)
    .map((c) => `c.${c}`)
    .join(', ');
  return queryRows<Row>(
    db,
    `SELECT ${columns} FROM ${where.records} JOIN ${where.table} c ON c.${where.key} = p.${where.key}
      WHERE ${where.productColumn} IN (?) AND c.${where.scope} IN (?)`,
    ids,
    where.columns,
    [scopeIds],
  );
}
