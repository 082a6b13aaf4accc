import { SCOPES_CUSTOMER_GROUP_FEED, SCOPES_WEBSITE_FEED } from '@cde/feeds/scopes';
import { capturedCommerceTables } from '@cde/testing/runtime';

describe('scopes-feed composition', () => {
  it.each([SCOPES_WEBSITE_FEED, SCOPES_CUSTOMER_GROUP_FEED].map((d) => [d.feed, d] as const))(
    '%s reads only tables the committed Debezium connector captures',
    (_feed, declaration) => {
      const captured = capturedCommerceTables();
      expect(declaration.tables.filter((t) => !captured.has(t))).toEqual([]);
    },
  );
});
