import { OrdersLinkUsageError, parseOrdersLinkFlags } from './orders-link';

describe(parseOrdersLinkFlags.name, () => {
  it('takes the original filters: states, created from and to (a date alone means its whole day), batch size', () => {
    expect(
      parseOrdersLinkFlags({
        state: 'complete, closed',
        from: '2026-01-01',
        to: '2026-01-31',
        batchSize: '500',
      }),
    ).toEqual({
      states: ['complete', 'closed'],
      from: '2026-01-01',
      to: '2026-01-31 23:59:59',
      batchSize: 500,
    });
    expect(parseOrdersLinkFlags({ batchSize: '10000' })).toEqual({ states: [], batchSize: 10_000 });
  });

  it.each([
    [{ batchSize: '0' }, /--batch-size/],
    [{ batchSize: 'ten' }, /--batch-size/],
    [{ batchSize: '10', from: 'yesterday' }, /--from must be a date/],
    [{ batchSize: '10', to: '2026-13' }, /--to must be a date/],
    [{ batchSize: '10', state: "complete'; DROP" }, /--state values/],
  ])('refuses %j', (flags, message) => {
    expect(() => parseOrdersLinkFlags(flags)).toThrow(OrdersLinkUsageError);
    expect(() => parseOrdersLinkFlags(flags)).toThrow(message);
  });
});
