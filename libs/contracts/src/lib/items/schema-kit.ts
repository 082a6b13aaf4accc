import { Kind, type Static, type TObject, type TSchema, Type, type TUnsafe } from '@sinclair/typebox';
import { FEEDS, type FeedName } from '../feeds';

/*
 * Each item is declared once, as a TypeBox schema: the JSON Schema the receiver validates is that declaration,
 * and the TypeScript type is inferred from it. Scalars as the original casts them
 * (Transformer::castScalarValue): ID/String → Type.String, Int → Type.Integer, Float → Type.Number,
 * Boolean → Type.Boolean.
 */

/** The JSON Schema dialect of every feed item schema (compiled with `ajv/dist/2020`). */
export const FEED_ITEM_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

type DeepReadonly<T> = T extends readonly (infer Element)[]
  ? readonly DeepReadonly<Element>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/** The type of an item schema, readonly all the way down: an assembled item is a value nobody changes. */
export type ReadonlyStatic<T extends TSchema> = DeepReadonly<Static<T>>;

/** A delete as it goes out: the stored minimal payload of the item, marked deleted (§2.4). */
export type DeletedFeedItem<Item, MinimalField extends keyof Item> = Pick<Item, MinimalField> & {
  readonly deleted: true;
};

/**
 * The same schema, also accepting null (fields the original may send as null). Written as `type: [T, "null"]`
 * rather than TypeBox's `anyOf` with Type.Null, so a wrong value gets one error ("must be string,null").
 */
export function Nullable<T extends TSchema>(schema: T): TUnsafe<Static<T> | null> {
  const type: unknown = schema.type;
  const values: unknown = schema.enum;
  if (typeof type !== 'string' && !Array.isArray(type))
    throw new Error('Nullable needs a schema with a type');
  return Type.Unsafe<Static<T> | null>({
    ...schema,
    // No longer a TypeBox String, Object, …: only its static type and the JSON Schema it is matter here.
    [Kind]: 'Unsafe',
    type: [...(Array.isArray(type) ? (type as unknown[]) : [type]), 'null'],
    ...(Array.isArray(values) ? { enum: [...(values as unknown[]), null] } : {}),
  });
}

/** One of a closed set of strings, as `enum` (one error naming the allowed values) rather than a union of literals. */
export function StringEnum<const Values extends readonly string[]>(values: Values): TUnsafe<Values[number]> {
  return Type.Unsafe<Values[number]>({ type: 'string', enum: [...values] });
}

/** A feed's item schema as the receiver compiles it: plain data, a type alias so it is an Ajv SchemaObject. */
export type FeedItemSchema = {
  readonly $schema: typeof FEED_ITEM_SCHEMA_DIALECT;
  readonly $id: string;
  readonly title: string;
  readonly description: string;
  readonly type: 'object';
  readonly properties: Readonly<Record<string, TSchema>>;
  /** The identity and `deleted`: what every item, live or deleted, carries. */
  readonly required: readonly string[];
  readonly additionalProperties: true;
  readonly if: {
    readonly properties: { readonly deleted: { readonly const: true } };
    readonly required: readonly ['deleted'];
  };
  /** A delete: the minimal payload. */
  readonly then: { readonly required: readonly string[] };
  /** A live item: every field its type does not mark optional. */
  readonly else: { readonly required: readonly string[] };
};

export interface FeedItemSchemaSpec<Item extends TObject> {
  readonly feed: FeedName;
  readonly title: string;
  readonly description: string;
  /**
   * A live (`deleted: false`) item: its fields, and as required those the original always sends (identity, scope
   * and core fields); the rest are Type.Optional. Nested records allow unknown members like the top level does:
   * newer versions of the original add fields to nested records too (bundle `priceType` on option values).
   */
  readonly item: Item;
  /** What the feed state keeps of a sent item, i.e. all a delete carries. */
  readonly minimalPayload: readonly (keyof Static<Item> & string)[];
}

const unique = (values: readonly string[]): string[] => [...new Set(values)];

/**
 * The schema of one feed's items:
 * - always: the identity fields of FEEDS (non-empty when strings) and `deleted`;
 * - a live item: the required fields of its item schema;
 * - a delete: only the minimal payload fields every live item has, so a delete rebuilt from the stored
 *   minimal payload always validates.
 * Unknown top-level fields are allowed (the receiver must accept what newer versions add); known ones are typed.
 */
export function feedItemSchema<Item extends TObject>(spec: FeedItemSchemaSpec<Item>): FeedItemSchema {
  const identity = FEEDS[spec.feed].identity;
  const liveRequired: readonly string[] = spec.item.required ?? [];
  // Every item carries these, so a type that calls one optional would not be the type of what is sent.
  const optional = [...identity, 'deleted'].filter((field) => !liveRequired.includes(field));
  if (optional.length > 0) throw new Error(`${spec.feed} items must require ${optional.join(', ')}`);
  const properties: Record<string, TSchema> = { ...spec.item.properties };
  for (const field of identity) {
    const property = properties[field];
    // An empty identity value cannot make a feedId (the original skips such items, CDE04-19).
    if (property?.type === 'string') properties[field] = { ...property, minLength: 1 };
  }
  return {
    $schema: FEED_ITEM_SCHEMA_DIALECT,
    $id: `urn:cde:feed-item:${spec.feed}`,
    title: spec.title,
    description: spec.description,
    type: 'object',
    properties,
    required: unique([...identity, 'deleted']),
    additionalProperties: true,
    if: { properties: { deleted: { const: true } }, required: ['deleted'] },
    then: {
      required: unique([
        ...identity,
        ...spec.minimalPayload.filter((field) => liveRequired.includes(field)),
        'deleted',
      ]),
    },
    else: { required: unique([...identity, ...liveRequired]) },
  };
}
