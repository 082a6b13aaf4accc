import type { AttributeMetadata } from '@cde/platform/magento';

/**
 * The EAV attributes behind the item's own fields (the original's ProductEavAttributesProvider list). Other
 * attributes appear only in `attributes[]` when user-defined.
 */
export const PRODUCT_FIELD_ATTRIBUTES = [
  'name',
  'description',
  'short_description',
  'meta_description',
  'meta_keyword',
  'meta_title',
  'image',
  'image_label',
  'small_image',
  'small_image_label',
  'thumbnail',
  'thumbnail_label',
  'swatch_image',
  'status',
  'visibility',
  'tax_class_id',
  'url_key',
  'weight',
  'weight_type',
  'price_view',
  'links_purchased_separately',
  'price_type',
] as const;

/** System attributes the original adds to the user-defined ones in `attributes[]` (ProductAttributeQuery). */
export const SYSTEM_LIST_ATTRIBUTES = ['news_from_date', 'news_to_date'] as const;

/** The attributes whose values a batch reads: item fields, user-defined and system list attributes, the gallery. */
export function productAttributesToRead(attributes: readonly AttributeMetadata[]): AttributeMetadata[] {
  const wanted = new Set<string>([...PRODUCT_FIELD_ATTRIBUTES, ...SYSTEM_LIST_ATTRIBUTES]);
  return attributes.filter((a) => a.backendType !== 'static' && (wanted.has(a.code) || a.userDefined));
}

/** The user-defined (non-static) attributes plus news_from_date/news_to_date, sorted by code: `attributes[]`. */
export function listedAttributes(attributes: readonly AttributeMetadata[]): AttributeMetadata[] {
  const system = new Set<string>(SYSTEM_LIST_ATTRIBUTES);
  return attributes
    .filter((a) => a.backendType !== 'static' && (a.userDefined || system.has(a.code)))
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}
