import type { StoreView } from '@cde/platform/magento';
import {
  assembleProductAttributeItems,
  indexAttributeLabels,
  optionLabelsIn,
  type AttributeLabelRow,
  type AttributeOptionValueRow,
  type ProductAttributeRow,
} from './assemble-product-attribute-items';

const view = (storeId: number, code: string, group: string, website: string): StoreView => ({
  storeId,
  storeViewCode: code,
  storeCode: group,
  groupId: storeId,
  websiteId: storeId,
  websiteCode: website,
  rootCategoryId: 2,
  isActive: true,
});

const VIEWS = [
  view(1, 'default', 'main_website_store', 'base'),
  view(2, 'fr', 'eu_store', 'eu'),
  view(3, 'de', 'eu_store', 'eu'),
];

const attribute = (over: Partial<ProductAttributeRow> = {}): ProductAttributeRow => ({
  attribute_id: 93,
  attribute_code: 'color',
  backend_type: 'int',
  frontend_input: 'select',
  frontend_label: 'Color',
  frontend_class: null,
  is_required: 0,
  is_unique: 0,
  is_user_defined: 1,
  is_global: 1,
  is_visible: 1,
  is_searchable: 1,
  is_filterable: 1,
  is_comparable: 1,
  used_in_product_listing: 0,
  used_for_sort_by: 0,
  is_visible_on_front: 0,
  is_filterable_in_search: 1,
  search_weight: 1,
  is_used_for_price_rules: 0,
  ...over,
});

const none = indexAttributeLabels([], []);

describe(assembleProductAttributeItems.name, () => {
  it('makes one item per store view with the store codes and every metadata field', () => {
    const items = assembleProductAttributeItems(attribute(), VIEWS, none);
    expect(items.map((i) => [i.storeViewCode, i.storeCode, i.websiteCode])).toEqual([
      ['default', 'main_website_store', 'base'],
      ['fr', 'eu_store', 'eu'],
      ['de', 'eu_store', 'eu'],
    ]);
    expect(items[0]).toEqual({
      id: '93',
      storeCode: 'main_website_store',
      websiteCode: 'base',
      storeViewCode: 'default',
      attributeCode: 'color',
      attributeType: 'catalog_product',
      dataType: 'int',
      multi: false,
      label: 'Color',
      frontendInput: 'select',
      required: false,
      unique: false,
      global: true,
      visible: true,
      searchable: true,
      filterable: true,
      visibleInCompareList: true,
      visibleInListing: false,
      sortable: false,
      visibleInSearch: false,
      filterableInSearch: true,
      searchWeight: 1,
      usedForRules: false,
      boolean: false,
      systemAttribute: true,
      // A select is not numeric even on an int backend: only price, weight and text inputs are.
      numeric: false,
      attributeOptions: null,
    });
  });

  it('takes the store view label from eav_attribute_label and falls back to frontend_label', () => {
    const labels: AttributeLabelRow[] = [
      { attribute_id: 93, store_id: 2, value: 'Couleur' },
      { attribute_id: 93, store_id: 3, value: null },
      { attribute_id: 94, store_id: 1, value: 'Other attribute' },
    ];
    const items = assembleProductAttributeItems(attribute(), VIEWS, indexAttributeLabels(labels, []));
    expect(items.map((i) => i.label)).toEqual(['Color', 'Couleur', 'Color']);
  });

  it('keeps accents and leaves the label out when neither the store nor the default has one', () => {
    const accented = indexAttributeLabels([{ attribute_id: 93, store_id: 1, value: 'Côr preferída' }], []);
    expect(assembleProductAttributeItems(attribute(), VIEWS, accented)[0]?.label).toBe('Côr preferída');
    const unlabeled = assembleProductAttributeItems(
      attribute({ frontend_label: null, frontend_input: null }),
      VIEWS,
      none,
    );
    expect(unlabeled[0]).not.toHaveProperty('label');
    expect(unlabeled[0]).not.toHaveProperty('frontendInput');
    expect(unlabeled[0]?.multi).toBe(false);
  });

  it('casts is_global like the original: store scope false, global and website scope true', () => {
    expect(assembleProductAttributeItems(attribute({ is_global: 0 }), VIEWS, none)[0]?.global).toBe(false);
    expect(assembleProductAttributeItems(attribute({ is_global: '1' }), VIEWS, none)[0]?.global).toBe(true);
    expect(assembleProductAttributeItems(attribute({ is_global: 2 }), VIEWS, none)[0]?.global).toBe(true);
  });

  it('maps systemAttribute to is_user_defined as the original query does', () => {
    expect(
      assembleProductAttributeItems(attribute({ is_user_defined: 0 }), VIEWS, none)[0]?.systemAttribute,
    ).toBe(false);
    expect(
      assembleProductAttributeItems(attribute({ is_user_defined: '1' }), VIEWS, none)[0]?.systemAttribute,
    ).toBe(true);
  });

  it.each<[string, Partial<ProductAttributeRow>, boolean, boolean, boolean]>([
    ['yes/no int', { frontend_input: 'boolean', backend_type: 'int' }, true, false, false],
    ['boolean input on varchar', { frontend_input: 'boolean', backend_type: 'varchar' }, false, false, false],
    [
      'has_options by code',
      { attribute_code: 'has_options', frontend_input: 'text', backend_type: 'static' },
      true,
      false,
      false,
    ],
    ['price', { frontend_input: 'price', backend_type: 'decimal' }, false, true, false],
    ['weight', { frontend_input: 'weight', backend_type: 'decimal' }, false, true, false],
    ['int text', { frontend_input: 'text', backend_type: 'int' }, false, true, false],
    ['varchar text', { frontend_input: 'text', backend_type: 'varchar' }, false, false, false],
    [
      'validate-digits',
      { frontend_input: 'text', backend_type: 'varchar', frontend_class: 'validate-digits' },
      false,
      true,
      false,
    ],
    [
      'required_options',
      { attribute_code: 'required_options', frontend_input: 'text', backend_type: 'static' },
      false,
      true,
      false,
    ],
    ['multiselect', { frontend_input: 'multiselect', backend_type: 'varchar' }, false, false, true],
    ['multiline', { frontend_input: 'multiline', backend_type: 'text' }, false, false, true],
    ['select', { frontend_input: 'select', backend_type: 'varchar' }, false, false, false],
  ])(
    '%s: boolean, numeric and multi as the original formatters decide',
    (_, over, boolean, numeric, multi) => {
      const item = assembleProductAttributeItems(attribute(over), VIEWS, none)[0];
      expect([item?.boolean, item?.numeric, item?.multi]).toEqual([boolean, numeric, multi]);
    },
  );

  it('never marks a boolean numeric, even when a numeric rule matches', () => {
    const item = assembleProductAttributeItems(
      attribute({ attribute_code: 'allow_message', frontend_input: 'text', backend_type: 'int' }),
      VIEWS,
      none,
    )[0];
    expect([item?.boolean, item?.numeric]).toEqual([true, false]);
  });

  it('gives option labels per store view with the admin label as fallback, in option order', () => {
    const options: AttributeOptionValueRow[] = [
      { attribute_id: 93, option_id: 12, store_id: 0, value: 'Blue' },
      { attribute_id: 93, option_id: 12, store_id: 2, value: 'Bleu' },
      { attribute_id: 93, option_id: 11, store_id: 0, value: 'Black' },
      { attribute_id: 93, option_id: 11, store_id: 3, value: 'Schwarz' },
      // No admin label: the original's inner join leaves the option out in every store view.
      { attribute_id: 93, option_id: 13, store_id: 2, value: 'Vert' },
      // A NULL store label falls back to the admin one.
      { attribute_id: 93, option_id: 14, store_id: 0, value: 'Pêche' },
      { attribute_id: 93, option_id: 14, store_id: 3, value: null },
    ];
    const items = assembleProductAttributeItems(attribute(), VIEWS, indexAttributeLabels([], options));
    expect(items.map((i) => i.attributeOptions)).toEqual([
      ['Black', 'Blue', 'Pêche'],
      ['Black', 'Bleu', 'Pêche'],
      ['Schwarz', 'Blue', 'Pêche'],
    ]);
  });

  it('drops blank option labels and gives null when nothing is left', () => {
    const options = indexAttributeLabels(
      [],
      [
        { attribute_id: 93, option_id: 1, store_id: 0, value: '' },
        { attribute_id: 93, option_id: 2, store_id: 0, value: '0' },
        { attribute_id: 94, option_id: 3, store_id: 0, value: '' },
      ],
    ).options;
    expect(optionLabelsIn(options.get('93'), 1)).toEqual(['0']);
    expect(optionLabelsIn(options.get('94'), 1)).toBeNull();
    expect(optionLabelsIn(undefined, 1)).toBeNull();
  });

  it('produces nothing without store views (only admin), so the engine deletes what was sent', () => {
    expect(assembleProductAttributeItems(attribute(), [], none)).toEqual([]);
  });

  it('reads search weight as a number', () => {
    expect(
      assembleProductAttributeItems(attribute({ search_weight: '3.5' }), VIEWS, none)[0]?.searchWeight,
    ).toBe(3.5);
  });
});
