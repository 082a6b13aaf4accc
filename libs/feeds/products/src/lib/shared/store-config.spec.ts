import { isMissingTable, StoreConfig, type ConfigRow } from './store-config';
import type { StoreView } from './store-views';

const view = (storeId: number, websiteId: number): StoreView => ({
  storeId,
  storeViewCode: `s${storeId}`,
  storeCode: 'g',
  groupId: 1,
  websiteId,
  websiteCode: `w${websiteId}`,
  rootCategoryId: 2,
  isActive: true,
});

const rows: ConfigRow[] = [
  { scope: 'default', scope_id: 0, path: 'web/unsecure/base_url', value: 'https://shop.test/' },
  { scope: 'default', scope_id: 0, path: 'web/secure/base_url', value: 'https://secure.shop.test' },
  { scope: 'websites', scope_id: 2, path: 'web/unsecure/base_url', value: 'https://eu.shop.test' },
  { scope: 'stores', scope_id: 3, path: 'web/unsecure/base_media_url', value: '{{secure_base_url}}pics' },
  { scope: 'stores', scope_id: 4, path: 'web/unsecure/base_media_url', value: 'https://cdn.test/m/' },
  { scope: 'default', scope_id: 0, path: 'catalog/frontend/default_sort_by', value: 'name' },
  { scope: 'stores', scope_id: 3, path: 'catalog/frontend/default_sort_by', value: 'price' },
];

describe(StoreConfig.name, () => {
  const config = new StoreConfig(rows);

  it('resolves a path store view → website → default', () => {
    expect(config.get('catalog/frontend/default_sort_by', view(1, 1))).toBe('name');
    expect(config.get('catalog/frontend/default_sort_by', view(3, 2))).toBe('price');
    expect(config.get('web/unsecure/base_url', view(3, 2))).toBe('https://eu.shop.test');
    expect(config.get('web/unsecure/base_url', view(1, 1))).toBe('https://shop.test/');
    expect(config.get('no/such/path', view(1, 1))).toBeUndefined();
  });

  it('builds the media base URL from the base URL, or the configured one with placeholders replaced', () => {
    expect(config.mediaBaseUrl(view(1, 1))).toBe('https://shop.test/media/');
    expect(config.mediaBaseUrl(view(2, 2))).toBe('https://eu.shop.test/media/');
    expect(config.mediaBaseUrl(view(3, 2))).toBe('https://secure.shop.test/pics/');
    expect(config.mediaBaseUrl(view(4, 1))).toBe('https://cdn.test/m/');
    expect(new StoreConfig([]).mediaBaseUrl(view(1, 1))).toBe('/media/');
  });

  it('recognizes a missing table error', () => {
    expect(isMissingTable(Object.assign(new Error('nope'), { code: 'ER_NO_SUCH_TABLE' }))).toBe(true);
    expect(isMissingTable(new Error('other'))).toBe(false);
  });
});
