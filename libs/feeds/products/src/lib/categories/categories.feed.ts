import { CATEGORY_MINIMAL_PAYLOAD } from '@cde/contracts';
import {
  allUnlessOnlyChanged,
  collectEach,
  everything,
  type Affected,
  type CollectedItem,
} from '@cde/feed-engine';
import { describe, idsOf, onlyChanged, type ChangeEvent } from '@cde/platform/cdc';
import { queryByIds, type CommerceDb } from '@cde/platform/commerce-db';
import {
  CATEGORY_IDS,
  CONFIG_PATHS,
  EavValues,
  readAttributeMetadata,
  readEavValues,
  readStoreConfig,
  readStoreViews,
  resolveCategoryIds,
} from '@cde/platform/magento';
import { CatalogReader, defineCatalogFeed } from '../catalog-feed';
import {
  assembleCategoryItems,
  CATEGORY_ATTRIBUTE_CODES,
  type AssembledCategory,
  type CategoryAttributeIds,
  type CategoryContext,
  type CategoryEntityRow,
  type CategoryStoreSettings,
} from './assemble-category-items';

const CATEGORY_VALUE_TABLES = [
  'catalog_category_entity_datetime',
  'catalog_category_entity_decimal',
  'catalog_category_entity_int',
  'catalog_category_entity_text',
  'catalog_category_entity_varchar',
] as const;

/* Columns whose change cannot alter an item. */
const ENTITY_IRRELEVANT = ['children_count', 'updated_at'];
const STORE_IRRELEVANT = ['name', 'sort_order', 'is_active'];
const GROUP_IRRELEVANT = ['name', 'default_store_id'];
const WEBSITE_IRRELEVANT = ['name', 'sort_order', 'default_group_id', 'is_default'];

/** Config paths the items depend on; CDC carries a row's path and scope, never its value. */
const CONFIG_PATH_SET = new Set<string>([
  CONFIG_PATHS.unsecureBaseUrl,
  CONFIG_PATHS.secureBaseUrl,
  CONFIG_PATHS.unsecureBaseMediaUrl,
  CONFIG_PATHS.defaultSortBy,
]);

/** Whether a column differs between before and after; an inserted or deleted row counts when the column is set. */
function changed(event: ChangeEvent, column: string): boolean {
  const before = event.before?.[column] ?? null;
  const after = event.after?.[column] ?? null;
  if (event.op === 'u') return before !== after;
  const value = event.op === 'd' ? before : after;
  return value !== null && Number(value) !== 0;
}

export type CategoryCollected = CollectedItem<AssembledCategory>;

/** Categories are named by entity id whatever the id type. */
export class CategoriesReader extends CatalogReader<AssembledCategory> {
  constructor(db: CommerceDb) {
    super(db, { list: CATEGORY_IDS, resolve: resolveCategoryIds });
  }

  protected async read(ids: readonly string[]): Promise<CategoryCollected[]> {
    const [storeViews, metadata, categories, childRows, sortable, descriptionFlags, config] =
      await Promise.all([
        readStoreViews(this.db),
        readAttributeMetadata(this.db, 'catalog_category'),
        queryByIds<CategoryEntityRow>(
          this.db,
          `SELECT entity_id, parent_id, path, level, position, created_at, updated_at
           FROM catalog_category_entity WHERE entity_id IN (?) ORDER BY entity_id`,
          ids,
        ),
        queryByIds<{ entity_id: string; parent_id: string }>(
          this.db,
          'SELECT entity_id, parent_id FROM catalog_category_entity WHERE parent_id IN (?) ORDER BY entity_id',
          ids,
        ),
        this.db.query<{ attribute_code: string }>(
          `SELECT a.attribute_code FROM eav_attribute a
           JOIN eav_entity_type t ON t.entity_type_id = a.entity_type_id AND t.entity_type_code = 'catalog_product'
           JOIN catalog_eav_attribute c ON c.attribute_id = a.attribute_id
          WHERE c.used_for_sort_by = 1 ORDER BY a.attribute_id`,
        ),
        this.db.query<{ is_html_allowed_on_front: number; is_wysiwyg_enabled: number }>(
          `SELECT c.is_html_allowed_on_front, c.is_wysiwyg_enabled FROM eav_attribute a
           JOIN eav_entity_type t ON t.entity_type_id = a.entity_type_id AND t.entity_type_code = 'catalog_category'
           JOIN catalog_eav_attribute c ON c.attribute_id = a.attribute_id
          WHERE a.attribute_code = 'description'`,
        ),
        readStoreConfig(this.db, [
          CONFIG_PATHS.unsecureBaseUrl,
          CONFIG_PATHS.secureBaseUrl,
          CONFIG_PATHS.unsecureBaseMediaUrl,
          CONFIG_PATHS.defaultSortBy,
        ]),
      ]);
    if (categories.length === 0) return [];

    const attributes = Object.fromEntries(
      Object.entries(CATEGORY_ATTRIBUTE_CODES).map(([field, code]) => [field, metadata.get(code)?.id]),
    ) as CategoryAttributeIds;
    const storeIds = [0, ...storeViews.map((v) => v.storeId)];
    const own = new Set(categories.map((c) => String(c.entity_id)));
    // Ancestors give their url keys (urlPath) and the top-level one its status; children their is_active.
    const related = new Set<string>();
    for (const c of categories) for (const a of c.path.split('/')) if (!own.has(a)) related.add(a);
    for (const r of childRows) if (!own.has(String(r.entity_id))) related.add(String(r.entity_id));
    const allIds = Object.values(attributes).filter((v): v is number => v !== undefined);
    const relatedIds = [attributes.urlKey, attributes.isActive, attributes.includeInMenu].filter(
      (v): v is number => v !== undefined,
    );
    const [ownValues, relatedValues] = await Promise.all([
      readEavValues(this.db, 'catalog_category', [...own], storeIds, allIds),
      readEavValues(this.db, 'catalog_category', [...related], storeIds, relatedIds),
    ]);

    const children = new Map<string, string[]>();
    for (const r of childRows) {
      const list = children.get(String(r.parent_id)) ?? [];
      list.push(String(r.entity_id));
      children.set(String(r.parent_id), list);
    }
    const settings = new Map<number, CategoryStoreSettings>(
      storeViews.map((view) => [
        view.storeId,
        {
          // Magento's config.xml default; a stored empty value means the same.
          defaultSortBy: config.get(CONFIG_PATHS.defaultSortBy, view) || 'position',
          mediaBaseUrl: config.mediaBaseUrl(view),
        },
      ]),
    );
    const flags = descriptionFlags[0];
    const context: CategoryContext = {
      storeViews,
      attributes,
      values: new EavValues([...ownValues, ...relatedValues]),
      children,
      sortableAttributes: sortable.map((r) => r.attribute_code),
      settings,
      escapeDescription:
        flags !== undefined &&
        Number(flags.is_html_allowed_on_front) === 0 &&
        Number(flags.is_wysiwyg_enabled) === 0,
    };
    return collectEach(
      categories,
      (category) => category.entity_id,
      (category) => assembleCategoryItems(category, context),
    );
  }

  /** Descendants of these categories, by their current path (a vanished category has none left to update). */
  async descendantsOf(ids: readonly string[]): Promise<string[]> {
    const rows = await queryByIds<{ entity_id: string }>(
      this.db,
      `SELECT d.entity_id FROM catalog_category_entity c
         JOIN catalog_category_entity d ON d.path LIKE CONCAT(c.path, '/%')
        WHERE c.entity_id IN (?)`,
      ids,
    );
    return rows.map((r) => String(r.entity_id));
  }

  /** Parent and level of these categories, for value changes that reach beyond the category itself. */
  async placeOf(ids: readonly string[]): Promise<{ entity_id: string; parent_id: string; level: number }[]> {
    return queryByIds(
      this.db,
      'SELECT entity_id, parent_id, level FROM catalog_category_entity WHERE entity_id IN (?)',
      ids,
    );
  }
}

/**
 * How changes map to categories, beyond the changed category itself: its parent (children[] lists it), its
 * descendants when their urlPath or ancestor status follows from it, every category when the store structure
 * (roots, codes) changes. Attribute ids of url_key, is_active and include_in_menu are read once: system
 * attributes keep their ids for the life of an install.
 */
export class CategoryChanges {
  private attributeIds: Promise<CategoryAttributeIds> | undefined;

  constructor(
    private readonly db: CommerceDb,
    private readonly reader: CategoriesReader,
  ) {}

  /** An entity row: itself and its parent before and after (a move changes two parents' children), and on a move its subtree. */
  async onEntity(event: ChangeEvent): Promise<string[]> {
    if (onlyChanged(event, ENTITY_IRRELEVANT)) return [];
    const ids = new Set([...idsOf(event, 'entity_id'), ...idsOf(event, 'parent_id')]);
    const moved = event.op === 'u' && event.before?.['path'] !== event.after?.['path'];
    if (moved) for (const d of await this.reader.descendantsOf(idsOf(event, 'entity_id'))) ids.add(d);
    return [...ids];
  }

  /**
   * An EAV value: the category; a url_key reaches every descendant's urlPath; is_active reaches the parent's
   * children[]; the status of a top-level category (level 2) reaches its whole branch.
   */
  async onValue(event: ChangeEvent): Promise<string[]> {
    const ids = new Set(idsOf(event, 'entity_id'));
    if (ids.size === 0) return [];
    const attr = await this.ids();
    const attributeIds = idsOf(event, 'attribute_id').map(Number);
    const touches = (id: number | undefined): boolean => id !== undefined && attributeIds.includes(id);
    const entityIds = [...ids];
    if (touches(attr.urlKey)) for (const d of await this.reader.descendantsOf(entityIds)) ids.add(d);
    const status = touches(attr.isActive) || touches(attr.includeInMenu);
    if (status) {
      const places = await this.reader.placeOf(entityIds);
      if (touches(attr.isActive)) for (const p of places) ids.add(String(p.parent_id));
      const topLevel = places.filter((p) => Number(p.level) === 2).map((p) => String(p.entity_id));
      if (topLevel.length > 0) for (const d of await this.reader.descendantsOf(topLevel)) ids.add(d);
    }
    ids.delete('0');
    return [...ids];
  }

  /** A config row of a path the items use (base URLs for image, default sort): every category. */
  onConfig(event: ChangeEvent): Affected {
    const paths = [event.before?.['path'], event.after?.['path']];
    return paths.some((p) => typeof p === 'string' && CONFIG_PATH_SET.has(p))
      ? everything(`config ${describe(event)}`)
      : [];
  }

  /**
   * Catalog attribute flags: a product attribute becoming sortable or not changes every category's valid sort
   * options (defaultSortBy); the description attribute's HTML flags change how descriptions are escaped.
   */
  async onCatalogAttribute(event: ChangeEvent): Promise<Affected> {
    if (changed(event, 'used_for_sort_by')) return everything(`sortable attribute ${describe(event)}`);
    if (!changed(event, 'is_html_allowed_on_front') && !changed(event, 'is_wysiwyg_enabled')) return [];
    const description = (await this.ids()).description;
    return description !== undefined && idsOf(event, 'attribute_id').includes(String(description))
      ? everything(`description flags ${describe(event)}`)
      : [];
  }

  private ids(): Promise<CategoryAttributeIds> {
    this.attributeIds ??= readAttributeMetadata(this.db, 'catalog_category').then(
      (m) => ({
        urlKey: m.get(CATEGORY_ATTRIBUTE_CODES.urlKey)?.id,
        isActive: m.get(CATEGORY_ATTRIBUTE_CODES.isActive)?.id,
        includeInMenu: m.get(CATEGORY_ATTRIBUTE_CODES.includeInMenu)?.id,
        description: m.get(CATEGORY_ATTRIBUTE_CODES.description)?.id,
      }),
      (error: unknown) => {
        this.attributeIds = undefined;
        throw error;
      },
    );
    return this.attributeIds;
  }
}

/**
 * categories: one item per category × store view whose root category's tree holds it, identity urlPath +
 * storeViewCode. A url change gives the item a new identity; the engine then sends the delete of the old one.
 */
export const CATEGORIES_FEED = defineCatalogFeed({
  feed: 'categories',
  minimalPayload: CATEGORY_MINIMAL_PAYLOAD,
  hash: { unorderedArrays: ['children'] },
  reader: (db) => new CategoriesReader(db),
  changes: (reader, db) => new CategoryChanges(db, reader),
  sources: {
    catalog_category_entity: (e, changes) => changes.onEntity(e),
    ...Object.fromEntries(
      CATEGORY_VALUE_TABLES.map((table) => [
        table,
        (e: ChangeEvent, changes: CategoryChanges) => changes.onValue(e),
      ]),
    ),
    // Store views, their codes and their root categories decide which items exist and what they carry.
    store: allUnlessOnlyChanged(STORE_IRRELEVANT),
    store_group: allUnlessOnlyChanged(GROUP_IRRELEVANT),
    store_website: allUnlessOnlyChanged(WEBSITE_IRRELEVANT),
    core_config_data: (e, changes) => changes.onConfig(e),
    catalog_eav_attribute: (e, changes) => changes.onCatalogAttribute(e),
  },
});
