import type { ProductAttributeValue, ProductOption, ProductSample } from '@cde/contracts';
import { BOOLEAN_SOURCE_MODEL, type AttributeMetadata, type StoreView } from '@cde/platform/magento';
import { inventoryJson } from './assemble-product-stock';
import type { BatchIndex } from './product-batch-index';
import type { ProductEntityRow } from './product-rows';

/**
 * attributes[]: every user-defined attribute (and news_from_date/news_to_date) with a value in the store view or
 * the default, by code; option ids become labels (store view's, else admin's, else the id; multiselect split on
 * commas; Eav Boolean source "no"/"yes"); a NULL value leaves `value` out. Then the system attributes the
 * original's plugins append: ac_downloadable (downloadable products), ac_attribute_set, ac_tax_class, ac_inventory.
 */
export function attributesOf(
  index: BatchIndex,
  product: ProductEntityRow,
  view: StoreView,
  taxClass: string,
  downloadable: {
    readonly linksPurchasedSeparately: boolean | undefined;
    readonly samples: readonly ProductSample[] | null | undefined;
    readonly optionsV2: readonly ProductOption[] | null | undefined;
  },
): ProductAttributeValue[] {
  const id = String(product.entity_id);
  const out: ProductAttributeValue[] = [];
  for (const attribute of index.listed) {
    const value = index.values.get(id, attribute.id, view.storeId);
    if (value === undefined) continue;
    if (value === null) {
      out.push({ attributeCode: attribute.code });
      continue;
    }
    out.push({
      attributeCode: attribute.code,
      value: attributeLabels(index, attribute, value, view.storeId),
    });
  }
  if (product.type_id === 'downloadable') {
    out.push({ attributeCode: 'ac_downloadable', value: [downloadableJson(downloadable)] });
  }
  const setName = index.attributeSets.get(String(product.attribute_set_id));
  out.push({
    attributeCode: 'ac_attribute_set',
    value: setName === undefined || setName === null ? null : [setName],
  });
  out.push({ attributeCode: 'ac_tax_class', value: [taxClass] });
  const inventory = inventoryJson(index, product, view);
  if (inventory !== null) out.push({ attributeCode: 'ac_inventory', value: [inventory] });
  return out;
}

function attributeLabels(
  index: BatchIndex,
  attribute: AttributeMetadata,
  value: string,
  storeId: number,
): string[] {
  const isBoolean = attribute.sourceModel === BOOLEAN_SOURCE_MODEL;
  if (!isBoolean && !index.optionAttributes.has(attribute.id)) return [value];
  return value.split(',').map((optionId) => {
    if (isBoolean) return optionId === '0' ? 'no' : optionId === '1' ? 'yes' : optionId;
    return index.optionLabel(optionId, storeId) ?? optionId;
  });
}

/** ac_downloadable (DownloadableAsAttribute): purchase_separately, samples and links as one JSON text. */
function downloadableJson(product: {
  readonly linksPurchasedSeparately: boolean | undefined;
  readonly samples: readonly ProductSample[] | null | undefined;
  readonly optionsV2: readonly ProductOption[] | null | undefined;
}): string {
  const bySortOrder = <T extends { readonly sortOrder?: string | number | null }>(list: readonly T[]): T[] =>
    [...list].sort((a, b) => Number(a.sortOrder ?? 0) - Number(b.sortOrder ?? 0));
  const samples = bySortOrder(product.samples ?? []).map((s) => ({
    label: s.resource.label ?? null,
    url: s.resource.url,
  }));
  const links = (product.optionsV2 ?? [])
    .filter((o) => o.type === 'downloadable')
    .flatMap((o) =>
      bySortOrder(o.values ?? []).map((v, n) => ({
        uid: v.id,
        label: v.label ?? `Link ${n}`,
        price: v.price ?? 0,
        number_of_downloads: v.qty ?? 0,
        sample_url: v.infoUrl ?? null,
      })),
    );
  return JSON.stringify({ purchase_separately: product.linksPurchasedSeparately ?? false, samples, links });
}
