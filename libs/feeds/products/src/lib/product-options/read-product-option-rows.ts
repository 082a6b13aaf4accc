import type { CommerceDb } from '@cde/platform/commerce-db';
import {
  readAttributeIds,
  readConfigRows,
  readDefaultStoreId,
  STORE_URL_PATHS,
  StoreConfig,
  type ConfigRow,
  type StoreView,
} from '@cde/platform/magento';
import type { ProductOptionRowSet, ProductRef } from './product-option-rows';
import { readBundle } from './read-bundle-rows';
import { readConfigurable } from './read-configurable-rows';
import { readCustomOptions } from './read-custom-option-rows';
import { readDownloadable } from './read-downloadable-rows';
import { readLinks } from './read-product-link-rows';

/**
 * What the products reader has already read for the batch (once per sync wave): the option part takes it instead
 * of reading the same config rows, attribute ids and default store view again per batch.
 */
export interface ProductBatchContext {
  readonly config: readonly ConfigRow[];
  /** catalog_product attribute ids by code. */
  readonly attributeIds: ReadonlyMap<string, number>;
  readonly defaultStoreId: number | null;
}

/** Reads every row the option fields of these products need in these store views (a fixed number of queries). */
export async function readProductOptionRowSet(
  db: CommerceDb,
  products: readonly ProductRef[],
  storeViews: readonly StoreView[],
  batch?: ProductBatchContext,
): Promise<ProductOptionRowSet> {
  const ids = [...new Set(products.map((p) => p.entityId))];
  const ofType = (type: string): string[] => [
    ...new Set(products.filter((p) => p.typeId === type).map((p) => p.entityId)),
  ];
  const storeIds = [0, ...new Set(storeViews.map((v) => v.storeId))];
  const websiteIds = [0, ...new Set(storeViews.map((v) => v.websiteId))];
  const [attributeIds, configRows, defaultStore] = await Promise.all([
    batch?.attributeIds ?? readAttributeIds(db, 'catalog_product', ['status', 'name', 'links_title']),
    batch?.config ?? readConfigRows(db, STORE_URL_PATHS),
    batch ? batch.defaultStoreId : readDefaultStoreId(db),
  ]);
  const config = new StoreConfig(configRows);
  const [configurable, custom, downloadable, bundle, links] = await Promise.all([
    readConfigurable(db, ofType('configurable'), storeIds, attributeIds.get('status')),
    readCustomOptions(db, ids, storeIds),
    readDownloadable(db, ids, ofType('downloadable'), storeIds, websiteIds, attributeIds.get('links_title')),
    readBundle(db, ids, storeIds, websiteIds, attributeIds.get('name')),
    readLinks(db, ids),
  ]);
  return {
    storeUrls: storeViews.map((v) => ({ store_id: v.storeId, ...config.urls(v) })),
    defaultStoreId: defaultStore,
    ...configurable,
    ...custom,
    ...downloadable,
    ...bundle,
    ...links,
  };
}
