/*
 * The option-related fields of the `products` feed item (optionsV2, shopperInputOptions, samples, links,
 * parents): read for a batch, assembled per product and store view, and their change mapping. What the products
 * folder uses of them, and nothing more.
 */
import type { CommerceDb } from '@cde/platform/commerce-db';
import type { StoreView } from '@cde/platform/magento';
import { indexProductOptionRows, type ProductOptionRows, type ProductRef } from './product-option-rows';
import { readProductOptionRowSet, type ProductBatchContext } from './read-product-option-rows';

export { assembleProductOptionFields, type ProductOptionFields } from './assemble-product-options';
export { PRODUCT_OPTION_SOURCES, ProductOptionChanges } from './product-option-sources';
export type { ProductOptionRows, ProductRef } from './product-option-rows';

/** Reads the option rows of a batch of products for these store views, indexed for `assembleProductOptionFields`. */
export async function readProductOptionRows(
  db: CommerceDb,
  products: readonly ProductRef[],
  storeViews: readonly StoreView[],
  batch?: ProductBatchContext,
): Promise<ProductOptionRows> {
  return indexProductOptionRows(await readProductOptionRowSet(db, products, storeViews, batch));
}
