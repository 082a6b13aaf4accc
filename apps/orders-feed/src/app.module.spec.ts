import { FEEDS } from '@cde/contracts';
import { ORDER_FEEDS } from '@cde/feeds/orders';
import { capturedCommerceTables } from '@cde/testing/runtime';

describe('orders-feed composition', () => {
  it('runs exactly the feeds of orders-feed', () => {
    expect(ORDER_FEEDS.map((d) => d.feed)).toEqual(
      Object.values(FEEDS)
        .filter((f) => f.service === 'orders-feed')
        .map((f) => f.name),
    );
  });

  it.each(ORDER_FEEDS.map((d) => [d.feed, d] as const))(
    '%s reads only tables the committed Debezium connector captures',
    (_feed, declaration) => {
      const captured = capturedCommerceTables();
      expect(declaration.tables.filter((t) => !captured.has(t))).toEqual([]);
    },
  );
});
