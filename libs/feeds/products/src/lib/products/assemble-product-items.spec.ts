import type { ProductOption, ProductSample } from '@cde/contracts';
import type {
  AttributeMetadata,
  AttributeMetadataRow,
  ConfigRow,
  EavValueRow,
  StoreView,
} from '@cde/platform/magento';
import { assembleProductOptionFields, type ProductOptionRows } from '../product-options';
import { assembleProductItems, type AssembledProduct } from './assemble-product-items';
import { urlParameters } from './assemble-product-urls';
import type { ProductBatch, StockItemRow } from './product-rows';

// The option fields are helper B's; here they are a stub whose output the tests choose.
jest.mock('../product-options', () => ({ assembleProductOptionFields: jest.fn(() => ({})) }));
const optionFields = jest.mocked(assembleProductOptionFields);

const view = (
  storeId: number,
  code: string,
  websiteId: number,
  websiteCode: string,
  storeCode: string,
  rootCategoryId: number,
): StoreView => ({
  storeId,
  storeViewCode: code,
  storeCode,
  groupId: websiteId,
  websiteId,
  websiteCode,
  rootCategoryId,
  isActive: true,
});

const VIEWS = [
  view(1, 'default', 1, 'base', 'main_website_store', 2),
  view(2, 'fr', 1, 'base', 'main_website_store', 2),
  view(3, 'eu', 2, 'eu', 'eu_store', 20),
];

function attribute(
  id: number,
  code: string,
  backendType: AttributeMetadata['backendType'],
  options: { userDefined?: boolean; input?: string; source?: string; entity?: string } = {},
): AttributeMetadata {
  const row: AttributeMetadataRow = {
    attribute_id: id,
    attribute_code: code,
    entity_type_code: options.entity ?? 'catalog_product',
    backend_type: backendType,
    backend_model: null,
    frontend_input: options.input ?? 'text',
    frontend_label: code,
    source_model: options.source ?? null,
    is_required: 0,
    is_user_defined: options.userDefined ? 1 : 0,
    is_unique: 0,
    default_value: null,
    is_global: 0,
    is_visible: 1,
    is_searchable: 0,
    is_filterable: 0,
    is_comparable: 0,
    is_visible_on_front: 0,
    is_html_allowed_on_front: 0,
    is_used_for_price_rules: 0,
    is_filterable_in_search: 0,
    used_in_product_listing: 0,
    used_for_sort_by: 0,
    is_visible_in_advanced_search: 0,
    is_used_for_promo_rules: 0,
    search_weight: 1,
    additional_data: null,
    position: 0,
  };
  return {
    id,
    code,
    entityTypeCode: row.entity_type_code,
    backendType,
    frontendInput: row.frontend_input,
    userDefined: Boolean(options.userDefined),
    sourceModel: row.source_model,
    row,
  };
}

const ATTRIBUTES = [
  attribute(73, 'name', 'varchar'),
  attribute(75, 'description', 'text'),
  attribute(76, 'short_description', 'text'),
  attribute(77, 'price', 'decimal'),
  attribute(82, 'weight', 'decimal'),
  attribute(84, 'meta_title', 'varchar'),
  attribute(85, 'meta_keyword', 'text'),
  attribute(86, 'meta_description', 'varchar'),
  attribute(87, 'image', 'varchar'),
  attribute(88, 'small_image', 'varchar'),
  attribute(89, 'thumbnail', 'varchar'),
  attribute(90, 'media_gallery', 'static'),
  attribute(94, 'news_from_date', 'datetime'),
  attribute(95, 'news_to_date', 'datetime'),
  attribute(97, 'status', 'int'),
  attribute(99, 'visibility', 'int'),
  attribute(112, 'image_label', 'varchar'),
  attribute(113, 'small_image_label', 'varchar'),
  attribute(114, 'thumbnail_label', 'varchar'),
  attribute(124, 'url_key', 'varchar'),
  attribute(125, 'price_type', 'int'),
  attribute(126, 'price_view', 'int'),
  attribute(127, 'weight_type', 'int'),
  attribute(128, 'links_purchased_separately', 'int'),
  attribute(134, 'swatch_image', 'varchar'),
  attribute(136, 'tax_class_id', 'int'),
  attribute(81, 'cost', 'decimal', { userDefined: true, input: 'price' }),
  attribute(93, 'color', 'int', { userDefined: true, input: 'select' }),
  attribute(140, 'features', 'varchar', { userDefined: true, input: 'multiselect' }),
  attribute(141, 'eco_friendly', 'int', {
    userDefined: true,
    input: 'boolean',
    source: 'Magento\\Eav\\Model\\Entity\\Attribute\\Source\\Boolean',
  }),
  attribute(142, 'model_number', 'varchar', { userDefined: true }),
  attribute(143, 'sku_code', 'static', { userDefined: true }),
];
const ID = new Map(ATTRIBUTES.map((a) => [a.code, a.id]));
const CATEGORY_ATTRIBUTES = [
  attribute(46, 'is_active', 'int', { entity: 'catalog_category' }),
  attribute(119, 'url_key', 'varchar', { entity: 'catalog_category' }),
];

/** EAV value rows: `value(entity, code, store, value)`. */
const value = (entity: string, code: string, store: number, v: string | null): EavValueRow => ({
  entity_id: entity,
  attribute_id: ID.get(code) ?? -1,
  store_id: store,
  value: v,
});
const categoryValue = (
  entity: string,
  code: 'is_active' | 'url_key',
  store: number,
  v: string | null,
): EavValueRow => ({
  entity_id: entity,
  attribute_id: code === 'is_active' ? 46 : 119,
  store_id: store,
  value: v,
});

/** A simple product 1 in website 1, enabled and visible, with a name. */
function batch(overrides: Partial<ProductBatch> = {}): ProductBatch {
  return {
    storeViews: VIEWS,
    websites: [
      { website_id: 0, code: 'admin' },
      { website_id: 1, code: 'base' },
      { website_id: 2, code: 'eu' },
    ],
    config: [],
    products: [
      {
        entity_id: '1',
        sku: 'MH01 Été',
        type_id: 'simple',
        attribute_set_id: 4,
        created_at: '2024-01-02 03:04:05',
        updated_at: '2024-02-03 04:05:06',
      },
    ],
    productWebsites: [{ product_id: '1', website_id: 1 }],
    attributes: ATTRIBUTES,
    values: [
      value('1', 'name', 0, 'Chaqueta'),
      value('1', 'status', 0, '1'),
      value('1', 'visibility', 0, '4'),
    ],
    optionAttributeIds: [],
    optionLabels: [],
    taxClasses: [{ class_id: 2, class_name: 'Taxable Goods' }],
    attributeSets: [{ attribute_set_id: 4, attribute_set_name: 'Default' }],
    categories: [],
    categoryAttributes: CATEGORY_ATTRIBUTES,
    categoryValues: [],
    media: [],
    mediaValues: [],
    mediaVideos: [],
    stock: { salesChannels: null, stockStatus: [], stockIndex: [], stockItems: [] },
    urlRewrites: [],
    options: {} as ProductOptionRows,
    ...overrides,
  };
}

const itemIn = (items: { item: AssembledProduct }[], storeViewCode: string): AssembledProduct => {
  const found = items.find((i) => i.item.storeViewCode === storeViewCode);
  if (!found) throw new Error(`no item for ${storeViewCode}`);
  return found.item;
};

beforeEach(() => optionFields.mockReset().mockReturnValue({}));

describe(assembleProductItems.name, () => {
  describe('scopes', () => {
    it('makes one item per store view of the websites the product is assigned to, with its codes', () => {
      const items = assembleProductItems(batch());
      expect(
        items.map((i) => [i.sourceEntityId, i.item.storeViewCode, i.item.storeCode, i.item.websiteCode]),
      ).toEqual([
        ['1', 'default', 'main_website_store', 'base'],
        ['1', 'fr', 'main_website_store', 'base'],
      ]);
      expect(items[0]?.item).toMatchObject({
        sku: 'MH01 Été',
        productId: 1,
        type: 'simple',
        name: 'Chaqueta',
      });
    });

    it('covers every website of the product, and nothing for a product without a website or without a row', () => {
      const two = assembleProductItems(
        batch({
          productWebsites: [
            { product_id: '1', website_id: 1 },
            { product_id: '1', website_id: 2 },
            { product_id: '2', website_id: 1 },
          ],
        }),
      );
      // Product 2 has a website row but no entity row (deleted): no item.
      expect(two.map((i) => i.item.storeViewCode)).toEqual(['default', 'fr', 'eu']);
      expect(assembleProductItems(batch({ productWebsites: [] }))).toEqual([]);
      expect(assembleProductItems(batch({ products: [] }))).toEqual([]);
    });
  });

  describe('EAV values', () => {
    it("takes the store view's value, else the default; a NULL in the store view is a value", () => {
      const items = assembleProductItems(
        batch({
          values: [
            ...batch().values,
            value('1', 'name', 2, 'Veste'),
            value('1', 'meta_title', 0, 'Default title'),
            value('1', 'meta_title', 2, null),
            value('1', 'description', 0, ''),
          ],
        }),
      );
      expect(itemIn(items, 'default')).toMatchObject({ name: 'Chaqueta', metaTitle: 'Default title' });
      expect(itemIn(items, 'fr').name).toBe('Veste');
      expect(itemIn(items, 'fr')).not.toHaveProperty('metaTitle');
      // An empty text is still a value (the original's isset), unlike NULL.
      expect(itemIn(items, 'default').description).toBe('');
      expect(itemIn(items, 'default')).not.toHaveProperty('shortDescription');
    });

    it('labels status, visibility and price view as the original, with its defaults for unset values', () => {
      const labels = (
        status: string | null,
        visibility: string | null,
      ): [string, string, boolean | null | undefined] => {
        const values = [value('1', 'name', 0, 'N')];
        if (status !== null) values.push(value('1', 'status', 0, status));
        if (visibility !== null) values.push(value('1', 'visibility', 0, visibility));
        const item = assembleProductItems(batch({ values }))[0]?.item;
        return [item?.status ?? '', item?.visibility ?? '', item?.displayable];
      };
      expect(labels('1', '1')).toEqual(['Enabled', 'Not Visible Individually', false]);
      expect(labels('1', '2')).toEqual(['Enabled', 'Catalog', true]);
      expect(labels('1', '3')).toEqual(['Enabled', 'Search', true]);
      expect(labels('1', '4')).toEqual(['Enabled', 'Catalog, Search', true]);
      expect(labels('2', '4')).toEqual(['Disabled', 'Catalog, Search', false]);
      expect(labels(null, null)).toEqual(['Disabled', 'Not Visible Individually', false]);

      const priceView = (v: string): string | undefined =>
        assembleProductItems(batch({ values: [...batch().values, value('1', 'price_view', 0, v)] }))[0]?.item
          .priceView;
      expect(priceView('0')).toBe('price_range');
      expect(priceView('1')).toBe('as_low_as');
      expect(priceView('7')).toBeUndefined();
    });

    it('names the tax class, "no" for none or an unknown one', () => {
      const tax = (v: string | undefined): string | undefined =>
        assembleProductItems(
          batch({
            values: [...batch().values, ...(v === undefined ? [] : [value('1', 'tax_class_id', 0, v)])],
          }),
        )[0]?.item.taxClassId;
      expect(tax('2')).toBe('Taxable Goods');
      expect(tax('0')).toBe('no');
      expect(tax('9')).toBe('no');
      expect(tax(undefined)).toBe('no');
    });

    it('gives weight as a number with the weight unit of the store view, and the base currency of its scope', () => {
      const items = assembleProductItems(
        batch({
          productWebsites: [
            { product_id: '1', website_id: 1 },
            { product_id: '1', website_id: 2 },
          ],
          values: [...batch().values, value('1', 'weight', 0, '2.500000'), value('1', 'weight_type', 0, '1')],
          config: [
            { scope: 'default', scope_id: 0, path: 'general/locale/weight_unit', value: 'kgs' },
            { scope: 'websites', scope_id: 2, path: 'currency/options/base', value: 'EUR' },
          ],
        }),
      );
      expect(itemIn(items, 'default')).toMatchObject({
        weight: 2.5,
        weightUnit: 'kgs',
        weightType: '1',
        currency: 'USD',
      });
      expect(itemIn(items, 'eu').currency).toBe('EUR');
      const light = assembleProductItems(batch())[0]?.item;
      expect(light).not.toHaveProperty('weight');
      expect(light?.weightUnit).toBeNull();
    });

    it('keeps the dates as stored, leaving out a zero date', () => {
      const item = assembleProductItems(batch())[0]?.item;
      expect(item).toMatchObject({ createdAt: '2024-01-02 03:04:05', updatedAt: '2024-02-03 04:05:06' });
      const zero = assembleProductItems(
        batch({
          products: [
            {
              entity_id: '1',
              sku: 's',
              type_id: 'simple',
              attribute_set_id: 4,
              created_at: '0000-00-00 00:00:00',
              updated_at: null,
            },
          ],
        }),
      )[0]?.item;
      expect(zero).not.toHaveProperty('createdAt');
      expect(zero).not.toHaveProperty('updatedAt');
    });

    it('types a fixed-price bundle "bundle_fixed"', () => {
      const bundle = (priceType: string): string | undefined =>
        assembleProductItems(
          batch({
            products: [
              {
                entity_id: '1',
                sku: 'b',
                type_id: 'bundle',
                attribute_set_id: 4,
                created_at: null,
                updated_at: null,
              },
            ],
            values: [...batch().values, value('1', 'price_type', 0, priceType)],
          }),
        )[0]?.item.type;
      expect(bundle('1')).toBe('bundle_fixed');
      expect(bundle('0')).toBe('bundle');
    });
  });

  describe('attributes[]', () => {
    const withAttributes = (
      values: EavValueRow[],
      more: Partial<ProductBatch> = {},
    ): AssembledProduct['attributes'] =>
      assembleProductItems(batch({ values: [...batch().values, ...values], ...more }))[0]?.item.attributes;

    it('lists user-defined and news date attributes by code, option ids as labels of the store view, else admin', () => {
      const attributes = withAttributes(
        [
          value('1', 'color', 0, '49'),
          value('1', 'features', 0, '60,61,99'),
          value('1', 'eco_friendly', 0, '1'),
          value('1', 'model_number', 0, 'M-1,2'),
          value('1', 'cost', 0, '12.500000'),
          value('1', 'news_from_date', 0, '2024-06-15 00:00:00'),
          value('1', 'news_to_date', 0, null),
          value('1', 'price', 0, '99.000000'),
        ],
        {
          optionAttributeIds: [93, 140],
          optionLabels: [
            { option_id: '49', attribute_id: 93, store_id: 0, value: 'Red' },
            { option_id: '49', attribute_id: 93, store_id: 1, value: 'Rojo' },
            { option_id: '60', attribute_id: 140, store_id: 0, value: 'Waterproof' },
            { option_id: '61', attribute_id: 140, store_id: 0, value: 'Light' },
            { option_id: '61', attribute_id: 140, store_id: 1, value: null },
          ],
        },
      );
      expect(attributes).toEqual([
        { attributeCode: 'color', value: ['Rojo'] },
        { attributeCode: 'cost', value: ['12.500000'] },
        { attributeCode: 'eco_friendly', value: ['yes'] },
        // Multiselect: split on commas; a NULL store label falls back to admin; an unknown id stays as is.
        { attributeCode: 'features', value: ['Waterproof', 'Light', '99'] },
        // Without options, a value is one string even with commas.
        { attributeCode: 'model_number', value: ['M-1,2'] },
        { attributeCode: 'news_from_date', value: ['2024-06-15 00:00:00'] },
        { attributeCode: 'news_to_date' },
        { attributeCode: 'ac_attribute_set', value: ['Default'] },
        { attributeCode: 'ac_tax_class', value: ['no'] },
      ]);
      // price is a system attribute (the prices feed's): never listed.
      expect(attributes?.map((a) => a.attributeCode)).not.toContain('price');
    });

    it('adds ac_inventory from the stock item of the website, else the default scope, config where it says so', () => {
      const item = (website: number, overrides: Partial<StockItemRow> = {}): StockItemRow => ({
        product_id: '1',
        website_id: website,
        manage_stock: 1,
        use_config_manage_stock: 1,
        min_sale_qty: '3.0000',
        use_config_min_sale_qty: 0,
        max_sale_qty: '100.0000',
        use_config_max_sale_qty: 0,
        backorders: 1,
        use_config_backorders: 0,
        enable_qty_increments: 0,
        use_config_enable_qty_inc: 1,
        qty_increments: '2.0000',
        use_config_qty_increments: 0,
        ...overrides,
      });
      const inventory = (rows: StockItemRow[], config: ConfigRow[] = []): string | null | undefined => {
        const list = withAttributes([], {
          stock: { salesChannels: null, stockStatus: [], stockIndex: [], stockItems: rows },
          config,
        });
        return list?.find((a) => a.attributeCode === 'ac_inventory')?.value?.[0];
      };
      expect(JSON.parse(inventory([item(0)]) ?? 'null')).toEqual({
        manageStock: true,
        cartMinQty: 3,
        cartMaxQty: 100,
        backorders: 'allow',
        enableQtyIncrements: false,
        qtyIncrements: 2,
      });
      expect(
        JSON.parse(
          inventory(
            [
              item(0),
              item(1, { use_config_min_sale_qty: 1, use_config_backorders: 1, use_config_manage_stock: 1 }),
            ],
            [
              {
                scope: 'default',
                scope_id: 0,
                path: 'cataloginventory/item_options/manage_stock',
                value: '0',
              },
              { scope: 'default', scope_id: 0, path: 'cataloginventory/item_options/backorders', value: '2' },
            ],
          ) ?? 'null',
        ),
      ).toMatchObject({ manageStock: false, cartMinQty: 1, backorders: 'allow_and_notify' });
      expect(inventory([])).toBeUndefined();
    });

    it('adds ac_downloadable to a downloadable product from its samples and link options', () => {
      const samples: ProductSample[] = [
        { resource: { url: 'https://s/b', label: 'B' }, sortOrder: '2' },
        { resource: { url: 'https://s/a', label: 'A' }, sortOrder: '1' },
      ];
      const optionsV2: ProductOption[] = [
        {
          id: 'dl',
          type: 'downloadable',
          values: [
            {
              id: 'ZG93bmxvYWRhYmxlLzE=',
              label: 'Track',
              price: 1.5,
              qty: 3,
              infoUrl: 'https://s/l',
              sortOrder: 0,
            },
          ],
        },
      ];
      optionFields.mockReturnValue({ samples, optionsV2 });
      const attributes = assembleProductItems(
        batch({
          products: [
            {
              entity_id: '1',
              sku: 'd',
              type_id: 'downloadable',
              attribute_set_id: 4,
              created_at: null,
              updated_at: null,
            },
          ],
          values: [...batch().values, value('1', 'links_purchased_separately', 0, '1')],
        }),
      )[0]?.item.attributes;
      const downloadable = attributes?.find((a) => a.attributeCode === 'ac_downloadable')?.value?.[0];
      expect(JSON.parse(downloadable ?? 'null')).toEqual({
        purchase_separately: true,
        samples: [
          { label: 'A', url: 'https://s/a' },
          { label: 'B', url: 'https://s/b' },
        ],
        links: [
          {
            uid: 'ZG93bmxvYWRhYmxlLzE=',
            label: 'Track',
            price: 1.5,
            number_of_downloads: 3,
            sample_url: 'https://s/l',
          },
        ],
      });
      // A simple product has none.
      expect(withAttributes([])?.map((a) => a.attributeCode)).not.toContain('ac_downloadable');
    });
  });

  describe('media', () => {
    const config: ConfigRow[] = [
      { scope: 'default', scope_id: 0, path: 'web/unsecure/base_url', value: 'https://shop.test/' },
      {
        scope: 'websites',
        scope_id: 2,
        path: 'web/unsecure/base_media_url',
        value: 'https://cdn.test/media/',
      },
    ];
    const media = batch({
      config,
      productWebsites: [
        { product_id: '1', website_id: 1 },
        { product_id: '1', website_id: 2 },
      ],
      values: [
        ...batch().values,
        value('1', 'image', 0, '/a/b/main.jpg'),
        value('1', 'small_image', 0, '/a/b/main.jpg'),
        value('1', 'thumbnail', 0, '/a/b/thumb.jpg'),
        value('1', 'swatch_image', 0, '/a/b/main.jpg'),
        value('1', 'image_label', 0, 'Front'),
        value('1', 'image_label', 2, 'Devant'),
      ],
      media: [
        { product_id: '1', value_id: '10', file: '/a/b/main.jpg', media_type: 'image' },
        { product_id: '1', value_id: '11', file: '/a/b/thumb.jpg', media_type: 'image' },
        { product_id: '1', value_id: '12', file: '/a/b/video.jpg', media_type: 'external-video' },
      ],
      mediaValues: [
        { value_id: '10', entity_id: '1', store_id: 0, label: 'Front', position: 2, disabled: 0 },
        { value_id: '10', entity_id: '1', store_id: 2, label: 'Devant', position: null, disabled: null },
        { value_id: '11', entity_id: '1', store_id: 0, label: null, position: 1, disabled: 1 },
        { value_id: '12', entity_id: '1', store_id: 0, label: 'Clip', position: 3, disabled: 0 },
      ],
      mediaVideos: [
        {
          value_id: '12',
          store_id: 0,
          provider: 'youtube',
          url: 'https://youtu.be/x',
          title: 'How to',
          description: '',
          metadata: null,
        },
      ],
    });

    it('builds the deprecated image fields from the image attributes and their labels', () => {
      const item = itemIn(assembleProductItems(media), 'default');
      expect(item.image).toEqual({
        url: 'https://shop.test/media/catalog/product/a/b/main.jpg',
        label: 'Front',
      });
      expect(item.smallImage).toEqual({
        url: 'https://shop.test/media/catalog/product/a/b/main.jpg',
        label: null,
      });
      expect(item.thumbnail).toEqual({
        url: 'https://shop.test/media/catalog/product/a/b/thumb.jpg',
        label: null,
      });
      expect(item.swatchImage).toEqual({
        url: 'https://shop.test/media/catalog/product/a/b/main.jpg',
        label: null,
      });
      expect(itemIn(assembleProductItems(media), 'fr').image?.label).toBe('Devant');
      expect(itemIn(assembleProductItems(media), 'eu').image?.url).toBe(
        'https://cdn.test/media/catalog/product/a/b/main.jpg',
      );
    });

    it('lists images with their roles (hide_from_pdp when disabled), videos and the media gallery, by position', () => {
      const item = itemIn(assembleProductItems(media), 'default');
      expect(item.images).toEqual([
        {
          resource: {
            url: 'https://shop.test/media/catalog/product/a/b/thumb.jpg',
            label: '',
            roles: ['thumbnail', 'hide_from_pdp'],
          },
          sortOrder: '1',
        },
        {
          resource: {
            url: 'https://shop.test/media/catalog/product/a/b/main.jpg',
            label: 'Front',
            roles: ['image', 'small_image', 'swatch_image'],
          },
          sortOrder: '2',
        },
      ]);
      const video = {
        videoProvider: 'youtube',
        videoUrl: 'https://youtu.be/x',
        videoTitle: 'How to',
        videoDescription: null,
        videoMetadata: null,
        mediaType: 'external-video',
      };
      expect(item.videos).toEqual([
        {
          preview: {
            url: 'https://shop.test/media/catalog/product/a/b/video.jpg',
            label: 'Clip',
            roles: null,
          },
          video,
          sortOrder: '3',
        },
      ]);
      expect(item.media_gallery).toEqual([
        {
          url: 'https://shop.test/media/catalog/product/a/b/thumb.jpg',
          label: '',
          types: ['thumbnail'],
          sort_order: 1,
        },
        {
          url: 'https://shop.test/media/catalog/product/a/b/main.jpg',
          label: 'Front',
          types: ['image', 'small_image', 'swatch_image'],
          sort_order: 2,
        },
        {
          url: 'https://shop.test/media/catalog/product/a/b/video.jpg',
          label: 'Clip',
          types: null,
          sort_order: 3,
          video_attributes: video,
        },
      ]);
      // The store view's value row wins where it has a value (label), else the default's (position).
      expect(itemIn(assembleProductItems(media), 'fr').images?.[1]?.resource.label).toBe('Devant');
    });

    it('gives null media lists and no deprecated images to a product without any', () => {
      const item = assembleProductItems(batch())[0]?.item;
      expect(item).toMatchObject({ images: null, videos: null, media_gallery: null });
      expect(item).not.toHaveProperty('image');
    });
  });

  describe('categories', () => {
    const categorized = (more: Partial<ProductBatch> = {}): ProductBatch =>
      batch({
        productWebsites: [
          { product_id: '1', website_id: 1 },
          { product_id: '1', website_id: 2 },
        ],
        categories: [
          { product_id: '1', category_id: '5', position: 3, path: '1/2/4/5' },
          { product_id: '1', category_id: '4', position: 0, path: '1/2/4' },
          { product_id: '1', category_id: '22', position: 1, path: '1/20/22' },
          { product_id: '1', category_id: '6', position: 7, path: '1/2/6' },
        ],
        categoryValues: [
          categoryValue('4', 'url_key', 0, 'men'),
          categoryValue('4', 'url_key', 2, 'hommes'),
          categoryValue('5', 'url_key', 0, 'tops'),
          categoryValue('6', 'url_key', 0, 'sale'),
          categoryValue('22', 'url_key', 0, 'eu-news'),
          categoryValue('4', 'is_active', 0, '1'),
          categoryValue('5', 'is_active', 0, '1'),
          categoryValue('22', 'is_active', 0, '1'),
          categoryValue('6', 'is_active', 0, '0'),
          categoryValue('6', 'is_active', 2, '1'),
        ],
        ...more,
      });

    it("lists the active categories under the store view's root with url paths of its url keys", () => {
      const items = assembleProductItems(categorized());
      expect(itemIn(items, 'default').categoryData).toEqual([
        { categoryId: '4', categoryPath: 'men', productPosition: 0 },
        { categoryId: '5', categoryPath: 'men/tops', productPosition: 3 },
      ]);
      expect(itemIn(items, 'default').categories).toEqual(['men', 'men/tops']);
      // Store view 2 has its own url key for 4 and category 6 active.
      expect(itemIn(items, 'fr').categories).toEqual(['hommes', 'hommes/tops', 'sale']);
      // Store view 3's root is 20.
      expect(itemIn(items, 'eu').categoryData).toEqual([
        { categoryId: '22', categoryPath: 'eu-news', productPosition: 1 },
      ]);
    });

    it('gives a disabled or invisible product no categoryData (and no categories), as the category index', () => {
      const hidden = assembleProductItems(
        categorized({
          values: [
            value('1', 'name', 0, 'N'),
            value('1', 'status', 0, '1'),
            value('1', 'visibility', 0, '1'),
          ],
        }),
      );
      expect(itemIn(hidden, 'default').categoryData).toBeNull();
      expect(itemIn(hidden, 'default')).not.toHaveProperty('categories');
      const disabled = assembleProductItems(
        categorized({
          values: [
            value('1', 'name', 0, 'N'),
            value('1', 'status', 0, '2'),
            value('1', 'visibility', 0, '4'),
          ],
        }),
      );
      expect(itemIn(disabled, 'default').categoryData).toBeNull();
    });
  });

  describe('inventory', () => {
    const stock = (more: Partial<ProductBatch['stock']>, config: ConfigRow[] = []): AssembledProduct[] =>
      assembleProductItems(
        batch({
          productWebsites: [
            { product_id: '1', website_id: 1 },
            { product_id: '1', website_id: 2 },
          ],
          stock: { salesChannels: null, stockStatus: [], stockIndex: [], stockItems: [], ...more },
          config,
        }),
      ).map((i) => i.item);

    it('reads inStock and lowStock from the stock status without MSI, buyable = enabled and in stock', () => {
      const [item] = stock(
        { stockStatus: [{ product_id: '1', website_id: 0, qty: '5.0000', stock_status: 1 }] },
        [
          {
            scope: 'default',
            scope_id: 0,
            path: 'cataloginventory/options/stock_threshold_qty',
            value: '10',
          },
        ],
      );
      expect(item).toMatchObject({ inStock: true, lowStock: true, buyable: true });
      const [none] = stock({});
      expect(none).toMatchObject({ inStock: false, lowStock: false, buyable: false });
    });

    it('with MSI reads the default stock from the stock status and other stocks from their index by sku', () => {
      const items = stock({
        salesChannels: [
          { stock_id: 1, website_id: 1 },
          { stock_id: 2, website_id: 2 },
        ],
        stockStatus: [{ product_id: '1', website_id: 0, qty: '0.0000', stock_status: 0 }],
        stockIndex: [{ stock_id: 2, sku: 'MH01 Été', quantity: '-1.0000', is_salable: 1 }],
      });
      expect(items.find((i) => i.storeViewCode === 'default')).toMatchObject({
        inStock: false,
        lowStock: false,
      });
      expect(items.find((i) => i.storeViewCode === 'eu')).toMatchObject({
        inStock: true,
        lowStock: true,
        buyable: true,
      });
      // A website without a sales channel sells nothing.
      const orphan = stock({ salesChannels: [{ stock_id: 2, website_id: 2 }], stockStatus: [] });
      expect(orphan.find((i) => i.storeViewCode === 'default')?.inStock).toBe(false);
    });
  });

  describe('urls', () => {
    const rewrite = (
      id: string,
      store: number,
      request: string | null,
      target: string | null,
      redirect = 0,
      metadata: string | null = null,
    ) => ({
      url_rewrite_id: id,
      entity_id: '1',
      request_path: request,
      target_path: target,
      redirect_type: redirect,
      store_id: store,
      metadata,
    });

    it('builds url from the own rewrite on the link base, and lists every rewrite of the store view', () => {
      const items = assembleProductItems(
        batch({
          values: [...batch().values, value('1', 'url_key', 0, 'jacket')],
          config: [
            { scope: 'default', scope_id: 0, path: 'web/unsecure/base_url', value: 'https://shop.test/' },
            { scope: 'default', scope_id: 0, path: 'web/seo/use_rewrites', value: '1' },
            { scope: 'stores', scope_id: 2, path: 'web/url/use_store', value: '1' },
          ],
          urlRewrites: [
            rewrite('7', 1, 'jacket.html', 'catalog/product/view/id/1'),
            rewrite(
              '8',
              1,
              'men/jacket.html',
              'catalog/product/view/id/1/category/4',
              0,
              '{"category_id":"4"}',
            ),
            rewrite('9', 1, 'old-jacket.html', 'jacket.html', 301),
          ],
        }),
      );
      const item = itemIn(items, 'default');
      expect(item.url).toBe('https://shop.test/jacket.html');
      expect(item.urlRewrites).toEqual([
        { url: 'https://shop.test/jacket.html', parameters: [{ name: 'id', value: '1' }] },
        {
          url: 'https://shop.test/men/jacket.html',
          parameters: [
            { name: 'id', value: '1' },
            { name: 'category', value: '4' },
          ],
        },
        { url: 'https://shop.test/old-jacket.html', parameters: null },
      ]);
      // No rewrite in store view 2: the product route, with the store code in the URL.
      expect(itemIn(items, 'fr')).toMatchObject({
        url: 'https://shop.test/fr/catalog/product/view/id/1/s/jacket/',
        urlRewrites: null,
      });
    });

    it('keeps a rewrite without a target path (nullable in Magento) and leaves out one without a request path', () => {
      const items = assembleProductItems(
        batch({
          config: [
            { scope: 'default', scope_id: 0, path: 'web/unsecure/base_url', value: 'https://shop.test/' },
          ],
          urlRewrites: [
            rewrite('7', 1, 'jacket.html', null),
            rewrite('8', 1, null, 'catalog/product/view/id/1'),
          ],
        }),
      );
      const item = itemIn(items, 'default');
      expect(item.url).toBe('https://shop.test/index.php/jacket.html');
      expect(item.urlRewrites).toEqual([{ url: 'https://shop.test/jacket.html', parameters: null }]);
      expect(urlParameters(null)).toEqual([]);
    });

    it('adds index.php/ without rewrites, and uses the site root without a configured base URL', () => {
      expect(assembleProductItems(batch())[0]?.item.url).toBe('/index.php/catalog/product/view/id/1/s//');
      expect(urlParameters('/catalog/product/view/id/5/category/3/')).toEqual([
        { name: 'id', value: '5' },
        { name: 'category', value: '3' },
      ]);
    });
  });

  describe('option fields', () => {
    it('merges the option fields, null where the product has none (provider fields of the original)', () => {
      optionFields.mockReturnValue({ parents: [{ sku: 'parent', productType: 'configurable' }] });
      const item = assembleProductItems(batch())[0]?.item;
      expect(item).toMatchObject({
        parents: [{ sku: 'parent', productType: 'configurable' }],
        optionsV2: null,
        shopperInputOptions: null,
        samples: null,
        links: null,
        variants: null,
      });
      expect(optionFields).toHaveBeenCalledWith(
        expect.anything(),
        { entityId: '1', sku: 'MH01 Été', typeId: 'simple' },
        expect.objectContaining({ storeViewCode: 'default' }),
      );
    });
  });
});
