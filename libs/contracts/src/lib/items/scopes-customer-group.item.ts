import { Type } from '@sinclair/typebox';
import { type DeletedFeedItem, feedItemSchema, Nullable, type ReadonlyStatic } from './schema-kit';

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

const scopesCustomerGroupItem = Type.Object({
  /** customer_group.customer_group_id as a string (ID in the original). */
  customerGroupId: Type.String(),
  /** sha1(customer_group_id): the code the prices and permission feeds refer to. */
  customerGroupCode: Type.String(),
  /** Codes of the websites the group is not excluded from (customer_group_excluded_website). */
  websites: Type.Optional(Nullable(Type.Array(Type.String()))),
  updatedAt: Type.String(),
  deleted: Type.Boolean(),
});

/** One customer group and the websites it is used in. */
export type ScopesCustomerGroupFeedItem = ReadonlyStatic<typeof scopesCustomerGroupItem>;

export type DeletedScopesCustomerGroupFeedItem = DeletedFeedItem<
  ScopesCustomerGroupFeedItem,
  (typeof SCOPES_CUSTOMER_GROUP_MINIMAL_PAYLOAD)[number]
>;

export const SCOPES_CUSTOMER_GROUP_FEED_ITEM_SCHEMA = feedItemSchema({
  feed: 'scopesCustomerGroup',
  title: 'CustomerGroup',
  description: 'One customer group with its website codes (et_schema record CustomerGroup).',
  item: scopesCustomerGroupItem,
  minimalPayload: SCOPES_CUSTOMER_GROUP_MINIMAL_PAYLOAD,
});
