/** Rows the scopesWebsite feed reads (store_website, store_group, store), website 0 (admin) excluded. */
export interface WebsiteRow {
  readonly website_id: string;
  readonly code: string;
}

export interface StoreGroupRow {
  readonly group_id: string;
  readonly website_id: string;
  readonly code: string;
}

export interface StoreViewRow {
  readonly store_id: string;
  readonly group_id: string;
  readonly website_id: string;
  readonly code: string;
}

export interface ScopesWebsiteItem {
  readonly websiteId: string;
  readonly websiteCode: string;
  readonly stores: readonly {
    readonly storeId: string;
    readonly storeCode: string;
    readonly storeViews: readonly { readonly storeViewId: string; readonly storeViewCode: string }[];
  }[];
}

/** One item per website with its store groups ("stores") and their store views, as the original's Website record. */
export function assembleScopesWebsiteItem(
  website: WebsiteRow,
  groups: readonly StoreGroupRow[],
  views: readonly StoreViewRow[],
): ScopesWebsiteItem {
  return {
    websiteId: String(website.website_id),
    websiteCode: website.code,
    stores: groups
      .filter((g) => String(g.website_id) === String(website.website_id))
      .map((g) => ({
        storeId: String(g.group_id),
        storeCode: g.code,
        storeViews: views
          .filter((v) => String(v.group_id) === String(g.group_id))
          .map((v) => ({ storeViewId: String(v.store_id), storeViewCode: v.code })),
      })),
  };
}
