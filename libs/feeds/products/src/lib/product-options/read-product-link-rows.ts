import { queryRows, type CommerceDb } from '@cde/platform/commerce-db';
import {
  GROUPED_LINK_TYPE,
  PRODUCT_LINK_TYPES,
  type GroupedLinkRow,
  type ParentRow,
  type ProductLinkRow,
  type ProductOptionRowSet,
} from './product-option-rows';

export async function readLinks(
  db: CommerceDb,
  ids: readonly string[],
): Promise<Pick<ProductOptionRowSet, 'productLinks' | 'groupedLinks' | 'parents'>> {
  const [productLinks, groupedLinks, parents] = await Promise.all([
    // A link counts on a website only when both products are on it.
    queryRows<ProductLinkRow>(
      db,
      `SELECT l.product_id, l.linked_product_id, l.link_type_id, cpe.sku, pw.website_id
         FROM catalog_product_link l
         JOIN catalog_product_entity cpe ON cpe.entity_id = l.linked_product_id
         JOIN catalog_product_website pw ON pw.product_id = l.product_id
         JOIN catalog_product_website lw ON lw.product_id = l.linked_product_id AND lw.website_id = pw.website_id
        WHERE l.product_id IN (?) AND l.link_type_id IN (?)`,
      ids,
      { product_id: 'text', linked_product_id: 'text', link_type_id: 'int', sku: 'text', website_id: 'int' },
      [[...PRODUCT_LINK_TYPES.keys()]],
    ),
    queryRows<GroupedLinkRow>(
      db,
      `SELECT l.link_id, l.product_id, l.linked_product_id, cpe.sku, pw.website_id, pos.value AS position,
              qty.value AS qty
         FROM catalog_product_link l
         JOIN catalog_product_entity cpe ON cpe.entity_id = l.linked_product_id
         JOIN catalog_product_website pw ON pw.product_id = l.product_id
         JOIN catalog_product_website lw ON lw.product_id = l.linked_product_id AND lw.website_id = pw.website_id
         LEFT JOIN catalog_product_link_attribute pa
           ON pa.link_type_id = l.link_type_id AND pa.product_link_attribute_code = 'position'
         LEFT JOIN catalog_product_link_attribute_int pos
           ON pos.link_id = l.link_id AND pos.product_link_attribute_id = pa.product_link_attribute_id
         LEFT JOIN catalog_product_link_attribute qa
           ON qa.link_type_id = l.link_type_id AND qa.product_link_attribute_code = 'qty'
         LEFT JOIN catalog_product_link_attribute_decimal qty
           ON qty.link_id = l.link_id AND qty.product_link_attribute_id = qa.product_link_attribute_id
        WHERE l.product_id IN (?) AND l.link_type_id = ${GROUPED_LINK_TYPE}
        ORDER BY l.product_id, l.link_id`,
      ids,
      {
        link_id: 'text',
        product_id: 'text',
        linked_product_id: 'text',
        sku: 'text',
        website_id: 'int',
        position: 'int?',
        qty: 'text?',
      },
    ),
    // A bundle's fixed price shows in its children's `parents[]` as the type `bundle_fixed`.
    queryRows<ParentRow>(
      db,
      `SELECT r.child_id, r.parent_id, p.sku, p.type_id, pt.value AS price_type, cw.website_id
         FROM catalog_product_relation r
         JOIN catalog_product_entity p ON p.entity_id = r.parent_id
         JOIN catalog_product_website cw ON cw.product_id = r.child_id
         JOIN catalog_product_website pw ON pw.product_id = r.parent_id AND pw.website_id = cw.website_id
         LEFT JOIN catalog_product_entity_int pt
           ON pt.entity_id = r.parent_id AND pt.store_id = 0 AND pt.attribute_id = (
                SELECT a.attribute_id FROM eav_attribute a
                  JOIN eav_entity_type t ON t.entity_type_id = a.entity_type_id
                 WHERE t.entity_type_code = 'catalog_product' AND a.attribute_code = 'price_type')
        WHERE r.child_id IN (?)`,
      ids,
      {
        child_id: 'text',
        parent_id: 'text',
        sku: 'text',
        type_id: 'text',
        price_type: 'int?',
        website_id: 'int',
      },
    ),
  ]);
  return { productLinks, groupedLinks, parents };
}
