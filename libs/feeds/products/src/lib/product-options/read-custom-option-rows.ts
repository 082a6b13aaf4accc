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
    queryRows<CustomOptionTitleRow>(
      db,
      `SELECT t.option_id, t.store_id, t.title
         FROM catalog_product_option o JOIN catalog_product_option_title t ON t.option_id = o.option_id
        WHERE o.product_id IN (?) AND t.store_id IN (?)`,
      ids,
      { option_id: 'text', store_id: 'int', title: 'text?' },
      [storeIds],
    ),
    queryRows<CustomOptionPriceRow>(
      db,
      `SELECT p.option_id, p.store_id, p.price, p.price_type
         FROM catalog_product_option o JOIN catalog_product_option_price p ON p.option_id = o.option_id
        WHERE o.product_id IN (?) AND p.store_id IN (?)`,
      ids,
      { option_id: 'text', store_id: 'int', price: 'text?', price_type: 'text?' },
      [storeIds],
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
    queryRows<CustomOptionValueTitleRow>(
      db,
      `SELECT t.option_type_id, t.store_id, t.title
         FROM catalog_product_option o
         JOIN catalog_product_option_type_value v ON v.option_id = o.option_id
         JOIN catalog_product_option_type_title t ON t.option_type_id = v.option_type_id
        WHERE o.product_id IN (?) AND t.store_id IN (?)`,
      ids,
      { option_type_id: 'text', store_id: 'int', title: 'text?' },
      [storeIds],
    ),
    queryRows<CustomOptionValuePriceRow>(
      db,
      `SELECT p.option_type_id, p.store_id, p.price, p.price_type
         FROM catalog_product_option o
         JOIN catalog_product_option_type_value v ON v.option_id = o.option_id
         JOIN catalog_product_option_type_price p ON p.option_type_id = v.option_type_id
        WHERE o.product_id IN (?) AND p.store_id IN (?)`,
      ids,
      { option_type_id: 'text', store_id: 'int', price: 'text?', price_type: 'text?' },
      [storeIds],
    ),
  ]);
  return { customOptionValues, customOptionValueTitles, customOptionValuePrices };
}
