import { queryRows, type CommerceDb } from '@cde/platform/commerce-db';
import type {
  AttributeLabelRow,
  AttributeOptionRow,
  AttributeOptionValueRow,
  ChildAttributeValueRow,
  ProductOptionRowSet,
  SuperAttributeRow,
  SwatchRow,
} from './product-option-rows';
import { scopedValues } from './read-scoped-values';

/** The rows of configurable products: their super attributes, and the options their children have. */
export async function readConfigurable(
  db: CommerceDb,
  ids: readonly string[],
  storeIds: readonly number[],
  statusAttributeId: number | undefined,
): Promise<
  Pick<
    ProductOptionRowSet,
    | 'superAttributes'
    | 'attributeLabels'
    | 'childAttributeValues'
    | 'childStatuses'
    | 'attributeOptions'
    | 'attributeOptionValues'
    | 'swatches'
  >
> {
  const [superAttributes, childAttributeValues] = await Promise.all([
    readSuperAttributes(db, ids),
    readChildAttributeValues(db, ids),
  ]);
  const attributeIds = [...new Set(superAttributes.map((r) => r.attribute_id))];
  const childIds = [...new Set(childAttributeValues.map((r) => r.child_id))];
  const optionIds = [...new Set(childAttributeValues.flatMap((r) => (r.value === null ? [] : [r.value])))];
  const [attributeLabels, childStatuses, options] = await Promise.all([
    readAttributeLabels(db, attributeIds, storeIds),
    scopedValues(db, 'int', statusAttributeId, childIds, storeIds),
    readAttributeOptions(db, optionIds, storeIds),
  ]);
  return { superAttributes, attributeLabels, childAttributeValues, childStatuses, ...options };
}

/** `catalog_product_super_attribute` of these parents, with the attribute's code, label and swatch settings. */
async function readSuperAttributes(db: CommerceDb, ids: readonly string[]): Promise<SuperAttributeRow[]> {
  return queryRows<SuperAttributeRow>(
    db,
    `SELECT psa.product_id, psa.product_super_attribute_id, psa.attribute_id, psa.position, ea.attribute_code,
              ea.frontend_label, cea.additional_data
         FROM catalog_product_super_attribute psa
         JOIN eav_attribute ea ON ea.attribute_id = psa.attribute_id
         JOIN catalog_eav_attribute cea ON cea.attribute_id = psa.attribute_id
        WHERE psa.product_id IN (?)
        ORDER BY psa.product_id, psa.position, psa.product_super_attribute_id`,
    ids,
    {
      product_id: 'text',
      product_super_attribute_id: 'text',
      attribute_id: 'text',
      position: 'int',
      attribute_code: 'text',
      frontend_label: 'text?',
      additional_data: 'text?',
    },
  );
}

/** Each super attribute's labels per store (`eav_attribute_label`). */
async function readAttributeLabels(
  db: CommerceDb,
  attributeIds: readonly string[],
  storeIds: readonly number[],
): Promise<AttributeLabelRow[]> {
  return queryRows<AttributeLabelRow>(
    db,
    'SELECT attribute_id, store_id, value FROM eav_attribute_label WHERE attribute_id IN (?) AND store_id IN (?)',
    attributeIds,
    { attribute_id: 'text', store_id: 'int', value: 'text?' },
    [storeIds],
  );
}

/** The option each child has for each super attribute of its parent (the original reads store 0 only). */
async function readChildAttributeValues(
  db: CommerceDb,
  ids: readonly string[],
): Promise<ChildAttributeValueRow[]> {
  return queryRows<ChildAttributeValueRow>(
    db,
    `SELECT psl.parent_id, psl.product_id AS child_id, psa.attribute_id, cpi.value
         FROM catalog_product_super_link psl
         JOIN catalog_product_super_attribute psa ON psa.product_id = psl.parent_id
         JOIN catalog_product_entity cpc ON cpc.entity_id = psl.product_id
         JOIN catalog_product_entity_int cpi
           ON cpi.entity_id = psl.product_id AND cpi.store_id = 0 AND cpi.attribute_id = psa.attribute_id
        WHERE psl.parent_id IN (?)
        ORDER BY psl.parent_id, psl.product_id, psa.attribute_id`,
    ids,
    { parent_id: 'text', child_id: 'text', attribute_id: 'text', value: 'text?' },
  );
}

/** The children's options: sort order, labels per store and swatches. */
async function readAttributeOptions(
  db: CommerceDb,
  optionIds: readonly string[],
  storeIds: readonly number[],
): Promise<Pick<ProductOptionRowSet, 'attributeOptions' | 'attributeOptionValues' | 'swatches'>> {
  const [attributeOptions, attributeOptionValues, swatches] = await Promise.all([
    queryRows<AttributeOptionRow>(
      db,
      'SELECT option_id, attribute_id, sort_order FROM eav_attribute_option WHERE option_id IN (?)',
      optionIds,
      { option_id: 'text', attribute_id: 'text', sort_order: 'int' },
    ),
    queryRows<AttributeOptionValueRow>(
      db,
      'SELECT option_id, store_id, value FROM eav_attribute_option_value WHERE option_id IN (?) AND store_id IN (?)',
      optionIds,
      { option_id: 'text', store_id: 'int', value: 'text?' },
      [storeIds],
    ),
    queryRows<SwatchRow>(
      db,
      'SELECT option_id, store_id, type, value FROM eav_attribute_option_swatch WHERE option_id IN (?) AND store_id IN (?)',
      optionIds,
      { option_id: 'text', store_id: 'int', type: 'int', value: 'text?' },
      [storeIds],
    ),
  ]);
  return { attributeOptions, attributeOptionValues, swatches };
}
