import { createHash } from 'node:crypto';
import {
  assembleVariantItems,
  optionValueUid,
  variantId,
  type SuperAttributeRow,
  type VariantRows,
} from './assemble-variant-items';

const COLOR = 93;
const SIZE = 144;

const superAttribute = (
  parent: number,
  attributeId: number,
  code: string,
  position: number,
  rowId: number,
): SuperAttributeRow => ({
  parent_id: parent,
  attribute_id: attributeId,
  attribute_code: code,
  position,
  product_super_attribute_id: rowId,
});

/** MH01 (67) with size then color (positions 0, 1 although color was added first); children 52 and 53. */
const ROWS: VariantRows = {
  links: [
    { child_id: 52, child_sku: 'MH01-XS-Gray', parent_id: 67, parent_sku: 'MH01' },
    { child_id: 53, child_sku: 'MH01-S-Gray', parent_id: 67, parent_sku: 'MH01' },
  ],
  superAttributes: [superAttribute(67, COLOR, 'color', 1, 10), superAttribute(67, SIZE, 'size', 0, 11)],
  childOptions: [
    { entity_id: 52, attribute_id: COLOR, value: 52 },
    { entity_id: 52, attribute_id: SIZE, value: 166 },
    { entity_id: 53, attribute_id: COLOR, value: '52' },
    { entity_id: 53, attribute_id: SIZE, value: '167' },
  ],
  labels: [
    { option_id: 52, value: 'Gray' },
    { option_id: 166, value: 'XS' },
    { option_id: 167, value: 'S' },
  ],
};

describe(assembleVariantItems.name, () => {
  it('builds one item per parent × child with the md5 id, base64 uids and admin labels in super attribute order', () => {
    const items = assembleVariantItems(ROWS);
    expect(items).toEqual([
      {
        childId: '52',
        item: {
          id: createHash('md5').update('configurable/MH01/MH01-XS-Gray').digest('hex'),
          optionValues: [
            { attributeCode: 'size', uid: 'Y29uZmlndXJhYmxlLzE0NC8xNjY=', label: 'XS', valueIndex: '166' },
            { attributeCode: 'color', uid: 'Y29uZmlndXJhYmxlLzkzLzUy', label: 'Gray', valueIndex: '52' },
          ],
          parentId: '67',
          productId: '52',
          parentSku: 'MH01',
          productSku: 'MH01-XS-Gray',
        },
      },
      expect.objectContaining({
        childId: '53',
        item: expect.objectContaining({
          productSku: 'MH01-S-Gray',
          optionValues: [
            expect.objectContaining({ attributeCode: 'size', label: 'S', valueIndex: '167' }),
            expect.objectContaining({ attributeCode: 'color', label: 'Gray', valueIndex: '52' }),
          ],
        }) as unknown,
      }),
    ]);
  });

  it('hashes SKUs with spaces and accents as UTF-8, as PHP does', () => {
    expect(variantId('Camiseta Básica Algodão', 'Camiseta Básica Algodão-azul')).toBe(
      createHash('md5')
        .update(Buffer.from('configurable/Camiseta Básica Algodão/Camiseta Básica Algodão-azul'))
        .digest('hex'),
    );
    expect(Buffer.from(optionValueUid('93', '4'), 'base64').toString()).toBe('configurable/93/4');
  });

  it('gives a child linked to two parents one item per parent, each with that parent’s attributes', () => {
    const rows: VariantRows = {
      ...ROWS,
      links: [
        { child_id: 52, child_sku: 'MH01-XS-Gray', parent_id: 67, parent_sku: 'MH01' },
        { child_id: 52, child_sku: 'MH01-XS-Gray', parent_id: 80, parent_sku: 'BUNDLE-LIKE' },
      ],
      superAttributes: [...ROWS.superAttributes, superAttribute(80, COLOR, 'color', 0, 20)],
    };
    const items = assembleVariantItems(rows);
    expect(items.map((i) => [i.item.parentSku, i.item.optionValues.map((o) => o.attributeCode)])).toEqual([
      ['MH01', ['size', 'color']],
      ['BUNDLE-LIKE', ['color']],
    ]);
    expect(new Set(items.map((i) => i.item.id)).size).toBe(2);
  });

  it('leaves out attributes the child has no value for, and a link without any value (as the original)', () => {
    const rows: VariantRows = {
      ...ROWS,
      childOptions: [
        { entity_id: 52, attribute_id: COLOR, value: 52 },
        { entity_id: 53, attribute_id: SIZE, value: null },
      ],
    };
    const items = assembleVariantItems(rows);
    expect(items).toHaveLength(1);
    expect(items[0]!.item.optionValues).toEqual([
      { attributeCode: 'color', uid: optionValueUid(String(COLOR), '52'), label: 'Gray', valueIndex: '52' },
    ]);
  });

  it('gives a null label to an option without an admin label', () => {
    const items = assembleVariantItems({ ...ROWS, labels: [] });
    expect(items[0]!.item.optionValues.map((o) => o.label)).toEqual([null, null]);
  });

  it('produces nothing for an unlinked child or a parent without super attributes', () => {
    expect(assembleVariantItems({ ...ROWS, links: [] })).toEqual([]);
    expect(assembleVariantItems({ ...ROWS, superAttributes: [] })).toEqual([]);
  });

  it('keeps the first admin label when an option has several (duplicate rows)', () => {
    const items = assembleVariantItems({
      ...ROWS,
      labels: [{ option_id: 166, value: 'XS' }, { option_id: 166, value: 'Extra small' }, ...ROWS.labels],
    });
    expect(items[0]!.item.optionValues[0]!.label).toBe('XS');
  });
});
