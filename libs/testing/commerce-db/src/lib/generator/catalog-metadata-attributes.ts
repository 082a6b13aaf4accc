import type { RowDataPacket } from 'mysql2/promise';
import type { SqlValue } from './bulk-writer';
import { readDefaultSetLayout, writeAttributeSets } from './catalog-metadata-sets';
import {
  COLORS,
  FEATURE_VALUES,
  SELECT_FAMILIES,
  SIZES,
  languageOf,
  translateLabel,
  translateValue,
} from './catalog-metadata-words';
import type { Language } from './catalog-metadata-words';
import type {
  GeneratedAttribute,
  GeneratedAttributeSet,
  GeneratedOption,
  GeneratedScopes,
  GenerationContext,
} from './generation-context';

const ATTRIBUTE_COLUMNS = [
  'attribute_id',
  'entity_type_id',
  'attribute_code',
  'attribute_model',
  'backend_model',
  'backend_type',
  'backend_table',
  'frontend_model',
  'frontend_input',
  'frontend_label',
  'frontend_class',
  'source_model',
  'is_required',
  'is_user_defined',
  'default_value',
  'is_unique',
  'note',
] as const;
const CATALOG_ATTRIBUTE_COLUMNS = [
  'attribute_id',
  'frontend_input_renderer',
  'is_global',
  'is_visible',
  'is_searchable',
  'is_filterable',
  'is_comparable',
  'is_visible_on_front',
  'is_html_allowed_on_front',
  'is_used_for_price_rules',
  'is_filterable_in_search',
  'used_in_product_listing',
  'used_for_sort_by',
  'apply_to',
  'is_visible_in_advanced_search',
  'position',
  'is_wysiwyg_enabled',
  'is_used_for_promo_rules',
  'is_required_in_admin_store',
  'is_used_in_grid',
  'is_visible_in_grid',
  'is_filterable_in_grid',
  'search_weight',
  'additional_data',
  'is_pagebuilder_enabled',
] as const;
const OPTION_COLUMNS = ['option_id', 'attribute_id', 'sort_order'] as const;
const OPTION_VALUE_COLUMNS = ['option_id', 'store_id', 'value'] as const;
const SWATCH_COLUMNS = ['option_id', 'store_id', 'type', 'value'] as const;
const LABEL_COLUMNS = ['attribute_id', 'store_id', 'value'] as const;

const SOURCE_TABLE = 'Magento\\Eav\\Model\\Entity\\Attribute\\Source\\Table';
const SOURCE_BOOLEAN = 'Magento\\Eav\\Model\\Entity\\Attribute\\Source\\Boolean';
const BACKEND_ARRAY = 'Magento\\Eav\\Model\\Entity\\Attribute\\Backend\\ArrayBackend';
const BACKEND_PRICE = 'Magento\\Catalog\\Model\\Product\\Attribute\\Backend\\Price';
const VISUAL_SWATCH =
  '{"swatch_input_type":"visual","update_product_preview_image":"1","use_product_image_for_swatch":"0"}';
const TEXT_SWATCH =
  '{"swatch_input_type":"text","update_product_preview_image":"0","use_product_image_for_swatch":"0"}';

/** Storefront flags of catalog_eav_attribute that vary between attributes. */
interface Flags {
  readonly isGlobal: 0 | 1 | 2;
  readonly searchable: boolean;
  readonly filterable: 0 | 1 | 2;
  readonly comparable: boolean;
  readonly visibleOnFront: boolean;
  readonly usedInListing: boolean;
  readonly usedForSortBy: boolean;
  readonly promoRules: boolean;
  readonly swatch?: string;
}

interface NewAttribute {
  readonly code: string;
  readonly label: string;
  readonly backendType: GeneratedAttribute['backendType'];
  readonly frontendInput: GeneratedAttribute['frontendInput'];
  readonly backendModel: string | null;
  readonly sourceModel: string | null;
  readonly defaultValue: string | null;
  readonly flags: Flags;
}

/** Which translatable store views get store labels: every one (core-like attributes), a random few, or none. */
type Localize = 'all' | 'some' | 'none';

/** Hands out ids read once from MAX(id), so rows need no insert ids back. */
export interface IdSequences {
  attribute: number;
  set: number;
  group: number;
  option: number;
}

export interface AttributeMetadata {
  readonly attributeSets: GeneratedAttributeSet[];
  readonly configurableAttributes: readonly [GeneratedAttribute, GeneratedAttribute];
}

/**
 * Product attribute sets (copies of the default set's groups and attributes), user-defined select attributes with
 * options shared between neighbouring sets as the performance toolkit's sets share theirs, one attribute of each
 * other kind (text, boolean, multiselect, price) in every set, and the swatch attributes color and size.
 */
export async function generateAttributeMetadata(
  ctx: GenerationContext,
  scopes: GeneratedScopes,
): Promise<AttributeMetadata> {
  const productType = ctx.attributes.entityType('catalog_product');
  const ids = await readIdSequences(ctx);
  const layout = await readDefaultSetLayout(ctx, productType.defaultSetId);
  const translatable = scopes.stores
    .filter((s) => s.id !== 1)
    .map((s) => ({ id: s.id, lang: languageOf(s.locale) }))
    .filter((s): s is { id: number; lang: Language } => s.lang !== undefined);
  const writer = new AttributeWriter(ctx, ids, productType.id, translatable);
  const pool = await writeSelectPool(ctx, writer);
  const extras: GeneratedAttribute[] = [];
  for (const extra of EXTRA_ATTRIBUTES)
    extras.push(await writer.write(extra.spec, extra.options, extra.localize));
  const configurableAttributes = await writeSwatchAttributes(
    ctx,
    ids,
    translatable,
    (spec, options, localize) => writer.write(spec, options, localize),
  );
  const attributeSets = await writeAttributeSets(ctx, ids, layout, extras, configurableAttributes[1], pool);
  ctx.log(
    `catalog metadata: ${attributeSets.length} attribute sets, ${pool.length + extras.length + 1} new attributes`,
  );
  return { attributeSets, configurableAttributes };
}

/** Writes new product attributes: their rows, store labels and options, under a code no attribute has yet. */
class AttributeWriter {
  private readonly taken = new Set<string>();

  constructor(
    private readonly ctx: GenerationContext,
    private readonly ids: IdSequences,
    private readonly entityTypeId: number,
    private readonly translatable: readonly { id: number; lang: Language }[],
  ) {}

  async write(
    spec: NewAttribute,
    optionLabels: readonly string[],
    localize: Localize,
  ): Promise<GeneratedAttribute> {
    const { ctx, ids, translatable } = this;
    const id = ++ids.attribute;
    const code = this.freeCode(spec.code);
    await ctx.writer.insert('eav_attribute', ATTRIBUTE_COLUMNS, [
      id,
      this.entityTypeId,
      code,
      null,
      spec.backendModel,
      spec.backendType,
      null,
      null,
      spec.frontendInput,
      spec.label,
      null,
      spec.sourceModel,
      0,
      1,
      spec.defaultValue,
      0,
      null,
    ]);
    await ctx.writer.insert(
      'catalog_eav_attribute',
      CATALOG_ATTRIBUTE_COLUMNS,
      catalogAttributeRow(id, spec),
    );
    const stores =
      localize === 'all' ? translatable : localize === 'some' ? pickStores(ctx, translatable) : [];
    for (const store of stores) {
      await ctx.writer.insert('eav_attribute_label', LABEL_COLUMNS, [
        id,
        store.id,
        translateLabel(spec.label, store.lang),
      ]);
    }
    const options = await writeOptions(ctx, ids, id, optionLabels, stores);
    return { id, code, backendType: spec.backendType, frontendInput: spec.frontendInput, options };
  }

  private freeCode(code: string): string {
    let candidate = code;
    for (let n = 2; this.taken.has(candidate) || this.ctx.attributes.find('catalog_product', candidate); n++)
      candidate = `${code}_${n}`;
    this.taken.add(candidate);
    return candidate;
  }
}

/**
 * The select attributes: a pool where set i uses perSet consecutive entries starting at i × ⌈perSet/2⌉, so
 * neighbouring sets share about half their attributes.
 */
async function writeSelectPool(
  ctx: GenerationContext,
  writer: AttributeWriter,
): Promise<GeneratedAttribute[]> {
  const { profile, random } = ctx;
  const step = Math.ceil(profile.attributesPerSet / 2);
  const poolSize = Math.max(profile.attributesPerSet, profile.attributeSets * step);
  const pool: GeneratedAttribute[] = [];
  for (let i = 0; i < poolSize; i++) {
    const family = SELECT_FAMILIES[i % SELECT_FAMILIES.length]!;
    const round = Math.floor(i / SELECT_FAMILIES.length);
    const label = round === 0 ? family.label : `${family.label} ${round + 1}`;
    const values = Array.from(
      { length: profile.valuesPerAttribute },
      (_, k) => family.values[k] ?? `${family.label} ${k + 1}`,
    );
    pool.push(
      await writer.write(
        {
          code: round === 0 ? family.code : `${family.code}_${round + 1}`,
          label,
          backendType: 'int',
          frontendInput: 'select',
          backendModel: null,
          sourceModel: SOURCE_TABLE,
          defaultValue: null,
          flags: randomFlags(ctx),
        },
        values,
        random.chance(0.3) ? 'some' : 'none',
      ),
    );
  }

  return pool;
}

/** One attribute of each other kind, in every set: text, boolean, multiselect, price. */
const EXTRA_ATTRIBUTES: readonly {
  readonly spec: NewAttribute;
  readonly options: readonly string[];
  readonly localize: Localize;
}[] = [
  {
    spec: {
      code: 'model_number',
      label: 'Model Number',
      backendType: 'varchar',
      frontendInput: 'text',
      backendModel: null,
      sourceModel: null,
      defaultValue: null,
      flags: { ...plainFlags(0), searchable: true, visibleOnFront: true },
    },
    options: [],
    localize: 'all',
  },
  {
    spec: {
      code: 'eco_friendly',
      label: 'Eco Friendly',
      backendType: 'int',
      frontendInput: 'boolean',
      backendModel: null,
      sourceModel: SOURCE_BOOLEAN,
      defaultValue: '0',
      flags: { ...plainFlags(1), filterable: 1, visibleOnFront: true, usedInListing: true },
    },
    options: [],
    localize: 'all',
  },
  {
    spec: {
      code: 'features',
      label: 'Features',
      backendType: 'varchar',
      frontendInput: 'multiselect',
      backendModel: BACKEND_ARRAY,
      sourceModel: SOURCE_TABLE,
      defaultValue: null,
      flags: { ...plainFlags(1), searchable: true, filterable: 1, comparable: true, visibleOnFront: true },
    },
    options: FEATURE_VALUES,
    localize: 'all',
  },
  {
    spec: {
      code: 'recycling_fee',
      label: 'Recycling Fee',
      backendType: 'decimal',
      frontendInput: 'price',
      backendModel: BACKEND_PRICE,
      sourceModel: null,
      defaultValue: null,
      flags: { ...plainFlags(2), usedInListing: true },
    },
    options: [],
    localize: 'none',
  },
];

/** color (existing, visual swatches) and size (new, text swatches): global, filterable, in every set. */
async function writeSwatchAttributes(
  ctx: GenerationContext,
  ids: IdSequences,
  translatable: readonly { id: number; lang: Language }[],
  writeAttribute: (
    spec: NewAttribute,
    options: readonly string[],
    localize: Localize,
  ) => Promise<GeneratedAttribute>,
): Promise<readonly [GeneratedAttribute, GeneratedAttribute]> {
  const [colorCount, sizeCount] = ctx.profile.configurableOptions;
  const color = ctx.attributes.product('color');
  // Magento keeps color's eav_attribute row and only changes its storefront properties when it becomes a swatch.
  await ctx.connection.query(
    `UPDATE catalog_eav_attribute SET is_global = 1, is_filterable = 1, is_filterable_in_search = 1, is_searchable = 1,
       is_visible_on_front = 1, used_in_product_listing = 1, additional_data = ? WHERE attribute_id = ?`,
    [VISUAL_SWATCH, color.id],
  );
  const colorLabels = Array.from({ length: colorCount }, (_, k) => COLORS[k]?.[0] ?? `Color ${k + 1}`);
  const colorOptions = await writeOptions(ctx, ids, color.id, colorLabels, translatable);
  for (const [k, option] of colorOptions.entries()) {
    const hex = COLORS[k]?.[1] ?? `#${ctx.random.int(0, 0xffffff).toString(16).padStart(6, '0')}`;
    await ctx.writer.insert('eav_attribute_option_swatch', SWATCH_COLUMNS, [option.id, 0, 1, hex]);
  }

  // A window centred on M: 3 sizes are S, M, L.
  const start = Math.max(
    0,
    Math.min(SIZES.length - sizeCount, SIZES.indexOf('M') - Math.floor((sizeCount - 1) / 2)),
  );
  const sizeLabels = Array.from({ length: sizeCount }, (_, k) => SIZES[start + k] ?? `Size ${k + 1}`);
  const size = await writeAttribute(
    {
      code: 'size',
      label: 'Size',
      backendType: 'int',
      frontendInput: 'select',
      backendModel: null,
      sourceModel: SOURCE_TABLE,
      defaultValue: null,
      flags: {
        ...plainFlags(1),
        searchable: true,
        filterable: 1,
        comparable: true,
        visibleOnFront: true,
        usedInListing: true,
        swatch: TEXT_SWATCH,
      },
    },
    sizeLabels,
    'all',
  );
  for (const option of size.options) {
    await ctx.writer.insert('eav_attribute_option_swatch', SWATCH_COLUMNS, [option.id, 0, 0, option.label]);
  }
  return [
    { id: color.id, code: color.code, backendType: 'int', frontendInput: 'select', options: colorOptions },
    size,
  ];
}

/** Options with their admin label, and store labels where we can translate the value. */
async function writeOptions(
  ctx: GenerationContext,
  ids: IdSequences,
  attributeId: number,
  labels: readonly string[],
  stores: readonly { id: number; lang: Language }[],
): Promise<GeneratedOption[]> {
  const options: GeneratedOption[] = [];
  for (const [k, label] of labels.entries()) {
    const id = ++ids.option;
    await ctx.writer.insert('eav_attribute_option', OPTION_COLUMNS, [id, attributeId, k + 1]);
    await ctx.writer.insert('eav_attribute_option_value', OPTION_VALUE_COLUMNS, [id, 0, label]);
    for (const store of stores) {
      const translated = translateValue(label, store.lang);
      if (translated !== undefined)
        await ctx.writer.insert('eav_attribute_option_value', OPTION_VALUE_COLUMNS, [
          id,
          store.id,
          translated,
        ]);
    }
    options.push({ id, label });
  }
  return options;
}

/** Some of the translatable store views (at least one when there are any). */
function pickStores(
  ctx: GenerationContext,
  stores: readonly { id: number; lang: Language }[],
): { id: number; lang: Language }[] {
  if (stores.length === 0) return [];
  const picked = stores.filter(() => ctx.random.chance(0.7));
  return picked.length > 0 ? picked : [ctx.random.pick(stores)];
}

function plainFlags(isGlobal: 0 | 1 | 2): Flags {
  return {
    isGlobal,
    searchable: false,
    filterable: 0,
    comparable: false,
    visibleOnFront: false,
    usedInListing: false,
    usedForSortBy: false,
    promoRules: false,
  };
}

/** A mix like a merchant's: mostly store-view or global scope, about half filterable and searchable. */
function randomFlags(ctx: GenerationContext): Flags {
  const r = ctx.random;
  const scope = r.next();
  return {
    isGlobal: scope < 0.4 ? 0 : scope < 0.8 ? 1 : 2,
    searchable: r.chance(0.6),
    filterable: r.chance(0.5) ? (r.chance(0.8) ? 1 : 2) : 0,
    comparable: r.chance(0.4),
    visibleOnFront: r.chance(0.5),
    usedInListing: r.chance(0.4),
    usedForSortBy: r.chance(0.1),
    promoRules: r.chance(0.3),
  };
}

function catalogAttributeRow(id: number, spec: NewAttribute): SqlValue[] {
  const f = spec.flags;
  const b = (v: boolean): number => (v ? 1 : 0);
  return [
    id,
    null,
    f.isGlobal,
    1,
    b(f.searchable),
    f.filterable,
    b(f.comparable),
    b(f.visibleOnFront),
    // The admin form's default for new attributes.
    1,
    0,
    b(f.filterable > 0),
    b(f.usedInListing),
    b(f.usedForSortBy),
    null,
    b(f.searchable),
    0,
    0,
    b(f.promoRules),
    0,
    1,
    0,
    1,
    1,
    f.swatch ?? null,
    0,
  ];
}

async function readIdSequences(ctx: GenerationContext): Promise<IdSequences> {
  const [rows] = await ctx.connection.query<RowDataPacket[]>(
    `SELECT (SELECT COALESCE(MAX(attribute_id), 0) FROM eav_attribute) AS a,
            (SELECT COALESCE(MAX(attribute_set_id), 0) FROM eav_attribute_set) AS s,
            (SELECT COALESCE(MAX(attribute_group_id), 0) FROM eav_attribute_group) AS g,
            (SELECT COALESCE(MAX(option_id), 0) FROM eav_attribute_option) AS o`,
  );
  const r = rows[0]!;
  return { attribute: Number(r['a']), set: Number(r['s']), group: Number(r['g']), option: Number(r['o']) };
}
