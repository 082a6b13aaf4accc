import { assembleScopesWebsiteItem } from './assemble-scopes-website-item';

describe(assembleScopesWebsiteItem.name, () => {
  const groups = [
    { group_id: '1', website_id: '1', code: 'main_website_store' },
    { group_id: '2', website_id: '2', code: 'store_group_2' },
    { group_id: '3', website_id: '1', code: 'outlet' },
  ];
  const views = [
    { store_id: '1', group_id: '1', website_id: '1', code: 'default' },
    { store_id: '4', group_id: '1', website_id: '1', code: 'default_fr' },
    { store_id: '2', group_id: '2', website_id: '2', code: 'store_view_2' },
  ];

  it('nests the store groups of the website and their store views', () => {
    expect(assembleScopesWebsiteItem({ website_id: '1', code: 'base' }, groups, views)).toEqual({
      websiteId: '1',
      websiteCode: 'base',
      stores: [
        {
          storeId: '1',
          storeCode: 'main_website_store',
          storeViews: [
            { storeViewId: '1', storeViewCode: 'default' },
            { storeViewId: '4', storeViewCode: 'default_fr' },
          ],
        },
        { storeId: '3', storeCode: 'outlet', storeViews: [] },
      ],
    });
  });

  it('gives a website without groups an empty store list', () => {
    expect(assembleScopesWebsiteItem({ website_id: '9', code: 'empty' }, groups, views).stores).toEqual([]);
  });
});
