import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import { FEED_NAMES, type FeedName } from './feeds';
import {
  CATEGORY_FEED_ITEM_SCHEMA,
  CATEGORY_MINIMAL_PAYLOAD,
  CATEGORY_PERMISSION_FEED_ITEM_SCHEMA,
  CATEGORY_PERMISSION_MINIMAL_PAYLOAD,
  type CategoryFeedItem,
  type CategoryPermissionFeedItem,
  type DeletedCategoryFeedItem,
  type DeletedCategoryPermissionFeedItem,
  type DeletedOrderFeedItem,
  type DeletedProductAttributeFeedItem,
  type DeletedProductFeedItem,
  type DeletedProductOverrideFeedItem,
  type DeletedProductPriceFeedItem,
  type DeletedProductVariantFeedItem,
  type DeletedScopesCustomerGroupFeedItem,
  type DeletedScopesWebsiteFeedItem,
  type DeletedStockStatusFeedItem,
  type FeedItemSchema,
  ORDER_FEED_ITEM_SCHEMA,
  ORDER_MINIMAL_PAYLOAD,
  type OrderFeedItem,
  PRODUCT_ATTRIBUTE_FEED_ITEM_SCHEMA,
  PRODUCT_ATTRIBUTE_MINIMAL_PAYLOAD,
  PRODUCT_FEED_ITEM_SCHEMA,
  PRODUCT_MINIMAL_PAYLOAD,
  PRODUCT_OVERRIDE_FEED_ITEM_SCHEMA,
  PRODUCT_OVERRIDE_MINIMAL_PAYLOAD,
  PRODUCT_PRICE_FEED_ITEM_SCHEMA,
  PRODUCT_PRICE_MINIMAL_PAYLOAD,
  PRODUCT_VARIANT_FEED_ITEM_SCHEMA,
  PRODUCT_VARIANT_MINIMAL_PAYLOAD,
  type ProductAttributeFeedItem,
  type ProductFeedItem,
  type ProductOverrideFeedItem,
  type ProductPriceFeedItem,
  type ProductVariantFeedItem,
  SCOPES_CUSTOMER_GROUP_FEED_ITEM_SCHEMA,
  SCOPES_CUSTOMER_GROUP_MINIMAL_PAYLOAD,
  SCOPES_WEBSITE_FEED_ITEM_SCHEMA,
  SCOPES_WEBSITE_MINIMAL_PAYLOAD,
  type ScopesCustomerGroupFeedItem,
  type ScopesWebsiteFeedItem,
  STOCK_STATUS_FEED_ITEM_SCHEMA,
  STOCK_STATUS_MINIMAL_PAYLOAD,
  type StockStatusFeedItem,
} from './items';

/** Fails to compile when a feed is missing from the map. */
type PerFeed<T extends Record<FeedName, unknown>> = T;

/** Feed → the type of its (live) items. */
export type FeedItemTypes = PerFeed<{
  products: ProductFeedItem;
  productAttributes: ProductAttributeFeedItem;
  categories: CategoryFeedItem;
  variants: ProductVariantFeedItem;
  productOverrides: ProductOverrideFeedItem;
  categoryPermissions: CategoryPermissionFeedItem;
  prices: ProductPriceFeedItem;
  scopesWebsite: ScopesWebsiteFeedItem;
  scopesCustomerGroup: ScopesCustomerGroupFeedItem;
  orders: OrderFeedItem;
  inventoryStockStatus: StockStatusFeedItem;
}>;

export type FeedItemOf<F extends FeedName> = FeedItemTypes[F];

/** Feed → the type of its deletes (the minimal payload with `deleted: true`). */
export type DeletedFeedItemTypes = PerFeed<{
  products: DeletedProductFeedItem;
  productAttributes: DeletedProductAttributeFeedItem;
  categories: DeletedCategoryFeedItem;
  variants: DeletedProductVariantFeedItem;
  productOverrides: DeletedProductOverrideFeedItem;
  categoryPermissions: DeletedCategoryPermissionFeedItem;
  prices: DeletedProductPriceFeedItem;
  scopesWebsite: DeletedScopesWebsiteFeedItem;
  scopesCustomerGroup: DeletedScopesCustomerGroupFeedItem;
  orders: DeletedOrderFeedItem;
  inventoryStockStatus: DeletedStockStatusFeedItem;
}>;

export type DeletedFeedItemOf<F extends FeedName> = DeletedFeedItemTypes[F];

/** The JSON Schema (draft 2020-12) of each feed's items, as the receiver validates them. */
export const FEED_ITEM_SCHEMAS: Readonly<Record<FeedName, FeedItemSchema>> = {
  products: PRODUCT_FEED_ITEM_SCHEMA,
  productAttributes: PRODUCT_ATTRIBUTE_FEED_ITEM_SCHEMA,
  categories: CATEGORY_FEED_ITEM_SCHEMA,
  variants: PRODUCT_VARIANT_FEED_ITEM_SCHEMA,
  productOverrides: PRODUCT_OVERRIDE_FEED_ITEM_SCHEMA,
  categoryPermissions: CATEGORY_PERMISSION_FEED_ITEM_SCHEMA,
  prices: PRODUCT_PRICE_FEED_ITEM_SCHEMA,
  scopesWebsite: SCOPES_WEBSITE_FEED_ITEM_SCHEMA,
  scopesCustomerGroup: SCOPES_CUSTOMER_GROUP_FEED_ITEM_SCHEMA,
  orders: ORDER_FEED_ITEM_SCHEMA,
  inventoryStockStatus: STOCK_STATUS_FEED_ITEM_SCHEMA,
};

/** The fields the feed state keeps of a sent item (the original's minimalPayload): all a delete carries. */
export const FEED_MINIMAL_PAYLOAD: Readonly<Record<FeedName, readonly string[]>> = {
  products: PRODUCT_MINIMAL_PAYLOAD,
  productAttributes: PRODUCT_ATTRIBUTE_MINIMAL_PAYLOAD,
  categories: CATEGORY_MINIMAL_PAYLOAD,
  variants: PRODUCT_VARIANT_MINIMAL_PAYLOAD,
  productOverrides: PRODUCT_OVERRIDE_MINIMAL_PAYLOAD,
  categoryPermissions: CATEGORY_PERMISSION_MINIMAL_PAYLOAD,
  prices: PRODUCT_PRICE_MINIMAL_PAYLOAD,
  scopesWebsite: SCOPES_WEBSITE_MINIMAL_PAYLOAD,
  scopesCustomerGroup: SCOPES_CUSTOMER_GROUP_MINIMAL_PAYLOAD,
  orders: ORDER_MINIMAL_PAYLOAD,
  inventoryStockStatus: STOCK_STATUS_MINIMAL_PAYLOAD,
};

export type FeedItemValidation =
  { readonly valid: true } | { readonly valid: false; readonly errors: readonly string[] };

/** Checks one item against its feed's schema; never throws. */
export type FeedItemValidator = (feed: FeedName, item: unknown) => FeedItemValidation;

/** Enough to fix an item; a badly broken one would otherwise produce one line per field. */
const MAX_ERRORS = 20;

/** Compiles every feed's schema once; the returned function is cheap to call per item. */
export function createFeedItemValidator(): FeedItemValidator {
  // strictRequired is off because then/else list fields the parent schema declares.
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
  const validators = new Map<FeedName, ValidateFunction>(
    FEED_NAMES.map((feed) => [feed, ajv.compile(FEED_ITEM_SCHEMAS[feed])]),
  );
  return (feed, item) => {
    const validate = validators.get(feed);
    // Callers may pass an unchecked name from a URL path.
    if (validate === undefined) return { valid: false, errors: [`unknown feed "${String(feed)}"`] };
    if (validate(item)) return { valid: true };
    return { valid: false, errors: describeErrors(validate.errors ?? []) };
  };
}

function describeErrors(errors: readonly ErrorObject[]): string[] {
  const lines = [...new Set(errors.map(describeError).filter((line): line is string => line !== undefined))];
  if (lines.length <= MAX_ERRORS) return lines;
  return [...lines.slice(0, MAX_ERRORS), `… and ${lines.length - MAX_ERRORS} more`];
}

function describeError(error: ErrorObject): string | undefined {
  const params: Record<string, unknown> = error.params;
  switch (error.keyword) {
    // "must match then/else schema" only repeats the required errors listed beside it.
    case 'if':
      return undefined;
    case 'required':
      return `${error.instancePath}/${String(params['missingProperty'])} is required`;
    case 'enum': {
      const allowed = Array.isArray(params['allowedValues'])
        ? params['allowedValues'].map(String).join(', ')
        : '';
      return `${error.instancePath || '/'} must be one of ${allowed}`;
    }
    default:
      return `${error.instancePath || '/'} ${error.message ?? `fails ${error.keyword}`}`;
  }
}
