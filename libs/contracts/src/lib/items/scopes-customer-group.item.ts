import {
  arrayOf,
  bool,
  type DeletedFeedItem,
  feedItemSchema,
  type JsonSchemaObject,
  nullable,
  str,
} from './schema-kit';

/*
 * Record `CustomerGroup` of the original's et_schema.xml (`scopesCustomerGroup` feed). Like Website it has no
 * timestamp of its own; `updatedAt` is used for both scopes feeds.
 */

/** Not listed by the original: identity + scope code + timestamp. */
export const SCOPES_CUSTOMER_GROUP_MINIMAL_PAYLOAD = [
  'customerGroupId',
  'customerGroupCode',
  'updatedAt',
] as const;

/** One customer group and the websites it is used in. A type alias so it is a FeedItemPayload. */
export type ScopesCustomerGroupFeedItem = {
  /** customer_group.customer_group_id as a string (ID in the original). */
  readonly customerGroupId: string;
  /** sha1(customer_group_id): the code the prices and permission feeds refer to. */
  readonly customerGroupCode: string;
  /** Codes of the websites the group is not excluded from (customer_group_excluded_website). */
  readonly websites?: readonly string[] | null;
  readonly updatedAt: string;
  readonly deleted: boolean;
};

export type DeletedScopesCustomerGroupFeedItem = DeletedFeedItem<
  ScopesCustomerGroupFeedItem,
  (typeof SCOPES_CUSTOMER_GROUP_MINIMAL_PAYLOAD)[number]
>;

export const SCOPES_CUSTOMER_GROUP_FEED_ITEM_SCHEMA: JsonSchemaObject = feedItemSchema({
  feed: 'scopesCustomerGroup',
  title: 'CustomerGroup',
  description: 'One customer group with its website codes (et_schema record CustomerGroup).',
  properties: {
    customerGroupId: str,
    customerGroupCode: str,
    websites: nullable(arrayOf(str)),
    updatedAt: str,
    deleted: bool,
  },
  required: ['customerGroupId', 'customerGroupCode', 'updatedAt'],
  minimalPayload: SCOPES_CUSTOMER_GROUP_MINIMAL_PAYLOAD,
});
