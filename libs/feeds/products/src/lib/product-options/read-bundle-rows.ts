import { queryRows, type CommerceDb } from '@cde/platform/commerce-db';
import type {
  BundleOptionRow,
  BundleOptionTitleRow,
  BundleSelectionPriceRow,
  BundleSelectionRow,
  ProductOptionRowSet,
} from './product-option-rows';
import { scopedValues } from './read-scoped-values';

export async function readBundle(
  db: CommerceDb,
  ids: readonly string[],
  storeIds: readonly number[],
  websiteIds: readonly number[],
  nameAttributeId: number | undefined,
): Promise<
  Pick<
    ProductOptionRowSet,
    'bundleOptions' | 'bundleOptionTitles' | 'bundleSelections' | 'bundleSelectionPrices' | 'selectionNames'
  >
> {
  const [bundleOptions, bundleOptionTitles, bundleSelections, bundleSelectionPrices] = await Promise.all([
    queryRows<BundleOptionRow>(
      db,
      `SELECT option_id, parent_id, required, position, type
         FROM catalog_product_bundle_option WHERE parent_id IN (?) ORDER BY parent_id, option_id`,
      ids,
      { option_id: 'text', parent_id: 'text', required: 'int', position: 'int', type: 'text?' },
    ),
    queryRows<BundleOptionTitleRow>(
      db,
      `SELECT option_id, parent_product_id, store_id, title
         FROM catalog_product_bundle_option_value WHERE parent_product_id IN (?) AND store_id IN (?)`,
      ids,
      { option_id: 'text', parent_product_id: 'text', store_id: 'int', title: 'text?' },
      [storeIds],
    ),
    queryRows<BundleSelectionRow>(
      db,
      `SELECT s.selection_id, s.option_id, s.parent_product_id, s.product_id, cpe.sku, s.position, s.is_default,
              s.selection_price_type, s.selection_price_value, s.selection_qty, s.selection_can_change_qty
         FROM catalog_product_bundle_selection s JOIN catalog_product_entity cpe ON cpe.entity_id = s.product_id
        WHERE s.parent_product_id IN (?) ORDER BY s.parent_product_id, s.option_id, s.selection_id`,
      ids,
      {
        selection_id: 'text',
        option_id: 'text',
        parent_product_id: 'text',
        product_id: 'text',
        sku: 'text',
        position: 'int',
        is_default: 'int',
        selection_price_type: 'int',
        selection_price_value: 'text',
        selection_qty: 'text?',
        selection_can_change_qty: 'int',
      },
    ),
    queryRows<BundleSelectionPriceRow>(
      db,
      `SELECT sp.selection_id, sp.website_id, sp.selection_price_value
         FROM catalog_product_bundle_selection s
         JOIN catalog_product_bundle_selection_price sp ON sp.selection_id = s.selection_id
        WHERE s.parent_product_id IN (?) AND sp.website_id IN (?)`,
      ids,
      { selection_id: 'text', website_id: 'int', selection_price_value: 'text' },
      [websiteIds],
    ),
  ]);
  const childIds = [...new Set(bundleSelections.map((r) => r.product_id))];
  const selectionNames = await scopedValues(db, 'varchar', nameAttributeId, childIds, storeIds);
  return { bundleOptions, bundleOptionTitles, bundleSelections, bundleSelectionPrices, selectionNames };
}
