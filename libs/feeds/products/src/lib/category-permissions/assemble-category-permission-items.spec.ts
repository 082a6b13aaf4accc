import { customerGroupCode } from '@cde/contracts';
import {
  assembleCategoryPermissionItems,
  FALLBACK_CATEGORY_ID,
  type CategoryPermissionContext,
} from './assemble-category-permission-items';
import {
  GRANT_ALLOW as A,
  GRANT_DENY as D,
  GRANT_PARENT as P,
  PermissionConfig,
  PermissionIndex,
  type CatalogPermissionRow,
} from './catalog-permissions';
import { permissionRow as row } from './testing/permission-row';

const WEBSITES = [
  { websiteId: '1', websiteCode: 'base' },
  { websiteId: '2', websiteCode: 'eu' },
];
const GROUPS = ['0', '1', '2', '3'];

const context = (
  rows: CatalogPermissionRow[],
  config = new PermissionConfig([]),
): CategoryPermissionContext => ({
  index: new PermissionIndex(rows),
  config,
  websites: WEBSITES,
  groupIds: GROUPS,
});

const short = (items: ReturnType<typeof assembleCategoryPermissionItems>): string[] =>
  items.map(
    (i) =>
      `${i.websiteCode}/${GROUPS.find((g) => customerGroupCode(g) === i.customerGroupCode)}:` +
      `${i.permission.displayable[0]}${i.permission.displayProductPrice[0]}${i.permission.allowAddToCart[0]}`,
  );

describe(assembleCategoryPermissionItems.name, () => {
  it('makes one item per pair a row names, with the codes the other feeds use', () => {
    const items = assembleCategoryPermissionItems(
      { entity_id: 3, path: '1/2/3' },
      context([row(3, 1, 1, A, A, D)]),
    );
    expect(items).toEqual([
      {
        categoryId: '3',
        websiteCode: 'base',
        customerGroupCode: customerGroupCode('1'),
        permission: { displayable: 'ALLOW', displayProductPrice: 'ALLOW', allowAddToCart: 'DENY' },
      },
    ]);
  });

  it('expands NULL website and group, the explicit pair winning over the expanded row', () => {
    const items = assembleCategoryPermissionItems(
      { entity_id: 3, path: '1/2/3' },
      context([row(3, null, null, D, D, D), row(3, 2, 1, A, A, A)]),
    );
    expect(short(items)).toEqual([
      'base/0:DDD',
      'base/1:DDD',
      'base/2:DDD',
      'base/3:DDD',
      'eu/0:DDD',
      'eu/1:AAA',
      'eu/2:DDD',
      'eu/3:DDD',
    ]);
  });

  it('resolves "use parent" through the ancestors, then the configured defaults; denies cascade', () => {
    const config = new PermissionConfig([
      {
        scope: 'default',
        scope_id: 0,
        path: 'catalog/magento_catalogpermissions/grant_checkout_items',
        value: '2',
      },
      {
        scope: 'default',
        scope_id: 0,
        path: 'catalog/magento_catalogpermissions/grant_checkout_items_groups',
        value: '1',
      },
    ]);
    const rows = [row(3, 1, null, D, P, P), row(4, 1, null, A, P, P), row(5, 1, null, P, A, P)];
    const bags = assembleCategoryPermissionItems({ entity_id: 4, path: '1/2/3/4' }, context(rows, config));
    // Price inherits Gear's (undecided: default allow); checkout the default: allowed to group 1 only.
    expect(short(bags)).toEqual(['base/0:AAD', 'base/1:AAA', 'base/2:AAD', 'base/3:AAD']);
    expect(
      short(assembleCategoryPermissionItems({ entity_id: 3, path: '1/2/3' }, context(rows, config))),
    ).toEqual(['base/0:DDD', 'base/1:DDD', 'base/2:DDD', 'base/3:DDD']);
    const totes = assembleCategoryPermissionItems({ entity_id: 5, path: '1/2/3/4/5' }, context(rows, config));
    expect(short(totes)).toEqual(['base/0:AAD', 'base/1:AAA', 'base/2:AAD', 'base/3:AAD']);
  });

  it('gives the tree root the fallback records: the configured defaults for every website × group', () => {
    const config = new PermissionConfig([
      {
        scope: 'websites',
        scope_id: 2,
        path: 'catalog/magento_catalogpermissions/grant_catalog_product_price',
        value: '0',
      },
    ]);
    const items = assembleCategoryPermissionItems(
      { entity_id: 1, path: FALLBACK_CATEGORY_ID },
      context([], config),
    );
    expect(short(items)).toEqual([
      'base/0:AAA',
      'base/1:AAA',
      'base/2:AAA',
      'base/3:AAA',
      'eu/0:ADD',
      'eu/1:ADD',
      'eu/2:ADD',
      'eu/3:ADD',
    ]);
  });

  it('makes nothing for a category without rows of its own, and nothing for a vanished website', () => {
    expect(
      assembleCategoryPermissionItems({ entity_id: 4, path: '1/2/3/4' }, context([row(3, 1, 1, D, D, D)])),
    ).toEqual([]);
    expect(
      assembleCategoryPermissionItems({ entity_id: 3, path: '1/2/3' }, context([row(3, 9, 1, D, D, D)])),
    ).toEqual([]);
  });

  it('still makes the items of a row that decides nothing, with what it inherits', () => {
    const items = assembleCategoryPermissionItems(
      { entity_id: 4, path: '1/2/3/4' },
      context([row(3, 1, 2, D, D, D), row(4, 1, 2, P, P, P)]),
    );
    expect(short(items)).toEqual(['base/2:DDD']);
  });
});
