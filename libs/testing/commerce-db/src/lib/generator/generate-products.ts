import type {
  CatalogMetadata,
  GeneratedAttribute,
  GeneratedAttributeSet,
  GeneratedCatalog,
  GeneratedScopes,
  GenerationContext,
  OrderableProduct,
} from './generation-context';
import { ProductCoreWriter } from './products-core';
import {
  drawSpecialPrice,
  drawStatus,
  drawTierPrices,
  drawWebsites,
  round2,
  toolkitPrice,
  type ProductDraft,
  type SpecialPrice,
  type TierPrice,
} from './products-draft';
import {
  OUT_OF_STOCK_SHARE,
  ProductInventoryWriter,
  TOOLKIT_QTY,
  type StockOutcome,
} from './products-inventory';
import { ProductPricing, type IndexPrice, type RulePrices } from './products-prices';
import { ProductSetup } from './products-setup';
import { productCount } from './profiles';
import { ProductTypeWriter, type SimpleRef } from './products-types';
import { TYPE_NAMES, type ProductType } from './products-words';
import type { SeededRandom } from './seeded-random';

/**
 * The orderable list handed to the sales part is a uniform sample (reservoir) of at most this many products, so
 * memory stays bounded for the 1M-product profile; every smaller profile hands over all of them.
 */
const MAX_ORDERABLE = 50_000;
/** Share of products placed in a second category. */
const SECOND_CATEGORY_SHARE = 0.3;
const TWO_YEARS_S = 2 * 365 * 86_400;

/**
 * Products of every type in the toolkit's shape (reference §3) with the feed variety of the profile: simple, then
 * each configurable followed by its color × size children, virtual, downloadable, bundle and grouped. Every
 * product is drawn, written to all its tables and forgotten (streamed through the bulk writer), so memory does
 * not grow with the catalog.
 */
export async function generateProducts(
  ctx: GenerationContext,
  scopes: GeneratedScopes,
  metadata: CatalogMetadata,
): Promise<GeneratedCatalog> {
  const started = Date.now();
  const generator = await ProductGenerator.create(ctx, scopes, metadata);
  const orderable = await generator.run();
  await ctx.writer.flush();
  ctx.log(`products: done in ${Date.now() - started} ms (${orderable.length} orderable handed on)`);
  return { orderable, categoryIds: metadata.categories.map((c) => c.id) };
}

interface DraftInput {
  readonly type: ProductType;
  readonly label: string;
  readonly attributeSet: GeneratedAttributeSet;
  readonly fillAttributes: readonly GeneratedAttribute[];
  readonly price: number | null;
  readonly weight: number | null;
  readonly visibility: 1 | 4;
  readonly status: 1 | 2;
  readonly disabledWebsiteId: number | null;
  readonly websiteIds: readonly number[];
  readonly categoryIds: readonly number[];
  readonly special: SpecialPrice | null;
  readonly tierPrices: readonly TierPrice[];
  readonly qty: number;
  readonly inStock: boolean;
  readonly superOptionIds?: readonly [number, number];
  readonly hasOptions?: 0 | 1;
}

class ProductGenerator {
  private readonly random: SeededRandom;
  private readonly core: ProductCoreWriter;
  private readonly inventory: ProductInventoryWriter;
  private readonly types: ProductTypeWriter;
  private readonly firstSimpleId: number;
  private readonly simplePrices: Float64Array;
  private readonly superIds: ReadonlySet<number>;
  private readonly withoutSuper: ReadonlyMap<number, readonly GeneratedAttribute[]>;
  private readonly orderable: OrderableProduct[] = [];
  private orderableSeen = 0;
  private readonly sampler: SeededRandom;
  private placed = 0;
  private written = 0;
  private readonly logEvery: number;
  private nextLog: number;

  private constructor(
    private readonly ctx: GenerationContext,
    private readonly setup: ProductSetup,
    private readonly pricing: ProductPricing,
  ) {
    this.random = ctx.random.fork(2);
    this.sampler = ctx.random.fork(4);
    this.core = new ProductCoreWriter(setup, this.random);
    this.inventory = new ProductInventoryWriter(setup, ctx.random.fork(3));
    this.firstSimpleId = setup.ids.peek('catalog_product_entity');
    this.simplePrices = new Float64Array(ctx.profile.simpleProducts);
    this.types = new ProductTypeWriter(setup, this.core, this.random, (exclude) => this.pickSimple(exclude));
    this.superIds = new Set(setup.metadata.configurableAttributes.map((a) => a.id));
    this.logEvery = Math.max(10_000, Math.ceil(productCount(ctx.profile) / 10));
    this.nextLog = this.logEvery;
    this.withoutSuper = new Map(
      setup.metadata.attributeSets.map((s) => [s.id, s.attributes.filter((a) => !this.superIds.has(a.id))]),
    );
  }

  static async create(
    ctx: GenerationContext,
    scopes: GeneratedScopes,
    metadata: CatalogMetadata,
  ): Promise<ProductGenerator> {
    if (metadata.attributeSets.length === 0) throw new Error('products need at least one attribute set');
    const [a, b] = ctx.profile.configurableOptions;
    const [first, second] = metadata.configurableAttributes;
    if (ctx.profile.configurableProducts > 0 && (first.options.length < a || second.options.length < b)) {
      throw new Error(
        `configurable attributes have ${first.options.length} × ${second.options.length} options, the profile needs ${a} × ${b}`,
      );
    }
    const setup = await ProductSetup.load(ctx, scopes, metadata);
    const pricing = await ProductPricing.create(setup, ctx.random.fork(1));
    return new ProductGenerator(ctx, setup, pricing);
  }

  async run(): Promise<OrderableProduct[]> {
    const p = this.ctx.profile;
    for (let n = 1; n <= p.simpleProducts; n++) await this.simpleLike('simple', n);
    for (let n = 1; n <= p.configurableProducts; n++) await this.configurable(n);
    for (let n = 1; n <= p.virtualProducts; n++) await this.simpleLike('virtual', n);
    for (let n = 1; n <= p.downloadableProducts; n++) await this.simpleLike('downloadable', n);
    for (let n = 1; n <= p.bundleProducts; n++) await this.bundle(n);
    for (let n = 1; n <= p.groupedProducts; n++) await this.grouped(n);
    return this.orderable;
  }

  /** Simple, virtual and downloadable products: own price and quantity. */
  private async simpleLike(type: 'simple' | 'virtual' | 'downloadable', n: number): Promise<void> {
    const random = this.random;
    const websiteIds = drawWebsites(this.setup, random);
    const set = random.pick(this.setup.metadata.attributeSets);
    const price = toolkitPrice(random);
    const inStock = !random.chance(OUT_OF_STOCK_SHARE);
    const d = this.draft({
      type,
      label: String(n),
      attributeSet: set,
      fillAttributes: set.attributes,
      price,
      weight: type === 'simple' ? 1 : null,
      visibility: random.chance(this.ctx.profile.feed.notVisible) ? 1 : 4,
      ...drawStatus(this.setup, random, websiteIds),
      websiteIds,
      categoryIds: this.drawCategories(),
      special: drawSpecialPrice(this.setup, random, price, websiteIds),
      tierPrices: drawTierPrices(this.setup, random, price, websiteIds),
      qty: inStock ? TOOLKIT_QTY : 0,
      inStock,
    });
    if (type === 'downloadable') await this.types.writeDownloadable(d);
    else await this.types.writeCustomOptions(d);
    await this.core.write(d);
    if (type === 'simple') this.simplePrices[n - 1] = price;
    await this.types.writeProductLinks(d);
    await this.pricing.writeTierPrices(d);
    await this.inventory.writeItem(d);
    const rulePrices = await this.pricing.writeRuleRows(d, this.pricing.rulesFor(d.categoryIds));
    await this.pricing.writeIndex(d, (w, g) => this.pricing.leafPrice(d, w, g, rulePrices));
    if (d.visibility !== 1) this.offer(d, null);
    this.progress(1);
  }

  /** A configurable and its color × size children (visibility 1, same websites, sizes priced up). */
  private async configurable(n: number): Promise<void> {
    const random = this.random;
    const setup = this.setup;
    const [colors, sizes] = this.ctx.profile.configurableOptions;
    const [colorAttribute, sizeAttribute] = setup.metadata.configurableAttributes;
    const websiteIds = drawWebsites(setup, random);
    const set = random.pick(setup.metadata.attributeSets);
    const fill = this.withoutSuper.get(set.id) ?? [];
    const basePrice = toolkitPrice(random);
    const categoryIds = this.drawCategories();
    const parentId = setup.ids.next('catalog_product_entity');
    const rules = this.pricing.rulesFor(categoryIds);

    const children: ProductDraft[] = [];
    const childPrices: { d: ProductDraft; rules: RulePrices }[] = [];
    const outcomes: StockOutcome[] = [];
    let option = 0;
    for (let c = 0; c < colors; c++) {
      for (let s = 0; s < sizes; s++) {
        option++;
        const price = round2(basePrice + s);
        const inStock = !random.chance(OUT_OF_STOCK_SHARE);
        const child = this.draft({
          type: 'simple',
          label: `${n} - option ${option}`,
          attributeSet: set,
          fillAttributes: fill,
          price,
          weight: 1,
          visibility: 1,
          ...drawStatus(setup, random, websiteIds),
          websiteIds,
          categoryIds: [],
          special: drawSpecialPrice(setup, random, price, websiteIds),
          tierPrices: drawTierPrices(setup, random, price, websiteIds),
          qty: inStock ? TOOLKIT_QTY : 0,
          inStock,
          superOptionIds: [colorAttribute.options[c]!.id, sizeAttribute.options[s]!.id],
        });
        children.push(child);
        await this.core.write(child);
        await this.pricing.writeTierPrices(child);
        outcomes.push(await this.inventory.writeItem(child));
        // Magento's catalog-rule indexer gives a matched configurable's children the rule too.
        const childRules = await this.pricing.writeRuleRows(child, rules);
        childPrices.push({ d: child, rules: childRules });
        await this.pricing.writeIndex(child, (w, g) => this.pricing.leafPrice(child, w, g, childRules));
      }
    }

    const parent = this.draft(
      {
        type: 'configurable',
        label: String(n),
        attributeSet: set,
        fillAttributes: fill,
        price: basePrice,
        weight: null,
        visibility: 4,
        ...drawStatus(setup, random, websiteIds),
        websiteIds,
        categoryIds,
        special: null,
        tierPrices: [],
        qty: 0,
        inStock: true,
        hasOptions: 1,
      },
      parentId,
    );
    await this.core.write(parent);
    await this.types.writeConfigurable(parent, children);
    await this.types.writeProductLinks(parent);
    await this.inventory.writeComposite(parent, outcomes);
    await this.pricing.writeRuleRows(parent, rules);
    await this.pricing.writeIndex(parent, (w, g) => {
      let result: { price: number; final: number; min: number; max: number; tier: number | null } | null =
        null;
      for (const { d, rules: rulePrices } of childPrices) {
        if (!this.pricing.indexedIn(d, w)) continue;
        const p = this.pricing.leafPrice(d, w, g, rulePrices);
        if (p === null || p.final === null || p.price === null) continue;
        if (result === null)
          result = { price: p.price, final: p.final, min: p.final, max: p.final, tier: p.tier };
        else {
          result.price = Math.min(result.price, p.price);
          result.final = Math.min(result.final, p.final);
          result.min = Math.min(result.min, p.final);
          result.max = Math.max(result.max, p.final);
          if (p.tier !== null) result.tier = result.tier === null ? p.tier : Math.min(result.tier, p.tier);
        }
      }
      return result;
    });
    if (parent.status === 1) {
      for (const child of children) this.offer(child, parent);
    }
    this.progress(1 + children.length);
  }

  /** Bundles: fixed or dynamic price (special price as a percentage), options of simple products. */
  private async bundle(n: number): Promise<void> {
    const random = this.random;
    const websiteIds = drawWebsites(this.setup, random);
    const set = random.pick(this.setup.metadata.attributeSets);
    const fixedPrice = random.chance(0.5);
    const price = fixedPrice ? toolkitPrice(random) : null;
    const d = this.draft({
      type: 'bundle',
      label: String(n),
      attributeSet: set,
      fillAttributes: set.attributes,
      price,
      weight: random.chance(0.5) ? 1 : null,
      visibility: 4,
      ...drawStatus(this.setup, random, websiteIds),
      websiteIds,
      categoryIds: this.drawCategories(),
      special: price === null ? null : drawSpecialPrice(this.setup, random, price, websiteIds, true),
      tierPrices: [],
      qty: 0,
      inStock: true,
      hasOptions: 1,
    });
    await this.core.write(d);
    const range = await this.types.writeBundle(d, fixedPrice);
    await this.types.writeProductLinks(d);
    await this.inventory.writeComposite(d, []);
    const rulePrices = await this.pricing.writeRuleRows(d, this.pricing.rulesFor(d.categoryIds));
    await this.pricing.writeIndex(d, (w, g): IndexPrice => {
      const own = this.pricing.leafPrice(d, w, g, rulePrices, true);
      const final = own?.final ?? 0;
      return {
        price: own?.price ?? 0,
        final,
        min: round2(final + range.min),
        max: round2(final + range.max),
        tier: null,
      };
    });
    this.progress(1);
  }

  /** Grouped products: no price of their own, indexed with their children's range. */
  private async grouped(n: number): Promise<void> {
    const random = this.random;
    const websiteIds = drawWebsites(this.setup, random);
    const set = random.pick(this.setup.metadata.attributeSets);
    const d = this.draft({
      type: 'grouped',
      label: String(n),
      attributeSet: set,
      fillAttributes: set.attributes,
      price: null,
      weight: null,
      visibility: 4,
      ...drawStatus(this.setup, random, websiteIds),
      websiteIds,
      categoryIds: this.drawCategories(),
      special: null,
      tierPrices: [],
      qty: 0,
      inStock: true,
    });
    await this.core.write(d);
    const range = await this.types.writeGrouped(d);
    await this.types.writeProductLinks(d);
    await this.inventory.writeComposite(d, []);
    await this.pricing.writeIndex(d, () => ({
      price: null,
      final: null,
      min: range.min,
      max: range.max,
      tier: null,
    }));
    this.progress(1);
  }

  private draft(input: DraftInput, id = this.setup.ids.next('catalog_product_entity')): ProductDraft {
    const names = TYPE_NAMES[input.type === 'simple' && input.superOptionIds ? 'configurable' : input.type];
    const created = this.random.int(86_400, TWO_YEARS_S);
    return {
      id,
      type: input.type,
      label: input.label,
      sku: `${names.sku}${input.label}`,
      name: `${names.name} ${input.label}`,
      urlKey: `${names.urlKey}${input.label.replace(/ - option /, '-option-')}`,
      attributeSet: input.attributeSet,
      price: input.price,
      weight: input.weight,
      visibility: input.visibility,
      status: input.status,
      disabledWebsiteId: input.disabledWebsiteId,
      websiteIds: input.websiteIds,
      categoryIds: input.categoryIds,
      special: input.special,
      tierPrices: input.tierPrices,
      hasOptions: input.hasOptions ?? 0,
      requiredOptions: input.hasOptions ?? 0,
      qty: input.qty,
      inStock: input.inStock,
      superOptionIds: input.superOptionIds ?? null,
      fillAttributes: input.fillAttributes,
      createdAt: this.setup.dates.before(created),
      updatedAt: this.setup.dates.before(this.random.int(60, created)),
    };
  }

  /** Round-robin over the categories (the toolkit spreads products uniformly), a second one for some. */
  private drawCategories(): number[] {
    const categories = this.setup.metadata.categories;
    if (categories.length === 0) return [];
    const first = categories[this.placed++ % categories.length]!.id;
    if (categories.length < 2 || !this.random.chance(SECOND_CATEGORY_SHARE)) return [first];
    const second = this.random.pick(categories).id;
    return second === first ? [first] : [first, second];
  }

  /** A simple product (by id; its price once written) for links, bundle selections and grouped children. */
  private pickSimple(exclude: number): SimpleRef {
    const count = this.simplePrices.length;
    let k = this.random.int(0, count - 1);
    if (this.firstSimpleId + k === exclude) k = (k + 1) % count;
    return { id: this.firstSimpleId + k, price: this.simplePrices[k]! };
  }

  /** Reservoir sampling of enabled products the sales part may order, in the websites where they are enabled. */
  private offer(d: ProductDraft, parent: ProductDraft | null): void {
    if (
      d.status !== 1 ||
      d.type === 'configurable' ||
      d.type === 'bundle' ||
      d.type === 'grouped' ||
      d.price === null
    )
      return;
    const websiteIds = d.websiteIds.filter(
      (w) => w !== d.disabledWebsiteId && w !== parent?.disabledWebsiteId,
    );
    if (websiteIds.length === 0) return;
    const product: OrderableProduct = {
      entityId: d.id,
      sku: d.sku,
      name: d.name,
      typeId: d.type,
      price: d.price,
      weight: d.weight,
      websiteIds,
      ...(parent ? { parent: { entityId: parent.id, sku: parent.sku, name: parent.name } } : {}),
    };
    this.orderableSeen++;
    if (this.orderable.length < MAX_ORDERABLE) {
      this.orderable.push(product);
      return;
    }
    const slot = Math.floor(this.sampler.next() * this.orderableSeen);
    if (slot < MAX_ORDERABLE) this.orderable[slot] = product;
  }

  private progress(products: number): void {
    this.written += products;
    if (this.written < this.nextLog) return;
    this.nextLog += this.logEvery;
    this.ctx.log(`products: ${this.written} of ${productCount(this.ctx.profile)} written`);
  }
}
