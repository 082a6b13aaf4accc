import type { RowDataPacket } from 'mysql2/promise';
import type { SqlValue } from './bulk-writer';
import type { IdSequences } from './catalog-metadata-attributes';
import type { GeneratedAttribute, GeneratedAttributeSet, GenerationContext } from './generation-context';

/*
 * Product attribute sets: the default set gets the extra kinds and size; each generated set copies the default
 * set's groups and attributes, then adds its select attributes.
 */

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

export interface DefaultSetLayout {
  readonly groups: readonly RowDataPacket[];
  readonly entityAttributes: readonly RowDataPacket[];
  readonly detailsGroupCode: string;
  readonly attributesGroupCode: string;
  /** Whether the default set already holds color (a fresh install has it in the Attributes group). */
  readonly hasColor: boolean;
  /** First free sort_order in the product-details group. */
  readonly nextDetailsSort: number;
}

/**
 * The default set with the extra attributes and size, then `profile.attributeSets` copies of it, set i with the
 * perSet select attributes of the pool starting at i × ⌈perSet/2⌉ (neighbouring sets share about half).
 */
export async function writeAttributeSets(
  ctx: GenerationContext,
  ids: IdSequences,
  layout: DefaultSetLayout,
  extras: readonly GeneratedAttribute[],
  size: GeneratedAttribute,
  pool: readonly GeneratedAttribute[],
): Promise<GeneratedAttributeSet[]> {
  const { profile } = ctx;
  const productType = ctx.attributes.entityType('catalog_product');
  const step = Math.ceil(profile.attributesPerSet / 2);
  const poolSize = pool.length;
  const attributeSets: GeneratedAttributeSet[] = [];
  const defaultGroups = new Map(
    layout.groups.map((g) => [String(g['attribute_group_code']), Number(g['attribute_group_id'])]),
  );
  await addToSet(ctx, productType.defaultSetId, defaultGroups, layout, extras, size);
  attributeSets.push({ id: productType.defaultSetId, name: 'Default', attributes: [...extras] });
  for (let s = 0; s < profile.attributeSets; s++) {
    const setId = ++ids.set;
    const name = `Attribute Set ${s + 1}`;
    const groupIds = await copyDefaultSet(ctx, ids, layout, setId, name);
    const selects = Array.from(
      { length: profile.attributesPerSet },
      (_, j) => pool[(s * step + j) % poolSize]!,
    );
    const own = [...selects, ...extras];
    await addToSet(ctx, setId, groupIds, layout, own, size);
    attributeSets.push({ id: setId, name, attributes: own });
  }
  return attributeSets;
}

/** A new set with the default set's groups and attributes; its group ids by code. */
async function copyDefaultSet(
  ctx: GenerationContext,
  ids: IdSequences,
  layout: DefaultSetLayout,
  setId: number,
  name: string,
): Promise<Map<string, number>> {
  const productType = ctx.attributes.entityType('catalog_product');
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
  return groupIds;
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

export async function readDefaultSetLayout(
  ctx: GenerationContext,
  defaultSetId: number,
): Promise<DefaultSetLayout> {
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
