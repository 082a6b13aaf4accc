import { type TSchema, Type } from '@sinclair/typebox';
import { feedItemSchema, Nullable, type ReadonlyStatic, StringEnum } from './schema-kit';

/** The schema as JSON, as Ajv reads it (TypeBox's symbol-keyed markers are not part of it). */
const json = (schema: unknown): unknown => JSON.parse(JSON.stringify(schema));

describe(Nullable.name, () => {
  it.each<[TSchema, unknown]>([
    [Type.String(), { type: ['string', 'null'] }],
    [Type.Unsafe({ type: ['integer', 'string'] }), { type: ['integer', 'string', 'null'] }],
    [StringEnum(['ALLOW', 'DENY']), { type: ['string', 'null'], enum: ['ALLOW', 'DENY', null] }],
    [Type.Array(Type.Integer()), { type: ['array', 'null'], items: { type: 'integer' } }],
    [
      Type.Object({ id: Type.String(), label: Type.Optional(Type.String()) }),
      {
        type: ['object', 'null'],
        properties: { id: { type: 'string' }, label: { type: 'string' } },
        required: ['id'],
      },
    ],
  ])('adds null to %j', (schema, expected) => {
    expect(json(Nullable(schema))).toEqual(expected);
  });

  it('refuses a schema without a type, which it could not widen', () => {
    expect(() => Nullable(Type.Union([Type.String(), Type.Integer()]))).toThrow(/needs a schema with a type/);
  });
});

describe(StringEnum.name, () => {
  it('is a string from the given set', () => {
    expect(json(StringEnum(['ALLOW', 'DENY']))).toEqual({ type: 'string', enum: ['ALLOW', 'DENY'] });
  });
});

describe(feedItemSchema.name, () => {
  const item = Type.Object({
    sku: Type.String(),
    storeViewCode: Type.String(),
    storeCode: Type.Optional(Type.String()),
    name: Type.String(),
    modifiedAt: Type.String(),
    deleted: Type.Boolean(),
  });
  const schema = feedItemSchema({
    feed: 'products',
    title: 'Product',
    description: 'test',
    item,
    minimalPayload: ['sku', 'storeViewCode', 'storeCode', 'modifiedAt'],
  });

  it('always requires the identity of FEEDS and deleted, with non-empty identity strings', () => {
    expect(schema.required).toEqual(['sku', 'storeViewCode', 'deleted']);
    expect(json(schema.properties['sku'])).toEqual({ type: 'string', minLength: 1 });
    expect(json(schema.properties['name'])).toEqual({ type: 'string' });
    // The item schema itself is left as declared.
    expect(json(item.properties.sku)).toEqual({ type: 'string' });
  });

  it('requires the full set of a live item: every field its type does not mark optional', () => {
    expect(schema.else).toEqual({ required: ['sku', 'storeViewCode', 'name', 'modifiedAt', 'deleted'] });
  });

  it('requires of a delete only the minimal payload fields every live item has', () => {
    // storeCode is in the minimal payload but optional on live items, so a stored payload may lack it.
    expect(schema.if).toEqual({ properties: { deleted: { const: true } }, required: ['deleted'] });
    expect(schema.then).toEqual({ required: ['sku', 'storeViewCode', 'modifiedAt', 'deleted'] });
  });

  it('is a draft 2020-12 object schema that allows unknown fields', () => {
    expect(schema).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: 'urn:cde:feed-item:products',
      title: 'Product',
      description: 'test',
      type: 'object',
      additionalProperties: true,
    });
  });

  it.each([
    ['an identity field', Type.Object({ sku: Type.String(), deleted: Type.Boolean() }), 'storeViewCode'],
    [
      'deleted',
      Type.Object({
        sku: Type.String(),
        storeViewCode: Type.String(),
        deleted: Type.Optional(Type.Boolean()),
      }),
      'deleted',
    ],
  ])('refuses an item type that leaves %s optional or out', (_, liveItem, field) => {
    expect(() =>
      feedItemSchema({
        feed: 'products',
        title: 'P',
        description: 'test',
        item: liveItem,
        minimalPayload: [],
      }),
    ).toThrow(`products items must require ${field}`);
  });

  it('takes only fields of the item as its minimal payload (compile-time check)', () => {
    const spec = {
      feed: 'products',
      title: 'P',
      description: 'test',
      item,
      // @ts-expect-error not a field of the item
      minimalPayload: ['sku', 'storeViewCode', 'urlKey'],
    } as const satisfies Parameters<typeof feedItemSchema<typeof item>>[0];
    expect(spec.minimalPayload).toHaveLength(3);
  });
});

describe('ReadonlyStatic', () => {
  const record = Type.Object({
    name: Type.String(),
    position: Type.Optional(Type.Integer()),
    tags: Type.Optional(Nullable(Type.Array(Type.Object({ code: Type.String() })))),
  });
  type Item = ReadonlyStatic<typeof record>;

  it('types required, optional and nullable fields as declared (compile-time check)', () => {
    const values: readonly Item[] = [{ name: 'a' }, { name: 'b', position: 1, tags: null }];
    // @ts-expect-error a required field cannot be left out
    const missing: Item = { position: 1 };
    // @ts-expect-error a field that is not nullable cannot be null
    const notNullable: Item = { name: 'c', position: null };
    expect([...values, missing, notNullable]).toHaveLength(4);
    expect(json(record)).toMatchObject({ required: ['name'] });
  });

  it('is readonly all the way down, arrays included (compile-time check)', () => {
    const mutate = (value: Item): void => {
      // @ts-expect-error the item is readonly
      value.name = 'b';
      // @ts-expect-error its arrays are readonly
      if (value.tags) value.tags[0] = { code: 'x' };
      // @ts-expect-error and so are the records in them
      if (value.tags?.[0]) value.tags[0].code = 'y';
    };
    expect(mutate).toBeInstanceOf(Function);
  });
});
