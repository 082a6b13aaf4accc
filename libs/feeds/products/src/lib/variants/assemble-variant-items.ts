import type { ProductVariantFeedItem, ProductVariantOptionValue } from '@cde/contracts';
import { createHash } from 'node:crypto';

/** A variant as the reader assembles it; the engine adds modifiedAt and deleted. */
export type AssembledVariant = Omit<ProductVariantFeedItem, 'modifiedAt' | 'deleted'>;

/** One catalog_product_super_link row whose parent and child both exist, with their SKUs. */
export interface VariantLinkRow {
  readonly child_id: number | string;
  readonly child_sku: string;
  readonly parent_id: number | string;
  readonly parent_sku: string;
}

/** One catalog_product_super_attribute row of a parent, with the attribute's code. */
export interface SuperAttributeRow {
  readonly parent_id: number | string;
  readonly attribute_id: number | string;
  readonly attribute_code: string;
  readonly position: number | string;
  readonly product_super_attribute_id: number | string;
}

/** A child's default-scope (store 0) value of an int attribute: the option id it has. */
export interface ChildOptionRow {
  readonly entity_id: number | string;
  readonly attribute_id: number | string;
  readonly value: number | string | null;
}

/** The admin (store 0) label of an attribute option. */
export interface OptionLabelRow {
  readonly option_id: number | string;
  readonly value: string | null;
}

/** The original's variant type prefix, in both the variant id and the option value uid. */
const CONFIGURABLE = 'configurable';

/** md5("configurable/<parentSku>/<childSku>"), the original's ConfigurableId. */
export function variantId(parentSku: string, childSku: string): string {
  return createHash('md5').update(`${CONFIGURABLE}/${parentSku}/${childSku}`, 'utf8').digest('hex');
}

/** base64("configurable/<attributeId>/<optionValueId>"), the original's ConfigurableOptionValueUid. */
export function optionValueUid(attributeId: string, optionValueId: string): string {
  return Buffer.from(`${CONFIGURABLE}/${attributeId}/${optionValueId}`, 'utf8').toString('base64');
}

export interface VariantRows {
  readonly links: readonly VariantLinkRow[];
  readonly superAttributes: readonly SuperAttributeRow[];
  readonly childOptions: readonly ChildOptionRow[];
  readonly labels: readonly OptionLabelRow[];
}

/**
 * The variants of these links: one item per parent × child, with one option value per super attribute of the
 * parent that the child has a value for, in the parent's super attribute order (position, then the order the
 * attributes were added). A link without any value gives no item, as in the original (its query joins the
 * child's values). Labels are the admin (store 0) option labels: the original joins option labels without a store
 * filter, which repeats an option once per store-view label; one option value per attribute is what it means.
 */
export function assembleVariantItems(rows: VariantRows): { childId: string; item: AssembledVariant }[] {
  const attributesOf = new Map<string, SuperAttributeRow[]>();
  for (const a of rows.superAttributes) {
    const key = String(a.parent_id);
    const list = attributesOf.get(key) ?? [];
    list.push(a);
    attributesOf.set(key, list);
  }
  for (const list of attributesOf.values())
    list.sort(
      (x, y) =>
        Number(x.position) - Number(y.position) ||
        Number(x.product_super_attribute_id) - Number(y.product_super_attribute_id),
    );
  const optionOf = new Map<string, string>();
  for (const v of rows.childOptions)
    if (v.value !== null) optionOf.set(`${String(v.entity_id)}/${String(v.attribute_id)}`, String(v.value));
  const labelOf = new Map<string, string | null>();
  for (const l of rows.labels)
    if (!labelOf.has(String(l.option_id))) labelOf.set(String(l.option_id), l.value);

  const out: { childId: string; item: AssembledVariant }[] = [];
  for (const link of rows.links) {
    const childId = String(link.child_id);
    const optionValues: ProductVariantOptionValue[] = [];
    for (const attribute of attributesOf.get(String(link.parent_id)) ?? []) {
      const attributeId = String(attribute.attribute_id);
      const optionId = optionOf.get(`${childId}/${attributeId}`);
      if (optionId === undefined) continue;
      optionValues.push({
        attributeCode: attribute.attribute_code,
        uid: optionValueUid(attributeId, optionId),
        label: labelOf.get(optionId) ?? null,
        valueIndex: optionId,
      });
    }
    if (optionValues.length === 0) continue;
    out.push({
      childId,
      item: {
        id: variantId(link.parent_sku, link.child_sku),
        optionValues,
        parentId: String(link.parent_id),
        productId: childId,
        parentSku: link.parent_sku,
        productSku: link.child_sku,
      },
    });
  }
  return out;
}
