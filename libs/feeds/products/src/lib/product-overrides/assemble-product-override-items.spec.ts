import { customerGroupCode } from '@cde/contracts';
import {
  GRANT_ALLOW as A,
  GRANT_DENY as D,
  GRANT_PARENT as P,
  PermissionConfig,
  PermissionIndex,
  type CatalogPermissionRow,
} from '../category-permissions/catalog-permissions';
import {
  assembleProductOverrideItems,
  listingCategoryPaths,
  type ProductOverrideContext,
} from './assemble-product-override-items';
import { permissionRow as row } from '../category-permissions/testing/permission-row';

/**
 * Tree: 1 / 2 Default Category (root of both websites, anchor) / 3 Gear (anchor) / 4 Bags / 5 Totes, and
 * 1 / 2 / 6 Sale (not an anchor) / 7 Clearance; 1 / 10 Outlet root (website 3 only).
 */
const WEBSITES = [
  { websiteId: '1', websiteCode: 'base', rootPaths: ['1/2'] },
  { websiteId: '2', websiteCode: 'eu', rootPaths: ['1/2'] },
  { websiteId: '3', websiteCode: 'outlet', rootPaths: ['1/10'] },
];
const GROUPS = ['0', '1'];
const ANCHORS = new Set(['2', '3']);

const context = (
  rows: CatalogPermissionRow[],
  config = new PermissionConfig([]),
): ProductOverrideContext => ({
  index: new PermissionIndex(rows),
  config,
  websites: WEBSITES,
  groupIds: GROUPS,
  anchors: ANCHORS,
});

const PRODUCT = { entity_id: '42', sku: 'Bolsa Tiracolo de Couro' };

const short = (items: ReturnType<typeof assembleProductOverrideItems>): string[] =>
  items.map((i) => {
    const group = GROUPS.find((g) => customerGroupCode(g) === i.customerGroupCode);
    const flag = (b: boolean): string => (b ? 'Y' : 'n');
    return `${i.websiteCode}/${group}:${flag(i.displayable)}${flag(i.priceDisplayable)}${flag(i.buyable)}`;
  });

describe(listingCategoryPaths.name, () => {
  it('lists the categories, their anchor ancestors and the root, within the website’s trees', () => {
    expect(listingCategoryPaths(['1/2/3/4/5', '1/2/6/7', '1/10/11'], ['1/2'], ANCHORS).sort()).toEqual([
      '1/2',
      '1/2/3',
      '1/2/3/4/5',
      '1/2/6/7',
    ]);
    expect(listingCategoryPaths([], ['1/10'], ANCHORS)).toEqual(['1/10']);
  });
});

describe(assembleProductOverrideItems.name, () => {
  it('makes nothing for a product whose listing categories have no permission rows', () => {
    const placement = { websiteIds: ['1'], categoryPaths: ['1/2/3/4/5'] };
    expect(assembleProductOverrideItems(PRODUCT, placement, context([]))).toEqual([]);
    expect(assembleProductOverrideItems(PRODUCT, placement, context([row(6, null, null, D, D, D)]))).toEqual(
      [],
    );
  });

  it('makes every website of the product × group once a category of it has a row, defaults for the rest', () => {
    const items = assembleProductOverrideItems(
      PRODUCT,
      { websiteIds: ['1', '2'], categoryPaths: ['1/2/6/7'] },
      context([row(7, 1, 1, D, D, D)]),
    );
    expect(short(items)).toEqual(['base/0:YYY', 'base/1:nnn', 'eu/0:YYY', 'eu/1:YYY']);
    expect(items[1]).toEqual({
      sku: 'Bolsa Tiracolo de Couro',
      websiteCode: 'base',
      customerGroupCode: customerGroupCode('1'),
      productId: 42,
      displayable: false,
      buyable: false,
      priceDisplayable: false,
    });
  });

  it('inherits from an ancestor with a row (a non-anchor parent)', () => {
    const items = assembleProductOverrideItems(
      PRODUCT,
      { websiteIds: ['1'], categoryPaths: ['1/2/6/7'] },
      context([row(6, null, 0, A, D, A)]),
    );
    expect(short(items)).toEqual(['base/0:Ynn', 'base/1:YYY']);
  });

  it('lets one allowing category win across the product’s categories (ALLOW wins)', () => {
    const rows = [row(5, 1, null, D, D, D), row(7, 1, null, A, A, D)];
    const items = assembleProductOverrideItems(
      PRODUCT,
      { websiteIds: ['1'], categoryPaths: ['1/2/3/4/5', '1/2/6/7'] },
      context(rows),
    );
    expect(short(items)).toEqual(['base/0:YYn', 'base/1:YYn']);
    // Only the denying category: denied.
    expect(
      short(
        assembleProductOverrideItems(
          PRODUCT,
          { websiteIds: ['1'], categoryPaths: ['1/2/3/4/5'] },
          context(rows),
        ),
      ),
    ).toEqual(['base/0:nnn', 'base/1:nnn']);
  });

  it('counts an anchor ancestor that lists the product, and the root that lists every product', () => {
    // Gear (anchor) allows, Totes below it denies: Gear lists the product too, so it is allowed.
    const viaAnchor = assembleProductOverrideItems(
      PRODUCT,
      { websiteIds: ['1'], categoryPaths: ['1/2/3/4/5'] },
      context([row(3, 1, 0, A, A, A), row(5, 1, 0, D, D, D)]),
    );
    expect(short(viaAnchor)).toEqual(['base/0:YYY', 'base/1:YYY']);
    // Sale (not an anchor) allows, Clearance below denies: Sale does not list the product.
    const notAnchor = assembleProductOverrideItems(
      PRODUCT,
      { websiteIds: ['1'], categoryPaths: ['1/2/6/7'] },
      context([row(6, 1, 0, A, A, A), row(7, 1, 0, D, D, D)]),
    );
    expect(short(notAnchor)).toEqual(['base/0:nnn', 'base/1:YYY']);
    // A row on the root reaches a product in no category at all.
    const root = assembleProductOverrideItems(
      PRODUCT,
      { websiteIds: ['1', '3'], categoryPaths: [] },
      context([row(2, null, 1, A, D, P)]),
    );
    expect(short(root)).toEqual(['base/0:YYY', 'base/1:Ynn', 'outlet/0:YYY', 'outlet/1:YYY']);
  });

  it('hides the price of what cannot be seen and the checkout of what has no visible price', () => {
    const config = new PermissionConfig([
      {
        scope: 'default',
        scope_id: 0,
        path: 'catalog/magento_catalogpermissions/grant_catalog_category_view',
        value: '2',
      },
      {
        scope: 'default',
        scope_id: 0,
        path: 'catalog/magento_catalogpermissions/grant_catalog_category_view_groups',
        value: '1',
      },
    ]);
    const items = assembleProductOverrideItems(
      PRODUCT,
      { websiteIds: ['1'], categoryPaths: ['1/2/6/7'] },
      context([row(7, 1, null, P, A, A)], config),
    );
    // View undecided: the config allows group 1 only; group 0 cannot see, so no price and no checkout.
    expect(short(items)).toEqual(['base/0:nnn', 'base/1:YYY']);
  });

  it('only lists websites the product is in, and categories of those websites’ trees', () => {
    const items = assembleProductOverrideItems(
      PRODUCT,
      { websiteIds: ['3'], categoryPaths: ['1/2/6/7'] },
      context([row(7, null, null, D, D, D)]),
    );
    expect(items).toEqual([]);
  });
});
