import type { Connection } from 'mysql2/promise';
import type { AttributeRegistry } from './attribute-registry';
import type { BulkWriter } from './bulk-writer';
import type { GeneratorProfile } from './profiles';
import type { SeededRandom } from './seeded-random';

/** What every part of the generator works with. One connection, written sequentially. */
export interface GenerationContext {
  readonly connection: Connection;
  readonly writer: BulkWriter;
  readonly random: SeededRandom;
  readonly profile: GeneratorProfile;
  readonly attributes: AttributeRegistry;
  /** The generator's "now": dates are spread before it, so runs with the same seed and now are identical. */
  readonly now: Date;
  readonly log: (line: string) => void;
}

export interface GeneratedWebsite {
  readonly id: number;
  readonly code: string;
  readonly groupIds: readonly number[];
  readonly storeIds: readonly number[];
}

export interface GeneratedStore {
  readonly id: number;
  readonly code: string;
  readonly websiteId: number;
  readonly groupId: number;
  /** A locale for store-view overrides of names and descriptions, e.g. `fr_FR`. */
  readonly locale: string;
}

export interface GeneratedStock {
  readonly id: number;
  readonly websiteCodes: readonly string[];
  readonly sourceCodes: readonly string[];
}

/** Websites, store groups and views, customer groups, and MSI sources and stocks. */
export interface GeneratedScopes {
  readonly websites: readonly GeneratedWebsite[];
  readonly stores: readonly GeneratedStore[];
  readonly customerGroupIds: readonly number[];
  readonly sourceCodes: readonly string[];
  readonly stocks: readonly GeneratedStock[];
}

/** A product orders can contain (simple, virtual, downloadable, or a configurable's child with its parent). */
export interface OrderableProduct {
  readonly entityId: number;
  readonly sku: string;
  readonly name: string;
  readonly typeId: 'simple' | 'virtual' | 'downloadable';
  readonly price: number;
  readonly weight: number | null;
  readonly websiteIds: readonly number[];
  readonly parent?: { readonly entityId: number; readonly sku: string; readonly name: string };
}

/** What the catalog part hands to the sales part. */
export interface GeneratedCatalog {
  readonly orderable: readonly OrderableProduct[];
  readonly categoryIds: readonly number[];
}

export interface GeneratedOption {
  readonly id: number;
  /** Admin (store 0) label. */
  readonly label: string;
}

/** A user-defined product attribute the generator created (or an existing one it filled with options, e.g. color). */
export interface GeneratedAttribute {
  readonly id: number;
  readonly code: string;
  readonly backendType: 'int' | 'varchar' | 'text' | 'decimal';
  readonly frontendInput: 'select' | 'multiselect' | 'text' | 'boolean' | 'price';
  /** Options for select/multiselect (values are option ids); empty otherwise. */
  readonly options: readonly GeneratedOption[];
}

export interface GeneratedAttributeSet {
  readonly id: number;
  readonly name: string;
  /** The user-defined attributes in this set (the core attributes of set 4 are in every set). */
  readonly attributes: readonly GeneratedAttribute[];
}

export interface GeneratedCategory {
  readonly id: number;
  readonly parentId: number;
  /** `1/2/…/<id>` */
  readonly path: string;
  readonly level: number;
  readonly name: string;
  readonly urlKey: string;
  /** `parent-url-key/url-key` (no suffix) */
  readonly urlPath: string;
  readonly isAnchor: boolean;
}

/** What the catalog-metadata part hands to the products part. */
export interface CatalogMetadata {
  /** Default set (4) first, then the generated sets. */
  readonly attributeSets: readonly GeneratedAttributeSet[];
  /** The super attributes of configurables: color (visual swatches) × size (text swatches). */
  readonly configurableAttributes: readonly [GeneratedAttribute, GeneratedAttribute];
  /** Generated categories below Default Category (2), parents before children. */
  readonly categories: readonly GeneratedCategory[];
}
