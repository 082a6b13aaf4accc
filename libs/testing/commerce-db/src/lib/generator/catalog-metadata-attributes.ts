import type { RowDataPacket } from 'mysql2/promise';
import type { SqlValue } from './bulk-writer';
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

const SET_COLUMNS = ['attribute_set_id', 'entity_type_id', 'attribute_set_name', 'sort_order'] as const;
const GROUP_COLUMNS = [
  'attribute_group_id',
  'attribute_set_id',
  'attribute_group_name',
  'sort_order',
  'default_id',
  'attribute_group_code',
  'tab_group_code',
] as const;
const ENTITY_ATTRIBUTE_COLUMNS = [
  'entity_type_id',
  'attribute_set_id',
  'attribute_group_id',
  'attribute_id',
  'sort_order',
] as const;
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

interface DefaultSetLayout {
  readonly groups: readonly RowDataPacket[];
  readonly entityAttributes: readonly RowDataPacket[];
  readonly detailsGroupCode: string;
  readonly attributesGroupCode: string;
  /** Whether the default set already holds color (a fresh install has it in the Attributes group). */
  readonly hasColor: boolean;
  /** First free sort_order in the product-details group. */
  readonly nextDetailsSort: number;
}

/** Which translatable store views get store labels: every one (core-like attributes), a random few, or none. */
type Localize = 'all' | 'some' | 'none';

/** Hands out ids read once from MAX(id), so rows need no insert ids back. */
interface IdSequences {
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
  const { profile, random } = ctx;
  const productType = ctx.attributes.entityType('catalog_product');
  const ids = await readIdSequences(ctx);
  const layout = await readDefaultSetLayout(ctx, productType.defaultSetId);
  const translatable = scopes.stores
    .filter((s) => s.id !== 1)
    .map((s) => ({ id: s.id, lang: languageOf(s.locale) }))
    .filter((s): s is { id: number; lang: Language } => s.lang !== undefined);

  const taken = new Set<string>();
  const freeCode = (code: string): string => {
    let candidate = code;
    for (let n = 2; taken.has(candidate) || ctx.attributes.find('catalog_product', candidate); n++)
      candidate = `${code}_${n}`;
    taken.add(candidate);
    return candidate;
  };

  const writeAttribute = async (
    spec: NewAttribute,
    optionLabels: readonly string[],
    localize: Localize,
  ): Promise<GeneratedAttribute> => {
    const id = ++ids.attribute;
    const code = freeCode(spec.code);
    await ctx.writer.insert('eav_attribute', ATTRIBUTE_COLUMNS, [
      id,
      productType.id,
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
  };

  // Select attributes: a pool where set i uses perSet consecutive entries starting at i × ⌈perSet/2⌉, so
  // neighbouring sets share about half their attributes.
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
      await writeAttribute(
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

  const extras = [
    await writeAttribute(
      {
        code: 'model_number',
        label: 'Model Number',
        backendType: 'varchar',
        frontendInput: 'text',
        backendModel: null,
        sourceModel: null,
        defaultValue: null,
        flags: { ...plainFlags(0), searchable: true, visibleOnFront: true },
      },
      [],
      'all',
    ),
    await writeAttribute(
      {
        code: 'eco_friendly',
        label: 'Eco Friendly',
        backendType: 'int',
        frontendInput: 'boolean',
        backendModel: null,
        sourceModel: SOURCE_BOOLEAN,
        defaultValue: '0',
        flags: { ...plainFlags(1), filterable: 1, visibleOnFront: true, usedInListing: true },
      },
      [],
      'all',
    ),
    await writeAttribute(
      {
        code: 'features',
        label: 'Features',
        backendType: 'varchar',
        frontendInput: 'multiselect',
        backendModel: BACKEND_ARRAY,
        sourceModel: SOURCE_TABLE,
        defaultValue: null,
        flags: { ...plainFlags(1), searchable: true, filterable: 1, comparable: true, visibleOnFront: true },
      },
      FEATURE_VALUES,
      'all',
    ),
    await writeAttribute(
      {
        code: 'recycling_fee',
        label: 'Recycling Fee',
        backendType: 'decimal',
        frontendInput: 'price',
        backendModel: BACKEND_PRICE,
        sourceModel: null,
        defaultValue: null,
        flags: { ...plainFlags(2), usedInListing: true },
      },
      [],
      'none',
    ),
  ];

  const configurableAttributes = await writeSwatchAttributes(ctx, ids, translatable, writeAttribute);

  // The default set gets the extra kinds and size; generated sets copy it, then add their select attributes.
  const attributeSets: GeneratedAttributeSet[] = [];
  const defaultGroups = new Map(
    layout.groups.map((g) => [String(g['attribute_group_code']), Number(g['attribute_group_id'])]),
  );
  await addToSet(ctx, productType.defaultSetId, defaultGroups, layout, extras, configurableAttributes[1]);
  attributeSets.push({ id: productType.defaultSetId, name: 'Default', attributes: extras });

  for (let s = 0; s < profile.attributeSets; s++) {
    const setId = ++ids.set;
    const name = `Attribute Set ${s + 1}`;
    await ctx.writer.insert('eav_attribute_set', SET_COLUMNS, [setId, productType.id, name, 0]);
    const groupIds = new Map<string, number>();
    const oldToNew = new Map<number, number>();
    for (const g of layout.groups) {
      const groupId = ++ids.group;
      groupIds.set(String(g['attribute_group_code']), groupId);
      oldToNew.set(Number(g['attribute_group_id']), groupId);
      await ctx.writer.insert('eav_attribute_group', GROUP_COLUMNS, [
        groupId,
        setId,
        g['attribute_group_name'] as SqlValue,
        g['sort_order'] as SqlValue,
        g['default_id'] as SqlValue,
        g['attribute_group_code'] as SqlValue,
        g['tab_group_code'] as SqlValue,
      ]);
    }
    for (const ea of layout.entityAttributes) {
      await ctx.writer.insert('eav_entity_attribute', ENTITY_ATTRIBUTE_COLUMNS, [
        productType.id,
        setId,
        oldToNew.get(Number(ea['attribute_group_id']))!,
        ea['attribute_id'] as SqlValue,
        ea['sort_order'] as SqlValue,
      ]);
    }
    const selects = Array.from(
      { length: profile.attributesPerSet },
      (_, j) => pool[(s * step + j) % poolSize]!,
    );
    const own = [...selects, ...extras];
    await addToSet(ctx, setId, groupIds, layout, own, configurableAttributes[1]);
    attributeSets.push({ id: setId, name, attributes: own });
  }
  ctx.log(
    `catalog metadata: ${attributeSets.length} attribute sets, ${pool.length + extras.length + 1} new attributes`,
  );
  return { attributeSets, configurableAttributes };
}

/** Puts the set's own attributes into its product-details group and size next to color. */
async function addToSet(
  ctx: GenerationContext,
  setId: number,
  groupIds: ReadonlyMap<string, number>,
  layout: DefaultSetLayout,
  attributes: readonly GeneratedAttribute[],
  size: GeneratedAttribute,
): Promise<void> {
  const typeId = ctx.attributes.entityType('catalog_product').id;
  const details = groupIds.get(layout.detailsGroupCode)!;
  for (const [i, a] of attributes.entries()) {
    await ctx.writer.insert('eav_entity_attribute', ENTITY_ATTRIBUTE_COLUMNS, [
      typeId,
      setId,
      details,
      a.id,
      layout.nextDetailsSort + i,
    ]);
  }
  const swatchGroup = groupIds.get(layout.attributesGroupCode) ?? details;
  if (!layout.hasColor) {
    await ctx.writer.insert('eav_entity_attribute', ENTITY_ATTRIBUTE_COLUMNS, [
      typeId,
      setId,
      swatchGroup,
      ctx.attributes.product('color').id,
      1,
    ]);
  }
  await ctx.writer.insert('eav_entity_attribute', ENTITY_ATTRIBUTE_COLUMNS, [
    typeId,
    setId,
    swatchGroup,
    size.id,
    2,
  ]);
}

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

async function readDefaultSetLayout(ctx: GenerationContext, defaultSetId: number): Promise<DefaultSetLayout> {
  const [groups] = await ctx.connection.query<RowDataPacket[]>(
    `SELECT attribute_group_id, attribute_group_name, sort_order, default_id, attribute_group_code, tab_group_code
       FROM eav_attribute_group WHERE attribute_set_id = ? ORDER BY attribute_group_id`,
    [defaultSetId],
  );
  const [entityAttributes] = await ctx.connection.query<RowDataPacket[]>(
    'SELECT attribute_group_id, attribute_id, sort_order FROM eav_entity_attribute WHERE attribute_set_id = ? ORDER BY entity_attribute_id',
    [defaultSetId],
  );
  const details =
    groups.find((g) => g['attribute_group_code'] === 'product-details') ??
    groups.find((g) => Number(g['default_id']) === 1);
  if (!details) throw new Error(`attribute set ${defaultSetId} has no product-details group`);
  const color = ctx.attributes.product('color');
  const colorRow = entityAttributes.find((ea) => Number(ea['attribute_id']) === color.id);
  const colorGroup = groups.find(
    (g) => colorRow && Number(g['attribute_group_id']) === Number(colorRow['attribute_group_id']),
  );
  const detailsSorts = entityAttributes
    .filter((ea) => Number(ea['attribute_group_id']) === Number(details['attribute_group_id']))
    .map((ea) => Number(ea['sort_order']));
  return {
    groups,
    entityAttributes,
    detailsGroupCode: String(details['attribute_group_code']),
    attributesGroupCode: String((colorGroup ?? details)['attribute_group_code']),
    hasColor: colorRow !== undefined,
    nextDetailsSort: Math.max(0, ...detailsSorts) + 1,
  };
}
