import { feedsOfService } from '@cde/contracts';
import { INVENTORY_FEEDS } from '@cde/feeds/inventory';
import { capturedCommerceTables } from '@cde/testing/runtime';

describe('inventory-feed composition', () => {
  it('runs exactly the feeds the contracts give the service', () => {
    expect(INVENTORY_FEEDS.map((d) => d.feed)).toEqual(feedsOfService('inventory-feed'));
  });

  it.each(INVENTORY_FEEDS.map((d) => [d.feed, d] as const))(
    '%s reads only tables the committed Debezium connector captures',
    (_feed, declaration) => {
      const captured = capturedCommerceTables();
      expect(declaration.tables.filter((t) => !captured.has(t))).toEqual([]);
    },
  );
});
