import { PRODUCT_VARIANT_MINIMAL_PAYLOAD, type ResyncIdType } from '@cde/contracts';
import type { CollectedItem } from '@cde/feed-engine';
import { idsOf, type ChangeEvent } from '@cde/platform/cdc';
import { keyset, queryByIds, type CommerceDb } from '@cde/platform/commerce-db';
import { resolveProductIds, type ResolvedIds } from '@cde/platform/magento';
import { CatalogReader, defineCatalogFeed } from '../catalog-feed';
import {
  assembleVariantItems,
  type AssembledVariant,
  type ChildOptionRow,
  type OptionLabelRow,
  type SuperAttributeRow,
  type VariantLinkRow,
} from './assemble-variant-items';

export type VariantCollected = CollectedItem<AssembledVariant>;

/** Children of configurable products (catalog_product_super_link). */
const LINKED_CHILD_IDS = keyset(
  `SELECT DISTINCT product_id AS id FROM catalog_product_super_link
    WHERE product_id > ? ORDER BY product_id LIMIT ?`,
);

/**
 * By SKU (default) or product id: a child names its own variants, a parent the variants of all its children,
 * as the original's affected-ids resolver widens a product id to its children.
 */
async function resolveVariantIds(
  db: CommerceDb,
  values: readonly string[],
  idType: ResyncIdType,
): Promise<ResolvedIds> {
  const { ids: productIds, unknown } = await resolveProductIds(db, values, idType);
  const children = new Set(
    [
      ...(await queryByIds<{ id: string }>(
        db,
        'SELECT DISTINCT product_id AS id FROM catalog_product_super_link WHERE product_id IN (?)',
        productIds,
      )),
      ...(await queryByIds<{ id: string }>(
        db,
        'SELECT DISTINCT product_id AS id FROM catalog_product_super_link WHERE parent_id IN (?)',
        productIds,
      )),
    ].map((r) => String(r.id)),
  );
  return { ids: [...children].sort((a, b) => Number(a) - Number(b)), unknown };
}

/**
 * The source entity is the child product, as in the original (feedIdentity productId, its provider queries by
 * child ids and its MarkRemovedEntitiesQuery deletes the items of a child whose link to that parent or whose
 * parent is gone): a child's collect() produces one item per parent it is linked to, so an unlinked child, a
 * deleted child or a child whose parent went away stops producing that item and the engine sends its delete.
 */
export class VariantsReader extends CatalogReader<AssembledVariant> {
  /** Children of configurable products: products that are not linked produce nothing. */
  constructor(db: CommerceDb) {
    super(db, { list: LINKED_CHILD_IDS, resolve: resolveVariantIds });
  }

  protected async read(ids: readonly string[]): Promise<VariantCollected[]> {
    const links = await queryByIds<VariantLinkRow>(
      this.db,
      `SELECT l.product_id AS child_id, c.sku AS child_sku, l.parent_id, p.sku AS parent_sku
         FROM catalog_product_super_link l
         JOIN catalog_product_entity c ON c.entity_id = l.product_id
         JOIN catalog_product_entity p ON p.entity_id = l.parent_id
        WHERE l.product_id IN (?)
        ORDER BY l.product_id, l.parent_id`,
      ids,
    );
    if (links.length === 0) return [];
    const superAttributes = await queryByIds<SuperAttributeRow>(
      this.db,
      `SELECT a.product_id AS parent_id, a.attribute_id, e.attribute_code, a.position, a.product_super_attribute_id
         FROM catalog_product_super_attribute a
         JOIN eav_attribute e ON e.attribute_id = a.attribute_id
        WHERE a.product_id IN (?)`,
      links.map((l) => String(l.parent_id)),
    );
    const attributeIds = [...new Set(superAttributes.map((a) => Number(a.attribute_id)))];
    // Configurable attributes are global: the child's option is its default-scope (store 0) value.
    const childOptions =
      attributeIds.length === 0
        ? []
        : await queryByIds<ChildOptionRow>(
            this.db,
            `SELECT entity_id, attribute_id, value FROM catalog_product_entity_int
              WHERE entity_id IN (?) AND store_id = 0 AND attribute_id IN (?)`,
            links.map((l) => String(l.child_id)),
            [attributeIds],
          );
    const optionIds = childOptions.filter((v) => v.value !== null).map((v) => String(v.value));
    const labels = await queryByIds<OptionLabelRow>(
      this.db,
      'SELECT option_id, value FROM eav_attribute_option_value WHERE option_id IN (?) AND store_id = 0 ORDER BY value_id',
      optionIds,
    );
    return assembleVariantItems({ links, superAttributes, childOptions, labels }).map((v) => ({
      sourceEntityId: v.childId,
      item: v.item,
    }));
  }
}

/** The children of these parents (a vanished parent has none left). */
async function childrenOf(db: CommerceDb, parentIds: readonly string[]): Promise<string[]> {
  const rows = await queryByIds<{ product_id: string }>(
    db,
    'SELECT DISTINCT product_id FROM catalog_product_super_link WHERE parent_id IN (?)',
    parentIds,
  );
  return rows.map((r) => String(r.product_id));
}

/** Values of `column` in the rows before/after that are at the default scope (store 0). */
function defaultScopeIds(event: ChangeEvent, column: string): string[] {
  const ids = new Set<string>();
  for (const row of [event.before, event.after])
    if (row && Number(row['store_id']) === 0 && row[column] !== null && row[column] !== undefined)
      ids.add(String(row[column]));
  return [...ids];
}

/**
 * How changes map to children. catalog_product_entity: a SKU change renames the variants of the product itself
 * and, for a parent, of its children; a delete or insert concerns the product. A parent's links deleted
 * explicitly reach the children through catalog_product_super_link; links that vanish only by the foreign-key
 * cascade of a parent delete are not seen by change data capture (nor by the original's triggers), so those
 * children keep their items until the next full resync, which deletes the items of children no longer linked.
 */
export class VariantChanges {
  constructor(private readonly db: CommerceDb) {}

  async onProduct(event: ChangeEvent): Promise<string[]> {
    if (event.op === 'u' && event.before?.['sku'] === event.after?.['sku']) return [];
    const ids = idsOf(event, 'entity_id');
    return [...new Set([...ids, ...(await childrenOf(this.db, ids))])];
  }

  /** A child's option value of one of its parents' super attributes (store 0: configurable attributes are global). */
  async onIntValue(event: ChangeEvent): Promise<string[]> {
    const entityIds = defaultScopeIds(event, 'entity_id');
    const attributeIds = defaultScopeIds(event, 'attribute_id');
    if (entityIds.length === 0 || attributeIds.length === 0) return [];
    const rows = await queryByIds<{ product_id: string }>(
      this.db,
      `SELECT DISTINCT l.product_id FROM catalog_product_super_link l
         JOIN catalog_product_super_attribute a ON a.product_id = l.parent_id
        WHERE l.product_id IN (?) AND a.attribute_id IN (?)`,
      entityIds,
      [attributeIds],
    );
    return rows.map((r) => String(r.product_id));
  }

  /** A parent's super attributes changed: all its children's option values change. */
  async onSuperAttribute(event: ChangeEvent): Promise<string[]> {
    return childrenOf(this.db, idsOf(event, 'product_id'));
  }

  /** The admin label of an option: the children whose value of a super attribute of their parent is that option. */
  async onOptionLabel(event: ChangeEvent): Promise<string[]> {
    const optionIds = defaultScopeIds(event, 'option_id');
    if (optionIds.length === 0) return [];
    const rows = await queryByIds<{ product_id: string }>(
      this.db,
      `SELECT DISTINCT l.product_id
         FROM eav_attribute_option o
         JOIN catalog_product_super_attribute a ON a.attribute_id = o.attribute_id
         JOIN catalog_product_super_link l ON l.parent_id = a.product_id
         JOIN catalog_product_entity_int i
           ON i.entity_id = l.product_id AND i.attribute_id = a.attribute_id AND i.store_id = 0 AND i.value = o.option_id
        WHERE o.option_id IN (?)`,
      optionIds,
    );
    return rows.map((r) => String(r.product_id));
  }
}

/**
 * variants: one item per configurable parent × child, identity parentSku + productSku, source entity the child.
 * A SKU change of either side gives the item a new identity; the engine sends the delete of the old one.
 */
export const VARIANTS_FEED = defineCatalogFeed({
  feed: 'variants',
  minimalPayload: PRODUCT_VARIANT_MINIMAL_PAYLOAD,
  reader: (db) => new VariantsReader(db),
  changes: (_reader, db) => new VariantChanges(db),
  sources: {
    catalog_product_entity: (e, changes) => changes.onProduct(e),
    catalog_product_entity_int: (e, changes) => changes.onIntValue(e),
    // A link row names the child before and after: a child moved, unlinked or linked.
    catalog_product_super_link: (e) => idsOf(e, 'product_id'),
    catalog_product_super_attribute: (e, changes) => changes.onSuperAttribute(e),
    eav_attribute_option_value: (e, changes) => changes.onOptionLabel(e),
  },
});
