import { parseRedactionRules, redactItem } from './redaction';

describe(parseRedactionRules.name, () => {
  it('reads <feed>:<dotted path> entries, feed names case-insensitive', () => {
    expect(parseRedactionRules(' products:description, ORDERS:customerEmail,orders:items.sku ,')).toEqual({
      products: [['description']],
      orders: [['customerEmail'], ['items', 'sku']],
    });
    expect(parseRedactionRules('')).toEqual({});
  });

  it.each(['description', 'nofeed:description', 'products:', 'products:a..b'])('rejects "%s"', (text) => {
    expect(() => parseRedactionRules(text)).toThrow(/known feed/);
  });
});

describe(redactItem.name, () => {
  const order = {
    commerceOrderId: 'o-1',
    customerEmail: 'a@example.com',
    items: [
      { sku: 'A', qty: 1 },
      { sku: 'B', qty: 2, extra: { secret: 1 } },
    ],
    address: { street: 'Main 1', city: 'X' },
  };

  it('removes top-level, nested and per-array-element fields without touching the input', () => {
    const snapshot = JSON.stringify(order);
    const sut = redactItem(order, [['customerEmail'], ['items', 'sku'], ['address', 'street']]);
    expect(sut).toEqual({
      commerceOrderId: 'o-1',
      items: [{ qty: 1 }, { qty: 2, extra: { secret: 1 } }],
      address: { city: 'X' },
    });
    expect(JSON.stringify(order)).toBe(snapshot);
  });

  it('returns the same object when no path matches', () => {
    expect(redactItem(order, [['missing'], ['items', 'missing'], ['commerceOrderId', 'deeper']])).toBe(order);
  });
});
