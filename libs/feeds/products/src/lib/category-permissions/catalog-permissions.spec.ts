import {
  cascadeDenies,
  GRANT_ALLOW as A,
  GRANT_DENY as D,
  GRANT_PARENT as P,
  ownPairs,
  PermissionConfig,
  PermissionIndex,
  productGrants,
  type CatalogPermissionRow,
} from './catalog-permissions';
import { permissionRow } from './testing/permission-row';

/** A permission row whose checkout grant comes as text, as the driver may return it. */
const row = (
  category: number,
  website: number | null,
  group: number | null,
  view: number,
  price: number,
  checkout: number,
): CatalogPermissionRow => permissionRow(category, website, group, view, price, checkout, true);

/** Tree: 1 / 2 Default Category / 3 Gear / 4 Bags / 5 Totes. */
const TOTES = '1/2/3/4/5';
const BAGS = '1/2/3/4';
const GEAR = '1/2/3';

describe(PermissionIndex.name, () => {
  it('has no index row for a category without rows on its path', () => {
    expect(new PermissionIndex([]).resolve(TOTES, '1', '1')).toBeUndefined();
    expect(new PermissionIndex([row(9, null, null, D, D, D)]).resolve(TOTES, '1', '1')).toBeUndefined();
  });

  it('inherits a row down the path, and the nearest category with a row decides', () => {
    const index = new PermissionIndex([row(3, 1, 1, D, D, D), row(4, 1, 1, A, A, A)]);
    expect(index.resolve(GEAR, '1', '1')).toEqual({ view: D, price: D, checkout: D });
    expect(index.resolve(BAGS, '1', '1')).toEqual({ view: A, price: A, checkout: A });
    expect(index.resolve(TOTES, '1', '1')).toEqual({ view: A, price: A, checkout: A });
    // Other websites and groups are not named by these rows.
    expect(index.resolve(TOTES, '2', '1')).toBeUndefined();
    expect(index.resolve(TOTES, '1', '0')).toBeUndefined();
  });

  it('resolves "use parent" per grant from the same scope one category up, undecided at the top', () => {
    const index = new PermissionIndex([row(3, 1, 1, A, D, A), row(4, 1, 1, P, A, P), row(5, 1, 1, P, P, D)]);
    expect(index.resolve(BAGS, '1', '1')).toEqual({ view: A, price: A, checkout: A });
    expect(index.resolve(TOTES, '1', '1')).toEqual({ view: A, price: A, checkout: D });
    const top = new PermissionIndex([row(4, 1, 1, A, P, P)]);
    expect(top.resolve(TOTES, '1', '1')).toEqual({ view: A, price: null, checkout: null });
  });

  it('expands NULL website / group, and a specific row wins over the expanded one for its pair', () => {
    const index = new PermissionIndex([
      row(3, null, null, D, D, D),
      row(3, 1, null, A, D, D),
      row(3, null, 2, A, A, D),
      row(3, 1, 2, A, A, A),
    ]);
    expect(index.resolve(GEAR, '1', '2')).toEqual({ view: A, price: A, checkout: A }); // (1,2)
    expect(index.resolve(GEAR, '2', '2')).toEqual({ view: A, price: A, checkout: D }); // (*,2)
    expect(index.resolve(GEAR, '1', '0')).toEqual({ view: A, price: D, checkout: D }); // (1,*)
    expect(index.resolve(GEAR, '2', '0')).toEqual({ view: D, price: D, checkout: D }); // (*,*)
    // A group's own row (even for all websites) wins over the website's all-groups row, as the index's REPLACE order does.
    expect(
      new PermissionIndex([row(3, 1, null, D, D, D), row(3, null, 2, A, A, A)]).resolve(GEAR, '1', '2'),
    ).toEqual({
      view: A,
      price: A,
      checkout: A,
    });
  });

  it('lets a nearer all-groups row end a farther group row (the nearer category decides)', () => {
    const index = new PermissionIndex([row(3, 1, 1, D, D, D), row(4, 1, null, A, A, A)]);
    expect(index.resolve(BAGS, '1', '1')).toEqual({ view: A, price: A, checkout: A });
    expect(index.resolve(TOTES, '1', '1')).toEqual({ view: A, price: A, checkout: A });
  });

  it('reads "use parent" of a group row from the parent’s group row only, as the indexer keys it', () => {
    // Bags' own group row says "use parent" for the price; Gear has only an all-groups row: the price stays undecided.
    const index = new PermissionIndex([row(3, 1, null, A, D, A), row(4, 1, 1, A, P, P)]);
    expect(index.resolve(BAGS, '1', '1')).toEqual({ view: A, price: null, checkout: null });
    // Group 2 has no row of its own on Bags: the all-groups row of Gear reaches it.
    expect(index.resolve(BAGS, '1', '2')).toEqual({ view: A, price: D, checkout: D });
  });

  it('ignores rows that decide nothing', () => {
    const index = new PermissionIndex([row(3, 1, 1, D, A, A), row(4, 1, 1, P, P, P)]);
    expect(index.resolve(BAGS, '1', '1')).toEqual({ view: D, price: D, checkout: D });
  });

  it('cascades denies: no price without view, no checkout without price', () => {
    const index = new PermissionIndex([row(3, 1, 1, D, A, A), row(4, 1, 1, A, D, A)]);
    expect(index.resolve(GEAR, '1', '1')).toEqual({ view: D, price: D, checkout: D });
    expect(index.resolve(BAGS, '1', '1')).toEqual({ view: A, price: D, checkout: D });
    expect(cascadeDenies({ view: null, price: D, checkout: null })).toEqual({
      view: null,
      price: D,
      checkout: D,
    });
  });
});

describe(ownPairs.name, () => {
  it('expands NULL to every website / group and drops pairs of websites that no longer exist', () => {
    const pairs = ownPairs(
      [row(3, null, 1, A, A, A), row(3, 2, null, D, D, D), row(3, 7, 0, A, A, A)],
      ['1', '2'],
      ['0', '1'],
    );
    expect(pairs.map((p) => `${p.websiteId}/${p.groupId}`).sort()).toEqual(['1/1', '2/0', '2/1']);
  });
});

describe(PermissionConfig.name, () => {
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
      value: '1, 3',
    },
    {
      scope: 'websites',
      scope_id: 2,
      path: 'catalog/magento_catalogpermissions/grant_catalog_category_view',
      value: '0',
    },
    {
      scope: 'websites',
      scope_id: 2,
      path: 'catalog/magento_catalogpermissions/grant_checkout_items',
      value: '1',
    },
  ]);

  it('allows everything by default (config.xml) and reads modes per website, then default', () => {
    expect(new PermissionConfig([]).defaults('1', '0')).toEqual({ view: A, price: A, checkout: A });
    expect(config.defaults('1', '1')).toEqual({ view: A, price: A, checkout: A });
    expect(config.defaults('1', '0')).toEqual({ view: A, price: A, checkout: D });
    expect(config.defaults('1', '3')).toEqual({ view: A, price: A, checkout: A });
    expect(config.defaults('2', '0')).toEqual({ view: D, price: A, checkout: A });
  });
});

describe(productGrants.name, () => {
  const defaults = { view: A, price: A, checkout: D } as const;

  it('takes the configured defaults when no category has a row, denies cascading', () => {
    expect(productGrants([], defaults)).toEqual({ view: A, price: A, checkout: D });
    expect(productGrants([], { view: D, price: A, checkout: A })).toEqual({ view: D, price: D, checkout: D });
  });

  it('lets one allowing category win over denying ones, per grant', () => {
    expect(
      productGrants(
        [
          { view: D, price: D, checkout: D },
          { view: A, price: D, checkout: D },
        ],
        defaults,
      ),
    ).toEqual({ view: A, price: D, checkout: D });
  });

  it('fills undecided grants with the defaults before comparing', () => {
    expect(
      productGrants(
        [
          { view: D, price: null, checkout: null },
          { view: A, price: D, checkout: null },
        ],
        defaults,
      ),
    ).toEqual({
      view: A,
      price: A,
      checkout: D,
    });
  });
});
