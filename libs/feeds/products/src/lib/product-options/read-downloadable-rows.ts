import { queryRows, readTogether, type CommerceDb } from '@cde/platform/commerce-db';
import type {
  DownloadableLinkPriceRow,
  DownloadableLinkRow,
  DownloadableLinkTitleRow,
  DownloadableSampleRow,
  DownloadableSampleTitleRow,
  ProductOptionRowSet,
} from './product-option-rows';
import { scopedChildRows, scopedValues } from './read-scoped-values';

const LINKS = { records: 'downloadable_link p', productColumn: 'p.product_id', key: 'link_id' } as const;

export function readDownloadable(
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
  return readTogether({
    downloadableLinks: queryRows<DownloadableLinkRow>(
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
    downloadableLinkTitles: scopedChildRows<DownloadableLinkTitleRow>(
      db,
      {
        ...LINKS,
        table: 'downloadable_link_title',
        scope: 'store_id',
        columns: { link_id: 'text', store_id: 'int', title: 'text?' },
      },
      downloadableIds,
      storeIds,
    ),
    downloadableLinkPrices: scopedChildRows<DownloadableLinkPriceRow>(
      db,
      {
        ...LINKS,
        table: 'downloadable_link_price',
        scope: 'website_id',
        columns: { link_id: 'text', website_id: 'int', price: 'text?' },
      },
      downloadableIds,
      websiteIds,
    ),
    linksTitles: scopedValues(db, 'varchar', linksTitleAttributeId, downloadableIds, storeIds),
    // Samples come for any product type, as in the original.
    samples: queryRows<DownloadableSampleRow>(
      db,
      `SELECT sample_id, product_id, sort_order
         FROM downloadable_sample WHERE product_id IN (?) ORDER BY product_id, sort_order, sample_id`,
      ids,
      { sample_id: 'text', product_id: 'text', sort_order: 'int' },
    ),
    sampleTitles: scopedChildRows<DownloadableSampleTitleRow>(
      db,
      {
        records: 'downloadable_sample p',
        productColumn: 'p.product_id',
        table: 'downloadable_sample_title',
        key: 'sample_id',
        scope: 'store_id',
        columns: { sample_id: 'text', store_id: 'int', title: 'text?' },
      },
      ids,
      storeIds,
    ),
  });
}
