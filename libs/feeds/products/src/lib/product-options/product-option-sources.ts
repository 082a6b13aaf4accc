import type { ChangeMapping, ChangeMappings } from '@cde/feed-engine';
import { changedAny, columnOf, idsOf, optionsOf, type ChangeEvent } from '@cde/platform/cdc';
import { idChunks, queryByIds, queryIds, type CommerceDb } from '@cde/platform/commerce-db';
import { readAttributeIds } from '@cde/platform/magento';
import { GROUPED_LINK_TYPE } from './product-option-rows';

/*
 * Which products' items a change of an option table touches. Child tables (titles, prices) are mapped through
 * their owner row, which still exists unless it was deleted too (then its own delete event names the product).
 * Changes of other products show too: a child's status or super attribute value in its configurable's options,
 * a parent's sku in its children's parents[], a linked product's sku or websites in links[].
 */

/** The values of `column` in the row before and after; [] for an update that changed none of `watched`. */
function changedIds(event: ChangeEvent, column: string, watched: readonly string[]): string[] {
  return changedAny(event, watched) ? idsOf(event, column) : [];
}

/**
 * The products owning rows of an option table, by the owner row's id: each query selects `id` with its `IN (?)`.
 * Child tables (titles, prices, link attributes, labels, swatches) are mapped through these.
 */
const OWNERS = {
  customOption: 'SELECT product_id AS id FROM catalog_product_option WHERE option_id IN (?)',
  customOptionValue: `SELECT o.product_id AS id FROM catalog_product_option_type_value v
      JOIN catalog_product_option o ON o.option_id = v.option_id WHERE v.option_type_id IN (?)`,
  downloadableLink: 'SELECT product_id AS id FROM downloadable_link WHERE link_id IN (?)',
  downloadableSample: 'SELECT product_id AS id FROM downloadable_sample WHERE sample_id IN (?)',
  // Grouped products whose associated product's position or qty changed.
  groupedLink: `SELECT product_id AS id FROM catalog_product_link WHERE link_id IN (?) AND link_type_id = ${GROUPED_LINK_TYPE}`,
  // Configurables with one of these super attributes (their label or swatch settings changed).
  superAttribute:
    'SELECT DISTINCT product_id AS id FROM catalog_product_super_attribute WHERE attribute_id IN (?)',
  // Configurables whose enabled-or-not children use one of these options of a super attribute.
  childOption: `SELECT DISTINCT psl.parent_id AS id
      FROM eav_attribute_option eao
      JOIN catalog_product_super_attribute psa ON psa.attribute_id = eao.attribute_id
      JOIN catalog_product_super_link psl ON psl.parent_id = psa.product_id
      JOIN catalog_product_entity_int cpi
        ON cpi.entity_id = psl.product_id AND cpi.attribute_id = psa.attribute_id AND cpi.store_id = 0
       AND cpi.value = eao.option_id
     WHERE eao.option_id IN (?)`,
} as const;

type Owner = keyof typeof OWNERS;

/** The product ids behind option rows, looked up in the Commerce DB. */
export class ProductOptionChanges {
  private attributeIds?: Promise<Map<string, number>>;

  constructor(private readonly db: CommerceDb) {}

  /** Product attribute ids by code (status, price_type, name, links_title); stable, so read once. */
  private async attributeId(code: string): Promise<string | undefined> {
    this.attributeIds ??= readAttributeIds(this.db, 'catalog_product', [
      'status',
      'price_type',
      'name',
      'links_title',
    ]).catch((error: unknown) => {
      // Not cached when the read failed: the next event tries again.
      this.attributeIds = undefined;
      throw error;
    });
    const id = (await this.attributeIds).get(code);
    return id === undefined ? undefined : String(id);
  }

  /** The products owning these rows of an owner table. */
  owners(owner: Owner, ids: readonly string[]): Promise<string[]> {
    return queryIds(this.db, OWNERS[owner], ids);
  }

  /** An option row itself changed (sort order, or deleted): its attribute comes with the event. */
  async configurablesUsingOption(attributeId: string, optionId: string): Promise<string[]> {
    const rows = await this.db.query<{ id: string | number }>(
      `SELECT DISTINCT psl.parent_id AS id
         FROM catalog_product_super_attribute psa
         JOIN catalog_product_super_link psl ON psl.parent_id = psa.product_id
         JOIN catalog_product_entity_int cpi
           ON cpi.entity_id = psl.product_id AND cpi.attribute_id = psa.attribute_id AND cpi.store_id = 0
        WHERE psa.attribute_id = ? AND cpi.value = ?`,
      [attributeId, optionId],
    );
    return rows.map((r) => String(r.id));
  }

  /**
   * A product int value changed: a child's status (any store) or its default value of a super attribute shows in
   * its configurables' options; a bundle's price type shows in its children's parents[].
   */
  async onIntValue(event: ChangeEvent): Promise<string[]> {
    const attributeId = columnOf(event, 'attribute_id');
    const ids = idsOf(event, 'entity_id');
    if (attributeId === null || ids.length === 0) return [];
    const [status, priceType] = await Promise.all([
      this.attributeId('status'),
      this.attributeId('price_type'),
    ]);
    if (attributeId === priceType) {
      return queryIds(
        this.db,
        'SELECT child_id AS id FROM catalog_product_relation WHERE parent_id IN (?)',
        ids,
      );
    }
    if (attributeId === status) {
      return queryIds(
        this.db,
        'SELECT DISTINCT parent_id AS id FROM catalog_product_super_link WHERE product_id IN (?)',
        ids,
      );
    }
    if (columnOf(event, 'store_id') !== '0') return [];
    const rows = await queryByIds<{ id: string | number }>(
      this.db,
      `SELECT DISTINCT psl.parent_id AS id FROM catalog_product_super_link psl
         JOIN catalog_product_super_attribute psa ON psa.product_id = psl.parent_id
        WHERE psl.product_id IN (?) AND psa.attribute_id = ?`,
      ids,
      [attributeId],
    );
    return rows.map((r) => String(r.id));
  }

  /** A product varchar value changed: a selection's name shows in its bundles' options. */
  async onVarcharValue(event: ChangeEvent): Promise<string[]> {
    const attributeId = columnOf(event, 'attribute_id');
    const ids = idsOf(event, 'entity_id');
    if (attributeId === null || ids.length === 0) return [];
    const [name, linksTitle] = await Promise.all([this.attributeId('name'), this.attributeId('links_title')]);
    if (attributeId === linksTitle) return ids;
    if (attributeId !== name) return [];
    return queryIds(
      this.db,
      'SELECT DISTINCT parent_product_id AS id FROM catalog_product_bundle_selection WHERE product_id IN (?)',
      ids,
    );
  }

  /**
   * Products that show this product's sku or need it on their website: link owners (related, up-sell,
   * cross-sell, grouped), children (parents[]) and bundles (selection skus).
   */
  async referencing(ids: readonly string[]): Promise<string[]> {
    const out = new Set<string>();
    for (const chunk of idChunks(ids)) {
      const rows = await this.db.query<{ id: string | number }>(
        `SELECT product_id AS id FROM catalog_product_link WHERE linked_product_id IN (?)
         UNION SELECT child_id FROM catalog_product_relation WHERE parent_id IN (?)
         UNION SELECT parent_product_id FROM catalog_product_bundle_selection WHERE product_id IN (?)`,
        [chunk, chunk, chunk],
      );
      for (const r of rows) out.add(String(r.id));
    }
    return [...out];
  }
}

/** A table keyed by product columns: those products. */
function direct(...columns: string[]): ChangeMapping<ProductOptionChanges> {
  return (event) => [...new Set(columns.flatMap((c) => idsOf(event, c)))];
}

/** A child table keyed by its owner's id: the owner's products, looked up. */
function via(idColumn: string, owner: Owner): ChangeMapping<ProductOptionChanges> {
  return (event, changes) => changes.owners(owner, idsOf(event, idColumn));
}

/** Change mapping of every table the option fields read → the product ids whose items change. */
export const PRODUCT_OPTION_SOURCES: ChangeMappings<ProductOptionChanges> = {
  catalog_product_super_attribute: direct('product_id'),
  catalog_product_super_link: direct('parent_id'),
  // The child's parents[] and the parent's options (bundle, grouped, configurable) both change.
  catalog_product_relation: direct('child_id', 'parent_id'),
  catalog_product_link: direct('product_id'),
  catalog_product_link_attribute_int: via('link_id', 'groupedLink'),
  catalog_product_link_attribute_decimal: via('link_id', 'groupedLink'),
  catalog_product_option: direct('product_id'),
  catalog_product_option_title: via('option_id', 'customOption'),
  catalog_product_option_price: via('option_id', 'customOption'),
  catalog_product_option_type_value: via('option_id', 'customOption'),
  catalog_product_option_type_title: via('option_type_id', 'customOptionValue'),
  catalog_product_option_type_price: via('option_type_id', 'customOptionValue'),
  downloadable_link: direct('product_id'),
  downloadable_link_title: via('link_id', 'downloadableLink'),
  downloadable_link_price: via('link_id', 'downloadableLink'),
  downloadable_sample: direct('product_id'),
  downloadable_sample_title: via('sample_id', 'downloadableSample'),
  catalog_product_bundle_option: direct('parent_id'),
  catalog_product_bundle_option_value: direct('parent_product_id'),
  catalog_product_bundle_selection: direct('parent_product_id'),
  catalog_product_bundle_selection_price: direct('parent_product_id'),
  // Attribute metadata shown in configurable options: code, label, swatch settings.
  eav_attribute: (event, changes) =>
    changes.owners('superAttribute', changedIds(event, 'attribute_id', ['attribute_code', 'frontend_label'])),
  catalog_eav_attribute: (event, changes) =>
    changes.owners('superAttribute', changedIds(event, 'attribute_id', ['additional_data'])),
  eav_attribute_label: via('attribute_id', 'superAttribute'),
  eav_attribute_option: async (event, changes) => {
    if (event.op === 'u' && event.before['sort_order'] === event.after['sort_order']) return [];
    const out = new Set<string>();
    for (const { attributeId, optionId } of optionsOf(event)) {
      for (const id of await changes.configurablesUsingOption(attributeId, optionId)) out.add(id);
    }
    return [...out];
  },
  eav_attribute_option_value: via('option_id', 'childOption'),
  eav_attribute_option_swatch: via('option_id', 'childOption'),
  // Another product's sku, type or websites, shown in links[], parents[] and composite options.
  catalog_product_entity: (event, changes) => {
    const ids = changedIds(event, 'entity_id', ['sku', 'type_id']);
    return event.op !== 'u' || ids.length === 0 ? [] : changes.referencing(ids);
  },
  catalog_product_website: (event, changes) => changes.referencing(idsOf(event, 'product_id')),
  catalog_product_entity_int: (event, changes) => changes.onIntValue(event),
  catalog_product_entity_varchar: (event, changes) => changes.onVarcharValue(event),
};
