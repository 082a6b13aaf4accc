import type {
  AttributeMetadata,
  ConfigRow,
  EavValueRow,
  SalesChannelRow,
  StockIndexRow,
  StoreView,
  WebsiteRow,
} from '@cde/platform/magento';
import type { ProductOptionRows } from '../product-options';

/*
 * The rows the products feed reads for a batch of product ids, typed as mysql2 returns them (ids and decimals as
 * strings, small ints as numbers, dates as 'YYYY-MM-DD HH:MM:SS'). The assembler turns them into items without I/O.
 */

/** `catalog_product_entity`. */
export interface ProductEntityRow {
  readonly entity_id: string;
  readonly sku: string;
  readonly type_id: string;
  readonly attribute_set_id: number | string;
  readonly created_at: string | null;
  readonly updated_at: string | null;
}

/** `catalog_product_website`: the websites a product is sold on (its items exist in their store views only). */
export interface ProductWebsiteRow {
  readonly product_id: string;
  readonly website_id: number | string;
}

/** `eav_attribute_option` ⟕ `eav_attribute_option_value`: an option's label in one store (0 = admin). */
export interface AttributeOptionLabelRow {
  readonly option_id: string;
  readonly attribute_id: number | string;
  readonly store_id: number | string | null;
  readonly value: string | null;
}

/** `tax_class`. */
export interface TaxClassRow {
  readonly class_id: number | string;
  readonly class_name: string;
}

/** `eav_attribute_set`. */
export interface AttributeSetRow {
  readonly attribute_set_id: number | string;
  readonly attribute_set_name: string | null;
}

/** `catalog_category_product` ⋈ `catalog_category_entity` (level > 1): a product's direct category assignment. */
export interface ProductCategoryRow {
  readonly product_id: string;
  readonly category_id: string;
  readonly position: number | string;
  readonly path: string;
}

/** `catalog_product_entity_media_gallery` ⋈ `_value_to_entity`: a media entry of a product. */
export interface MediaGalleryRow {
  readonly product_id: string;
  readonly value_id: string;
  readonly file: string | null;
  readonly media_type: string;
}

/** `catalog_product_entity_media_gallery_value`: label, position and disabled flag of an entry per store. */
export interface MediaGalleryValueRow {
  readonly value_id: string;
  readonly entity_id: string;
  readonly store_id: number | string;
  readonly label: string | null;
  readonly position: number | string | null;
  readonly disabled: number | string | null;
}

/** `catalog_product_entity_media_gallery_value_video` per store. */
export interface MediaVideoRow {
  readonly value_id: string;
  readonly store_id: number | string;
  readonly provider: string | null;
  readonly url: string | null;
  readonly title: string | null;
  readonly description: string | null;
  readonly metadata: string | null;
}

/** `cataloginventory_stock_status`: the legacy (and MSI default stock) salable flag and quantity. */
export interface StockStatusRow {
  readonly product_id: string;
  readonly website_id: number | string;
  readonly qty: string | null;
  readonly stock_status: number | string;
}

/** `cataloginventory_stock_item`: the product's inventory settings (ac_inventory). */
export interface StockItemRow {
  readonly product_id: string;
  readonly website_id: number | string;
  readonly manage_stock: number | string | null;
  readonly use_config_manage_stock: number | string | null;
  readonly min_sale_qty: string | null;
  readonly use_config_min_sale_qty: number | string | null;
  readonly max_sale_qty: string | null;
  readonly use_config_max_sale_qty: number | string | null;
  readonly backorders: number | string | null;
  readonly use_config_backorders: number | string | null;
  readonly enable_qty_increments: number | string | null;
  readonly use_config_enable_qty_inc: number | string | null;
  readonly qty_increments: string | null;
  readonly use_config_qty_increments: number | string | null;
}

/** `url_rewrite` rows of entity type `product`. */
export interface UrlRewriteRow {
  readonly url_rewrite_id: string;
  readonly entity_id: string;
  /** Nullable in Magento's schema, as target_path: a row without one yields no URL. */
  readonly request_path: string | null;
  readonly target_path: string | null;
  readonly redirect_type: number | string;
  readonly store_id: number | string;
  readonly metadata: string | null;
}

/** Inventory rows: MSI when its tables exist (the original asks whether Magento_InventoryIndexer is enabled). */
export interface ProductStockRows {
  /** Null without MSI: `inStock` then comes from `cataloginventory_stock_status` for every website. */
  readonly salesChannels: readonly SalesChannelRow[] | null;
  readonly stockStatus: readonly StockStatusRow[];
  readonly stockIndex: readonly StockIndexRow[];
  readonly stockItems: readonly StockItemRow[];
}

/** Everything the assembler needs for one batch of product ids. */
export interface ProductBatch {
  /** Every store view but admin. */
  readonly storeViews: readonly StoreView[];
  readonly websites: readonly WebsiteRow[];
  readonly config: readonly ConfigRow[];
  /** The products that exist; an id without a row produces nothing (deleted). */
  readonly products: readonly ProductEntityRow[];
  readonly productWebsites: readonly ProductWebsiteRow[];
  /** Every `catalog_product` attribute (metadata), by which values, labels and user attributes are resolved. */
  readonly attributes: readonly AttributeMetadata[];
  /** Product EAV values of the batch, store 0 and every store view. */
  readonly values: readonly EavValueRow[];
  /** Attributes with at least one option (`eav_attribute_option`): their values are option ids. */
  readonly optionAttributeIds: readonly number[];
  /** Labels of the options the batch's values refer to. */
  readonly optionLabels: readonly AttributeOptionLabelRow[];
  readonly taxClasses: readonly TaxClassRow[];
  readonly attributeSets: readonly AttributeSetRow[];
  readonly categories: readonly ProductCategoryRow[];
  /** Every `catalog_category` attribute (for url_key and is_active ids). */
  readonly categoryAttributes: readonly AttributeMetadata[];
  /** url_key and is_active of the assigned categories and their ancestors, store 0 and every store view. */
  readonly categoryValues: readonly EavValueRow[];
  readonly media: readonly MediaGalleryRow[];
  readonly mediaValues: readonly MediaGalleryValueRow[];
  readonly mediaVideos: readonly MediaVideoRow[];
  readonly stock: ProductStockRows;
  readonly urlRewrites: readonly UrlRewriteRow[];
  /** Helper rows of the option-related fields (optionsV2, samples, links, variants, parents…). */
  readonly options: ProductOptionRows;
}
