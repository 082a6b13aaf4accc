import { pageKeyset, type KeysetQuery } from '@cde/platform/commerce-db';
import { openScratchCatalog, shopRows, type ScratchCatalog } from '@cde/testing/commerce-db';
import { readAttributeIds, readAttributeMetadata } from './attribute-metadata';
import { EavValues, readEavValues } from './eav';
import { CATEGORY_IDS, PRODUCT_IDS, resolveEntityIds, resolveProductIds } from './entity-ids';
import { indexedStockIds, readSalesChannels, readStockIndex } from './inventory-stocks';
import { readConfigRows, readConfigRowsUnder, readStoreConfig, STORE_URL_PATHS } from './store-config';
import { readDefaultStoreId, readStoreViews, readWebsites, type StoreView } from './store-views';

/**
 * The Magento reads on the real 2.4.8 dump (one website, one store view), plus a second website with a store view
 * of its own written the way the admin writes them, so that every fallback (store view → website → default, store
 * view value → default value) meets the real schema.
 */
describe('Magento reads, on the 2.4.8 dump', () => {
  let catalog: ScratchCatalog;
  let nameId: number;

  beforeAll(async () => {
    catalog = await openScratchCatalog({ dump: '2.4.8' }, 'magento_reads');
    await catalog.shop.query(
      `INSERT INTO store_website (website_id, code, name, sort_order, default_group_id, is_default)
         VALUES (2, 'eu', 'Europe', 0, 2, 0);
       INSERT INTO store_group (group_id, website_id, name, root_category_id, default_store_id, code)
         VALUES (2, 2, 'Europe Store', 2, 2, 'eu_store');
       INSERT INTO store (store_id, code, website_id, group_id, name, sort_order, is_active)
         VALUES (2, 'eu_fr', 2, 2, 'Français', 0, 0);
       INSERT INTO core_config_data (scope, scope_id, path, value) VALUES
         ('websites', 2, 'web/unsecure/base_url', 'https://eu.example.test'),
         ('stores', 2, 'web/unsecure/base_media_url', '{{unsecure_base_url}}m/'),
         ('websites', 2, 'catalog/magento_catalogpermissions/enabled', '1');`,
    );
    nameId = (await readAttributeIds(catalog.db, 'catalog_product', ['name'])).get('name') ?? 0;
    await catalog.shop.query(
      'INSERT INTO catalog_product_entity_varchar (attribute_id, store_id, entity_id, value) VALUES (?, 2, 1, ?)',
      [nameId, 'T-shirt basique'],
    );
  });
  afterAll(() => catalog.drop());

  const view = async (code: string): Promise<StoreView> => {
    const found = (await readStoreViews(catalog.db)).find((v) => v.storeViewCode === code);
    if (!found) throw new Error(`no store view ${code}`);
    return found;
  };

  it('reads every store view but admin with its group, website and root category', async () => {
    expect(await readStoreViews(catalog.db)).toEqual([
      {
        storeId: 1,
        storeViewCode: 'default',
        storeCode: 'main_website_store',
        groupId: 1,
        websiteId: 1,
        websiteCode: 'base',
        rootCategoryId: 2,
        isActive: true,
      },
      {
        storeId: 2,
        storeViewCode: 'eu_fr',
        storeCode: 'eu_store',
        groupId: 2,
        websiteId: 2,
        websiteCode: 'eu',
        rootCategoryId: 2,
        isActive: false,
      },
    ]);
    expect(await readDefaultStoreId(catalog.db)).toBe(1);
    expect((await readWebsites(catalog.db)).map((w) => [Number(w.website_id), w.code])).toEqual([
      [0, 'admin'],
      [1, 'base'],
      [2, 'eu'],
    ]);
  });

  it('resolves store configuration store view → website → default, with the base URLs it makes', async () => {
    const config = await readStoreConfig(catalog.db, STORE_URL_PATHS);
    expect(config.urls(await view('default'))).toEqual({
      web: 'https://magento2-hibrido.test/',
      link: 'https://magento2-hibrido.test/',
      media: 'https://magento2-hibrido.test/media/',
    });
    expect(config.urls(await view('eu_fr'))).toEqual({
      web: 'https://eu.example.test/',
      link: 'https://eu.example.test/',
      media: 'https://eu.example.test/m/',
    });
    const stored = await shopRows(catalog, 'SELECT COUNT(*) AS n FROM core_config_data WHERE path IN (?)', [
      STORE_URL_PATHS,
    ]);
    expect(await readConfigRows(catalog.db, STORE_URL_PATHS)).toHaveLength(Number(stored[0]?.['n']));
    expect(await readConfigRows(catalog.db, [])).toEqual([]);
    expect(await readConfigRowsUnder(catalog.db, 'catalog/magento_catalogpermissions/')).toEqual([
      { scope: 'websites', scope_id: 2, path: 'catalog/magento_catalogpermissions/enabled', value: '1' },
    ]);
  });

  it('reads EAV values per store and resolves them store view → default', async () => {
    const storeIds = [0, 1, 2];
    const rows = await readEavValues(catalog.db, 'catalog_product', ['1', '2', '1', 'x'], storeIds);
    const expected = await shopRows(
      catalog,
      `SELECT COUNT(*) AS n FROM (
         SELECT entity_id FROM catalog_product_entity_varchar WHERE entity_id IN (1, 2)
         UNION ALL SELECT entity_id FROM catalog_product_entity_int WHERE entity_id IN (1, 2)
         UNION ALL SELECT entity_id FROM catalog_product_entity_decimal WHERE entity_id IN (1, 2)
         UNION ALL SELECT entity_id FROM catalog_product_entity_text WHERE entity_id IN (1, 2)
         UNION ALL SELECT entity_id FROM catalog_product_entity_datetime WHERE entity_id IN (1, 2)) v`,
    );
    expect(rows).toHaveLength(Number(expected[0]?.['n']));
    const values = new EavValues(rows);
    expect(values.get('1', nameId, 2)).toBe('T-shirt basique');
    expect(values.get('1', nameId, 1)).toBe('Camiseta Básica Algodão');
    expect(values.get('2', nameId, 2)).toBe('Jaqueta Jeans Feminina');

    const names = await readEavValues(catalog.db, 'catalog_product', ['1'], [0, 2], [nameId]);
    expect(names.map((r) => [r.store_id, r.value])).toEqual([
      [0, 'Camiseta Básica Algodão'],
      [2, 'T-shirt basique'],
    ]);
    expect(await readEavValues(catalog.db, 'catalog_product', ['1'], storeIds, [])).toEqual([]);
    const category = await readEavValues(catalog.db, 'catalog_category', ['3'], [0]);
    expect(category.some((r) => r.value === 'Lançamentos')).toBe(true);
  });

  it('reads attribute metadata and ids of one entity type', async () => {
    const metadata = await readAttributeMetadata(catalog.db, 'catalog_product');
    const count = await shopRows(
      catalog,
      `SELECT COUNT(*) AS n FROM eav_attribute a JOIN eav_entity_type t USING (entity_type_id)
        WHERE t.entity_type_code = 'catalog_product'`,
    );
    expect(metadata.size).toBe(Number(count[0]?.['n']));
    expect(metadata.get('name')).toMatchObject({
      id: nameId,
      code: 'name',
      entityTypeCode: 'catalog_product',
      backendType: 'varchar',
      frontendInput: 'text',
      userDefined: false,
    });
    expect(metadata.get('sku')?.backendType).toBe('static');
    const ids = await readAttributeIds(catalog.db, 'catalog_category', ['url_key', 'is_active', 'nope']);
    expect([...ids.keys()].sort()).toEqual(['is_active', 'url_key']);
    expect(await readAttributeIds(catalog.db, 'catalog_category', [])).toEqual(new Map());
  });

  it('resolves SKUs as the collation compares them, and ids of existing rows', async () => {
    expect(
      await resolveProductIds(
        catalog.db,
        ['camiseta basica algodao', 'JAQUETA JEANS FEMININA', 'nope'],
        'sku',
      ),
    ).toEqual({ ids: ['1', '2'], unknown: ['nope'] });
    expect(await resolveProductIds(catalog.db, ['2', '999999', 'x'], 'productId')).toEqual({
      ids: ['2'],
      unknown: ['999999', 'x'],
    });
    expect(await resolveEntityIds(catalog.db, 'catalog_category_entity', ['3', '2', '999'])).toEqual({
      ids: ['2', '3'],
      unknown: ['999'],
    });
  });

  it('reads MSI stocks when the shop has them: sales channels by website, stock indexes by SKU', async () => {
    // The dump is an install without MSI: no sales channels at all, and nothing to index.
    expect(await readSalesChannels(catalog.db)).toBeNull();
    expect(indexedStockIds(null)).toEqual([]);
    await catalog.shop.query(
      `CREATE TABLE inventory_stock_sales_channel (type varchar(64) NOT NULL, code varchar(64) NOT NULL,
         stock_id int unsigned NOT NULL, PRIMARY KEY (type, code));
       INSERT INTO inventory_stock_sales_channel VALUES ('website', 'base', 1), ('website', 'eu', 2);
       CREATE TABLE inventory_stock_2 (sku varchar(64) NOT NULL, quantity decimal(12,4) NOT NULL DEFAULT 0.0000,
         is_salable tinyint(1) NOT NULL, PRIMARY KEY (sku)) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
       INSERT INTO inventory_stock_2 VALUES ('Camiseta Básica Algodão', 3.5000, 1), ('other', 0, 0);`,
    );
    const channels = await readSalesChannels(catalog.db);
    expect(channels?.map((c) => [Number(c.website_id), Number(c.stock_id)]).sort()).toEqual([
      [1, 1],
      [2, 2],
    ]);
    // Stock 3 is named by no index table: it sells nothing rather than failing the batch.
    const stockIds = [...indexedStockIds(channels), 3];
    expect(await readStockIndex(catalog.db, stockIds, ['Camiseta Básica Algodão', 'nope'])).toEqual([
      { stock_id: 2, sku: 'Camiseta Básica Algodão', quantity: '3.5000', is_salable: 1 },
    ]);
  });

  it('lists every product and category id, page by page', async () => {
    const walk = async (query: KeysetQuery): Promise<string[]> => {
      const out: string[] = [];
      for (let after: string | null = null; ;) {
        const page = await pageKeyset(catalog.db, query, after, 5);
        out.push(...page);
        if (page.length < 5) return out;
        after = page[page.length - 1] ?? null;
      }
    };
    const ids = async (table: string): Promise<string[]> =>
      (await shopRows(catalog, `SELECT entity_id FROM ${table} ORDER BY entity_id`)).map((r) =>
        String(r['entity_id']),
      );
    expect(await walk(PRODUCT_IDS)).toEqual(await ids('catalog_product_entity'));
    expect(await walk(CATEGORY_IDS)).toEqual(await ids('catalog_category_entity'));
  });
});
