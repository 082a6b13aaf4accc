import {
  arrayOf,
  bool,
  type DeletedFeedItem,
  feedItemSchema,
  type JsonSchemaObject,
  nullable,
  record,
  str,
} from './schema-kit';

/*
 * Record `Website` of the original's et_schema.xml (`scopesWebsite` feed; website 0 is never sent). The record
 * has no timestamp or deleted flag of its own: the sender adds them, `updatedAt` as in a captured payload.
 */

/** Not listed by the original: identity + scope code + timestamp. */
export const SCOPES_WEBSITE_MINIMAL_PAYLOAD = ['websiteId', 'websiteCode', 'updatedAt'] as const;

export interface ScopesStoreView {
  /** store.store_id; typed ID (a string) in the original. */
  readonly storeViewId: string;
  readonly storeViewCode: string;
}

/** A store group ("store" in the original's naming) with its store views. */
export interface ScopesStore {
  /** store_group.group_id as a string. */
  readonly storeId: string;
  readonly storeCode: string;
  readonly storeViews?: readonly ScopesStoreView[] | null;
}

/** One website with its stores and store views. A type alias so it is a FeedItemPayload. */
export type ScopesWebsiteFeedItem = {
  /** store_website.website_id as a string (ID in the original). */
  readonly websiteId: string;
  readonly websiteCode: string;
  readonly stores?: readonly ScopesStore[] | null;
  readonly updatedAt: string;
  readonly deleted: boolean;
};

export type DeletedScopesWebsiteFeedItem = DeletedFeedItem<
  ScopesWebsiteFeedItem,
  (typeof SCOPES_WEBSITE_MINIMAL_PAYLOAD)[number]
>;

export const SCOPES_WEBSITE_FEED_ITEM_SCHEMA: JsonSchemaObject = feedItemSchema({
  feed: 'scopesWebsite',
  title: 'Website',
  description: 'One website with its stores and store views (et_schema record Website).',
  properties: {
    websiteId: str,
    websiteCode: str,
    stores: nullable(
      arrayOf(
        record(
          {
            storeId: str,
            storeCode: str,
            storeViews: nullable(
              arrayOf(record({ storeViewId: str, storeViewCode: str }, ['storeViewId', 'storeViewCode'])),
            ),
          },
          ['storeId', 'storeCode'],
        ),
      ),
    ),
    updatedAt: str,
    deleted: bool,
  },
  required: ['websiteId', 'websiteCode', 'updatedAt'],
  minimalPayload: SCOPES_WEBSITE_MINIMAL_PAYLOAD,
});
