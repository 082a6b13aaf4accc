import { bool, feedItemSchema, nullable, str } from './schema-kit';

describe(nullable.name, () => {
  it.each([
    [{ type: 'string' } as const, { type: ['string', 'null'] }],
    [{ type: ['integer', 'string'] } as const, { type: ['integer', 'string', 'null'] }],
    [
      { type: 'string', enum: ['ALLOW', 'DENY'] } as const,
      { type: ['string', 'null'], enum: ['ALLOW', 'DENY', null] },
    ],
  ])('adds null to %j', (schema, expected) => {
    expect(nullable(schema)).toEqual(expected);
  });
});

describe(feedItemSchema.name, () => {
  const schema = feedItemSchema({
    feed: 'products',
    title: 'Product',
    description: 'test',
    properties: { sku: str, storeViewCode: str, storeCode: str, name: str, modifiedAt: str, deleted: bool },
    required: ['name', 'modifiedAt'],
    minimalPayload: ['sku', 'storeViewCode', 'storeCode', 'modifiedAt'],
  });

  it('always requires the identity of FEEDS and deleted, with non-empty identity strings', () => {
    expect(schema.required).toEqual(['sku', 'storeViewCode', 'deleted']);
    expect(schema.properties?.['sku']).toEqual({ type: 'string', minLength: 1 });
    expect(schema.properties?.['name']).toEqual({ type: 'string' });
  });

  it('requires the full set of a live item', () => {
    expect(schema.else).toEqual({ required: ['sku', 'storeViewCode', 'name', 'modifiedAt', 'deleted'] });
  });

  it('requires of a delete only the minimal payload fields every live item has', () => {
    // storeCode is in the minimal payload but optional on live items, so a stored payload may lack it.
    expect(schema.if).toEqual({ properties: { deleted: { const: true } }, required: ['deleted'] });
    expect(schema.then).toEqual({ required: ['sku', 'storeViewCode', 'modifiedAt', 'deleted'] });
  });
});
