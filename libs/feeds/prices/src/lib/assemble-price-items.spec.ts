import { customerGroupCode } from '@cde/contracts';
import {
  assemblePriceItems,
  priceType,
  specialPriceActive,
  type AssembledPrice,
} from './assemble-price-items';
import type { PriceContext, PriceRows, PriceValueRow, TierPriceRow } from './price-rows';

const TODAY = '2026-11-01';
const GENERAL = customerGroupCode(1);
const WHOLESALE = customerGroupCode(2);

const CONTEXT: PriceContext = {
  websiteScope: true,
  websites: new Map([
    [1, { websiteId: 1, code: 'base', storeIds: [1, 3], timeZone: 'UTC', today: TODAY }],
    [2, { websiteId: 2, code: 'second', storeIds: [2], timeZone: 'UTC', today: '2026-10-31' }],
  ]),
};

const value = (code: PriceValueRow['code'], storeId: number, v: string | null, id = '10'): PriceValueRow => ({
  entity_id: id,
  code,
  store_id: storeId,
  value: v,
});

const tier = (t: Partial<TierPriceRow>): TierPriceRow => ({
  entity_id: '10',
  all_groups: 0,
  customer_group_id: 1,
  qty: '1.0000',
  value: '0.000000',
  percentage_value: null,
  website_id: 0,
  ...t,
});

/** Product 10 (simple, SKU S-10) in both websites, price 20 at store 0. */
const ROWS: PriceRows = {
  products: [{ entity_id: '10', sku: 'S-10', type_id: 'simple', price_type: null }],
  websites: [
    { product_id: '10', website_id: 1 },
    { product_id: '10', website_id: 2 },
  ],
  parents: [],
  values: [value('price', 0, '20.000000')],
  tiers: [],
  rules: [],
};

const run = (rows: Partial<PriceRows>, context: PriceContext = CONTEXT): AssembledPrice[] =>
  assemblePriceItems({ ...ROWS, ...rows }, context).map((i) => i.item);
const find = (items: AssembledPrice[], website: string, group: string): AssembledPrice | undefined =>
  items.find((i) => i.websiteCode === website && i.customerGroupCode === group);
const only = (items: AssembledPrice[], website: string, group: string): AssembledPrice => {
  const found = find(items, website, group);
  if (!found) throw new Error(`no item ${website}/${group} in ${JSON.stringify(items)}`);
  return found;
};

describe(assemblePriceItems.name, () => {
  it('makes the base item "0" per website the product is assigned to, with every field', () => {
    const out = assemblePriceItems(ROWS, CONTEXT);
    expect(out).toEqual([
      {
        productId: '10',
        item: {
          websiteId: 1,
          productId: 10,
          sku: 'S-10',
          type: 'SIMPLE',
          websiteCode: 'base',
          regular: 20,
          customerGroupCode: '0',
          discounts: [],
          tierPrices: [],
        },
      },
      expect.objectContaining({
        item: expect.objectContaining({ websiteId: 2, websiteCode: 'second' }) as unknown,
      }),
    ]);
  });

  it('gives no items to a product without websites, or to configurable and gift card products', () => {
    expect(run({ websites: [] })).toEqual([]);
    expect(
      run({ products: [{ entity_id: '10', sku: 'C', type_id: 'configurable', price_type: null }] }),
    ).toEqual([]);
    expect(run({ products: [{ entity_id: '10', sku: 'G', type_id: 'giftcard', price_type: null }] })).toEqual(
      [],
    );
  });

  it('upper-cases the type, bundles by price type, other types as SIMPLE', () => {
    expect(priceType('bundle', 1)).toBe('BUNDLE_FIXED');
    expect(priceType('bundle', 0)).toBe('BUNDLE_DYNAMIC');
    expect(priceType('bundle', null)).toBe('BUNDLE');
    expect(priceType('downloadable', null)).toBe('DOWNLOADABLE');
    expect(priceType('grouped', null)).toBe('GROUPED');
    expect(priceType('virtual', null)).toBe('SIMPLE');
    expect(priceType('configurable', null)).toBe('CONFIGURABLE');
  });

  it('lists the parents the product has in each website, sorted by SKU', () => {
    const items = run({
      parents: [
        { child_id: '10', website_id: 1, parent_sku: 'P-B', parent_type_id: 'grouped' },
        { child_id: '10', website_id: 1, parent_sku: 'P-A', parent_type_id: 'configurable' },
        { child_id: '10', website_id: 2, parent_sku: 'P-B', parent_type_id: 'grouped' },
      ],
    });
    expect(only(items, 'base', '0').parents).toEqual([
      { type: 'CONFIGURABLE', sku: 'P-A' },
      { type: 'GROUPED', sku: 'P-B' },
    ]);
    expect(only(items, 'second', '0').parents).toEqual([{ type: 'GROUPED', sku: 'P-B' }]);
  });

  it('sends regular 0 without a price and keeps 0-value prices as prices (#516)', () => {
    expect(only(run({ values: [] }), 'base', '0').regular).toBe(0);
    const items = run({
      values: [value('price', 0, '0.000000'), value('special_price', 0, '0.000000')],
      tiers: [tier({ all_groups: 1, customer_group_id: 0, value: '0.000000' })],
    });
    expect(only(items, 'base', '0')).toMatchObject({
      regular: 0,
      discounts: [
        { code: 'special_price', price: 0 },
        { code: 'group', price: 0 },
      ],
    });
  });

  it('uses a website-level price and special price over the global ones (#405), per website', () => {
    const items = run({
      values: [
        value('price', 0, '20.000000'),
        value('price', 2, '25.000000'),
        value('special_price', 0, '18.000000'),
        value('special_price', 1, '15.000000'),
        value('special_price', 3, '15.000000'),
      ],
    });
    expect(only(items, 'base', '0')).toMatchObject({
      regular: 20,
      discounts: [{ code: 'special_price', price: 15 }],
    });
    expect(only(items, 'second', '0')).toMatchObject({
      regular: 25,
      discounts: [{ code: 'special_price', price: 18 }],
    });
  });

  it('lets a website unset a global special price without dropping its other discounts', () => {
    const items = run({
      values: [
        value('price', 0, '20.000000'),
        value('special_price', 0, '18.000000'),
        value('special_price', 1, null),
      ],
      tiers: [tier({ all_groups: 1, customer_group_id: 0, value: '17.000000' })],
    });
    expect(only(items, 'base', '0').discounts).toEqual([{ code: 'group', price: 17 }]);
    expect(only(items, 'second', '0').discounts).toEqual([
      { code: 'special_price', price: 18 },
      { code: 'group', price: 17 },
    ]);
  });

  it('reads only the default scope when the price scope is global', () => {
    const items = run(
      { values: [value('price', 0, '20.000000'), value('price', 1, '25.000000')] },
      { ...CONTEXT, websiteScope: false },
    );
    expect(only(items, 'base', '0').regular).toBe(20);
  });

  it("applies a special price only inside its date window, by each website's own today", () => {
    const windowed = (from: string | null, to: string | null): Partial<PriceRows> => ({
      values: [
        value('price', 0, '20.000000'),
        value('special_price', 0, '15.000000'),
        ...(from ? [value('special_from_date', 0, `${from} 00:00:00`)] : []),
        ...(to ? [value('special_to_date', 0, `${to} 00:00:00`)] : []),
      ],
    });
    // Opens today in base (2026-11-01), still tomorrow in second (2026-10-31 there).
    const opening = run(windowed('2026-11-01', null));
    expect(only(opening, 'base', '0').discounts).toEqual([{ code: 'special_price', price: 15 }]);
    expect(only(opening, 'second', '0').discounts).toEqual([]);
    // Ended yesterday in base, ends today in second (the end day is included).
    const closing = run(windowed(null, '2026-10-31'));
    expect(only(closing, 'base', '0').discounts).toEqual([]);
    expect(only(closing, 'second', '0').discounts).toEqual([{ code: 'special_price', price: 15 }]);
    expect(specialPriceActive(null, null, TODAY)).toBe(true);
  });

  it("sends a bundle's special price as a percentage", () => {
    const items = run({
      products: [{ entity_id: '10', sku: 'B', type_id: 'bundle', price_type: 1 }],
      values: [value('price', 0, '100.000000'), value('special_price', 0, '80.000000')],
    });
    expect(only(items, 'base', '0')).toMatchObject({
      type: 'BUNDLE_FIXED',
      discounts: [{ code: 'special_price', percentage: 80 }],
    });
  });

  it('puts the all-groups group price on the base item and makes one item per group with its own group price', () => {
    const items = run({
      tiers: [
        tier({ all_groups: 1, customer_group_id: 0, value: '19.000000' }),
        tier({ customer_group_id: 1, value: '0.000000', percentage_value: '10.00' }),
        tier({ customer_group_id: 2, value: '16.000000', website_id: 2 }),
      ],
    });
    expect(items.map((i) => `${i.websiteCode}/${i.customerGroupCode}`)).toEqual([
      'base/0',
      `base/${GENERAL}`,
      'second/0',
      `second/${GENERAL}`,
      `second/${WHOLESALE}`,
    ]);
    expect(only(items, 'base', '0').discounts).toEqual([{ code: 'group', price: 19 }]);
    expect(only(items, 'base', GENERAL).discounts).toEqual([{ code: 'group', percentage: 10 }]);
    expect(only(items, 'second', WHOLESALE)).toMatchObject({
      regular: 20,
      discounts: [{ code: 'group', price: 16 }],
    });
  });

  it("lets a website's group price override the all-websites one", () => {
    const items = run({
      tiers: [
        tier({ customer_group_id: 1, value: '18.000000' }),
        tier({ customer_group_id: 1, value: '17.000000', website_id: 1 }),
      ],
    });
    expect(only(items, 'base', GENERAL).discounts).toEqual([{ code: 'group', price: 17 }]);
    expect(only(items, 'second', GENERAL).discounts).toEqual([{ code: 'group', price: 18 }]);
  });

  it("adds today's catalog rule price to the group's item, also next to an all-websites group price (#515)", () => {
    const items = run({
      values: [value('price', 0, '20.000000'), value('special_price', 0, '19.000000')],
      tiers: [tier({ customer_group_id: 1, value: '18.000000', website_id: 0 })],
      rules: [
        { product_id: '10', website_id: 1, customer_group_id: 1, rule_date: TODAY, rule_price: '16.000000' },
        { product_id: '10', website_id: 1, customer_group_id: 2, rule_date: TODAY, rule_price: '15.000000' },
        // Other days and other websites' days do not count.
        {
          product_id: '10',
          website_id: 1,
          customer_group_id: 2,
          rule_date: '2026-10-31',
          rule_price: '1.000000',
        },
        { product_id: '10', website_id: 2, customer_group_id: 2, rule_date: TODAY, rule_price: '1.000000' },
      ],
    });
    expect(only(items, 'base', GENERAL).discounts).toEqual([
      { code: 'special_price', price: 19 },
      { code: 'group', price: 18 },
      { code: 'catalog_rule', price: 16 },
    ]);
    expect(only(items, 'base', WHOLESALE).discounts).toEqual([
      { code: 'special_price', price: 19 },
      { code: 'catalog_rule', price: 15 },
    ]);
    expect(only(items, 'second', GENERAL).discounts).toEqual([
      { code: 'special_price', price: 19 },
      { code: 'group', price: 18 },
    ]);
    expect(find(items, 'second', WHOLESALE)).toBeUndefined();
  });

  it('takes the rule day in the website time zone: a rule row of the website’s today, not UTC’s', () => {
    const items = run({
      rules: [
        {
          product_id: '10',
          website_id: 2,
          customer_group_id: 2,
          rule_date: '2026-10-31',
          rule_price: '14.000000',
        },
      ],
    });
    expect(only(items, 'second', WHOLESALE).discounts).toEqual([{ code: 'catalog_rule', price: 14 }]);
  });

  it("puts all-groups tier prices on every item and a group's own tiers on its item, the more specific winning", () => {
    const items = run({
      tiers: [
        tier({ all_groups: 1, customer_group_id: 0, qty: '5.0000', value: '18.000000' }),
        tier({
          all_groups: 1,
          customer_group_id: 0,
          qty: '2.0000',
          value: '0.000000',
          percentage_value: '5.00',
        }),
        tier({ all_groups: 1, customer_group_id: 0, qty: '5.0000', value: '17.500000', website_id: 2 }),
        tier({ customer_group_id: 1, qty: '1.0000', value: '19.000000' }),
        tier({ customer_group_id: 1, qty: '5.0000', value: '16.000000' }),
        tier({ customer_group_id: 1, qty: '10.0000', value: '15.000000' }),
      ],
    });
    expect(only(items, 'base', '0').tierPrices).toEqual([
      { qty: 2, percentage: 5 },
      { qty: 5, price: 18 },
    ]);
    expect(only(items, 'second', '0').tierPrices).toEqual([
      { qty: 2, percentage: 5 },
      { qty: 5, price: 17.5 },
    ]);
    expect(only(items, 'base', GENERAL).tierPrices).toEqual([
      { qty: 2, percentage: 5 },
      { qty: 5, price: 16 },
      { qty: 10, price: 15 },
    ]);
    // A group with tier prices only (no group price, no rule) gets no item of its own, as in the original.
    expect(items.filter((i) => i.customerGroupCode === WHOLESALE)).toEqual([]);
  });

  it('skips websites unknown to the store structure', () => {
    expect(run({ websites: [{ product_id: '10', website_id: 9 }] })).toEqual([]);
  });
});
