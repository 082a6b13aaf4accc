import type { CatalogPermissionRow } from '../catalog-permissions';

/* Row fixtures for the permission specs (not exported from the lib). */

let nextId = 1;

/**
 * A magento_catalogpermissions row: category, website (null = all), group (null = all) and the view, price and
 * checkout grants. `asText` gives the checkout grant as the string a driver may return.
 */
export function permissionRow(
  category: number,
  website: number | null,
  group: number | null,
  view: number,
  price: number,
  checkout: number,
  asText = false,
): CatalogPermissionRow {
  return {
    permission_id: nextId++,
    category_id: category,
    website_id: website,
    customer_group_id: group,
    grant_catalog_category_view: view,
    grant_catalog_product_price: price,
    grant_checkout_items: asText ? String(checkout) : checkout,
  };
}
