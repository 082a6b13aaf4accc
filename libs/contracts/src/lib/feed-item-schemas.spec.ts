import { FEED_ITEM_EXAMPLES } from './feed-item-examples';
import { createFeedItemValidator, FEED_ITEM_SCHEMAS, FEED_MINIMAL_PAYLOAD } from './feed-item-schemas';
import type { FeedItemPayload } from './feed-messages';
import { FEED_NAMES, FEEDS, type FeedName } from './feeds';

const validate = createFeedItemValidator();

const exampleOf = (feed: FeedName): Record<string, unknown> => ({ ...FEED_ITEM_EXAMPLES[feed] });

/** A delete as the feed engine builds it: the stored minimal payload, marked deleted. */
function minimalDeleteOf(feed: FeedName): Record<string, unknown> {
  const item = exampleOf(feed);
  return {
    ...Object.fromEntries(FEED_MINIMAL_PAYLOAD[feed].map((field) => [field, item[field]])),
    deleted: true,
  };
}

function without(item: Record<string, unknown>, field: string): Record<string, unknown> {
  const copy = { ...item };
  delete copy[field];
  return copy;
}

function errorsOf(feed: FeedName, item: unknown): readonly string[] {
  const result = validate(feed, item);
  return result.valid ? [] : result.errors;
}

const identityCases = FEED_NAMES.flatMap((feed) =>
  FEEDS[feed].identity.map((field) => [feed, field] as const),
);

const minimalPayloadCases = FEED_NAMES.flatMap((feed) =>
  FEED_MINIMAL_PAYLOAD[feed].map((field) => [feed, field] as const),
);

/** The top-level fields the original may send as null (a provider-backed field, or null by contract). */
const NULLABLE_FIELDS: Readonly<Record<FeedName, readonly string[]>> = {
  products: [
    'weightUnit',
    'currency',
    'displayable',
    'buyable',
    'images',
    'videos',
    'media_gallery',
    'attributes',
    'categoryData',
    'optionsV2',
    'shopperInputOptions',
    'samples',
    'links',
    'inStock',
    'lowStock',
    'url',
    'urlRewrites',
    'variants',
    'parents',
  ],
  productAttributes: ['attributeOptions'],
  categories: ['image', 'children', 'defaultSortBy', 'availableSortBy'],
  variants: [],
  productOverrides: ['prices'],
  categoryPermissions: [],
  prices: [],
  scopesWebsite: ['stores'],
  scopesCustomerGroup: ['websites'],
  orders: [
    'externalId',
    'state',
    'payment',
    'shipping',
    'items',
    'invoices',
    'creditMemos',
    'transactions',
    'shipments',
    'additionalInformation',
  ],
  inventoryStockStatus: [],
};

/** Top-level Int fields of the original, and whether they may be null. */
const INTEGER_FIELDS: readonly (readonly [FeedName, string, boolean])[] = [
  ['products', 'productId', false],
  ['categories', 'level', false],
  ['categories', 'position', false],
  ['categories', 'isAnchor', false],
  ['categories', 'includeInMenu', false],
  ['categories', 'isActive', false],
  ['productOverrides', 'productId', false],
  ['prices', 'websiteId', false],
  ['prices', 'productId', false],
  ['orders', 'state', true],
  ['orders', 'storeId', false],
  ['orders', 'customerId', false],
  ['inventoryStockStatus', 'productId', false],
];

describe(createFeedItemValidator.name, () => {
  it.each(FEED_NAMES)('accepts a realistic %s item', (feed) => {
    expect(validate(feed, FEED_ITEM_EXAMPLES[feed])).toEqual({ valid: true });
  });

  it.each(FEED_NAMES)('accepts a %s delete that carries only the minimal payload', (feed) => {
    expect(validate(feed, minimalDeleteOf(feed))).toEqual({ valid: true });
  });

  it.each(identityCases)('rejects a %s item without its identity field %s, naming it', (feed, field) => {
    expect(errorsOf(feed, without(exampleOf(feed), field))).toContain(`/${field} is required`);
    expect(errorsOf(feed, without(minimalDeleteOf(feed), field))).toContain(`/${field} is required`);
  });

  it.each(FEED_NAMES)('rejects a %s item without the deleted flag', (feed) => {
    expect(errorsOf(feed, without(exampleOf(feed), 'deleted'))).toContain('/deleted is required');
  });

  it.each<[FeedName, string, unknown, string]>([
    ['products', 'productId', '67', '/productId must be integer'],
    ['productAttributes', 'searchWeight', 'high', '/searchWeight must be number'],
    ['categories', 'level', '4', '/level must be integer'],
    ['variants', 'optionValues', 'color:Gray', '/optionValues must be array'],
    ['productOverrides', 'displayable', 'yes', '/displayable must be boolean'],
    [
      'categoryPermissions',
      'permission',
      { displayable: 'MAYBE', displayProductPrice: 'ALLOW', allowAddToCart: 'DENY' },
      '/permission/displayable must be one of ALLOW, DENY',
    ],
    ['prices', 'regular', '52.00', '/regular must be number'],
    [
      'scopesWebsite',
      'stores',
      [{ storeId: 1, storeCode: 'main_website_store' }],
      '/stores/0/storeId must be string',
    ],
    ['scopesCustomerGroup', 'websites', 'base', '/websites must be array,null'],
    ['orders', 'orderId', '0b9e4a5e-3c1d-4f6a-9b2e-7d8c1a2b3c4d', '/orderId must be object'],
    ['inventoryStockStatus', 'isSalable', 1, '/isSalable must be boolean'],
  ])('rejects a %s item whose %s has the wrong type', (feed, field, value, expected) => {
    expect(errorsOf(feed, { ...exampleOf(feed), [field]: value })).toEqual([expected]);
  });

  it.each<[FeedName, string]>([
    ['products', '/name is required'],
    ['productAttributes', '/dataType is required'],
    ['categories', '/level is required'],
    ['variants', '/parentId is required'],
    ['productOverrides', '/priceDisplayable is required'],
    ['categoryPermissions', '/permission is required'],
    ['prices', '/websiteId is required'],
    ['orders', '/orderId is required'],
  ])('requires the full field set of a live %s item, not just the minimal payload', (feed, expected) => {
    expect(errorsOf(feed, { ...minimalDeleteOf(feed), deleted: false })).toContain(expected);
  });

  it.each(FEED_NAMES)('accepts %s fields it does not know, as newer senders add fields', (feed) => {
    expect(validate(feed, { ...exampleOf(feed), addedInANewerVersion: { any: ['shape'] } })).toEqual({
      valid: true,
    });
  });

  it('accepts null where the original sends null, and nothing else there', () => {
    const product = { ...exampleOf('products'), displayable: null, images: null, currency: null };
    expect(validate('products', product)).toEqual({ valid: true });
    expect(errorsOf('products', { ...exampleOf('products'), name: null })).toEqual(['/name must be string']);
  });

  it('checks nested records and their key fields', () => {
    const order = {
      ...exampleOf('orders'),
      items: [{ itemId: { id: 'x' }, qtyOrdered: '1' }, { sku: 'MH01' }],
    };
    expect(errorsOf('orders', order)).toEqual([
      '/items/0/qtyOrdered must be number,null',
      '/items/1/itemId is required',
    ]);
  });

  it('rejects an empty identity value, which cannot make a feedId', () => {
    expect(errorsOf('products', { ...exampleOf('products'), sku: '' })).toEqual([
      '/sku must NOT have fewer than 1 characters',
    ]);
  });

  it.each(identityCases)('rejects an empty %s identity value %s, live or deleted', (feed, field) => {
    const expected = [`/${field} must NOT have fewer than 1 characters`];
    expect(errorsOf(feed, { ...exampleOf(feed), [field]: '' })).toEqual(expected);
    expect(errorsOf(feed, { ...minimalDeleteOf(feed), [field]: '' })).toEqual(expected);
  });

  it('accepts empty strings outside the identity, at the top level and nested', () => {
    const price = { ...exampleOf('prices'), type: '', parents: [{ type: null, sku: '' }] };
    expect(validate('prices', price)).toEqual({ valid: true });
  });

  it.each(minimalPayloadCases)('rejects a %s delete without its minimal payload field %s', (feed, field) => {
    // Every minimal payload field is one a live item always has, so a stored payload always carries it.
    expect(errorsOf(feed, without(minimalDeleteOf(feed), field))).toEqual([`/${field} is required`]);
  });

  it.each(FEED_NAMES)('rejects a %s item whose deleted flag is not a boolean', (feed) => {
    expect(errorsOf(feed, { ...exampleOf(feed), deleted: 'false' })).toEqual(['/deleted must be boolean']);
    expect(errorsOf(feed, { ...minimalDeleteOf(feed), deleted: 1 })).toContain('/deleted must be boolean');
  });

  it.each(FEED_NAMES)('%s: accepts null exactly where the original may send null', (feed) => {
    const nullable = NULLABLE_FIELDS[feed];
    for (const field of nullable)
      expect([field, validate(feed, { ...exampleOf(feed), [field]: null })]).toEqual([
        field,
        { valid: true },
      ]);
    const others = Object.keys(FEED_ITEM_SCHEMAS[feed].properties).filter((f) => !nullable.includes(f));
    for (const field of others)
      expect([field, errorsOf(feed, { ...exampleOf(feed), [field]: null })]).toEqual([
        field,
        [expect.stringMatching(new RegExp(`^/${field} must be [a-z]+$`))],
      ]);
  });

  it.each(INTEGER_FIELDS)('rejects a fraction in %s.%s, an Int in the original', (feed, field, nullable) => {
    expect(errorsOf(feed, { ...exampleOf(feed), [field]: 1.5 })).toEqual([
      `/${field} must be integer${nullable ? ',null' : ''}`,
    ]);
  });

  it.each<[FeedName, Record<string, unknown>]>([
    ['products', { weight: 1.25 }],
    ['productAttributes', { searchWeight: 0.5 }],
    ['prices', { regular: 51.99, tierPrices: [{ qty: 2.5, price: 44.5, percentage: 7.5 }] }],
    ['productOverrides', { prices: { minimumPrice: { regularPrice: 0.5, finalPrice: 0.25 } } }],
    ['orders', { grandTotal: 56.99, items: [{ itemId: { id: 'x' }, qtyOrdered: 1.5, weight: 0.5 }] }],
    ['inventoryStockStatus', { qty: 1.5, qtyForSale: 0.5 }],
  ])('accepts fractions in %s fields that are a Float in the original: %j', (feed, fields) => {
    expect(validate(feed, { ...exampleOf(feed), ...fields })).toEqual({ valid: true });
  });

  it.each<[FeedName, Record<string, unknown>, readonly string[]]>([
    ['products', { images: [{ sortOrder: '1' }] }, ['/images/0/resource is required']],
    ['products', { images: [{ resource: { url: null } }] }, ['/images/0/resource/url must be string']],
    ['products', { image: { url: 5 } }, ['/image/url must be string,null']],
    ['products', { inventory: { qty: 1.5 } }, ['/inventory/qty must be integer,null']],
    [
      'products',
      { optionsV2: [{ id: 'color', values: [{ id: 'x', sortOrder: 1.5 }, { label: 'Gray' }] }] },
      ['/optionsV2/0/values/0/sortOrder must be integer,null', '/optionsV2/0/values/1/id is required'],
    ],
    ['products', { links: [{ sku: 'MH02' }] }, ['/links/0/type is required']],
    ['products', { categories: [16] }, ['/categories/0 must be string']],
    ['variants', { optionValues: [{ attributeCode: 'color' }] }, ['/optionValues/0/uid is required']],
    [
      'categoryPermissions',
      { permission: { displayable: 'ALLOW', displayProductPrice: 'ALLOW' } },
      ['/permission/allowAddToCart is required'],
    ],
    ['prices', { discounts: [{ price: 1 }] }, ['/discounts/0/code is required']],
    [
      'scopesWebsite',
      { stores: [{ storeId: '1', storeCode: 'main', storeViews: [{ storeViewId: '1' }] }] },
      ['/stores/0/storeViews/0/storeViewCode is required'],
    ],
    [
      'orders',
      { shipments: [{ shipmentId: { id: 's' }, items: [{ orderItemId: {}, qtyShipped: '1' }] }] },
      [
        '/shipments/0/items/0/orderItemId/id is required',
        '/shipments/0/items/0/qtyShipped must be number,null',
      ],
    ],
    [
      'orders',
      { payment: { billingAddress: { street: ['a'] } } },
      ['/payment/billingAddress/street must be string,null'],
    ],
  ])('checks nested %s records at any depth: %j', (feed, fields, expected) => {
    expect(errorsOf(feed, { ...exampleOf(feed), ...fields })).toEqual(expected);
  });

  it.each<[FeedName, Record<string, unknown>]>([
    ['products', { images: [{ resource: { url: 'u', addedInANewerVersion: 1 }, priority: 2 }] }],
    ['products', { inventory: { qty: 1, configuration: { minSaleQty: 1 } } }],
    [
      'categoryPermissions',
      {
        permission: {
          displayable: 'ALLOW',
          displayProductPrice: 'ALLOW',
          allowAddToCart: 'DENY',
          viewReviews: 'ALLOW',
        },
      },
    ],
    ['prices', { discounts: [{ code: 'a_code_a_newer_sender_adds', price: 1 }] }],
    ['orders', { items: [{ itemId: { id: 'x', version: 2 }, giftWrap: true }] }],
  ])('accepts %s nested members and codes it does not know: %j', (feed, fields) => {
    expect(validate(feed, { ...exampleOf(feed), ...fields })).toEqual({ valid: true });
  });

  it('rejects what is not an object, and a feed it does not know', () => {
    expect(errorsOf('prices', null)).toEqual(['/ must be object']);
    expect(errorsOf('reviews' as FeedName, {})).toEqual(['unknown feed "reviews"']);
  });

  it('reports at most 20 errors, then how many more', () => {
    // A number where most fields want a string, an array or a record.
    const broken = Object.fromEntries(Object.keys(exampleOf('products')).map((field) => [field, 6]));
    const errors = errorsOf('products', broken);
    expect(errors).toHaveLength(21);
    expect(errors[20]).toMatch(/^… and \d+ more$/);
  });
});

describe('FEED_ITEM_SCHEMAS', () => {
  it('has a schema for every feed, and nothing else', () => {
    expect(Object.keys(FEED_ITEM_SCHEMAS).sort()).toEqual([...FEED_NAMES].sort());
    expect(Object.keys(FEED_MINIMAL_PAYLOAD).sort()).toEqual([...FEED_NAMES].sort());
  });

  it.each(FEED_NAMES)('%s: declares and requires the identity fields of FEEDS, and deleted', (feed) => {
    const schema = FEED_ITEM_SCHEMAS[feed];
    for (const field of [...FEEDS[feed].identity, 'deleted']) {
      expect(schema.properties).toHaveProperty([field]);
      expect(schema.required).toContain(field);
    }
  });

  it.each(FEED_NAMES)('%s: declares every minimal payload field', (feed) => {
    for (const field of FEED_MINIMAL_PAYLOAD[feed])
      expect(FEED_ITEM_SCHEMAS[feed].properties).toHaveProperty([field]);
  });

  it.each(FEED_NAMES)('%s: is a draft 2020-12 object schema that allows unknown fields', (feed) => {
    const schema = FEED_ITEM_SCHEMAS[feed];
    expect(schema).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: `urn:cde:feed-item:${feed}`,
      type: 'object',
      additionalProperties: true,
    });
  });

  it('describes items that are feed payloads (compile-time check)', () => {
    const payloads: readonly FeedItemPayload[] = FEED_NAMES.map((feed) => FEED_ITEM_EXAMPLES[feed]);
    expect(payloads).toHaveLength(FEED_NAMES.length);
  });
});

describe('FEED_MINIMAL_PAYLOAD', () => {
  it.each(FEED_NAMES)('%s: carries the identity and exactly one timestamp', (feed) => {
    const minimal = FEED_MINIMAL_PAYLOAD[feed];
    expect(minimal).toEqual(expect.arrayContaining([...FEEDS[feed].identity]));
    expect(minimal.filter((field) => field === 'modifiedAt' || field === 'updatedAt')).toHaveLength(1);
  });

  it.each<[FeedName, readonly string[]]>([
    ['products', ['productId', 'sku', 'storeViewCode', 'storeCode', 'websiteCode', 'modifiedAt']],
    [
      'productAttributes',
      ['websiteCode', 'storeCode', 'storeViewCode', 'attributeCode', 'attributeType', 'modifiedAt'],
    ],
    // The original's list plus urlPath, the identity field it lacks.
    ['categories', ['websiteCode', 'storeCode', 'storeViewCode', 'categoryId', 'urlPath', 'modifiedAt']],
    ['prices', ['sku', 'customerGroupCode', 'websiteCode', 'updatedAt']],
    ['variants', ['id', 'optionValues', 'parentSku', 'productSku', 'productId', 'modifiedAt']],
    [
      'inventoryStockStatus',
      ['stockId', 'sku', 'isSalable', 'qty', 'qtyForSale', 'infiniteStock', 'updatedAt'],
    ],
  ])('%s: is the original minimalPayload', (feed, expected) => {
    expect(FEED_MINIMAL_PAYLOAD[feed]).toEqual(expected);
  });
});
