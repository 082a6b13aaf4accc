/**
 * Generator profiles. Catalog sizes follow Magento's performance toolkit (setup/performance-toolkit/profiles/ce:
 * small, medium, large, extra_large); the `feed*` knobs add what the feeds need and the toolkit lacks (store-view
 * overrides, disabled and hidden products, website gaps, tier/group/special prices, MSI sources, category
 * permissions, invoices, shipments, credit memos). Scopes are raised to at least 2 websites and 3 store views
 * so website gaps and store-view fallback exist at every size.
 */
export interface GeneratorProfile {
  readonly name: ProfileName;
  readonly websites: number;
  readonly storeGroups: number;
  readonly storeViews: number;
  /** Extra customer groups beyond Magento's four defaults. */
  readonly extraCustomerGroups: number;
  /** 0 = spread products over websites; 1 = every product in every website (toolkit's assign_entities_to_all_websites). */
  readonly assignToAllWebsites: boolean;
  readonly simpleProducts: number;
  readonly configurableProducts: number;
  /** Children per configurable: options of the first × second super attribute (toolkit: 24). */
  readonly configurableOptions: readonly [number, number];
  readonly bundleProducts: number;
  readonly groupedProducts: number;
  readonly downloadableProducts: number;
  readonly virtualProducts: number;
  readonly categories: number;
  readonly categoryNesting: number;
  readonly attributeSets: number;
  readonly attributesPerSet: number;
  readonly valuesPerAttribute: number;
  readonly imagesPerProduct: number;
  readonly customers: number;
  readonly catalogPriceRules: number;
  readonly orders: number;
  readonly itemsPerOrder: number;
  readonly sources: number;
  readonly stocks: number;
  readonly feed: FeedVariety;
}

/** Shares (0..1) of entities that get a feed-relevant variation. */
export interface FeedVariety {
  readonly storeViewOverrides: number;
  readonly disabled: number;
  readonly notVisible: number;
  readonly websiteGaps: number;
  readonly tierPrices: number;
  readonly groupPrices: number;
  readonly specialPrices: number;
  readonly customOptions: number;
  readonly productLinks: number;
  readonly reservations: number;
  readonly categoryPermissions: number;
  readonly invoiced: number;
  readonly shipped: number;
  readonly refunded: number;
}

export const PROFILE_NAMES = ['small', 'medium', 'large', 'extra_large'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

const feed: FeedVariety = {
  storeViewOverrides: 0.3,
  disabled: 0.03,
  notVisible: 0.02,
  websiteGaps: 0.05,
  tierPrices: 0.1,
  groupPrices: 0.05,
  specialPrices: 0.15,
  customOptions: 0.05,
  productLinks: 0.1,
  reservations: 0.05,
  categoryPermissions: 0.1,
  invoiced: 0.8,
  shipped: 0.6,
  refunded: 0.1,
};

export const PROFILES: Readonly<Record<ProfileName, GeneratorProfile>> = {
  small: {
    name: 'small',
    websites: 2,
    storeGroups: 2,
    storeViews: 3,
    extraCustomerGroups: 2,
    assignToAllWebsites: false,
    simpleProducts: 800,
    configurableProducts: 16,
    configurableOptions: [8, 3],
    bundleProducts: 5,
    groupedProducts: 5,
    downloadableProducts: 5,
    virtualProducts: 5,
    categories: 30,
    categoryNesting: 3,
    attributeSets: 10,
    attributesPerSet: 5,
    valuesPerAttribute: 5,
    imagesPerProduct: 3,
    customers: 200,
    catalogPriceRules: 20,
    orders: 80,
    itemsPerOrder: 2,
    sources: 2,
    stocks: 2,
    feed,
  },
  medium: {
    name: 'medium',
    websites: 3,
    storeGroups: 3,
    storeViews: 4,
    extraCustomerGroups: 3,
    assignToAllWebsites: true,
    simpleProducts: 24_000,
    configurableProducts: 640,
    configurableOptions: [8, 3],
    bundleProducts: 50,
    groupedProducts: 50,
    downloadableProducts: 50,
    virtualProducts: 50,
    categories: 300,
    categoryNesting: 3,
    attributeSets: 30,
    attributesPerSet: 10,
    valuesPerAttribute: 8,
    imagesPerProduct: 3,
    customers: 2_000,
    catalogPriceRules: 20,
    orders: 50_000,
    itemsPerOrder: 2,
    sources: 3,
    stocks: 2,
    feed,
  },
  large: {
    name: 'large',
    websites: 5,
    storeGroups: 5,
    storeViews: 6,
    extraCustomerGroups: 4,
    assignToAllWebsites: true,
    simpleProducts: 300_000,
    configurableProducts: 8_000,
    configurableOptions: [8, 3],
    bundleProducts: 200,
    groupedProducts: 200,
    downloadableProducts: 200,
    virtualProducts: 200,
    categories: 3_000,
    categoryNesting: 5,
    attributeSets: 50,
    attributesPerSet: 20,
    valuesPerAttribute: 15,
    imagesPerProduct: 3,
    customers: 5_000,
    catalogPriceRules: 20,
    orders: 100_000,
    itemsPerOrder: 2,
    sources: 3,
    stocks: 2,
    feed,
  },
  extra_large: {
    name: 'extra_large',
    websites: 5,
    storeGroups: 5,
    storeViews: 6,
    extraCustomerGroups: 4,
    assignToAllWebsites: true,
    simpleProducts: 600_000,
    configurableProducts: 16_000,
    configurableOptions: [8, 3],
    bundleProducts: 400,
    groupedProducts: 400,
    downloadableProducts: 400,
    virtualProducts: 400,
    categories: 6_000,
    categoryNesting: 5,
    attributeSets: 100,
    attributesPerSet: 30,
    valuesPerAttribute: 15,
    imagesPerProduct: 3,
    customers: 10_000,
    catalogPriceRules: 20,
    orders: 150_000,
    itemsPerOrder: 2,
    sources: 3,
    stocks: 2,
    feed,
  },
};

export function isProfileName(value: string): value is ProfileName {
  return (PROFILE_NAMES as readonly string[]).includes(value);
}

/** Rows in catalog_product_entity a profile produces. */
export function productCount(p: GeneratorProfile): number {
  const [a, b] = p.configurableOptions;
  return (
    p.simpleProducts +
    p.configurableProducts * (1 + a * b) +
    p.bundleProducts +
    p.groupedProducts +
    p.downloadableProducts +
    p.virtualProducts
  );
}
