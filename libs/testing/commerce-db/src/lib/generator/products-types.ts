import type { GeneratedAttribute } from './generation-context';
import type { ProductCoreWriter } from './products-core';
import { round2, type ProductDraft } from './products-draft';
import { LINK_TYPE, type ProductSetup } from './products-setup';
import type { SeededRandom } from './seeded-random';

const OPTION_COLUMNS = [
  'option_id',
  'product_id',
  'type',
  'is_require',
  'sku',
  'max_characters',
  'file_extension',
  'image_size_x',
  'image_size_y',
  'sort_order',
] as const;
const OPTION_TITLE_COLUMNS = ['option_id', 'store_id', 'title'] as const;
const OPTION_PRICE_COLUMNS = ['option_id', 'store_id', 'price', 'price_type'] as const;
const OPTION_TYPE_VALUE_COLUMNS = ['option_type_id', 'option_id', 'sku', 'sort_order'] as const;
const OPTION_TYPE_TITLE_COLUMNS = ['option_type_id', 'store_id', 'title'] as const;
const OPTION_TYPE_PRICE_COLUMNS = ['option_type_id', 'store_id', 'price', 'price_type'] as const;
const LINK_COLUMNS = ['link_id', 'product_id', 'linked_product_id', 'link_type_id'] as const;
const LINK_INT_COLUMNS = ['product_link_attribute_id', 'link_id', 'value'] as const;
const LINK_DECIMAL_COLUMNS = ['product_link_attribute_id', 'link_id', 'value'] as const;
const SUPER_ATTRIBUTE_COLUMNS = [
  'product_super_attribute_id',
  'product_id',
  'attribute_id',
  'position',
] as const;
const SUPER_LABEL_COLUMNS = ['product_super_attribute_id', 'store_id', 'use_default', 'value'] as const;
const SUPER_LINK_COLUMNS = ['product_id', 'parent_id'] as const;
const RELATION_COLUMNS = ['parent_id', 'child_id'] as const;
const BUNDLE_OPTION_COLUMNS = ['option_id', 'parent_id', 'required', 'position', 'type'] as const;
const BUNDLE_OPTION_VALUE_COLUMNS = ['option_id', 'store_id', 'title', 'parent_product_id'] as const;
const BUNDLE_SELECTION_COLUMNS = [
  'selection_id',
  'option_id',
  'parent_product_id',
  'product_id',
  'position',
  'is_default',
  'selection_price_type',
  'selection_price_value',
  'selection_qty',
  'selection_can_change_qty',
] as const;
const BUNDLE_SELECTION_PRICE_COLUMNS = [
  'selection_id',
  'website_id',
  'selection_price_type',
  'selection_price_value',
  'parent_product_id',
] as const;
const DOWNLOADABLE_LINK_COLUMNS = [
  'link_id',
  'product_id',
  'sort_order',
  'number_of_downloads',
  'is_shareable',
  'link_url',
  'link_file',
  'link_type',
  'sample_url',
  'sample_file',
  'sample_type',
] as const;
const DOWNLOADABLE_LINK_TITLE_COLUMNS = ['link_id', 'store_id', 'title'] as const;
const DOWNLOADABLE_LINK_PRICE_COLUMNS = ['link_id', 'website_id', 'price'] as const;
const DOWNLOADABLE_SAMPLE_COLUMNS = [
  'sample_id',
  'product_id',
  'sample_url',
  'sample_file',
  'sample_type',
  'sort_order',
] as const;
const DOWNLOADABLE_SAMPLE_TITLE_COLUMNS = ['sample_id', 'store_id', 'title'] as const;

const TEXT_OPTIONS = [
  { type: 'field', title: 'Engraving', maxCharacters: 25 },
  { type: 'area', title: 'Gift Note', maxCharacters: 250 },
  { type: 'date', title: 'Delivery Date', maxCharacters: null },
  { type: 'date_time', title: 'Pick-up Time', maxCharacters: null },
  { type: 'time', title: 'Call-back Time', maxCharacters: null },
  { type: 'file', title: 'Your Logo', maxCharacters: null },
] as const;
const SELECT_OPTIONS = [
  { type: 'drop_down', title: 'Warranty', values: ['1 Year', '2 Years', '3 Years'] },
  { type: 'radio', title: 'Gift Wrap', values: ['None', 'Paper', 'Box'] },
  { type: 'checkbox', title: 'Extras', values: ['Spare Strap', 'Care Kit', 'Pouch'] },
  { type: 'multiple', title: 'Accessories', values: ['Charger', 'Cable', 'Case'] },
] as const;
const BUNDLE_OPTION_TYPES = ['select', 'radio', 'checkbox', 'multi'] as const;

/** A simple product other products can point at (links, bundle selections, grouped children). */
export interface SimpleRef {
  readonly id: number;
  readonly price: number;
}

/** Price range of a composite's selectable children, for the price index. */
export interface CompositeRange {
  readonly min: number;
  readonly max: number;
}

/**
 * Type-specific rows: custom options, related/up-sell/cross-sell links, configurable super attributes and
 * links, bundle options and selections, grouped links, downloadable links and samples.
 */
export class ProductTypeWriter {
  constructor(
    private readonly setup: ProductSetup,
    private readonly core: ProductCoreWriter,
    private readonly random: SeededRandom,
    /** A random earlier simple product (never `exclude`). */
    private readonly pickSimple: (exclude: number) => SimpleRef,
  ) {}

  /** Custom options for the `customOptions` share; sets has_options / required_options. */
  async writeCustomOptions(d: ProductDraft): Promise<void> {
    const random = this.random;
    if (!random.chance(this.setup.ctx.profile.feed.customOptions)) return;
    const { ids } = this.setup;
    let required = false;
    const count = random.int(1, 3);
    for (let k = 0; k < count; k++) {
      const optionId = ids.next('catalog_product_option');
      const isRequire = random.chance(0.4) ? 1 : 0;
      required ||= isRequire === 1;
      if (random.chance(0.5)) {
        const o = random.pick(TEXT_OPTIONS);
        const file = o.type === 'file';
        await this.setup.insert('catalog_product_option', OPTION_COLUMNS, [
          optionId,
          d.id,
          o.type,
          isRequire,
          `${o.type}-${d.id}-${k + 1}`,
          o.maxCharacters,
          file ? 'jpg, png' : null,
          file ? 600 : null,
          file ? 600 : null,
          k + 1,
        ]);
        await this.setup.insert('catalog_product_option_title', OPTION_TITLE_COLUMNS, [optionId, 0, o.title]);
        const percent = random.chance(0.2);
        await this.setup.insert('catalog_product_option_price', OPTION_PRICE_COLUMNS, [
          optionId,
          0,
          percent ? random.int(5, 15) : random.money(1, 20),
          percent ? 'percent' : 'fixed',
        ]);
      } else {
        const o = random.pick(SELECT_OPTIONS);
        await this.setup.insert('catalog_product_option', OPTION_COLUMNS, [
          optionId,
          d.id,
          o.type,
          isRequire,
          null,
          null,
          null,
          null,
          null,
          k + 1,
        ]);
        await this.setup.insert('catalog_product_option_title', OPTION_TITLE_COLUMNS, [optionId, 0, o.title]);
        for (const [v, title] of o.values.entries()) {
          const typeId = ids.next('catalog_product_option_type_value');
          await this.setup.insert('catalog_product_option_type_value', OPTION_TYPE_VALUE_COLUMNS, [
            typeId,
            optionId,
            `${o.type}-${d.id}-${v + 1}`,
            v + 1,
          ]);
          await this.setup.insert('catalog_product_option_type_title', OPTION_TYPE_TITLE_COLUMNS, [
            typeId,
            0,
            title,
          ]);
          const percent = random.chance(0.2);
          await this.setup.insert('catalog_product_option_type_price', OPTION_TYPE_PRICE_COLUMNS, [
            typeId,
            0,
            v === 0 ? 0 : percent ? random.int(5, 15) : random.money(1, 30),
            percent ? 'percent' : 'fixed',
          ]);
        }
      }
    }
    d.hasOptions = 1;
    d.requiredOptions = required ? 1 : 0;
  }

  /** Related, up-sell and cross-sell links (with their position attribute) for the `productLinks` share. */
  async writeProductLinks(d: ProductDraft): Promise<void> {
    const random = this.random;
    if (!random.chance(this.setup.ctx.profile.feed.productLinks)) return;
    const types = [LINK_TYPE.related, LINK_TYPE.upsell, LINK_TYPE.crosssell].filter(
      (_, i) => i === 0 || random.chance(0.5),
    );
    for (const type of types) {
      const targets = new Set<number>();
      for (let k = random.int(1, 4); k > 0; k--) targets.add(this.pickSimple(d.id).id);
      await this.writeLinks(d.id, type, [...targets]);
    }
  }

  private async writeLinks(
    productId: number,
    type: number,
    targets: readonly number[],
    qty?: (k: number) => number,
  ): Promise<void> {
    const positionAttribute = this.setup.linkAttributes.position.get(type)!;
    for (const [k, target] of targets.entries()) {
      const linkId = this.setup.ids.next('catalog_product_link');
      await this.setup.insert('catalog_product_link', LINK_COLUMNS, [linkId, productId, target, type]);
      await this.setup.insert('catalog_product_link_attribute_int', LINK_INT_COLUMNS, [
        positionAttribute,
        linkId,
        k + 1,
      ]);
      if (qty)
        await this.setup.insert('catalog_product_link_attribute_decimal', LINK_DECIMAL_COLUMNS, [
          this.setup.linkAttributes.superQty,
          linkId,
          qty(k),
        ]);
    }
  }

  /** Super attributes (+ labels), super links and relations of a configurable and its children. */
  async writeConfigurable(parent: ProductDraft, children: readonly ProductDraft[]): Promise<void> {
    for (const [position, attribute] of this.setup.metadata.configurableAttributes.entries()) {
      const id = this.setup.ids.next('catalog_product_super_attribute');
      await this.setup.insert('catalog_product_super_attribute', SUPER_ATTRIBUTE_COLUMNS, [
        id,
        parent.id,
        attribute.id,
        position,
      ]);
      await this.setup.insert('catalog_product_super_attribute_label', SUPER_LABEL_COLUMNS, [
        id,
        0,
        0,
        labelOf(attribute),
      ]);
    }
    for (const child of children) {
      await this.setup.insert('catalog_product_super_link', SUPER_LINK_COLUMNS, [child.id, parent.id]);
      await this.setup.insert('catalog_product_relation', RELATION_COLUMNS, [parent.id, child.id]);
    }
  }

  /**
   * Bundle EAV (price/sku/weight type, price view, shipment type), options with store-0 titles, 2–3 selections of
   * simple products each (website selection prices for some fixed-price bundles) and relations.
   */
  async writeBundle(d: ProductDraft, fixedPrice: boolean): Promise<CompositeRange> {
    const random = this.random;
    const { attr, ids } = this.setup;
    await this.core.eav(attr.priceType, d.id, 0, fixedPrice ? 1 : 0);
    await this.core.eav(attr.skuType, d.id, 0, random.chance(0.5) ? 1 : 0);
    await this.core.eav(attr.weightType, d.id, 0, d.weight === null ? 0 : 1);
    await this.core.eav(attr.priceView, d.id, 0, random.chance(0.5) ? 1 : 0);
    await this.core.eav(attr.shipmentType, d.id, 0, random.chance(0.8) ? 0 : 1);
    const base = d.price ?? 0;
    let min = 0;
    let max = 0;
    const related = new Set<number>();
    const optionCount = random.int(2, 3);
    for (let k = 0; k < optionCount; k++) {
      const optionId = ids.next('catalog_product_bundle_option');
      const type = random.pick(BUNDLE_OPTION_TYPES);
      const required = k === 0 || random.chance(0.5) ? 1 : 0;
      await this.setup.insert('catalog_product_bundle_option', BUNDLE_OPTION_COLUMNS, [
        optionId,
        d.id,
        required,
        k + 1,
        type,
      ]);
      await this.setup.insert('catalog_product_bundle_option_value', BUNDLE_OPTION_VALUE_COLUMNS, [
        optionId,
        0,
        `Option ${k + 1}`,
        d.id,
      ]);
      const picked = new Map<number, SimpleRef>();
      for (let s = random.int(2, 3); s > 0; s--) {
        const ref = this.pickSimple(d.id);
        picked.set(ref.id, ref);
      }
      const prices: number[] = [];
      for (const [position, ref] of [...picked.values()].entries()) {
        const selectionId = ids.next('catalog_product_bundle_selection');
        const percent = fixedPrice && random.chance(0.3);
        const value = fixedPrice ? (percent ? random.int(5, 30) : random.money(1, 40)) : 0;
        const qty = random.chance(0.8) ? 1 : 2;
        await this.setup.insert('catalog_product_bundle_selection', BUNDLE_SELECTION_COLUMNS, [
          selectionId,
          optionId,
          d.id,
          ref.id,
          position + 1,
          position === 0 && (type === 'select' || type === 'radio') ? 1 : 0,
          percent ? 1 : 0,
          value,
          qty,
          random.chance(0.5) ? 1 : 0,
        ]);
        if (fixedPrice && random.chance(0.3)) {
          await this.setup.insert('catalog_product_bundle_selection_price', BUNDLE_SELECTION_PRICE_COLUMNS, [
            selectionId,
            random.pick(d.websiteIds),
            0,
            round2(value * 0.9 + 1),
            d.id,
          ]);
        }
        prices.push(fixedPrice ? (percent ? round2((base * value) / 100) : value) * qty : ref.price * qty);
        related.add(ref.id);
      }
      if (required) min += Math.min(...prices);
      max +=
        type === 'checkbox' || type === 'multi' ? prices.reduce((a, b) => a + b, 0) : Math.max(...prices);
    }
    for (const child of related)
      await this.setup.insert('catalog_product_relation', RELATION_COLUMNS, [d.id, child]);
    return { min: round2(min), max: round2(max) };
  }

  /** Grouped: 'super' links (type 3) with position and qty, and relations; returns the children's price range. */
  async writeGrouped(d: ProductDraft): Promise<CompositeRange> {
    const random = this.random;
    const children = new Map<number, SimpleRef>();
    for (let k = random.int(2, 4); k > 0; k--) {
      const ref = this.pickSimple(d.id);
      children.set(ref.id, ref);
    }
    const refs = [...children.values()];
    await this.writeLinks(
      d.id,
      LINK_TYPE.grouped,
      refs.map((r) => r.id),
      () => (random.chance(0.8) ? 1 : 0),
    );
    for (const ref of refs)
      await this.setup.insert('catalog_product_relation', RELATION_COLUMNS, [d.id, ref.id]);
    const prices = refs.map((r) => r.price);
    return { min: Math.min(...prices), max: Math.max(...prices) };
  }

  /** Downloadable links (title, price) and samples (title), and the links/samples EAV. */
  async writeDownloadable(d: ProductDraft): Promise<void> {
    const random = this.random;
    const { attr, ids } = this.setup;
    const separately = random.chance(0.7);
    await this.core.eav(attr.linksPurchasedSeparately, d.id, 0, separately ? 1 : 0);
    await this.core.eav(attr.linksTitle, d.id, 0, 'Links');
    await this.core.eav(attr.samplesTitle, d.id, 0, 'Samples');
    await this.core.eav(attr.linksExist, d.id, 0, 1);
    for (let k = 1, n = random.int(1, 3); k <= n; k++) {
      const linkId = ids.next('downloadable_link');
      const withSample = random.chance(0.5);
      await this.setup.insert('downloadable_link', DOWNLOADABLE_LINK_COLUMNS, [
        linkId,
        d.id,
        k,
        random.chance(0.7) ? 0 : random.int(1, 5),
        2,
        `https://downloads.example.com/${d.id}/file-${k}.zip`,
        null,
        'url',
        withSample ? `https://downloads.example.com/${d.id}/sample-${k}.zip` : null,
        null,
        withSample ? 'url' : null,
      ]);
      await this.setup.insert('downloadable_link_title', DOWNLOADABLE_LINK_TITLE_COLUMNS, [
        linkId,
        0,
        `${d.name} – Part ${k}`,
      ]);
      await this.setup.insert('downloadable_link_price', DOWNLOADABLE_LINK_PRICE_COLUMNS, [
        linkId,
        0,
        separately ? random.money(1, 20) : 0,
      ]);
    }
    for (let k = 1, n = random.int(0, 2); k <= n; k++) {
      const sampleId = ids.next('downloadable_sample');
      await this.setup.insert('downloadable_sample', DOWNLOADABLE_SAMPLE_COLUMNS, [
        sampleId,
        d.id,
        `https://downloads.example.com/${d.id}/preview-${k}.pdf`,
        null,
        'url',
        k,
      ]);
      await this.setup.insert('downloadable_sample_title', DOWNLOADABLE_SAMPLE_TITLE_COLUMNS, [
        sampleId,
        0,
        `Preview ${k}`,
      ]);
    }
    d.hasOptions = 1;
    d.requiredOptions = separately ? 1 : 0;
  }
}

/** The storefront label of a super attribute (the admin label is not in the hand-off, the code is). */
function labelOf(attribute: GeneratedAttribute): string {
  return attribute.code
    .split('_')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
}
