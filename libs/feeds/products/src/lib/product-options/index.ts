/*
 * The option-related fields of the `products` feed item (optionsV2, shopperInputOptions, samples, links,
 * parents): read for a batch, assembled per product and store view, and their change mapping.
 */
import type { CommerceDb } from '@cde/platform/commerce-db';
import type { StoreView } from '@cde/platform/magento';
import { indexProductOptionRows, type ProductOptionRows } from './product-option-rows';
import {
  readProductOptionRowSet,
  type ProductBatchContext,
  type ProductRef,
} from './read-product-option-rows';

export {
  assembleProductOptionFields,
  SELECTABLE_CUSTOM_OPTION_TYPES,
  SHOPPER_INPUT_OPTION_TYPES,
  type ProductOptionFields,
} from './assemble-product-options';
export {
  bundleSelectionUid,
  configurableValueUid,
  customOptionUid,
  customOptionValueUid,
  downloadableLinkUid,
} from './option-uids';
export { PRODUCT_OPTION_SOURCES, ProductOptionChanges } from './product-option-sources';
export {
  indexProductOptionRows,
  type ProductOptionRows,
  type ProductOptionRowSet,
} from './product-option-rows';
export {
  GROUPED_LINK_TYPE,
  PRODUCT_LINK_TYPES,
  type ProductBatchContext,
  type ProductRef,
} from './read-product-option-rows';

/** Reads the option rows of a batch of products for these store views, indexed for `assembleProductOptionFields`. */
export async function readProductOptionRows(
  db: CommerceDb,
  products: readonly ProductRef[],
  storeViews: readonly StoreView[],
  batch?: ProductBatchContext,
): Promise<ProductOptionRows> {
  return indexProductOptionRows(await readProductOptionRowSet(db, products, storeViews, batch));
}
