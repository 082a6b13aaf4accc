import type { Connection, RowDataPacket } from 'mysql2/promise';

/**
 * The products items the Commerce DB implies, with plain SQL and independently of the feed's assembler: one per
 * product × store view of a website that has the product, with its name resolved store view → default.
 */
export async function expectedProductNames(db: Connection): Promise<Map<string, string | null>> {
  const [rows] = await db.query<RowDataPacket[]>(
    `SELECT e.sku, s.code AS store_view_code,
            IF(sv.value_id IS NULL, d.value, sv.value) AS name
       FROM catalog_product_entity e
       JOIN catalog_product_website pw ON pw.product_id = e.entity_id
       JOIN store s ON s.website_id = pw.website_id AND s.store_id > 0
       JOIN eav_attribute a ON a.attribute_code = 'name'
        AND a.entity_type_id = (SELECT entity_type_id FROM eav_entity_type WHERE entity_type_code = 'catalog_product')
       LEFT JOIN catalog_product_entity_varchar d
         ON d.entity_id = e.entity_id AND d.attribute_id = a.attribute_id AND d.store_id = 0
       LEFT JOIN catalog_product_entity_varchar sv
         ON sv.entity_id = e.entity_id AND sv.attribute_id = a.attribute_id AND sv.store_id = s.store_id`,
  );
  return new Map(
    rows.map((r) => [productKey(String(r['sku']), String(r['store_view_code'])), r['name'] as string | null]),
  );
}

export function productKey(sku: string, storeViewCode: string): string {
  return `${sku}\u0000${storeViewCode}`;
}

/** The names of the live products items a receiver holds, keyed as {@link expectedProductNames} keys them. */
export function receivedProductNames(items: readonly Record<string, unknown>[]): Map<string, unknown> {
  return new Map(
    items
      .filter((i) => i['deleted'] !== true)
      .map((i) => [productKey(String(i['sku']), String(i['storeViewCode'])), i['name']]),
  );
}
