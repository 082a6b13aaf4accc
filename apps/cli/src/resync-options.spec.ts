import { parseResyncFlags, ResyncUsageError } from './resync-options';

describe(parseResyncFlags.name, () => {
  it('maps every saas:resync option, feed names case-insensitive', () => {
    expect(
      parseResyncFlags({
        feed: 'productattributes',
        byIds: 'a, b,c',
        idType: 'productId',
        dryRun: true,
        reindex: false,
        threadCount: '4',
        batchSize: '250',
        force: true,
      }),
    ).toEqual({
      feed: 'productAttributes',
      options: {
        byIds: ['a', 'b', 'c'],
        idType: 'productId',
        dryRun: true,
        cleanupFeed: false,
        noReindex: true,
        continueResync: false,
        force: true,
        threadCount: 4,
        batchSize: 250,
      },
      warnings: [],
    });
  });

  it('warns about --cleanup-feed as the original does', () => {
    expect(parseResyncFlags({ feed: 'prices', cleanupFeed: true }).warnings[0]).toContain('deletes');
  });

  it.each([
    [{}, /--feed is required/],
    [{ feed: 'nope' }, /unknown feed "nope"/],
    [{ feed: 'products', byIds: ' , ' }, /--by-ids needs/],
    [{ feed: 'products', idType: 'sku' }, /--id-type only applies with --by-ids/],
    [{ feed: 'products', byIds: 'a', idType: 'ean' }, /--id-type must be/],
    [{ feed: 'products', byIds: 'a', continueResync: true }, /cannot be combined/],
    [{ feed: 'products', threadCount: '0' }, /--thread-count must be an integer from 1 to 32/],
    [{ feed: 'products', batchSize: 'ten' }, /--batch-size must be an integer/],
  ])('refuses %j with a clear message', (flags, message) => {
    expect(() => parseResyncFlags(flags)).toThrow(ResyncUsageError);
    expect(() => parseResyncFlags(flags)).toThrow(message);
  });
});
