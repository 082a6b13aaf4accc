import { queryRows, type CommerceDb } from '@cde/platform/commerce-db';
import type {
  DownloadableLinkPriceRow,
  DownloadableLinkRow,
  DownloadableLinkTitleRow,
  DownloadableSampleRow,
  DownloadableSampleTitleRow,
  ProductOptionRowSet,
} from './product-option-rows';
import { scopedValues } from './read-scoped-values';

export async function readDownloadable(
  db: CommerceDb,
  ids: readonly string[],
  downloadableIds: readonly string[],
  storeIds: readonly number[],
  websiteIds: readonly number[],
  linksTitleAttributeId: number | undefined,
): Promise<
  Pick<
    ProductOptionRowSet,
    | 'downloadableLinks'
    | 'downloadableLinkTitles'
    | 'downloadableLinkPrices'
    | 'linksTitles'
    | 'samples'
    | 'sampleTitles'
  >
> {
  const [
    downloadableLinks,
    downloadableLinkTitles,
    downloadableLinkPrices,
    linksTitles,
    samples,
    sampleTitles,
  ] = await Promise.all([
    queryRows<DownloadableLinkRow>(
      db,
      `SELECT link_id, product_id, sort_order, number_of_downloads, sample_url, sample_file
         FROM downloadable_link WHERE product_id IN (?) ORDER BY product_id, sort_order, link_id`,
      downloadableIds,
      {
        link_id: 'text',
        product_id: 'text',
        sort_order: 'int',
        number_of_downloads: 'int?',
        sample_url: 'text?',
        sample_file: 'text?',
      },
    ),
    queryRows<DownloadableLinkTitleRow>(
      db,
      `SELECT t.link_id, t.store_id, t.title
         FROM downloadable_link l JOIN downloadable_link_title t ON t.link_id = l.link_id
        WHERE l.product_id IN (?) AND t.store_id IN (?)`,
      downloadableIds,
      { link_id: 'text', store_id: 'int', title: 'text?' },
      [storeIds],
    ),
    queryRows<DownloadableLinkPriceRow>(
      db,
      `SELECT p.link_id, p.website_id, p.price
         FROM downloadable_link l JOIN downloadable_link_price p ON p.link_id = l.link_id
        WHERE l.product_id IN (?) AND p.website_id IN (?)`,
      downloadableIds,
      { link_id: 'text', website_id: 'int', price: 'text?' },
      [websiteIds],
    ),
    scopedValues(db, 'varchar', linksTitleAttributeId, downloadableIds, storeIds),
    // Samples come for any product type, as in the original.
    queryRows<DownloadableSampleRow>(
      db,
      `SELECT sample_id, product_id, sort_order
         FROM downloadable_sample WHERE product_id IN (?) ORDER BY product_id, sort_order, sample_id`,
      ids,
      { sample_id: 'text', product_id: 'text', sort_order: 'int' },
    ),
    queryRows<DownloadableSampleTitleRow>(
      db,
      `SELECT t.sample_id, t.store_id, t.title
         FROM downloadable_sample s JOIN downloadable_sample_title t ON t.sample_id = s.sample_id
        WHERE s.product_id IN (?) AND t.store_id IN (?)`,
      ids,
      { sample_id: 'text', store_id: 'int', title: 'text?' },
      [storeIds],
    ),
  ]);
  return {
    downloadableLinks,
    downloadableLinkTitles,
    downloadableLinkPrices,
    linksTitles,
    samples,
    sampleTitles,
  };
}
