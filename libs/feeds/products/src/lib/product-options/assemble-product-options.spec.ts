import type { StoreView } from '@cde/platform/magento';
import { assembleProductOptionFields } from './assemble-product-options';
import { indexProductOptionRows, type ProductOptionRowSet } from './product-option-rows';
import type { ProductRef } from './product-option-rows';

const view = (storeId: number, websiteId: number, code: string): StoreView => ({
  storeId,
  storeViewCode: code,
  storeCode: `group_${websiteId}`,
  groupId: websiteId,
  websiteId,
  websiteCode: `website_${websiteId}`,
  rootCategoryId: 2,
  isActive: true,
});

const DEFAULT = view(1, 1, 'default');
const FRENCH = view(2, 1, 'fr');
const EU = view(3, 2, 'eu');

const EMPTY: ProductOptionRowSet = {
  storeUrls: [
    { store_id: 1, web: 'https://shop.test/', link: 'https://shop.test/', media: 'https://shop.test/media/' },
    {
      store_id: 2,
      web: 'https://fr.shop.test/',
      link: 'https://fr.shop.test/',
      media: 'https://cdn.fr.test/',
    },
    {
      store_id: 3,
      web: 'https://eu.shop.test',
      link: 'https://eu.shop.test/',
      media: 'https://eu.shop.test/media/',
    },
  ],
  defaultStoreId: 1,
  superAttributes: [],
  attributeLabels: [],
  childAttributeValues: [],
  childStatuses: [],
  attributeOptions: [],
  attributeOptionValues: [],
  swatches: [],
  customOptions: [],
  customOptionTitles: [],
  customOptionPrices: [],
  customOptionValues: [],
  customOptionValueTitles: [],
  customOptionValuePrices: [],
  downloadableLinks: [],
  downloadableLinkTitles: [],
  downloadableLinkPrices: [],
  linksTitles: [],
  samples: [],
  sampleTitles: [],
  bundleOptions: [],
  bundleOptionTitles: [],
  bundleSelections: [],
  bundleSelectionPrices: [],
  selectionNames: [],
  productLinks: [],
  groupedLinks: [],
  parents: [],
};

const assemble = (rows: Partial<ProductOptionRowSet>, product: ProductRef, v: StoreView) =>
  assembleProductOptionFields(indexProductOptionRows({ ...EMPTY, ...rows }), product, v);

const b64 = (text: string): string => Buffer.from(text).toString('base64');

/** The members every option value carries (nested records keep their nulls). */
const NULL_VALUE = {
  label: null,
  sortOrder: null,
  isDefault: null,
  colorHex: null,
  imageUrl: null,
  customSwatchValue: null,
  qtyMutability: null,
  qty: null,
  infoUrl: null,
  sku: null,
  price: null,
  priceType: null,
};

describe('assembleProductOptionFields', () => {
  it('gives nothing for a product without options, links or parents', () => {
    expect(assemble({}, { entityId: '1', sku: 'plain', typeId: 'simple' }, DEFAULT)).toEqual({});
  });

  describe('configurable options', () => {
    const parent: ProductRef = { entityId: '10', sku: 'shirt', typeId: 'configurable' };
    const VISUAL = '{"swatch_input_type":"visual","update_product_preview_image":"1"}';
    // color (93): options 160 Black, 161 White, 162 Red (unused), 170 of another attribute.
    // size (144): option 200 S, 201 M. Children 11 (Black/S), 12 (White/M), 13 (Red/S, disabled by default).
    const rows: Partial<ProductOptionRowSet> = {
      superAttributes: [
        {
          product_id: '10',
          product_super_attribute_id: '6',
          attribute_id: '144',
          position: 1,
          attribute_code: 'size',
          frontend_label: 'Size',
          additional_data: null,
        },
        {
          product_id: '10',
          product_super_attribute_id: '5',
          attribute_id: '93',
          position: 0,
          attribute_code: 'color',
          frontend_label: 'Color',
          additional_data: VISUAL,
        },
      ],
      attributeLabels: [
        { attribute_id: '93', store_id: 2, value: 'Couleur' },
        // A store 0 label is not a fallback in the original (frontend_label is).
        { attribute_id: '144', store_id: 0, value: 'Admin size' },
      ],
      childAttributeValues: [
        { parent_id: '10', child_id: '11', attribute_id: '93', value: '161' },
        { parent_id: '10', child_id: '11', attribute_id: '144', value: '200' },
        { parent_id: '10', child_id: '12', attribute_id: '93', value: '160' },
        { parent_id: '10', child_id: '12', attribute_id: '144', value: '201' },
        { parent_id: '10', child_id: '13', attribute_id: '93', value: '162' },
        { parent_id: '10', child_id: '13', attribute_id: '144', value: '200' },
        // Corrupt: an option of another attribute.
        { parent_id: '10', child_id: '14', attribute_id: '93', value: '170' },
      ],
      childStatuses: [
        { entity_id: '11', store_id: 0, value: '1' },
        { entity_id: '12', store_id: 0, value: '1' },
        // Disabled in the French store view only.
        { entity_id: '12', store_id: 2, value: '2' },
        // Disabled by default, enabled in the French store view.
        { entity_id: '13', store_id: 0, value: '2' },
        { entity_id: '13', store_id: 2, value: '1' },
        { entity_id: '14', store_id: 0, value: '1' },
      ],
      attributeOptions: [
        { option_id: '160', attribute_id: '93', sort_order: 2 },
        { option_id: '161', attribute_id: '93', sort_order: 1 },
        { option_id: '162', attribute_id: '93', sort_order: 3 },
        { option_id: '170', attribute_id: '94', sort_order: 1 },
        { option_id: '200', attribute_id: '144', sort_order: 1 },
        { option_id: '201', attribute_id: '144', sort_order: 2 },
      ],
      attributeOptionValues: [
        { option_id: '160', store_id: 0, value: 'Black' },
        { option_id: '160', store_id: 2, value: 'Noir' },
        { option_id: '161', store_id: 0, value: 'White' },
        // NULL in the store view falls back to the default label.
        { option_id: '161', store_id: 2, value: null },
        { option_id: '162', store_id: 0, value: 'Red' },
        { option_id: '200', store_id: 0, value: 'S' },
        { option_id: '201', store_id: 0, value: 'M' },
      ],
      swatches: [
        { option_id: '160', store_id: 0, type: 1, value: '#000000' },
        { option_id: '160', store_id: 2, type: 2, value: '/n/o/noir.png' },
        { option_id: '161', store_id: 0, type: 1, value: '#ffffff' },
        { option_id: '161', store_id: 2, type: 2, value: null },
        { option_id: '162', store_id: 0, type: 3, value: 'custom red' },
        { option_id: '200', store_id: 0, type: 0, value: 'S' },
      ],
    };

    it('sends super attributes by position with code as id, label, swatch settings and the used values', () => {
      expect(assemble(rows, parent, DEFAULT)).toEqual({
        optionsV2: [
          {
            id: 'color',
            label: 'Color',
            sortOrder: 0,
            type: 'configurable',
            swatchType: VISUAL,
            values: [
              {
                ...NULL_VALUE,
                id: b64('configurable/93/160'),
                label: 'Black',
                sortOrder: 2,
                colorHex: '#000000',
              },
              {
                ...NULL_VALUE,
                id: b64('configurable/93/161'),
                label: 'White',
                sortOrder: 1,
                colorHex: '#ffffff',
              },
            ],
          },
          {
            id: 'size',
            label: 'Size',
            sortOrder: 1,
            type: 'configurable',
            values: [
              // A text swatch gives no customSwatchValue (the original only keeps other types' values).
              { ...NULL_VALUE, id: b64('configurable/144/200'), label: 'S', sortOrder: 1 },
              { ...NULL_VALUE, id: b64('configurable/144/201'), label: 'M', sortOrder: 2 },
            ],
          },
        ],
      });
    });

    it('uses the store view label, option labels and swatches, and its children statuses', () => {
      const options = assemble(rows, parent, FRENCH).optionsV2 ?? [];
      expect(options.map((o) => o.label)).toEqual(['Couleur', 'Size']);
      // Child 12 (Black) is disabled here, child 13 (Red) enabled.
      expect(options[0]?.values).toEqual([
        { ...NULL_VALUE, id: b64('configurable/93/161'), label: 'White', sortOrder: 1, colorHex: '#ffffff' },
        {
          ...NULL_VALUE,
          id: b64('configurable/93/162'),
          label: 'Red',
          sortOrder: 3,
          customSwatchValue: 'custom red',
        },
      ]);
      expect(options[1]?.values?.map((v) => v.label)).toEqual(['S']);
    });

    it('puts image swatches under the default store view media URL', () => {
      const french = assemble(
        { ...rows, childStatuses: [{ entity_id: '12', store_id: 0, value: '1' }] },
        parent,
        FRENCH,
      );
      expect(french.optionsV2?.[0]?.values).toEqual([
        {
          ...NULL_VALUE,
          id: b64('configurable/93/160'),
          label: 'Noir',
          sortOrder: 2,
          imageUrl: 'https://shop.test/media/attribute/swatch/n/o/noir.png',
        },
      ]);
      const noDefaultStore = assembleProductOptionFields(
        indexProductOptionRows({
          ...EMPTY,
          ...rows,
          defaultStoreId: null,
          childStatuses: [{ entity_id: '12', store_id: 0, value: '1' }],
        }),
        parent,
        FRENCH,
      );
      expect(noDefaultStore.optionsV2?.[0]?.values?.[0]?.imageUrl).toBe(
        'https://cdn.fr.test/attribute/swatch/n/o/noir.png',
      );
    });

    it('leaves out children without a default status and disabled ones', () => {
      const options = assemble(
        {
          ...rows,
          childStatuses: [
            { entity_id: '11', store_id: 1, value: '1' },
            { entity_id: '12', store_id: 0, value: null },
          ],
        },
        parent,
        DEFAULT,
      ).optionsV2;
      expect(options?.map((o) => [o.id, o.values])).toEqual([
        ['color', undefined],
        ['size', undefined],
      ]);
    });

    it('sends no configurable options for other product types', () => {
      expect(assemble(rows, { ...parent, typeId: 'simple' }, DEFAULT)).toEqual({});
    });
  });

  describe('custom options', () => {
    const product: ProductRef = { entityId: '20', sku: 'mug', typeId: 'simple' };
    const option = (option_id: string, type: string, sort_order: number, extra: object = {}) => ({
      option_id,
      product_id: '20',
      type,
      is_require: 0,
      sku: null,
      max_characters: null,
      file_extension: null,
      image_size_x: null,
      image_size_y: null,
      sort_order,
      ...extra,
    });
    const rows: Partial<ProductOptionRowSet> = {
      customOptions: [
        option('3', 'drop_down', 2, { is_require: 1 }),
        option('1', 'field', 1, { sku: 'engrave', max_characters: 20 }),
        option('2', 'file', 1, { file_extension: 'jpg, png', image_size_x: 600, image_size_y: 400 }),
        option('4', 'radio', 2),
        // Without a default title the original drops the option.
        option('5', 'area', 3),
      ],
      customOptionTitles: [
        { option_id: '1', store_id: 0, title: 'Engraving' },
        { option_id: '1', store_id: 2, title: 'Gravure' },
        { option_id: '2', store_id: 0, title: 'Logo' },
        { option_id: '3', store_id: 0, title: 'Warranty' },
        { option_id: '3', store_id: 2, title: 'Garantie' },
        { option_id: '4', store_id: 0, title: 'Wrap' },
        { option_id: '5', store_id: 2, title: 'Note' },
      ],
      customOptionPrices: [
        { option_id: '1', store_id: 0, price: '5.0000', price_type: 'fixed' },
        { option_id: '1', store_id: 2, price: '6.5000', price_type: 'fixed' },
        { option_id: '2', store_id: 0, price: '10.0000', price_type: 'percent' },
        // A store price without a store title is ignored, as in the original.
        { option_id: '2', store_id: 2, price: '99.0000', price_type: 'fixed' },
      ],
      customOptionValues: [
        { option_type_id: '31', option_id: '3', sku: 'w2', sort_order: 1 },
        { option_type_id: '30', option_id: '3', sku: 'w1', sort_order: 2 },
        { option_type_id: '32', option_id: '3', sku: 'w3', sort_order: 3 },
        { option_type_id: '40', option_id: '4', sku: null, sort_order: 0 },
      ],
      customOptionValueTitles: [
        { option_type_id: '30', store_id: 0, title: '1 year' },
        { option_type_id: '31', store_id: 0, title: '2 years' },
        { option_type_id: '31', store_id: 2, title: '2 ans' },
        // No default title: left out.
        { option_type_id: '32', store_id: 2, title: '3 ans' },
        { option_type_id: '40', store_id: 0, title: 'Paper' },
      ],
      customOptionValuePrices: [
        { option_type_id: '30', store_id: 0, price: '0.0000', price_type: 'fixed' },
        { option_type_id: '30', store_id: 2, price: '3.0000', price_type: 'fixed' },
        { option_type_id: '31', store_id: 0, price: '12.5000', price_type: 'fixed' },
        { option_type_id: '31', store_id: 2, price: '15.0000', price_type: 'percent' },
      ],
    };

    it('sends options with values as optionsV2 (raw option id) and the others as shopperInputOptions', () => {
      expect(assemble(rows, product, DEFAULT)).toEqual({
        optionsV2: [
          {
            id: '3',
            label: 'Warranty',
            sortOrder: 2,
            required: true,
            renderType: 'drop_down',
            type: 'custom_option',
            values: [
              {
                ...NULL_VALUE,
                id: b64('custom-option/3/30'),
                label: '1 year',
                sortOrder: 2,
                isDefault: false,
                sku: 'w1',
                price: 0,
                priceType: 'fixed',
              },
              {
                ...NULL_VALUE,
                id: b64('custom-option/3/31'),
                label: '2 years',
                sortOrder: 1,
                isDefault: false,
                sku: 'w2',
                price: 12.5,
                priceType: 'fixed',
              },
            ],
          },
          {
            id: '4',
            label: 'Wrap',
            sortOrder: 2,
            required: false,
            renderType: 'radio',
            type: 'custom_option',
            values: [
              {
                ...NULL_VALUE,
                id: b64('custom-option/4/40'),
                label: 'Paper',
                sortOrder: 0,
                isDefault: false,
              },
            ],
          },
        ],
        shopperInputOptions: [
          {
            id: b64('custom-option/1'),
            label: 'Engraving',
            sortOrder: 1,
            required: false,
            renderType: 'field',
            price: 5,
            sku: 'engrave',
            range: { from: null, to: 20 },
          },
          {
            id: b64('custom-option/2'),
            label: 'Logo',
            sortOrder: 1,
            required: false,
            renderType: 'file',
            price: 10,
            fileExtension: 'jpg, png',
            range: { from: null, to: null },
            imageSizeX: 600,
            imageSizeY: 400,
          },
        ],
      });
    });

    it('overlays titles and prices of the store view where it has a title', () => {
      const fields = assemble(rows, product, FRENCH);
      expect(fields.optionsV2?.[0]).toMatchObject({ id: '3', label: 'Garantie' });
      // Value 30 has a store price but no store title: default price; value 31 has both.
      expect(fields.optionsV2?.[0]?.values?.map((v) => [v.label, v.price, v.priceType])).toEqual([
        ['1 year', 0, 'fixed'],
        ['2 ans', 15, 'percent'],
      ]);
      expect(fields.shopperInputOptions?.map((o) => [o.label, o.price])).toEqual([
        ['Gravure', 6.5],
        ['Logo', 10],
      ]);
    });
  });

  describe('downloadable links and samples', () => {
    const product: ProductRef = { entityId: '30', sku: 'ebook', typeId: 'downloadable' };
    const rows: Partial<ProductOptionRowSet> = {
      downloadableLinks: [
        {
          link_id: '8',
          product_id: '30',
          sort_order: 2,
          number_of_downloads: 3,
          sample_url: null,
          sample_file: null,
        },
        {
          link_id: '7',
          product_id: '30',
          sort_order: 1,
          number_of_downloads: null,
          sample_url: null,
          sample_file: '/s/a/sample.pdf',
        },
      ],
      downloadableLinkTitles: [
        { link_id: '7', store_id: 0, title: 'Chapter 1' },
        { link_id: '7', store_id: 2, title: 'Chapitre 1' },
      ],
      downloadableLinkPrices: [
        { link_id: '7', website_id: 0, price: '4.0000' },
        { link_id: '7', website_id: 2, price: '5.0000' },
      ],
      linksTitles: [
        { entity_id: '30', store_id: 0, value: 'Chapters' },
        { entity_id: '30', store_id: 2, value: 'Chapitres' },
      ],
      samples: [
        { sample_id: '4', product_id: '30', sort_order: 2 },
        { sample_id: '3', product_id: '30', sort_order: 2 },
        { sample_id: '5', product_id: '30', sort_order: 1 },
      ],
      sampleTitles: [
        { sample_id: '3', store_id: 0, title: 'Preview' },
        { sample_id: '3', store_id: 3, title: 'Preview EU' },
      ],
    };

    it('sends the links as one option and the samples with their download URLs', () => {
      expect(assemble(rows, product, DEFAULT)).toEqual({
        optionsV2: [
          {
            id: 'link:30',
            label: 'Chapters',
            type: 'downloadable',
            values: [
              {
                ...NULL_VALUE,
                id: b64('downloadable/7'),
                label: 'Chapter 1',
                sortOrder: 1,
                qty: 0,
                infoUrl: 'https://shop.test/downloadable/download/linkSample/link_id/7',
                price: 4,
              },
              // No title and no price: null label, price 0.
              { ...NULL_VALUE, id: b64('downloadable/8'), sortOrder: 2, qty: 3, price: 0 },
            ],
          },
        ],
        samples: [
          {
            resource: {
              url: 'https://shop.test/downloadable/download/sample/sample_id/5',
              label: null,
              roles: null,
            },
            sortOrder: '1',
          },
          {
            resource: {
              url: 'https://shop.test/downloadable/download/sample/sample_id/3',
              label: 'Preview',
              roles: null,
            },
            sortOrder: '2',
          },
          {
            resource: {
              url: 'https://shop.test/downloadable/download/sample/sample_id/4',
              label: null,
              roles: null,
            },
            sortOrder: '2',
          },
        ],
      });
    });

    it('uses the store view titles, the website price and the store view base URL', () => {
      const french = assemble(rows, product, FRENCH);
      expect(french.optionsV2?.[0]?.label).toBe('Chapitres');
      expect(french.optionsV2?.[0]?.values?.[0]).toMatchObject({ label: 'Chapitre 1', price: 4 });
      const eu = assemble(rows, product, EU);
      expect(eu.optionsV2?.[0]?.values?.[0]).toMatchObject({
        label: 'Chapter 1',
        price: 5,
        infoUrl: 'https://eu.shop.test/downloadable/download/linkSample/link_id/7',
      });
      expect(eu.samples?.[1]?.resource).toEqual({
        url: 'https://eu.shop.test/downloadable/download/sample/sample_id/3',
        label: 'Preview EU',
        roles: null,
      });
    });

    it('sends the links option for downloadable products only, samples for any type', () => {
      const fields = assemble(rows, { ...product, typeId: 'simple' }, DEFAULT);
      expect(fields.optionsV2).toBeUndefined();
      expect(fields.samples).toHaveLength(3);
    });

    it('sends the links option of a downloadable product without links, with no values', () => {
      expect(assemble({ linksTitles: rows.linksTitles ?? [] }, product, DEFAULT)).toEqual({
        optionsV2: [{ id: 'link:30', label: 'Chapters', type: 'downloadable' }],
      });
    });
  });

  describe('grouped and bundle options', () => {
    it('sends a grouped product’s associated products on the store view website', () => {
      const rows: Partial<ProductOptionRowSet> = {
        groupedLinks: [
          {
            link_id: '1',
            product_id: '40',
            linked_product_id: '41',
            sku: 'a',
            website_id: 1,
            position: 2,
            qty: '1.0000',
          },
          {
            link_id: '2',
            product_id: '40',
            linked_product_id: '42',
            sku: 'b',
            website_id: 1,
            position: null,
            qty: null,
          },
          {
            link_id: '2',
            product_id: '40',
            linked_product_id: '42',
            sku: 'b',
            website_id: 2,
            position: null,
            qty: null,
          },
        ],
      };
      const grouped: ProductRef = { entityId: '40', sku: 'set', typeId: 'grouped' };
      expect(assemble(rows, grouped, DEFAULT)).toEqual({
        optionsV2: [
          {
            id: '40',
            type: 'grouped',
            values: [
              { ...NULL_VALUE, id: '41', sku: 'a', qty: 1, sortOrder: 2, qtyMutability: true },
              { ...NULL_VALUE, id: '42', sku: 'b', qtyMutability: true },
            ],
          },
        ],
      });
      expect(assemble(rows, grouped, EU).optionsV2?.[0]?.values?.map((v) => v.sku)).toEqual(['b']);
    });

    it('sends bundle options with their selections, titles, names and website prices', () => {
      const selection = {
        parent_product_id: '50',
        is_default: 0,
        selection_price_type: 0,
        selection_price_value: '0.0000',
        selection_qty: '1.0000',
        selection_can_change_qty: 0,
      };
      const rows: Partial<ProductOptionRowSet> = {
        bundleOptions: [
          { option_id: '6', parent_id: '50', required: 0, position: 1, type: 'checkbox' },
          { option_id: '5', parent_id: '50', required: 1, position: 2, type: 'radio' },
        ],
        bundleOptionTitles: [
          { option_id: '5', parent_product_id: '50', store_id: 0, title: 'Case' },
          { option_id: '5', parent_product_id: '50', store_id: 2, title: 'Étui' },
          { option_id: '6', parent_product_id: '50', store_id: 0, title: 'Extras' },
        ],
        bundleSelections: [
          {
            ...selection,
            selection_id: '11',
            option_id: '5',
            product_id: '51',
            sku: 'case-red',
            position: 1,
            is_default: 1,
            selection_price_value: '12.5000',
            selection_qty: '2.5000',
            selection_can_change_qty: 1,
          },
          {
            ...selection,
            selection_id: '12',
            option_id: '5',
            product_id: '52',
            sku: 'case blue é',
            position: 2,
            selection_price_type: 1,
            selection_price_value: '10.0000',
          },
          { ...selection, selection_id: '13', option_id: '6', product_id: '53', sku: 'strap', position: 1 },
        ],
        bundleSelectionPrices: [{ selection_id: '11', website_id: 2, selection_price_value: '11.000000' }],
        selectionNames: [
          { entity_id: '51', store_id: 0, value: 'Red case' },
          { entity_id: '51', store_id: 2, value: 'Étui rouge' },
          { entity_id: '52', store_id: 0, value: 'Blue case' },
        ],
      };
      const bundle: ProductRef = { entityId: '50', sku: 'kit', typeId: 'bundle' };
      const fields = assemble(rows, bundle, DEFAULT);
      expect(fields.optionsV2).toEqual([
        {
          id: '5',
          label: 'Case',
          sortOrder: 2,
          required: true,
          renderType: 'radio',
          type: 'bundle',
          values: [
            {
              ...NULL_VALUE,
              id: b64('bundle/5/11/2'),
              label: 'Red case',
              sortOrder: 1,
              isDefault: true,
              qtyMutability: true,
              qty: 2.5,
              sku: 'case-red',
              price: 12.5,
              priceType: 'fixed',
            },
            {
              ...NULL_VALUE,
              id: b64('bundle/5/12/1'),
              label: 'Blue case',
              sortOrder: 2,
              isDefault: false,
              qtyMutability: false,
              qty: 1,
              sku: 'case blue é',
              price: 10,
              priceType: 'percent',
            },
          ],
        },
        {
          id: '6',
          label: 'Extras',
          sortOrder: 1,
          required: false,
          renderType: 'checkbox',
          type: 'bundle',
          values: [
            {
              ...NULL_VALUE,
              id: b64('bundle/6/13/1'),
              sortOrder: 1,
              isDefault: false,
              qtyMutability: false,
              qty: 1,
              sku: 'strap',
              price: 0,
              priceType: 'fixed',
            },
          ],
        },
      ]);
      const french = assemble(rows, bundle, FRENCH).optionsV2?.[0];
      expect([french?.label, french?.values?.[0]?.label]).toEqual(['Étui', 'Étui rouge']);
      expect(assemble(rows, bundle, EU).optionsV2?.[0]?.values?.[0]?.price).toBe(11);
    });
  });

  it('orders optionsV2 as the original: custom options, downloadable, grouped, configurable, bundle', () => {
    const product: ProductRef = { entityId: '60', sku: 'mixed', typeId: 'downloadable' };
    const fields = assemble(
      {
        customOptions: [
          {
            option_id: '1',
            product_id: '60',
            type: 'checkbox',
            is_require: 0,
            sku: null,
            max_characters: null,
            file_extension: null,
            image_size_x: null,
            image_size_y: null,
            sort_order: 9,
          },
        ],
        customOptionTitles: [{ option_id: '1', store_id: 0, title: 'Extras' }],
        groupedLinks: [
          {
            link_id: '1',
            product_id: '60',
            linked_product_id: '61',
            sku: 'x',
            website_id: 1,
            position: 1,
            qty: '1',
          },
        ],
        bundleOptions: [{ option_id: '2', parent_id: '60', required: 0, position: 0, type: 'select' }],
      },
      product,
      DEFAULT,
    );
    expect(fields.optionsV2?.map((o) => o.type)).toEqual([
      'custom_option',
      'downloadable',
      'grouped',
      'bundle',
    ]);
  });

  describe('links and parents', () => {
    it('sends related, up-sell and cross-sell links on the website, sorted by type and sku bytes', () => {
      const link = (sku: string, link_type_id: number, website_id = 1) => ({
        product_id: '70',
        linked_product_id: sku,
        link_type_id,
        sku,
        website_id,
      });
      const product: ProductRef = { entityId: '70', sku: 'p', typeId: 'simple' };
      const rows: Partial<ProductOptionRowSet> = {
        productLinks: [
          link('b', 1),
          link('Z', 4),
          link('a', 1),
          link('é', 1),
          link('z', 1),
          link('c', 5),
          link('a', 1),
          link('w2-only', 1, 2),
        ],
      };
      expect(assemble(rows, product, DEFAULT).links).toEqual([
        { sku: 'c', type: 'crosssell' },
        { sku: 'a', type: 'related' },
        { sku: 'b', type: 'related' },
        { sku: 'z', type: 'related' },
        { sku: 'é', type: 'related' },
        { sku: 'Z', type: 'upsell' },
      ]);
      expect(assemble(rows, product, EU).links).toEqual([{ sku: 'w2-only', type: 'related' }]);
    });

    it('sends the parents on the website, a fixed-price bundle as bundle_fixed, sorted by type and sku', () => {
      const parent = (sku: string, type_id: string, price_type: number | null, website_id = 1) => ({
        child_id: '80',
        parent_id: sku,
        sku,
        type_id,
        price_type,
        website_id,
      });
      const rows: Partial<ProductOptionRowSet> = {
        parents: [
          parent('shirt', 'configurable', null),
          parent('kit-fixed', 'bundle', 1),
          parent('kit-dynamic', 'bundle', 0),
          parent('set', 'grouped', null),
          parent('eu-set', 'grouped', null, 2),
        ],
      };
      const child: ProductRef = { entityId: '80', sku: 'c', typeId: 'simple' };
      expect(assemble(rows, child, DEFAULT).parents).toEqual([
        { sku: 'kit-dynamic', productType: 'bundle' },
        { sku: 'kit-fixed', productType: 'bundle_fixed' },
        { sku: 'shirt', productType: 'configurable' },
        { sku: 'set', productType: 'grouped' },
      ]);
      expect(assemble(rows, child, EU).parents).toEqual([{ sku: 'eu-set', productType: 'grouped' }]);
    });
  });
});
