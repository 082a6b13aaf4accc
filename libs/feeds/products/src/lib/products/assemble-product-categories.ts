import type { ProductCategoryData } from '@cde/contracts';
import type { StoreView } from '@cde/platform/magento';
import type { BatchIndex } from './product-batch-index';
import type { ProductEntityRow } from './product-rows';

/**
 * categoryData as the original reads it from Magento's category/product index: the product's categories under the
 * store view's root (level > 1) that are active there, for a product enabled and visible there; categoryPath is
 * the url keys below the root (store view's, else default), a category without any is left out. Not emulated: the
 * index's anchor rows (a product listed in the anchor ancestors of its categories, position + 10000).
 */
export function categoryDataOf(
  index: BatchIndex,
  product: ProductEntityRow,
  view: StoreView,
  displayable: boolean,
): ProductCategoryData[] | null {
  if (!displayable) return null;
  const rows = index.categoriesOf.get(String(product.entity_id)) ?? [];
  const value = (categoryId: string, attributeId: number | undefined): string | null | undefined =>
    index.categoryValues.get(categoryId, attributeId, view.storeId) ??
    index.categoryValues.get(categoryId, attributeId, 0);
  const out: ProductCategoryData[] = [];
  for (const row of rows) {
    const ids = row.path.split('/');
    if (ids[1] !== String(view.rootCategoryId) || ids.length < 3) continue;
    if (value(String(row.category_id), index.categoryAttribute.isActive) !== '1') continue;
    const keys = ids
      .slice(2)
      .map((c) => value(c, index.categoryAttribute.urlKey))
      .filter((k): k is string => k !== null && k !== undefined);
    const categoryPath = keys.join('/');
    if (categoryPath === '') continue;
    out.push({ categoryId: String(row.category_id), categoryPath, productPosition: Number(row.position) });
  }
  out.sort((a, b) => Number(a.categoryId) - Number(b.categoryId));
  return out.length > 0 ? out : null;
}
