import { CATEGORY_PERMISSION_MINIMAL_PAYLOAD } from '@cde/contracts';
import { collectEach, everything, type Affected, type CollectedItem } from '@cde/feed-engine';
import { describe, idsOf, type ChangeEvent } from '@cde/platform/cdc';
import { keyset, queryByIds, type CommerceDb } from '@cde/platform/commerce-db';
import { resolveCategoryIds } from '@cde/platform/magento';
import { CatalogReader, defineCatalogFeed } from '../catalog-feed';
import {
  assembleCategoryPermissionItems,
  FALLBACK_CATEGORY_ID,
  type AssembledCategoryPermission,
  type PermissionCategoryRow,
} from './assemble-category-permission-items';
import { PermissionIndex } from './catalog-permissions';
import {
  idsOnPaths,
  PERMISSION_SCOPE_SOURCES,
  PermissionTable,
  readPermissionScopes,
  touchesPermissionConfig,
} from './permission-reads';

export type CategoryPermissionCollected = CollectedItem<AssembledCategoryPermission>;

/** Categories with permission rows. */
const PERMISSION_CATEGORY_IDS = keyset(
  `SELECT DISTINCT category_id AS id FROM magento_catalogpermissions WHERE category_id > ?
    ORDER BY category_id LIMIT ?`,
);

/**
 * Source entities: the categories with permission rows, and the tree root (1) for the fallback records. Without
 * the EE table there is nothing: no ids, no items, no error. Categories are named by entity id whatever the id type.
 */
export class CategoryPermissionsReader extends CatalogReader<AssembledCategoryPermission> {
  readonly table = new PermissionTable(this.db);
  /** The listing is the categories with permission rows, not every category collect() reads: fan-outs go whole. */
  override readonly listsEveryEntity: boolean = false;

  constructor(db: CommerceDb) {
    super(db, { list: PERMISSION_CATEGORY_IDS, resolve: resolveCategoryIds });
  }

  override async listEntityIds(after: string, limit: number): Promise<string[]> {
    if (!(await this.table.exists())) return [];
    const ids = await super.listEntityIds(after, limit);
    if (Math.max(0, Number(after)) < Number(FALLBACK_CATEGORY_ID) && !ids.includes(FALLBACK_CATEGORY_ID))
      ids.unshift(FALLBACK_CATEGORY_ID);
    return ids.slice(0, limit);
  }

  override async countEntities(): Promise<number> {
    if (!(await this.table.exists())) return 0;
    const [first] = await super.listEntityIds('0', 1);
    return (await super.countEntities()) + (first === FALLBACK_CATEGORY_ID ? 0 : 1);
  }

  protected async read(ids: readonly string[]): Promise<CategoryPermissionCollected[]> {
    if (!(await this.table.exists())) return [];
    const categories = await queryByIds<PermissionCategoryRow>(
      this.db,
      'SELECT entity_id, path FROM catalog_category_entity WHERE entity_id IN (?) ORDER BY entity_id',
      ids,
    );
    if (categories.length === 0) return [];
    const [rows, scopes] = await Promise.all([
      this.table.rowsOf(idsOnPaths(categories.map((c) => c.path))),
      readPermissionScopes(this.db),
    ]);
    const context = { index: new PermissionIndex(rows), ...scopes };
    return collectEach(
      categories,
      (category) => category.entity_id,
      (category) => assembleCategoryPermissionItems(category, context),
    );
  }

  /** These categories and their descendants that have permission rows (their "use parent" reads the ancestors). */
  async withDescendantsHavingRows(ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0 || !(await this.table.exists())) return [];
    const rows = await queryByIds<{ category_id: string }>(
      this.db,
      `SELECT DISTINCT p.category_id
         FROM catalog_category_entity k
         JOIN catalog_category_entity c ON c.path LIKE CONCAT(k.path, '/%')
         JOIN magento_catalogpermissions p ON p.category_id = c.entity_id
        WHERE k.entity_id IN (?)`,
      ids,
    );
    return [...new Set([...ids, ...rows.map((r) => String(r.category_id))])];
  }
}

export class CategoryPermissionChanges {
  constructor(private readonly reader: CategoryPermissionsReader) {}

  /** A permission row: its category and, since their "use parent" reads it, the descendants with rows. */
  async onPermission(event: ChangeEvent): Promise<string[]> {
    return this.reader.withDescendantsHavingRows(idsOf(event, 'category_id'));
  }

  /** A move changes what the subtree inherits; a delete ends the category's items (its rows cascade away). */
  async onCategory(event: ChangeEvent): Promise<string[]> {
    if (event.op === 'c') return [];
    if (event.op === 'u' && event.before?.['path'] === event.after?.['path']) return [];
    if (event.op === 'd') return idsOf(event, 'entity_id');
    return this.reader.withDescendantsHavingRows(idsOf(event, 'entity_id'));
  }

  /** The configured defaults fill every undecided grant and make the fallback records. */
  onConfig(event: ChangeEvent): Affected {
    return touchesPermissionConfig(event) ? everything(`config ${describe(event)}`) : [];
  }
}

/**
 * categoryPermissions (EE): one item per category × website × customer group that a permission row names, plus
 * the fallback records on the tree root, identity categoryId + websiteCode + customerGroupCode, source entity the
 * category. Grants are resolved (see README.md): ALLOW or DENY, never "use parent".
 */
export const CATEGORY_PERMISSIONS_FEED = defineCatalogFeed({
  feed: 'categoryPermissions',
  minimalPayload: CATEGORY_PERMISSION_MINIMAL_PAYLOAD,
  reader: (db) => new CategoryPermissionsReader(db),
  changes: (reader) => new CategoryPermissionChanges(reader),
  sources: {
    magento_catalogpermissions: (e, changes) => changes.onPermission(e),
    catalog_category_entity: (e, changes) => changes.onCategory(e),
    ...PERMISSION_SCOPE_SOURCES,
    core_config_data: (e, changes) => changes.onConfig(e),
  },
});
