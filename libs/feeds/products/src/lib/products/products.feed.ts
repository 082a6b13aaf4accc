import { PRODUCT_MINIMAL_PAYLOAD } from '@cde/contracts';
import { defineFeed, mergeSources, within } from '@cde/feed-engine';
import { PRODUCT_OPTION_SOURCES, ProductOptionChanges } from '../product-options';
import { ProductReader } from './product.reader';
import { PRODUCT_SOURCES, ProductChanges } from './product-sources';

/** The products feed's change lookups: the item's own tables, and those of its option fields. */
interface ProductsChanges {
  readonly products: ProductChanges;
  readonly options: ProductOptionChanges;
}

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
export const PRODUCTS_FEED = defineFeed({
  feed: 'products',
  minimalPayload: PRODUCT_MINIMAL_PAYLOAD,
  timestampField: 'modifiedAt',
  hash: { unorderedArrays: PRODUCT_UNORDERED_ARRAYS },
  connect: (db) => ({
    reader: new ProductReader(db),
    changes: { products: new ProductChanges(db), options: new ProductOptionChanges(db) },
  }),
  sources: mergeSources<ProductsChanges>(
    within(PRODUCT_SOURCES, (c: ProductsChanges) => c.products),
    within(PRODUCT_OPTION_SOURCES, (c: ProductsChanges) => c.options),
  ),
});
