import { sha1 } from './feed-hash';
import { FeedIdentityError, feedIdOf } from './feed-identity';

describe(feedIdOf.name, () => {
  it('hashes the identity values joined by NUL', () => {
    expect(
      feedIdOf('products', ['sku', 'storeViewCode'], { sku: 'MH01', storeViewCode: 'default', name: 'x' }),
    ).toBe(sha1('MH01\0default'));
    expect(feedIdOf('scopesWebsite', ['websiteId'], { websiteId: 1 })).toBe(sha1('1'));
  });

  it('does not depend on other fields or key order', () => {
    const a = feedIdOf('prices', ['sku', 'customerGroupCode', 'websiteCode'], {
      websiteCode: 'base',
      sku: 'A',
      customerGroupCode: '0',
    });
    const b = feedIdOf('prices', ['sku', 'customerGroupCode', 'websiteCode'], {
      sku: 'A',
      customerGroupCode: '0',
      websiteCode: 'base',
      regular: 5,
    });
    expect(a).toBe(b);
  });

  it.each([
    [{ sku: '', storeViewCode: 'x' }],
    [{ storeViewCode: 'x' }],
    [{ sku: null, storeViewCode: 'x' }],
    [{ sku: { a: 1 }, storeViewCode: 'x' }],
  ])('refuses an empty or non-scalar identity value (CDE04-19): %j', (item) => {
    expect(() => feedIdOf('products', ['sku', 'storeViewCode'], item)).toThrow(FeedIdentityError);
    expect(() => feedIdOf('products', ['sku', 'storeViewCode'], item)).toThrow(/CDE04-19.*"sku"/);
  });
});
