import { feedsOfService } from '@cde/contracts';
import { CATALOG_FEEDS } from '@cde/feeds/products';
import { capturedCommerceTables } from '@cde/testing/runtime';

describe('products-feed composition', () => {
  it('runs every feed the contracts give the service, once', () => {
    expect(CATALOG_FEEDS.map((d) => d.feed).sort()).toEqual([...feedsOfService('products-feed')].sort());
  });

  it.each(CATALOG_FEEDS.map((d) => [d.feed, d] as const))(
    '%s reads only tables the committed Debezium connector captures',
    (_feed, declaration) => {
      const captured = capturedCommerceTables();
      expect(declaration.tables.filter((t) => !captured.has(t))).toEqual([]);
    },
  );
});
