import { FEED_NAMES } from './feeds';
import { feedOfIngestionPath, ingestionPath } from './ingestion-protocol';

describe(ingestionPath.name, () => {
  it('fills the environment id into the feed path and maps it back', () => {
    expect(ingestionPath('products', 'env-1')).toBe('/feeds/catalog/v2/products/env-1');
    for (const feed of FEED_NAMES)
      expect(feedOfIngestionPath(ingestionPath(feed, 'e 1'))).toEqual({ feed, environmentId: 'e 1' });
  });

  it('knows no other path', () => {
    expect(feedOfIngestionPath('/feeds/catalog/v2/products/')).toBeUndefined();
    expect(feedOfIngestionPath('/feeds/nope/v1/x')).toBeUndefined();
    expect(feedOfIngestionPath('/feeds/catalog/v2/products/a/b')).toBeUndefined();
  });
});
