import { FEED_NAMES, OpsCode } from '@cde/contracts';
import { ExitCode, type OpsError } from './exit-codes';
import { parseFeeds, requireServed, RESYNC_ORDER, servedFeeds } from './feed-selection';

describe(parseFeeds.name, () => {
  it('takes all feeds in the documented order, scopes first', () => {
    expect(parseFeeds('all').slice(0, 8)).toEqual([
      'scopesWebsite',
      'scopesCustomerGroup',
      'productAttributes',
      'categories',
      'products',
      'prices',
      'variants',
      'productOverrides',
    ]);
    expect([...RESYNC_ORDER].sort()).toEqual([...FEED_NAMES].sort());
  });

  it('reads names case-insensitively and lists', () => {
    expect(parseFeeds('productattributes, Products')).toEqual(['productAttributes', 'products']);
  });

  it.each([
    [undefined, /--feed is required/],
    ['nope', /unknown feed "nope"; feeds: products/],
    ['products,bogus', /unknown feed "bogus"/],
  ])('refuses %p as bad usage', (value, message) => {
    expect(() => parseFeeds(value)).toThrow(message);
    try {
      parseFeeds(value);
    } catch (error) {
      expect((error as OpsError).exitCode).toBe(ExitCode.BadUsage);
    }
  });
});

describe(servedFeeds.name, () => {
  it('finds the feeds whose dead-letter topic a live member consumes, whatever the group is called', () => {
    const served = servedFeeds([
      {
        groupId: 'products-feed',
        state: 'Stable',
        memberTopics: [['cde.commands', 'cde.feed.products.dlt']],
      },
      { groupId: 't1-feeds', state: 'Stable', memberTopics: [['cde.feed.scopesWebsite.dlt']] },
      { groupId: 'old', state: 'Empty', memberTopics: [] },
      { groupId: 'exporter', state: 'Stable', memberTopics: [['cde.feed.prices']] },
    ]);
    expect([...served.entries()]).toEqual([
      ['products', ['products-feed']],
      ['scopesWebsite', ['t1-feeds']],
    ]);
  });

  it('fails fast naming the feed nothing serves and its service', () => {
    const served = new Map([['products' as const, ['products-feed']]]);
    expect(() => requireServed(['products'], served)).not.toThrow();
    expect(() => requireServed(['products', 'prices'], served)).toThrow(
      'no service serves feed prices (start prices-feed with it in CDE_FEEDS)',
    );
    try {
      requireServed(['orders'], served);
    } catch (error) {
      expect(error).toMatchObject({ code: OpsCode.NoService, exitCode: ExitCode.Unavailable });
    }
  });
});
