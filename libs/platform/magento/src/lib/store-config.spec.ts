import { StoreConfig, type ConfigRow } from './store-config';
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

  it('takes a stored NULL as the value of its scope, not as a fall-through', () => {
    const nulls = new StoreConfig([
      { scope: 'default', scope_id: 0, path: 'a/b/c', value: 'default' },
      { scope: 'stores', scope_id: 1, path: 'a/b/c', value: null },
    ]);
    expect(nulls.get('a/b/c', view(1, 1))).toBeNull();
    expect(nulls.get('a/b/c', view(2, 1))).toBe('default');
  });

  it('resolves website-level settings website → default', () => {
    expect(config.websiteValue('web/unsecure/base_url', 2)).toBe('https://eu.shop.test');
    expect(config.websiteValue('web/unsecure/base_url', 1)).toBe('https://shop.test/');
    expect(config.websiteValue('catalog/frontend/default_sort_by', 2)).toBe('name');
  });

  it("builds a store view's web and link base URLs with Magento's defaults", () => {
    expect(config.urls(view(1, 1))).toEqual({
      web: 'https://shop.test/',
      link: 'https://shop.test/index.php/',
      media: 'https://shop.test/media/',
    });
    const rewritten = new StoreConfig([
      ...rows,
      { scope: 'default', scope_id: 0, path: 'web/seo/use_rewrites', value: '1' },
      { scope: 'websites', scope_id: 2, path: 'web/url/use_store', value: '1' },
      { scope: 'default', scope_id: 0, path: 'web/unsecure/base_link_url', value: '{{secure_base_url}}' },
    ]);
    expect(rewritten.urls(view(1, 1)).link).toBe('https://secure.shop.test/');
    expect(rewritten.urls(view(3, 2)).link).toBe('https://secure.shop.test/s3/');
    expect(new StoreConfig([]).urls(view(1, 1))).toEqual({
      web: '/',
      link: '/index.php/',
      media: '/media/',
    });
  });

  // The two copies this class replaces differed here: one replaced the first placeholder only.
  it('replaces every occurrence of a placeholder, as Magento does', () => {
    const twice = new StoreConfig([
      ...rows,
      {
        scope: 'default',
        scope_id: 0,
        path: 'web/unsecure/base_media_url',
        value: '{{unsecure_base_url}}media/?from={{unsecure_base_url}}',
      },
      {
        scope: 'default',
        scope_id: 0,
        path: 'web/unsecure/base_link_url',
        value: '{{base_url}}{{unsecure_base_url}}{{unsecure_base_url}}',
      },
    ]);
    expect(twice.mediaBaseUrl(view(1, 1))).toBe('https://shop.test/media/?from=https://shop.test/');
    expect(twice.urls(view(1, 1)).link).toBe('/https://shop.test/https://shop.test/index.php/');
  });
});
