import { Type } from '@sinclair/typebox';
import { type DeletedFeedItem, feedItemSchema, Nullable, type ReadonlyStatic } from './schema-kit';

/*
 * Record `Website` of the original's et_schema.xml (`scopesWebsite` feed; website 0 is never sent). The record
 * has no timestamp or deleted flag of its own: the sender adds them, `updatedAt` as in a captured payload.
 */

/** Not listed by the original: identity + scope code + timestamp. */
export const SCOPES_WEBSITE_MINIMAL_PAYLOAD = ['websiteId', 'websiteCode', 'updatedAt'] as const;

const storeView = Type.Object({
  /** store.store_id; typed ID (a string) in the original. */
  storeViewId: Type.String(),
  storeViewCode: Type.String(),
});
export type ScopesStoreView = ReadonlyStatic<typeof storeView>;

/** A store group ("store" in the original's naming) with its store views. */
const store = Type.Object({
  /** store_group.group_id as a string. */
  storeId: Type.String(),
  storeCode: Type.String(),
  storeViews: Type.Optional(Nullable(Type.Array(storeView))),
});
export type ScopesStore = ReadonlyStatic<typeof store>;

const scopesWebsiteItem = Type.Object({
  /** store_website.website_id as a string (ID in the original). */
  websiteId: Type.String(),
  websiteCode: Type.String(),
  stores: Type.Optional(Nullable(Type.Array(store))),
  updatedAt: Type.String(),
  deleted: Type.Boolean(),
});

/** One website with its stores and store views. */
export type ScopesWebsiteFeedItem = ReadonlyStatic<typeof scopesWebsiteItem>;

export type DeletedScopesWebsiteFeedItem = DeletedFeedItem<
  ScopesWebsiteFeedItem,
  (typeof SCOPES_WEBSITE_MINIMAL_PAYLOAD)[number]
>;

export const SCOPES_WEBSITE_FEED_ITEM_SCHEMA = feedItemSchema({
  feed: 'scopesWebsite',
  title: 'Website',
  description: 'One website with its stores and store views (et_schema record Website).',
  item: scopesWebsiteItem,
  minimalPayload: SCOPES_WEBSITE_MINIMAL_PAYLOAD,
});
