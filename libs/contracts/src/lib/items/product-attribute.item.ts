import {
  arrayOf,
  bool,
  type DeletedFeedItem,
  feedItemSchema,
  type JsonSchemaObject,
  nullable,
  num,
  str,
} from './schema-kit';

/* Record `ProductAttributeMetadata` of the original's et_schema.xml (`productAttributes` feed). */

export const PRODUCT_ATTRIBUTE_MINIMAL_PAYLOAD = [
  'websiteCode',
  'storeCode',
  'storeViewCode',
  'attributeCode',
  'attributeType',
  'modifiedAt',
] as const;

/** One product attribute's metadata in one store view. A type alias so it is a FeedItemPayload. */
export type ProductAttributeFeedItem = {
  /** eav_attribute.attribute_id, typed ID (a string) in the original. */
  readonly id: string;
  readonly storeCode: string;
  readonly websiteCode: string;
  readonly storeViewCode: string;
  readonly attributeCode: string;
  /** Entity type code, e.g. `catalog_product`. */
  readonly attributeType: string;
  /** Backend type: varchar, int, decimal, text, datetime, static. */
  readonly dataType: string;
  readonly multi?: boolean;
  readonly label?: string;
  readonly frontendInput?: string;
  readonly required?: boolean;
  readonly unique?: boolean;
  readonly global?: boolean;
  readonly visible?: boolean;
  readonly searchable?: boolean;
  readonly filterable?: boolean;
  readonly visibleInCompareList?: boolean;
  readonly visibleInListing?: boolean;
  readonly sortable?: boolean;
  readonly visibleInSearch?: boolean;
  readonly filterableInSearch?: boolean;
  readonly searchWeight?: number;
  readonly usedForRules?: boolean;
  readonly boolean?: boolean;
  readonly systemAttribute?: boolean;
  readonly numeric?: boolean;
  /**
   * Option labels in the store view. The original has a provider for it (AttributeOptions) though its current
   * et_schema.xml does not declare the field; kept so a sender that adds it is typed.
   */
  readonly attributeOptions?: readonly string[] | null;
  readonly modifiedAt: string;
  readonly deleted: boolean;
};

export type DeletedProductAttributeFeedItem = DeletedFeedItem<
  ProductAttributeFeedItem,
  (typeof PRODUCT_ATTRIBUTE_MINIMAL_PAYLOAD)[number]
>;

export const PRODUCT_ATTRIBUTE_FEED_ITEM_SCHEMA: JsonSchemaObject = feedItemSchema({
  feed: 'productAttributes',
  title: 'ProductAttributeMetadata',
  description: 'One product attribute in one store view (et_schema record ProductAttributeMetadata).',
  properties: {
    id: str,
    storeCode: str,
    websiteCode: str,
    storeViewCode: str,
    attributeCode: str,
    attributeType: str,
    dataType: str,
    multi: bool,
    label: str,
    frontendInput: str,
    required: bool,
    unique: bool,
    global: bool,
    visible: bool,
    searchable: bool,
    filterable: bool,
    visibleInCompareList: bool,
    visibleInListing: bool,
    sortable: bool,
    visibleInSearch: bool,
    filterableInSearch: bool,
    searchWeight: num,
    usedForRules: bool,
    boolean: bool,
    systemAttribute: bool,
    numeric: bool,
    attributeOptions: nullable(arrayOf(str)),
    modifiedAt: str,
    deleted: bool,
  },
  required: [
    'id',
    'storeCode',
    'websiteCode',
    'storeViewCode',
    'attributeCode',
    'attributeType',
    'dataType',
    'modifiedAt',
  ],
  minimalPayload: PRODUCT_ATTRIBUTE_MINIMAL_PAYLOAD,
});
