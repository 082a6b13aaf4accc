import {
  EavValues,
  groupBy,
  StoreConfig,
  type AttributeMetadata,
  type StoreUrls,
  type StoreView,
} from '@cde/platform/magento';
import { listedAttributes } from './product-eav-attributes';
import type {
  MediaGalleryRow,
  MediaGalleryValueRow,
  MediaVideoRow,
  ProductBatch,
  StockItemRow,
} from './product-rows';

/** A store view's base URLs plus Magento's product media path (MediaConfig::getBaseMediaPath). */
export interface ProductUrls extends StoreUrls {
  readonly productMedia: string;
}

/** Everything per batch the per-item assembly looks up. */
export class BatchIndex {
  readonly attributes: ReadonlyMap<string, AttributeMetadata>;
  readonly listed: readonly AttributeMetadata[];
  readonly values: EavValues;
  readonly categoryValues: EavValues;
  readonly config: StoreConfig;
  readonly websitesOf: ReadonlyMap<string, ReadonlySet<number>>;
  readonly websiteCodes: ReadonlyMap<number, string>;
  readonly optionAttributes: ReadonlySet<number>;
  /** option id → store id → label: looked up per item and option value, so no key string is built per lookup. */
  private readonly optionLabels = new Map<string, Map<number, string>>();
  readonly taxClasses: ReadonlyMap<string, string>;
  readonly attributeSets: ReadonlyMap<string, string | null>;
  readonly categoriesOf: ReadonlyMap<string, ProductBatch['categories']>;
  readonly categoryAttribute: { readonly urlKey?: number; readonly isActive?: number };
  readonly mediaOf: ReadonlyMap<string, readonly MediaGalleryRow[]>;
  readonly mediaValues: ReadonlyMap<string, MediaGalleryValueRow>;
  readonly mediaVideos: ReadonlyMap<string, MediaVideoRow>;
  readonly stockStatus: ReadonlyMap<string, ProductBatch['stock']['stockStatus'][number]>;
  readonly stockIndex: ReadonlyMap<string, ProductBatch['stock']['stockIndex'][number]>;
  readonly channels: ReadonlyMap<number, number> | null;
  readonly stockItemsOf: ReadonlyMap<string, readonly StockItemRow[]>;
  readonly rewritesOf: ReadonlyMap<string, ProductBatch['urlRewrites']>;
  private readonly urls = new Map<number, ProductUrls>();

  constructor(readonly batch: ProductBatch) {
    this.attributes = new Map(batch.attributes.map((a) => [a.code, a]));
    this.listed = listedAttributes(batch.attributes);
    this.values = new EavValues(batch.values);
    this.categoryValues = new EavValues(batch.categoryValues);
    this.config = new StoreConfig(batch.config);
    const websites = new Map<string, Set<number>>();
    for (const r of batch.productWebsites) {
      const set = websites.get(String(r.product_id)) ?? new Set<number>();
      set.add(Number(r.website_id));
      websites.set(String(r.product_id), set);
    }
    this.websitesOf = websites;
    this.websiteCodes = new Map(batch.websites.map((w) => [Number(w.website_id), w.code]));
    this.optionAttributes = new Set(batch.optionAttributeIds.map(Number));
    for (const o of batch.optionLabels) {
      if (o.store_id === null || o.value === null) continue;
      const optionId = String(o.option_id);
      let byStore = this.optionLabels.get(optionId);
      if (byStore === undefined) this.optionLabels.set(optionId, (byStore = new Map<number, string>()));
      byStore.set(Number(o.store_id), o.value);
    }
    this.taxClasses = new Map(batch.taxClasses.map((t) => [String(t.class_id), t.class_name]));
    this.attributeSets = new Map(
      batch.attributeSets.map((s) => [String(s.attribute_set_id), s.attribute_set_name]),
    );
    this.categoriesOf = groupBy(batch.categories, (c) => String(c.product_id));
    const categoryCodes = new Map(batch.categoryAttributes.map((a) => [a.code, a.id]));
    this.categoryAttribute = {
      ...(categoryCodes.has('url_key') ? { urlKey: categoryCodes.get('url_key') } : {}),
      ...(categoryCodes.has('is_active') ? { isActive: categoryCodes.get('is_active') } : {}),
    };
    this.mediaOf = groupBy(batch.media, (m) => String(m.product_id));
    this.mediaValues = new Map(
      batch.mediaValues.map((v) => [`${v.value_id}/${v.entity_id}/${Number(v.store_id)}`, v]),
    );
    this.mediaVideos = new Map(batch.mediaVideos.map((v) => [`${v.value_id}/${Number(v.store_id)}`, v]));
    // Several rows per product (one per stock website): the default scope (website 0) wins, as Magento reads it.
    const status = new Map<string, ProductBatch['stock']['stockStatus'][number]>();
    for (const r of [...batch.stock.stockStatus].sort(
      (a, b) => Number(b.website_id) - Number(a.website_id),
    )) {
      status.set(String(r.product_id), r);
    }
    this.stockStatus = status;
    this.stockIndex = new Map(batch.stock.stockIndex.map((r) => [`${Number(r.stock_id)}/${r.sku}`, r]));
    this.channels = batch.stock.salesChannels
      ? new Map(batch.stock.salesChannels.map((c) => [Number(c.website_id), Number(c.stock_id)]))
      : null;
    this.stockItemsOf = groupBy(batch.stock.stockItems, (s) => String(s.product_id));
    this.rewritesOf = groupBy(
      [...batch.urlRewrites].sort((a, b) => Number(a.url_rewrite_id) - Number(b.url_rewrite_id)),
      (r) => `${r.entity_id}/${Number(r.store_id)}`,
    );
  }

  attributeId(code: string): number | undefined {
    return this.attributes.get(code)?.id;
  }

  /** An option's label in the store view, else the admin's (store 0), else undefined. */
  optionLabel(optionId: string, storeId: number): string | undefined {
    const byStore = this.optionLabels.get(optionId);
    return byStore === undefined ? undefined : (byStore.get(storeId) ?? byStore.get(0));
  }

  urlsOf(view: StoreView): ProductUrls {
    let urls = this.urls.get(view.storeId);
    if (!urls) {
      const base = this.config.urls(view);
      urls = { ...base, productMedia: `${base.media}catalog/product` };
      this.urls.set(view.storeId, urls);
    }
    return urls;
  }
}
