import { FEEDS, type FeedName } from '../feeds';

/** The JSON Schema dialect of every feed item schema (compiled with `ajv/dist/2020`). */
export const FEED_ITEM_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

export type JsonSchemaTypeName = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array' | 'null';

/**
 * A JSON Schema as plain data: the keywords the feed item schemas use. A type alias (not an interface) so it is
 * assignable to Ajv's `SchemaObject` without a cast.
 */
export type JsonSchemaObject = {
  readonly $schema?: string;
  readonly $id?: string;
  readonly title?: string;
  readonly description?: string;
  readonly type?: JsonSchemaTypeName | readonly JsonSchemaTypeName[];
  readonly properties?: Readonly<Record<string, JsonSchemaObject>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | JsonSchemaObject;
  readonly items?: JsonSchemaObject;
  readonly enum?: readonly (string | number | boolean | null)[];
  readonly const?: string | number | boolean | null;
  readonly minLength?: number;
  readonly if?: JsonSchemaObject;
  readonly then?: JsonSchemaObject;
  readonly else?: JsonSchemaObject;
};

/** A delete as it goes out: the stored minimal payload of the item, marked deleted (§2.4). */
export type DeletedFeedItem<Item, MinimalField extends keyof Item> = Pick<Item, MinimalField> & {
  readonly deleted: true;
};

// Scalars as the original casts them (Transformer::castScalarValue): ID/String → string, Int → integer,
// Float → number, Boolean → boolean.
export const str: JsonSchemaObject = { type: 'string' };
export const int: JsonSchemaObject = { type: 'integer' };
export const num: JsonSchemaObject = { type: 'number' };
export const bool: JsonSchemaObject = { type: 'boolean' };

/** The same schema, also accepting null (fields the original may send as null). */
export function nullable(schema: JsonSchemaObject): JsonSchemaObject {
  const { type, enum: values } = schema;
  return {
    ...schema,
    ...(type === undefined ? {} : { type: typeof type === 'string' ? [type, 'null'] : [...type, 'null'] }),
    ...(values === undefined ? {} : { enum: [...values, null] }),
  };
}

export const nstr = nullable(str);
export const nint = nullable(int);
export const nnum = nullable(num);
export const nbool = nullable(bool);

export function arrayOf(items: JsonSchemaObject): JsonSchemaObject {
  return { type: 'array', items };
}

/**
 * A nested record. Unknown members are allowed, like at the top level: newer versions of the original add
 * fields to nested records too (bundle `priceType` on option values).
 */
export function record(
  properties: Readonly<Record<string, JsonSchemaObject>>,
  required: readonly string[] = [],
): JsonSchemaObject {
  return { type: 'object', properties, ...(required.length > 0 ? { required } : {}) };
}

export interface FeedItemSchemaSpec {
  readonly feed: FeedName;
  readonly title: string;
  readonly description: string;
  readonly properties: Readonly<Record<string, JsonSchemaObject>>;
  /** What a live (`deleted: false`) item must carry: identity, scope and the core fields the original always sends. */
  readonly required: readonly string[];
  /** What the feed state keeps of a sent item, i.e. all a delete carries. */
  readonly minimalPayload: readonly string[];
}

const unique = (values: readonly string[]): string[] => [...new Set(values)];

/**
 * The schema of one feed's items:
 * - always: the identity fields of FEEDS (non-empty when strings) and `deleted`;
 * - a live item: the feed's full required set;
 * - a delete: only the minimal payload fields every live item has, so a delete rebuilt from the stored
 *   minimal payload always validates.
 * Unknown top-level fields are allowed (the receiver must accept what newer versions add); known ones are typed.
 */
export function feedItemSchema(spec: FeedItemSchemaSpec): JsonSchemaObject {
  const identity = FEEDS[spec.feed].identity;
  const properties: Record<string, JsonSchemaObject> = { ...spec.properties };
  for (const field of identity) {
    const property = properties[field];
    // An empty identity value cannot make a feedId (the original skips such items, CDE04-19).
    if (property?.type === 'string') properties[field] = { ...property, minLength: 1 };
  }
  const liveRequired = unique([...identity, ...spec.required, 'deleted']);
  const deleteRequired = unique([
    ...identity,
    ...spec.minimalPayload.filter((field) => liveRequired.includes(field)),
    'deleted',
  ]);
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
    then: { required: deleteRequired },
    else: { required: liveRequired },
  };
}
