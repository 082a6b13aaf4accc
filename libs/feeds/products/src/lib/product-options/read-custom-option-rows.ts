import { queryRows, type CommerceDb } from '@cde/platform/commerce-db';
import type {
  CustomOptionPriceRow,
  CustomOptionRow,
  CustomOptionTitleRow,
  CustomOptionValuePriceRow,
  CustomOptionValueRow,
  CustomOptionValueTitleRow,
  ProductOptionRowSet,
} from './product-option-rows';
import { scopedChildRows } from './read-scoped-values';

const OPTIONS = {
  records: 'catalog_product_option p',
  productColumn: 'p.product_id',
  key: 'option_id',
  scope: 'store_id',
} as const;
const OPTION_VALUES = {
  records: 'catalog_product_option o JOIN catalog_product_option_type_value p ON p.option_id = o.option_id',
  productColumn: 'o.product_id',
  key: 'option_type_id',
  scope: 'store_id',
} as const;

/** The custom options of these products (any type), with their predefined values. */
export async function readCustomOptions(
  db: CommerceDb,
  ids: readonly string[],
  storeIds: readonly number[],
): Promise<
  Pick<
    ProductOptionRowSet,
    | 'customOptions'
    | 'customOptionTitles'
    | 'customOptionPrices'
    | 'customOptionValues'
    | 'customOptionValueTitles'
    | 'customOptionValuePrices'
  >
> {
  const [options, values] = await Promise.all([
    readOptions(db, ids, storeIds),
    readOptionValues(db, ids, storeIds),
  ]);
  return { ...options, ...values };
}

/** `catalog_product_option` with its titles and prices per store. */
async function readOptions(
  db: CommerceDb,
  ids: readonly string[],
  storeIds: readonly number[],
): Promise<Pick<ProductOptionRowSet, 'customOptions' | 'customOptionTitles' | 'customOptionPrices'>> {
  const [customOptions, customOptionTitles, customOptionPrices] = await Promise.all([
    queryRows<CustomOptionRow>(
      db,
      `SELECT option_id, product_id, type, is_require, sku, max_characters, file_extension, image_size_x,
              image_size_y, sort_order
         FROM catalog_product_option WHERE product_id IN (?) ORDER BY product_id, sort_order, option_id`,
      ids,
      {
        option_id: 'text',
        product_id: 'text',
        type: 'text?',
        is_require: 'int',
        sku: 'text?',
        max_characters: 'int?',
        file_extension: 'text?',
        image_size_x: 'int?',
        image_size_y: 'int?',
        sort_order: 'int',
      },
    ),
    scopedChildRows<CustomOptionTitleRow>(
      db,
      {
        ...OPTIONS,
        table: 'catalog_product_option_title',
        columns: { option_id: 'text', store_id: 'int', title: 'text?' },
      },
      ids,
      storeIds,
    ),
    scopedChildRows<CustomOptionPriceRow>(
      db,
      {
        ...OPTIONS,
        table: 'catalog_product_option_price',
        columns: { option_id: 'text', store_id: 'int', price: 'text?', price_type: 'text?' },
      },
      ids,
      storeIds,
    ),
  ]);
  return { customOptions, customOptionTitles, customOptionPrices };
}

/** The predefined values of select-like options (`catalog_product_option_type_value`), titles and prices. */
async function readOptionValues(
  db: CommerceDb,
  ids: readonly string[],
  storeIds: readonly number[],
): Promise<
  Pick<ProductOptionRowSet, 'customOptionValues' | 'customOptionValueTitles' | 'customOptionValuePrices'>
> {
  const [customOptionValues, customOptionValueTitles, customOptionValuePrices] = await Promise.all([
    queryRows<CustomOptionValueRow>(
      db,
      `SELECT v.option_type_id, v.option_id, v.sku, v.sort_order
         FROM catalog_product_option o JOIN catalog_product_option_type_value v ON v.option_id = o.option_id
        WHERE o.product_id IN (?) ORDER BY v.option_id, v.option_type_id`,
      ids,
      { option_type_id: 'text', option_id: 'text', sku: 'text?', sort_order: 'int' },
    ),
    scopedChildRows<CustomOptionValueTitleRow>(
      db,
      {
        ...OPTION_VALUES,
        table: 'catalog_product_option_type_title',
        columns: { option_type_id: 'text', store_id: 'int', title: 'text?' },
      },
      ids,
      storeIds,
    ),
    scopedChildRows<CustomOptionValuePriceRow>(
      db,
      {
        ...OPTION_VALUES,
        table: 'catalog_product_option_type_price',
        columns: { option_type_id: 'text', store_id: 'int', price: 'text?', price_type: 'text?' },
      },
      ids,
      storeIds,
    ),
  ]);
  return { customOptionValues, customOptionValueTitles, customOptionValuePrices };
}
