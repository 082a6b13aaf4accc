import { feedsOfService } from '@cde/contracts';
import { capturedCommerceTables } from '@cde/testing/runtime';
import { PRICE_FEEDS } from './app.module';

describe('prices-feed composition', () => {
  it('runs every feed the contracts give the service, once', () => {
    expect(PRICE_FEEDS.map((d) => d.feed).sort()).toEqual([...feedsOfService('prices-feed')].sort());
  });

  it.each(PRICE_FEEDS.map((d) => [d.feed, d] as const))(
    '%s reads only tables the committed Debezium connector captures',
    (_feed, declaration) => {
      const captured = capturedCommerceTables();
      expect(declaration.tables.filter((t) => !captured.has(t))).toEqual([]);
    },
  );
});
