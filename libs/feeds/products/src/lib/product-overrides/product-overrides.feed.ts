import { PRODUCT_OVERRIDE_MINIMAL_PAYLOAD } from '@cde/contracts';
import {
  allUnlessOnlyChanged,
  collectEach,
  everything,
  fanOut,
  type Affected,
  type CollectedItem,
} from '@cde/feed-engine';
import { describe, idsOf, type ChangeEvent } from '@cde/platform/cdc';
import { queryByIds, type CommerceDb } from '@cde/platform/commerce-db';
import { groupBy, PRODUCT_IDS, resolveProductIds } from '@cde/platform/magento';
import { CatalogReader, defineCatalogFeed } from '../catalog-feed';
import { PermissionIndex } from '../category-permissions/catalog-permissions';
import {
  idsOnPaths,
  PERMISSION_SCOPE_SOURCES,
  PermissionTable,
  readPermissionScopes,
  touchesPermissionConfig,
} from '../category-permissions/permission-reads';
import {
  assembleProductOverrideItems,
  type AssembledProductOverride,
  type OverrideProductRow,
} from './assemble-product-override-items';

export type ProductOverrideCollected = CollectedItem<AssembledProductOverride>;

/** Columns of store_group whose change cannot alter an item. */
const STORE_GROUP_IRRELEVANT = ['name', 'default_store_id', 'code'];

/**
 * Source entity: the product. Every product is listed while the EE table holds rows (which products have
 * permissions depends on the category tree, anchors and roots: collect() decides); none without the table.
 * Products are named by SKU (default) or product id.
 */
export class ProductOverridesReader extends CatalogReader<AssembledProductOverride> {
  readonly table = new PermissionTable(this.db);

  constructor(db: CommerceDb) {
    super(db, { list: PRODUCT_IDS, resolve: resolveProductIds });
  }

  override async listEntityIds(after: string, limit: number): Promise<string[]> {
    return (await this.table.hasRows()) ? super.listEntityIds(after, limit) : [];
  }

  override async countEntities(): Promise<number> {
    return (await this.table.hasRows()) ? super.countEntities() : 0;
  }

  protected async read(ids: readonly string[]): Promise<ProductOverrideCollected[]> {
    if (!(await this.table.hasRows())) return [];
    const [products, productWebsites, assignments, scopes] = await Promise.all([
      queryByIds<OverrideProductRow>(
        this.db,
        'SELECT entity_id, sku FROM catalog_product_entity WHERE entity_id IN (?) ORDER BY entity_id',
        ids,
      ),
      queryByIds<{ product_id: string; website_id: string }>(
        this.db,
        'SELECT product_id, website_id FROM catalog_product_website WHERE product_id IN (?)',
        ids,
      ),
      queryByIds<{ product_id: string; path: string }>(
        this.db,
        `SELECT cp.product_id, c.path FROM catalog_category_product cp
           JOIN catalog_category_entity c ON c.entity_id = cp.category_id
          WHERE cp.product_id IN (?)`,
        ids,
      ),
      readPermissionScopes(this.db),
    ]);
    if (products.length === 0) return [];
    const pathIds = idsOnPaths([
      ...assignments.map((a) => a.path),
      ...scopes.websites.flatMap((w) => w.rootPaths),
    ]);
    const [rows, anchors] = await Promise.all([this.table.rowsOf(pathIds), this.anchorsAmong(pathIds)]);
    const context = { index: new PermissionIndex(rows), ...scopes, anchors };
    const websitesOf = groupBy(productWebsites, (r) => String(r.product_id));
    const pathsOf = groupBy(assignments, (r) => String(r.product_id));
    return collectEach(
      products,
      (product) => product.entity_id,
      (product) => {
        const id = String(product.entity_id);
        const placement = {
          websiteIds: (websitesOf.get(id) ?? []).map((r) => String(r.website_id)),
          categoryPaths: (pathsOf.get(id) ?? []).map((r) => r.path),
        };
        return assembleProductOverrideItems(product, placement, context);
      },
    );
  }

  /** Categories among these whose default-scope is_anchor is 1. */
  private async anchorsAmong(categoryIds: readonly string[]): Promise<Set<string>> {
    const rows = await queryByIds<{ entity_id: string }>(
      this.db,
      `SELECT i.entity_id FROM catalog_category_entity_int i
         JOIN eav_attribute a ON a.attribute_id = i.attribute_id AND a.attribute_code = 'is_anchor'
         JOIN eav_entity_type t ON t.entity_type_id = a.entity_type_id AND t.entity_type_code = 'catalog_category'
        WHERE i.entity_id IN (?) AND i.store_id = 0 AND i.value = 1`,
      categoryIds,
    );
    return new Set(rows.map((r) => String(r.entity_id)));
  }

  /**
   * The products these categories' permissions reach: those assigned to the category or a descendant, and every
   * product of a website whose root category is (under) one of them, since a root lists all its website's
   * products. Nothing without the EE table. A background job: a root reaches a whole catalog.
   */
  async productsUnder(categoryIds: readonly string[], reason: string): Promise<Affected> {
    if (categoryIds.length === 0 || !(await this.table.exists())) return [];
    const ids = [categoryIds.map(String)];
    return fanOut(reason, [
      {
        sql: `SELECT DISTINCT cp.product_id AS id
                FROM catalog_category_entity k
                JOIN catalog_category_entity c ON c.entity_id = k.entity_id OR c.path LIKE CONCAT(k.path, '/%')
                JOIN catalog_category_product cp ON cp.category_id = c.entity_id
               WHERE k.entity_id IN (?) AND cp.product_id > ? ORDER BY cp.product_id LIMIT ?`,
        params: ids,
      },
      {
        sql: `SELECT DISTINCT pw.product_id AS id
                FROM catalog_category_entity k
                JOIN catalog_category_entity r ON r.entity_id = k.entity_id OR r.path LIKE CONCAT(k.path, '/%')
                JOIN store_group g ON g.root_category_id = r.entity_id AND g.website_id > 0
                JOIN catalog_product_website pw ON pw.website_id = g.website_id
               WHERE k.entity_id IN (?) AND pw.product_id > ? ORDER BY pw.product_id LIMIT ?`,
        params: ids,
      },
    ]);
  }

  /** Every product of the websites whose store groups use these root categories. */
  async productsOfRoots(rootIds: readonly string[], reason: string): Promise<Affected> {
    if (rootIds.length === 0 || !(await this.table.exists())) return [];
    return fanOut(reason, [
      {
        sql: `SELECT DISTINCT pw.product_id AS id FROM store_group g
                JOIN catalog_product_website pw ON pw.website_id = g.website_id
               WHERE g.root_category_id IN (?) AND g.website_id > 0 AND pw.product_id > ?
               ORDER BY pw.product_id LIMIT ?`,
        params: [rootIds.map(String)],
      },
    ]);
  }
}

/** The is_anchor attribute's id, read once: system attributes keep their ids for the life of an install. */
class AnchorAttribute {
  private id: Promise<number | undefined> | undefined;

  constructor(private readonly db: CommerceDb) {}

  get(): Promise<number | undefined> {
    this.id ??= this.db
      .query<{ attribute_id: number }>(
        `SELECT a.attribute_id FROM eav_attribute a
           JOIN eav_entity_type t ON t.entity_type_id = a.entity_type_id AND t.entity_type_code = 'catalog_category'
          WHERE a.attribute_code = 'is_anchor'`,
      )
      .then(
        (rows) => (rows[0] ? Number(rows[0].attribute_id) : undefined),
        (error: unknown) => {
          this.id = undefined;
          throw error;
        },
      );
    return this.id;
  }
}

export class ProductOverrideChanges {
  private readonly anchor: AnchorAttribute;

  constructor(
    db: CommerceDb,
    private readonly reader: ProductOverridesReader,
  ) {
    this.anchor = new AnchorAttribute(db);
  }

  /** A permission row reaches the products its category and the category's subtree list. */
  onPermission(event: ChangeEvent): Promise<Affected> {
    return this.reader.productsUnder(idsOf(event, 'category_id'), `permission ${describe(event)}`);
  }

  /**
   * A move changes what the subtree's products inherit. A deleted category's product assignments and permission
   * rows vanish by foreign-key cascades that change data capture does not see, so the products it listed cannot be
   * found any more: every product of its tree's websites is recomputed.
   */
  async onCategory(event: ChangeEvent): Promise<Affected> {
    if (event.op === 'c') return [];
    if (event.op === 'd') {
      const root = String(event.before?.['path'] ?? '').split('/')[1];
      return root ? this.reader.productsOfRoots([root], `category ${describe(event)}`) : [];
    }
    if (event.op === 'u' && event.before?.['path'] === event.after?.['path']) return [];
    return this.reader.productsUnder(idsOf(event, 'entity_id'), `category moved: ${describe(event)}`);
  }

  /** is_anchor decides whether a category lists its subtree's products. */
  async onCategoryInt(event: ChangeEvent): Promise<Affected> {
    const anchorId = await this.anchor.get();
    const touched = [event.before, event.after].some(
      (row) => row && Number(row['attribute_id']) === anchorId && Number(row['store_id']) === 0,
    );
    return touched
      ? this.reader.productsUnder(idsOf(event, 'entity_id'), `is_anchor ${describe(event)}`)
      : [];
  }

  /** A product row: its SKU is the identity; inserts and deletes start or end its items. */
  onProduct(event: ChangeEvent): string[] {
    if (event.op === 'u' && event.before?.['sku'] === event.after?.['sku']) return [];
    return idsOf(event, 'entity_id');
  }

  async onConfig(event: ChangeEvent): Promise<Affected> {
    return touchesPermissionConfig(event) && (await this.reader.table.exists())
      ? everything(`config ${describe(event)}`)
      : [];
  }
}

/**
 * productOverrides (EE): the calculated permissions of every product with permissions, one item per website of
 * the product × customer group, identity sku + websiteCode + customerGroupCode, source entity the product.
 */
export const PRODUCT_OVERRIDES_FEED = defineCatalogFeed({
  feed: 'productOverrides',
  minimalPayload: PRODUCT_OVERRIDE_MINIMAL_PAYLOAD,
  reader: (db) => new ProductOverridesReader(db),
  changes: (reader, db) => new ProductOverrideChanges(db, reader),
  sources: {
    magento_catalogpermissions: (e, changes) => changes.onPermission(e),
    catalog_category_product: (e) => idsOf(e, 'product_id'),
    catalog_category_entity: (e, changes) => changes.onCategory(e),
    catalog_category_entity_int: (e, changes) => changes.onCategoryInt(e),
    catalog_product_website: (e) => idsOf(e, 'product_id'),
    catalog_product_entity: (e, changes) => changes.onProduct(e),
    // Groups and websites multiply every product's items; store groups carry the websites' root categories.
    ...PERMISSION_SCOPE_SOURCES,
    store_group: allUnlessOnlyChanged(STORE_GROUP_IRRELEVANT),
    core_config_data: (e, changes) => changes.onConfig(e),
  },
});
