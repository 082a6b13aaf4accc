import type { ResyncIdType } from '@cde/contracts';
import { readShared, type CollectedItem, type FeedReader, type WaveReads } from '@cde/feed-engine';
import {
  countKeyset,
  pageKeyset,
  queryByIds,
  readTogether,
  type CommerceDb,
} from '@cde/platform/commerce-db';
import {
  BOOLEAN_SOURCE_MODEL,
  indexedStockIds,
  PRODUCT_IDS,
  readAttributeMetadata,
  readDefaultStoreId,
  readSalesChannels,
  readStockIndex,
  readEavValues,
  readStoreViews,
  readWebsites,
  resolveProductIds,
  type AttributeMetadata,
  type EavValueRow,
  type SalesChannelRow,
  type StoreView,
} from '@cde/platform/magento';
import { readProductOptionRows, type ProductRef } from '../product-options';
import {
  assembleProductItems,
  listedAttributes,
  productAttributesToRead,
  type AssembledProduct,
} from './assemble-product-items';
import type {
  AttributeOptionLabelRow,
  AttributeSetRow,
  MediaGalleryRow,
  MediaGalleryValueRow,
  MediaVideoRow,
  ProductBatch,
  ProductCategoryRow,
  ProductEntityRow,
  ProductStockRows,
  ProductWebsiteRow,
  StockItemRow,
  StockStatusRow,
  TaxClassRow,
  UrlRewriteRow,
} from './product-rows';
import { readProductConfig } from './product-config';

/**
 * What every batch of a sync wave reads the same: the store structure, config, attribute metadata, tax classes
 * and MSI sales channels. Read once per wave (see WaveReads), or per batch outside one.
 */
interface ProductScope {
  readonly storeViews: StoreView[];
  readonly websites: ProductBatch['websites'];
  readonly config: ProductBatch['config'];
  readonly attributeMap: ReadonlyMap<string, AttributeMetadata>;
  readonly categoryAttributes: ReadonlyMap<string, AttributeMetadata>;
  readonly taxClasses: TaxClassRow[];
  readonly salesChannels: SalesChannelRow[] | null;
  /** Listed attributes whose values are option ids. */
  readonly optionAttributeIds: number[];
  readonly defaultStoreId: number | null;
}

async function readProductScope(db: CommerceDb): Promise<ProductScope> {
  const scope = await readTogether({
    storeViews: readStoreViews(db),
    websites: readWebsites(db),
    config: readProductConfig(db),
    attributeMap: readAttributeMetadata(db, 'catalog_product'),
    categoryAttributes: readAttributeMetadata(db, 'catalog_category'),
    taxClasses: db.query<TaxClassRow>('SELECT class_id, class_name FROM tax_class'),
    salesChannels: readSalesChannels(db),
    defaultStoreId: readDefaultStoreId(db),
  });
  const optionAttributeIds = await readOptionAttributeIds(
    db,
    listedAttributes([...scope.attributeMap.values()]),
  );
  return { ...scope, optionAttributeIds };
}

/**
 * Reads everything the items of these products need, in a bounded number of queries: each table once per chunk of
 * ids (`IN (…)`), whatever the batch size; what is the same for every batch once per wave.
 */
export async function readProductBatch(
  db: CommerceDb,
  ids: readonly string[],
  wave?: WaveReads,
): Promise<ProductBatch> {
  const wanted = [...new Set(ids.filter((id) => /^\d+$/.test(id) && id !== '0'))];
  const [scope, products, productWebsites] = await Promise.all([
    readShared(wave, readProductScope, () => readProductScope(db)),
    queryByIds<ProductEntityRow>(
      db,
      `SELECT entity_id, sku, type_id, attribute_set_id, created_at, updated_at
           FROM catalog_product_entity WHERE entity_id IN (?) ORDER BY entity_id`,
      wanted,
    ),
    queryByIds<ProductWebsiteRow>(
      db,
      'SELECT product_id, website_id FROM catalog_product_website WHERE product_id IN (?)',
      wanted,
    ),
  ]);
  const { storeViews, websites, config, attributeMap, categoryAttributes, taxClasses } = scope;
  const attributes = [...attributeMap.values()];
  const present = products.map((p) => String(p.entity_id));
  const storeIds = [0, ...storeViews.map((v) => v.storeId)];
  const refs: ProductRef[] = products.map((p) => ({
    entityId: String(p.entity_id),
    sku: p.sku,
    typeId: p.type_id,
  }));
  const [values, attributeSets, categories, media, stock, urlRewrites, options] = await Promise.all([
    readAttributeValues(db, present, storeIds, attributes, scope.optionAttributeIds),
    queryByIds<AttributeSetRow>(
      db,
      'SELECT attribute_set_id, attribute_set_name FROM eav_attribute_set WHERE attribute_set_id IN (?)',
      products.map((p) => String(p.attribute_set_id)),
    ),
    readCategories(db, present, categoryAttributes, storeIds),
    readMedia(db, present, storeIds, attributeMap.get('media_gallery')),
    readStock(db, products, scope.salesChannels),
    queryByIds<UrlRewriteRow>(
      db,
      `SELECT url_rewrite_id, entity_id, request_path, target_path, redirect_type, store_id, metadata
         FROM url_rewrite WHERE entity_id IN (?) AND entity_type = 'product'`,
      present,
    ),
    readProductOptionRows(db, refs, storeViews, {
      config,
      attributeIds: new Map(attributes.map((a) => [a.code, a.id])),
      defaultStoreId: scope.defaultStoreId,
    }),
  ]);
  return {
    storeViews,
    websites,
    config,
    products,
    productWebsites,
    attributes,
    ...values,
    taxClasses,
    attributeSets,
    ...categories,
    categoryAttributes: [...categoryAttributes.values()],
    ...media,
    stock,
    urlRewrites,
    options,
  };
}

/** The batch's values of the attributes items show, and what turns option ids among them into labels. */
async function readAttributeValues(
  db: CommerceDb,
  ids: readonly string[],
  storeIds: readonly number[],
  attributes: readonly AttributeMetadata[],
  optionAttributeIds: number[],
): Promise<Pick<ProductBatch, 'values' | 'optionAttributeIds' | 'optionLabels'>> {
  const toRead = productAttributesToRead(attributes).map((a) => a.id);
  const values = await readEavValues(db, 'catalog_product', ids, storeIds, toRead);
  const optionLabels = await readOptionLabels(db, listedAttributes(attributes), values, storeIds);
  return { values, optionAttributeIds, optionLabels };
}

/** Direct category assignments (below the roots), and the url keys and status of those categories and ancestors. */
async function readCategories(
  db: CommerceDb,
  ids: readonly string[],
  categoryAttributes: ReadonlyMap<string, AttributeMetadata>,
  storeIds: readonly number[],
): Promise<Pick<ProductBatch, 'categories' | 'categoryValues'>> {
  const categories = await queryByIds<ProductCategoryRow>(
    db,
    `SELECT ccp.product_id, ccp.category_id, ccp.position, cce.path
       FROM catalog_category_product ccp
       JOIN catalog_category_entity cce ON cce.entity_id = ccp.category_id AND cce.level > 1
      WHERE ccp.product_id IN (?)`,
    ids,
  );
  return {
    categories,
    categoryValues: await readCategoryValues(db, categories, categoryAttributes, storeIds),
  };
}

/** Gallery entries of the media_gallery attribute, their per-store values, and the video fields of videos. */
async function readMedia(
  db: CommerceDb,
  ids: readonly string[],
  storeIds: readonly number[],
  gallery: AttributeMetadata | undefined,
): Promise<Pick<ProductBatch, 'media' | 'mediaValues' | 'mediaVideos'>> {
  const [media, mediaValues] = await Promise.all([
    gallery
      ? queryByIds<MediaGalleryRow>(
          db,
          `SELECT e.entity_id AS product_id, m.value_id, m.value AS file, m.media_type
             FROM catalog_product_entity_media_gallery_value_to_entity e
             JOIN catalog_product_entity_media_gallery m ON m.value_id = e.value_id
            WHERE e.entity_id IN (?) AND m.attribute_id = ?`,
          ids,
          [gallery.id],
        )
      : Promise.resolve([]),
    queryByIds<MediaGalleryValueRow>(
      db,
      `SELECT value_id, entity_id, store_id, label, position, disabled
         FROM catalog_product_entity_media_gallery_value WHERE entity_id IN (?) AND store_id IN (?)`,
      ids,
      [storeIds],
    ),
  ]);
  const mediaVideos = await queryByIds<MediaVideoRow>(
    db,
    `SELECT value_id, store_id, provider, url, title, description, metadata
       FROM catalog_product_entity_media_gallery_value_video WHERE value_id IN (?)`,
    media.filter((m) => m.media_type === 'external-video').map((m) => String(m.value_id)),
  );
  return { media, mediaValues, mediaVideos };
}

/** Listed attributes that have options: their values are option ids (AttributeMetadata's "options" check). */
async function readOptionAttributeIds(
  db: CommerceDb,
  listed: readonly AttributeMetadata[],
): Promise<number[]> {
  const ids = listed.map((a) => a.id);
  if (ids.length === 0) return [];
  const rows = await db.query<{ attribute_id: number | string }>(
    'SELECT DISTINCT attribute_id FROM eav_attribute_option WHERE attribute_id IN (?)',
    [ids],
  );
  return rows.map((r) => Number(r.attribute_id));
}

/** Labels (admin and store views) of the options the batch's listed values refer to. */
async function readOptionLabels(
  db: CommerceDb,
  listed: readonly AttributeMetadata[],
  values: readonly EavValueRow[],
  storeIds: readonly number[],
): Promise<AttributeOptionLabelRow[]> {
  const optionAttributes = new Set(
    listed.filter((a) => a.sourceModel !== BOOLEAN_SOURCE_MODEL).map((a) => a.id),
  );
  const optionIds = new Set<string>();
  for (const v of values) {
    if (v.value === null || !optionAttributes.has(v.attribute_id)) continue;
    for (const part of v.value.split(',')) if (/^\d+$/.test(part)) optionIds.add(part);
  }
  return queryByIds<AttributeOptionLabelRow>(
    db,
    `SELECT o.option_id, o.attribute_id, v.store_id, v.value
       FROM eav_attribute_option o
       JOIN eav_attribute_option_value v ON v.option_id = o.option_id
      WHERE o.option_id IN (?) AND v.store_id IN (?)`,
    [...optionIds],
    [storeIds],
  );
}

/** url_key and is_active of the categories and their ancestors (categoryPath is built from the ancestors' keys). */
async function readCategoryValues(
  db: CommerceDb,
  categories: readonly ProductCategoryRow[],
  attributes: ReadonlyMap<string, AttributeMetadata>,
  storeIds: readonly number[],
): Promise<EavValueRow[]> {
  const ids = new Set<string>();
  for (const c of categories) for (const id of c.path.split('/').slice(2)) ids.add(id);
  const attributeIds = ['url_key', 'is_active']
    .map((code) => attributes.get(code)?.id)
    .filter((id): id is number => id !== undefined);
  return readEavValues(db, 'catalog_category', [...ids], storeIds, attributeIds);
}

/** Stock rows: status and settings by product, and with MSI the sales channels and their stocks' indexes. */
async function readStock(
  db: CommerceDb,
  products: readonly ProductEntityRow[],
  salesChannels: SalesChannelRow[] | null,
): Promise<ProductStockRows> {
  const ids = products.map((p) => String(p.entity_id));
  const [stockStatus, stockItems] = await Promise.all([
    queryByIds<StockStatusRow>(
      db,
      'SELECT product_id, website_id, qty, stock_status FROM cataloginventory_stock_status WHERE product_id IN (?)',
      ids,
    ),
    queryByIds<StockItemRow>(
      db,
      `SELECT product_id, website_id, manage_stock, use_config_manage_stock, min_sale_qty, use_config_min_sale_qty,
              max_sale_qty, use_config_max_sale_qty, backorders, use_config_backorders, enable_qty_increments,
              use_config_enable_qty_inc, qty_increments, use_config_qty_increments
         FROM cataloginventory_stock_item WHERE product_id IN (?)`,
      ids,
    ),
  ]);
  const skus = products.map((p) => p.sku);
  const stockIndex = await readStockIndex(db, indexedStockIds(salesChannels), skus);
  return { salesChannels, stockStatus, stockIndex, stockItems };
}

/** products feed reader: one item per product × store view of its websites. */
export class ProductReader implements FeedReader<AssembledProduct> {
  /** The listing holds every product; one out of every website collects to nothing. */
  readonly listsEveryEntity = true;
  constructor(private readonly db: CommerceDb) {}

  listEntityIds(after: string, limit: number): Promise<string[]> {
    return pageKeyset(this.db, PRODUCT_IDS, after, limit);
  }

  countEntities(): Promise<number> {
    return countKeyset(this.db, PRODUCT_IDS);
  }

  async collect(ids: readonly string[], wave?: WaveReads): Promise<CollectedItem<AssembledProduct>[]> {
    if (ids.length === 0) return [];
    return assembleProductItems(await readProductBatch(this.db, ids, wave));
  }

  /** `--by-ids`: SKUs by default (the original's `default → sku`), product ids with `productId` or `id`. */
  async resolveIds(
    values: readonly string[],
    idType: ResyncIdType,
  ): Promise<{ ids: string[]; unknown: string[] }> {
    if (values.length === 0) return { ids: [], unknown: [] };
    return resolveProductIds(this.db, values, idType);
  }
}
