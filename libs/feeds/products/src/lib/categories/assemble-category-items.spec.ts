import { EavValues, type EavValueRow, type StoreView } from '@cde/platform/magento';
import {
  assembleCategoryItems,
  availableSortByOf,
  buildUrlPath,
  categoryImageUrl,
  escapeHtml,
  isUnderRoot,
  resolveDefaultSortBy,
  statusAncestorOf,
  type CategoryAttributeIds,
  type CategoryContext,
  type CategoryEntityRow,
} from './assemble-category-items';

const A = {
  name: 45,
  isActive: 46,
  description: 47,
  image: 48,
  metaTitle: 49,
  metaKeywords: 50,
  metaDescription: 51,
  displayMode: 52,
  isAnchor: 54,
  availableSortBy: 67,
  defaultSortBy: 68,
  includeInMenu: 69,
  urlKey: 119,
} satisfies CategoryAttributeIds;

const view = (storeId: number, code: string, root: number, website = 'base', group = 'main'): StoreView => ({
  storeId,
  storeViewCode: code,
  storeCode: group,
  groupId: storeId,
  websiteId: 1,
  websiteCode: website,
  rootCategoryId: root,
  isActive: true,
});

const VIEWS = [
  view(1, 'default', 2),
  view(2, 'fr', 2, 'eu', 'eu_store'),
  view(3, 'outlet', 10, 'outlet', 'outlet_store'),
];

const row = (entity: number, attribute: number, store: number, value: string | null): EavValueRow => ({
  entity_id: String(entity),
  attribute_id: attribute,
  store_id: store,
  value,
});

/** Tree: 1 / 2 Default Category / 3 Gear / 4 Bags / 5 Totes, and 1 / 10 Outlet root / 11 Sale. */
const CATEGORIES: Record<string, CategoryEntityRow> = {
  '2': {
    entity_id: 2,
    parent_id: 1,
    path: '1/2',
    level: 1,
    position: 1,
    created_at: '2024-01-01 10:00:00',
    updated_at: '2024-01-02 10:00:00',
  },
  '3': {
    entity_id: 3,
    parent_id: 2,
    path: '1/2/3',
    level: 2,
    position: 4,
    created_at: '2024-02-01 08:30:00',
    updated_at: '2024-03-01 09:00:00',
  },
  '4': {
    entity_id: 4,
    parent_id: 3,
    path: '1/2/3/4',
    level: 3,
    position: 1,
    created_at: '2024-02-02 08:30:00',
    updated_at: '2024-03-02 09:00:00',
  },
  '5': {
    entity_id: 5,
    parent_id: 4,
    path: '1/2/3/4/5',
    level: 4,
    position: 2,
    created_at: null,
    updated_at: null,
  },
  '11': {
    entity_id: 11,
    parent_id: 10,
    path: '1/10/11',
    level: 2,
    position: 1,
    created_at: '2024-04-01 00:00:00',
    updated_at: '2024-04-01 00:00:00',
  },
};

const BASE_ROWS: EavValueRow[] = [
  row(2, A.name, 0, 'Default Category'),
  row(2, A.urlKey, 0, 'default-category'),
  row(3, A.name, 0, 'Gear'),
  row(3, A.name, 2, 'Équipement'),
  row(3, A.urlKey, 0, 'gear'),
  row(3, A.urlKey, 2, 'equipement'),
  row(3, A.isActive, 0, '1'),
  row(3, A.includeInMenu, 0, '1'),
  row(3, A.isAnchor, 0, '1'),
  row(3, A.displayMode, 0, 'PRODUCTS'),
  row(3, A.description, 0, '<p>All the gear</p>'),
  row(3, A.metaTitle, 0, 'Gear | Shop'),
  row(3, A.metaKeywords, 0, 'gear, bags'),
  row(3, A.metaDescription, 0, 'Gear for everyone'),
  row(3, A.image, 0, '/media/catalog/category/gear.jpg'),
  row(4, A.name, 0, 'Bags'),
  row(4, A.urlKey, 0, 'bags'),
  // A NULL store-view url key falls back to the default one in the url path (IFNULL in the original).
  row(4, A.urlKey, 2, null),
  row(4, A.isActive, 0, '1'),
  row(4, A.includeInMenu, 0, '1'),
  row(4, A.availableSortBy, 0, 'price,name,nonsense'),
  row(4, A.defaultSortBy, 0, 'name'),
  row(5, A.name, 0, 'Totes'),
  row(5, A.urlKey, 0, 'totes'),
  row(5, A.isActive, 0, '1'),
  row(5, A.isActive, 2, '0'),
  row(11, A.name, 0, 'Sale'),
  row(11, A.urlKey, 0, 'sale'),
  row(11, A.isActive, 0, '1'),
];

const context = (rows: EavValueRow[] = BASE_ROWS, over: Partial<CategoryContext> = {}): CategoryContext => ({
  storeViews: VIEWS,
  attributes: A,
  values: new EavValues(rows),
  children: new Map([
    ['2', ['3']],
    ['3', ['4']],
    ['4', ['5']],
  ]),
  sortableAttributes: ['name', 'price'],
  settings: new Map([
    [1, { defaultSortBy: 'position', mediaBaseUrl: 'https://shop.test/media/' }],
    [2, { defaultSortBy: 'price', mediaBaseUrl: 'https://eu.shop.test/media/' }],
    [3, { defaultSortBy: 'position', mediaBaseUrl: 'https://outlet.test/media/' }],
  ]),
  escapeDescription: false,
  ...over,
});

const cat = (id: string): CategoryEntityRow => CATEGORIES[id]!;
const byView = (id: string, ctx = context()) =>
  new Map(assembleCategoryItems(cat(id), ctx).map((i) => [i.storeViewCode, i]));

describe(assembleCategoryItems.name, () => {
  it('assembles every field of a top-level category in the default store view', () => {
    expect(byView('3').get('default')).toEqual({
      categoryId: '3',
      storeViewCode: 'default',
      storeCode: 'main',
      websiteCode: 'base',
      name: 'Gear',
      description: '<p>All the gear</p>',
      metaTitle: 'Gear | Shop',
      metaKeywords: 'gear, bags',
      metaDescription: 'Gear for everyone',
      displayMode: 'PRODUCTS',
      urlKey: 'gear',
      urlPath: 'gear',
      image: 'https://shop.test/media/catalog/category/gear.jpg',
      level: 2,
      path: '1/2/3',
      parentId: '2',
      children: ['4'],
      position: 4,
      defaultSortBy: 'position',
      availableSortBy: null,
      isAnchor: 1,
      includeInMenu: 1,
      isActive: 1,
      createdAt: '2024-02-01 08:30:00',
      updatedAt: '2024-03-01 09:00:00',
    });
  });

  it('takes store-view values with fallback to the default, accents intact', () => {
    const fr = byView('3').get('fr');
    expect([fr?.name, fr?.urlKey, fr?.urlPath, fr?.metaTitle]).toEqual([
      'Équipement',
      'equipement',
      'equipement',
      'Gear | Shop',
    ]);
    expect(fr?.image).toBe('https://eu.shop.test/media/catalog/category/gear.jpg');
  });

  it('builds urlPath from the url keys below the store root, per store view', () => {
    expect([...byView('5').values()].map((i) => [i.storeViewCode, i.urlPath])).toEqual([
      ['default', 'gear/bags/totes'],
      ['fr', 'equipement/bags/totes'],
    ]);
  });

  it('scopes categories to the store views whose root category holds them', () => {
    expect([...byView('4').keys()]).toEqual(['default', 'fr']);
    expect([...byView('11').keys()]).toEqual(['outlet']);
    expect(byView('11').get('outlet')).toMatchObject({
      urlPath: 'sale',
      storeCode: 'outlet_store',
      websiteCode: 'outlet',
    });
  });

  it('gives a store root, whose url path is empty, no item: it has no identity', () => {
    expect(assembleCategoryItems(cat('2'), context())).toEqual([]);
  });

  it('skips a category whose url key is missing in every scope, keeping its siblings', () => {
    const rows = BASE_ROWS.filter((r) => !(r.entity_id === '3' && r.attribute_id === A.urlKey));
    expect(assembleCategoryItems(cat('3'), context(rows))).toEqual([]);
    // Its descendants lose that segment, as the original's builder leaves ids without a url key out.
    expect(byView('4', context(rows)).get('default')?.urlPath).toBe('bags');
  });

  it('gives a url-key change a new urlPath, and so a new identity, to the category and its descendants', () => {
    const renamed = BASE_ROWS.map((r) =>
      r.entity_id === '3' && r.attribute_id === A.urlKey && r.store_id === 0 ? { ...r, value: 'outdoor' } : r,
    );
    expect(byView('3', context(renamed)).get('default')?.urlPath).toBe('outdoor');
    expect(byView('5', context(renamed)).get('default')?.urlPath).toBe('outdoor/bags/totes');
    // The store view with its own url key keeps its path.
    expect(byView('5', context(renamed)).get('fr')?.urlPath).toBe('equipement/bags/totes');
  });

  it('lists the children active in each store view', () => {
    expect(byView('4').get('default')?.children).toEqual(['5']);
    expect(byView('4').get('fr')?.children).toBeNull();
    expect(byView('5').get('default')?.children).toBeNull();
  });

  it('forces isActive and includeInMenu to 0 below an inactive or hidden top-level category', () => {
    const hidden = [...BASE_ROWS, row(3, A.isActive, 2, '0'), row(3, A.includeInMenu, 0, '0')];
    const items = byView('5', context(hidden));
    expect([items.get('default')?.isActive, items.get('default')?.includeInMenu]).toEqual([1, 0]);
    expect([items.get('fr')?.isActive, items.get('fr')?.includeInMenu]).toEqual([0, 0]);
    // The top-level category itself keeps its own values.
    expect(byView('3', context(hidden)).get('fr')).toMatchObject({ isActive: 0, includeInMenu: 0 });
    expect(byView('3', context(hidden)).get('default')).toMatchObject({ isActive: 1, includeInMenu: 0 });
  });

  it('treats a top-level ancestor without status rows as active, and a missing value among rows as 0', () => {
    const noStatus = BASE_ROWS.filter(
      (r) => !(r.entity_id === '3' && (r.attribute_id === A.isActive || r.attribute_id === A.includeInMenu)),
    );
    expect(byView('4', context(noStatus)).get('default')).toMatchObject({ isActive: 1, includeInMenu: 1 });
    const onlyActive = BASE_ROWS.filter((r) => !(r.entity_id === '3' && r.attribute_id === A.includeInMenu));
    expect(byView('4', context(onlyActive)).get('default')).toMatchObject({ isActive: 1, includeInMenu: 0 });
  });

  it('checks the default sort against the category’s valid options, then the store config', () => {
    const bags = byView('4');
    expect(bags.get('default')).toMatchObject({
      defaultSortBy: 'name',
      availableSortBy: ['price', 'name', 'nonsense'],
    });
    // Gear has no sort settings: the config decides, position in default, price in fr.
    expect(byView('3').get('fr')?.defaultSortBy).toBe('price');
  });

  it('escapes the description when its attribute allows no HTML, and leaves out values that are not set', () => {
    expect(byView('3', context(BASE_ROWS, { escapeDescription: true })).get('default')?.description).toBe(
      '&lt;p&gt;All the gear&lt;/p&gt;',
    );
    const totes = byView('5').get('default');
    for (const field of [
      'description',
      'metaTitle',
      'displayMode',
      'isAnchor',
      'includeInMenu',
      'createdAt',
    ]) {
      expect(totes).not.toHaveProperty(field);
    }
    expect(totes?.image).toBeNull();
  });
});

describe('category helpers', () => {
  it.each<[string, number, boolean]>([
    ['1/2', 2, true],
    ['1/2/3', 2, true],
    ['1/20/3', 2, false],
    ['1/12', 2, false],
    ['1', 1, false],
    ['1/10/11', 10, true],
  ])('isUnderRoot(%s, %d) = %s', (path, root, expected) => {
    expect(isUnderRoot(path, root)).toBe(expected);
  });

  it.each<[string, string]>([
    ['/media/catalog/category/a.jpg', 'https://s.test/media/catalog/category/a.jpg'],
    ['/pub/media/catalog/category/a.jpg', 'https://s.test/media/catalog/category/a.jpg'],
    ['media/wysiwyg/b.png', 'https://s.test/media/wysiwyg/b.png'],
    ['c.jpg', 'https://s.test/media/catalog/category/c.jpg'],
    ['tmp/d.jpg', 'https://s.test/media/catalog/category/d.jpg'],
    ['/static/e.jpg', '/static/e.jpg'],
  ])('categoryImageUrl(%s)', (value, expected) => {
    expect(categoryImageUrl(value, 'https://s.test/media/')).toBe(expected);
  });

  it('resolves the default sort like the original provider', () => {
    expect(resolveDefaultSortBy(null, null, 'position', ['name', 'price'])).toBe('position');
    expect(resolveDefaultSortBy(undefined, 'price,name', 'position', ['name', 'price'])).toBe('price');
    expect(resolveDefaultSortBy('name', 'price,name', 'position', ['name', 'price'])).toBe('name');
    expect(resolveDefaultSortBy('color', 'bogus', 'position', ['name', 'price'])).toBe('position');
    expect(resolveDefaultSortBy('', null, 'position', ['name'])).toBe('position');
  });

  it('splits available_sort_by and gives null for PHP-empty values', () => {
    expect(availableSortByOf('name,price')).toEqual(['name', 'price']);
    expect(availableSortByOf('')).toBeNull();
    expect(availableSortByOf('0')).toBeNull();
    expect(availableSortByOf(null)).toBeNull();
  });

  it('names the top-level category of a path as the status ancestor', () => {
    expect(statusAncestorOf('1/2/3/4/5')).toBe('3');
    expect(statusAncestorOf('1/2/3')).toBeUndefined();
  });

  it('builds url paths skipping the tree root and the store root', () => {
    const values = new EavValues([
      row(2, A.urlKey, 0, 'kids'),
      row(3, A.urlKey, 0, 'a'),
      row(4, A.urlKey, 1, 'b'),
    ]);
    expect(buildUrlPath('1/2/3/4', 1, values, A.urlKey)).toBe('a/b');
    expect(buildUrlPath('1/2/3/4', 2, values, A.urlKey)).toBe('a');
    expect(buildUrlPath('1/2', 1, values, A.urlKey)).toBe('');
  });

  it('escapes HTML without double-encoding entities', () => {
    expect(escapeHtml(`<b>"Tom" & Jerry's &amp; co</b>`)).toBe(
      '&lt;b&gt;&quot;Tom&quot; &amp; Jerry&#039;s &amp; co&lt;/b&gt;',
    );
  });
});
