import type { RowDataPacket } from 'mysql2/promise';
import type { AttributeInfo } from './attribute-registry';
import type { SqlValue } from './bulk-writer';
import type {
  CatalogMetadata,
  GeneratedScopes,
  GeneratedStore,
  GeneratedWebsite,
  GenerationContext,
} from './generation-context';

/** The product attributes the generator writes, resolved by code once (ids differ between installs). */
export interface ProductAttributes {
  readonly name: AttributeInfo;
  readonly description: AttributeInfo;
  readonly shortDescription: AttributeInfo;
  readonly metaTitle: AttributeInfo;
  readonly metaKeyword: AttributeInfo;
  readonly metaDescription: AttributeInfo;
  readonly price: AttributeInfo;
  readonly specialPrice: AttributeInfo;
  readonly specialFromDate: AttributeInfo;
  readonly specialToDate: AttributeInfo;
  readonly cost: AttributeInfo;
  readonly weight: AttributeInfo;
  readonly status: AttributeInfo;
  readonly visibility: AttributeInfo;
  readonly taxClassId: AttributeInfo;
  readonly urlKey: AttributeInfo;
  readonly optionsContainer: AttributeInfo;
  readonly image: AttributeInfo;
  readonly smallImage: AttributeInfo;
  readonly thumbnail: AttributeInfo;
  readonly swatchImage: AttributeInfo;
  readonly imageLabel: AttributeInfo;
  readonly smallImageLabel: AttributeInfo;
  readonly thumbnailLabel: AttributeInfo;
  readonly mediaGallery: AttributeInfo;
  readonly newsFromDate: AttributeInfo;
  readonly newsToDate: AttributeInfo;
  readonly countryOfManufacture: AttributeInfo;
  readonly giftMessageAvailable: AttributeInfo;
  readonly msrp: AttributeInfo;
  readonly msrpDisplayActualPriceType: AttributeInfo;
  readonly priceType: AttributeInfo;
  readonly skuType: AttributeInfo;
  readonly weightType: AttributeInfo;
  readonly priceView: AttributeInfo;
  readonly shipmentType: AttributeInfo;
  readonly linksPurchasedSeparately: AttributeInfo;
  readonly linksTitle: AttributeInfo;
  readonly samplesTitle: AttributeInfo;
  readonly linksExist: AttributeInfo;
}

/** `catalog_product_link_attribute` ids by link type, read from the table (never literal ids). */
export interface LinkAttributeIds {
  readonly position: ReadonlyMap<number, number>;
  readonly superQty: number;
}

export const LINK_TYPE = { related: 1, grouped: 3, upsell: 4, crosssell: 5 } as const;

/** Tables whose ids the generator allocates itself, because later rows reference them. */
const ALLOCATED_IDS = {
  catalog_product_entity: 'entity_id',
  catalog_product_entity_media_gallery: 'value_id',
  catalog_product_link: 'link_id',
  catalog_product_option: 'option_id',
  catalog_product_option_type_value: 'option_type_id',
  catalog_product_super_attribute: 'product_super_attribute_id',
  catalog_product_bundle_option: 'option_id',
  catalog_product_bundle_selection: 'selection_id',
  downloadable_link: 'link_id',
  downloadable_sample: 'sample_id',
  url_rewrite: 'url_rewrite_id',
  catalogrule: 'rule_id',
} as const;
export type AllocatedTable = keyof typeof ALLOCATED_IDS;

/** Hands out ids after each table's MAX(id), read once at the start. */
export class IdAllocator {
  private constructor(private readonly nextIds: Map<AllocatedTable, number>) {}

  static async load(ctx: GenerationContext): Promise<IdAllocator> {
    const tables = Object.keys(ALLOCATED_IDS) as AllocatedTable[];
    const sql = tables
      .map((t) => `(SELECT COALESCE(MAX(\`${ALLOCATED_IDS[t]}\`), 0) FROM \`${t}\`) AS \`${t}\``)
      .join(', ');
    const [rows] = await ctx.connection.query<RowDataPacket[]>(`SELECT ${sql}`);
    const next = new Map<AllocatedTable, number>();
    for (const t of tables) next.set(t, Number(rows[0]![t]) + 1);
    return new IdAllocator(next);
  }

  next(table: AllocatedTable): number {
    const id = this.nextIds.get(table)!;
    this.nextIds.set(table, id + 1);
    return id;
  }

  /** The id `next(table)` would return, without taking it. */
  peek(table: AllocatedTable): number {
    return this.nextIds.get(table)!;
  }
}

/** Dates relative to ctx.now, as MySQL literals. */
export class GeneratorDates {
  /** UTC midnight of ctx.now's day, in ms. */
  readonly midnight: number;
  readonly yesterday: string;
  readonly today: string;
  readonly tomorrow: string;

  constructor(readonly now: Date) {
    this.midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
    this.yesterday = this.date(-1);
    this.today = this.date(0);
    this.tomorrow = this.date(1);
  }

  /** `YYYY-MM-DD` of the day `offset` days from today. */
  date(offset: number): string {
    return new Date(this.midnight + offset * 86_400_000).toISOString().slice(0, 10);
  }

  /** `YYYY-MM-DD 00:00:00` of the day `offset` days from today (Magento stores dates of date attributes so). */
  dayTime(offset: number): string {
    return `${this.date(offset)} 00:00:00`;
  }

  /** `YYYY-MM-DD HH:MM:SS`, `secondsAgo` before now. */
  before(secondsAgo: number): string {
    return new Date(this.now.getTime() - secondsAgo * 1000).toISOString().slice(0, 19).replace('T', ' ');
  }

  /** Unix time of a `YYYY-MM-DD` at UTC midnight. */
  static unix(date: string): number {
    return Math.floor(Date.parse(`${date}T00:00:00Z`) / 1000);
  }
}

/** Everything the product writers share: context, scopes, metadata, resolved attributes, ids and dates. */
export class ProductSetup {
  readonly websitesById: ReadonlyMap<number, GeneratedWebsite>;
  readonly storesById: ReadonlyMap<number, GeneratedStore>;
  /** Real websites (id > 0), in id order. */
  readonly websiteIds: readonly number[];
  /** The MSI stock that sells in each website. */
  readonly stockOfWebsite: ReadonlyMap<number, number>;
  /** Stock id → its source codes. */
  readonly sourcesOfStock: ReadonlyMap<number, readonly string[]>;
  /** Customer groups beyond NOT LOGGED IN (for group prices). */
  readonly loggedInGroupIds: readonly number[];
  readonly dates: GeneratorDates;
  /** Category URL paths that a store view overrides (`<category>:<store>` → path), for category-path rewrites. */
  readonly categoryUrlPaths: ReadonlyMap<string, string>;

  private constructor(
    readonly ctx: GenerationContext,
    readonly scopes: GeneratedScopes,
    readonly metadata: CatalogMetadata,
    readonly attr: ProductAttributes,
    readonly linkAttributes: LinkAttributeIds,
    readonly ids: IdAllocator,
    categoryUrlPaths: ReadonlyMap<string, string>,
  ) {
    this.categoryUrlPaths = categoryUrlPaths;
    this.websitesById = new Map(scopes.websites.map((w) => [w.id, w]));
    this.storesById = new Map(scopes.stores.map((s) => [s.id, s]));
    this.websiteIds = scopes.websites.map((w) => w.id).sort((a, b) => a - b);
    const stockOfWebsite = new Map<number, number>();
    const sourcesOfStock = new Map<number, readonly string[]>();
    for (const stock of scopes.stocks) {
      sourcesOfStock.set(stock.id, stock.sourceCodes);
      for (const code of stock.websiteCodes) {
        const website = scopes.websites.find((w) => w.code === code);
        if (website) stockOfWebsite.set(website.id, stock.id);
      }
    }
    for (const w of this.websiteIds) if (!stockOfWebsite.has(w)) stockOfWebsite.set(w, 1);
    this.stockOfWebsite = stockOfWebsite;
    this.sourcesOfStock = sourcesOfStock;
    this.loggedInGroupIds = scopes.customerGroupIds.filter((g) => g !== 0);
    this.dates = new GeneratorDates(ctx.now);
  }

  static async load(
    ctx: GenerationContext,
    scopes: GeneratedScopes,
    metadata: CatalogMetadata,
  ): Promise<ProductSetup> {
    const a = (code: string): AttributeInfo => ctx.attributes.product(code);
    const attr: ProductAttributes = {
      name: a('name'),
      description: a('description'),
      shortDescription: a('short_description'),
      metaTitle: a('meta_title'),
      metaKeyword: a('meta_keyword'),
      metaDescription: a('meta_description'),
      price: a('price'),
      specialPrice: a('special_price'),
      specialFromDate: a('special_from_date'),
      specialToDate: a('special_to_date'),
      cost: a('cost'),
      weight: a('weight'),
      status: a('status'),
      visibility: a('visibility'),
      taxClassId: a('tax_class_id'),
      urlKey: a('url_key'),
      optionsContainer: a('options_container'),
      image: a('image'),
      smallImage: a('small_image'),
      thumbnail: a('thumbnail'),
      swatchImage: a('swatch_image'),
      imageLabel: a('image_label'),
      smallImageLabel: a('small_image_label'),
      thumbnailLabel: a('thumbnail_label'),
      mediaGallery: a('media_gallery'),
      newsFromDate: a('news_from_date'),
      newsToDate: a('news_to_date'),
      countryOfManufacture: a('country_of_manufacture'),
      giftMessageAvailable: a('gift_message_available'),
      msrp: a('msrp'),
      msrpDisplayActualPriceType: a('msrp_display_actual_price_type'),
      priceType: a('price_type'),
      skuType: a('sku_type'),
      weightType: a('weight_type'),
      priceView: a('price_view'),
      shipmentType: a('shipment_type'),
      linksPurchasedSeparately: a('links_purchased_separately'),
      linksTitle: a('links_title'),
      samplesTitle: a('samples_title'),
      linksExist: a('links_exist'),
    };
    const [linkRows] = await ctx.connection.query<RowDataPacket[]>(
      'SELECT product_link_attribute_id, link_type_id, product_link_attribute_code FROM catalog_product_link_attribute',
    );
    const position = new Map<number, number>();
    let superQty = 0;
    for (const r of linkRows) {
      const code = String(r['product_link_attribute_code']);
      const type = Number(r['link_type_id']);
      if (code === 'position') position.set(type, Number(r['product_link_attribute_id']));
      if (code === 'qty' && type === LINK_TYPE.grouped) superQty = Number(r['product_link_attribute_id']);
    }
    for (const type of Object.values(LINK_TYPE)) {
      if (!position.has(type))
        throw new Error(`catalog_product_link_attribute: no position attribute for link type ${type}`);
    }
    if (superQty === 0) throw new Error('catalog_product_link_attribute: no qty attribute for grouped links');
    const ids = await IdAllocator.load(ctx);
    // The category part writes translated url_path values per store view; product rewrites follow them.
    const [pathRows] = await ctx.connection.query<RowDataPacket[]>(
      'SELECT entity_id, store_id, value FROM catalog_category_entity_varchar WHERE attribute_id = ? AND store_id > 0 AND value IS NOT NULL',
      [ctx.attributes.category('url_path').id],
    );
    const categoryUrlPaths = new Map(
      pathRows.map((r) => [`${Number(r['entity_id'])}:${Number(r['store_id'])}`, String(r['value'])]),
    );
    return new ProductSetup(ctx, scopes, metadata, attr, { position, superQty }, ids, categoryUrlPaths);
  }

  /** Store views of a website. */
  storesOf(websiteId: number): readonly number[] {
    return this.websitesById.get(websiteId)?.storeIds ?? [];
  }

  async insert(table: string, columns: readonly string[], row: SqlValue[]): Promise<void> {
    await this.ctx.writer.insert(table, columns, row);
  }
}
