import type { CommerceDb } from '@cde/platform/commerce-db';
import type { EavBackendType, EavEntity } from './eav';

/** Magento's Eav Boolean source model: values 0 and 1, labelled "no" and "yes". */
export const BOOLEAN_SOURCE_MODEL = 'Magento\\Eav\\Model\\Entity\\Attribute\\Source\\Boolean';

/** eav_attribute joined with catalog_eav_attribute (NULL columns for entity types without catalog flags). */
export interface AttributeMetadataRow {
  readonly attribute_id: number | string;
  readonly attribute_code: string;
  readonly entity_type_code: string;
  readonly backend_type: string;
  readonly backend_model: string | null;
  readonly frontend_input: string | null;
  readonly frontend_label: string | null;
  readonly source_model: string | null;
  readonly is_required: number | string;
  readonly is_user_defined: number | string;
  readonly is_unique: number | string;
  readonly default_value: string | null;
  readonly is_global: number | string | null;
  readonly is_visible: number | string | null;
  readonly is_searchable: number | string | null;
  readonly is_filterable: number | string | null;
  readonly is_comparable: number | string | null;
  readonly is_visible_on_front: number | string | null;
  readonly is_html_allowed_on_front: number | string | null;
  readonly is_used_for_price_rules: number | string | null;
  readonly is_filterable_in_search: number | string | null;
  readonly used_in_product_listing: number | string | null;
  readonly used_for_sort_by: number | string | null;
  readonly is_visible_in_advanced_search: number | string | null;
  readonly is_used_for_promo_rules: number | string | null;
  readonly search_weight: number | string | null;
  readonly additional_data: string | null;
  readonly position: number | string | null;
}

/** What assemblers need of an attribute, typed. */
export interface AttributeMetadata {
  readonly id: number;
  readonly code: string;
  readonly entityTypeCode: string;
  /** varchar, int, decimal, text, datetime or static (a column of the entity table). */
  readonly backendType: EavBackendType | 'static';
  readonly frontendInput: string | null;
  readonly userDefined: boolean;
  readonly sourceModel: string | null;
  readonly row: AttributeMetadataRow;
}

export function toAttributeMetadata(row: AttributeMetadataRow): AttributeMetadata {
  return {
    id: Number(row.attribute_id),
    code: row.attribute_code,
    entityTypeCode: row.entity_type_code,
    backendType: row.backend_type as AttributeMetadata['backendType'],
    frontendInput: row.frontend_input,
    userDefined: Number(row.is_user_defined) === 1,
    sourceModel: row.source_model,
    row,
  };
}

const ATTRIBUTE_METADATA_SELECT = `SELECT a.attribute_id, a.attribute_code, t.entity_type_code, a.backend_type, a.backend_model,
       a.frontend_input, a.frontend_label, a.source_model, a.is_required, a.is_user_defined, a.is_unique,
       a.default_value, c.is_global, c.is_visible, c.is_searchable, c.is_filterable, c.is_comparable,
       c.is_visible_on_front, c.is_html_allowed_on_front, c.is_used_for_price_rules, c.is_filterable_in_search,
       c.used_in_product_listing, c.used_for_sort_by, c.is_visible_in_advanced_search, c.is_used_for_promo_rules,
       c.search_weight, c.additional_data, c.position
  FROM eav_attribute a
  JOIN eav_entity_type t ON t.entity_type_id = a.entity_type_id
  LEFT JOIN catalog_eav_attribute c ON c.attribute_id = a.attribute_id`;

/** Every attribute of an entity type, by code. A few hundred rows: read per batch, so changes show at once. */
export async function readAttributeMetadata(
  db: CommerceDb,
  entity: EavEntity,
): Promise<Map<string, AttributeMetadata>> {
  const rows = await db.query<AttributeMetadataRow>(
    `${ATTRIBUTE_METADATA_SELECT} WHERE t.entity_type_code = ? ORDER BY a.attribute_id`,
    [entity],
  );
  return new Map(rows.map((r) => [r.attribute_code, toAttributeMetadata(r)]));
}

/** Attribute ids of an entity type by code. System attributes keep their ids for the life of an install. */
export async function readAttributeIds(
  db: CommerceDb,
  entity: EavEntity,
  codes: readonly string[],
): Promise<Map<string, number>> {
  if (codes.length === 0) return new Map();
  const rows = await db.query<{ attribute_code: string; attribute_id: number | string }>(
    `SELECT a.attribute_code, a.attribute_id
       FROM eav_attribute a JOIN eav_entity_type t ON t.entity_type_id = a.entity_type_id
      WHERE t.entity_type_code = ? AND a.attribute_code IN (?)`,
    [entity, codes],
  );
  return new Map(rows.map((r) => [r.attribute_code, Number(r.attribute_id)]));
}
