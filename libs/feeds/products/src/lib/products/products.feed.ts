import { PRODUCT_MINIMAL_PAYLOAD } from '@cde/contracts';
import type { FeedDeclaration, FeedDefinition } from '@cde/feed-engine';
import type { CommerceDb } from '@cde/platform/commerce-db';
import { PRODUCT_OPTION_TABLES, productOptionSources } from '../product-options';
import type { AssembledProduct } from './assemble-product-items';
import { ProductReader } from './product.reader';
import { PRODUCT_TABLES, productSources } from './product-sources';

/**
 * Arrays of the item whose order carries no meaning (sets, or lists with their own sort order field): sorted
 * before hashing, so a different read order is not a change.
 */
export const PRODUCT_UNORDERED_ARRAYS = [
  'attributes',
  'attributes[].value',
  'attributes[].valueId',
  'categories',
  'categoryIds',
  'categoryData',
  'images',
  'images[].resource.roles',
  'videos',
  'videos[].preview.roles',
  'media_gallery',
  'media_gallery[].types',
  'urlRewrites',
  'optionsV2',
  'optionsV2[].values',
  'shopperInputOptions',
  'samples',
  'links',
  'variants',
  'parents',
] as const;

/** products: one item per product × store view of the websites it is assigned to. */
export function productsFeed(db: CommerceDb): FeedDefinition<AssembledProduct> {
  return {
    feed: 'products',
    minimalPayload: PRODUCT_MINIMAL_PAYLOAD,
    timestampField: 'modifiedAt',
    hash: { unorderedArrays: PRODUCT_UNORDERED_ARRAYS },
    sources: [...productSources(db), ...productOptionSources(db)],
    reader: new ProductReader(db),
  };
}

export const PRODUCTS_FEED: FeedDeclaration = {
  feed: 'products',
  tables: [...new Set<string>([...PRODUCT_TABLES, ...PRODUCT_OPTION_TABLES])],
  create: productsFeed,
};
