import { connectCommerceDbAsShop, scratchDatabaseName } from '@cde/testing/runtime';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { createCommerceSchema } from '../commerce-schema';
import { generateCommerceData } from './generate-commerce-data';
import { PROFILES, productCount } from './profiles';

/** The `small` profile end to end: the counts each feed depends on, exactly, and the same data for the same seed. */
describe(generateCommerceData.name, () => {
  const first = scratchDatabaseName('generate_small');
  const second = scratchDatabaseName('generate_small_again');
  const profile = PROFILES.small;
  let db: Connection;

  beforeAll(async () => {
    db = await connectCommerceDbAsShop({ database: null, multipleStatements: true });
    for (const database of [first, second]) {
      await createCommerceSchema(db, database);
      await generateCommerceData(db, { profile, seed: 7 });
    }
  });

  afterAll(async () => {
    for (const database of [first, second]) await db.query(`DROP DATABASE IF EXISTS \`${database}\``);
    await db.end();
  });

  const count = async (sql: string): Promise<number> => {
    const [rows] = await db.query<RowDataPacket[]>(sql);
    return Number(rows[0]?.['n']);
  };

  it('creates the products of the profile by type', async () => {
    await db.query(`USE \`${first}\``);
    const [rows] = await db.query<RowDataPacket[]>(
      'SELECT type_id, COUNT(*) AS n FROM catalog_product_entity GROUP BY type_id',
    );
    const byType = Object.fromEntries(rows.map((r) => [String(r['type_id']), Number(r['n'])]));
    const [a, b] = profile.configurableOptions;
    expect(byType).toEqual({
      simple: profile.simpleProducts + profile.configurableProducts * a * b,
      configurable: profile.configurableProducts,
      bundle: profile.bundleProducts,
      grouped: profile.groupedProducts,
      downloadable: profile.downloadableProducts,
      virtual: profile.virtualProducts,
    });
    expect(Object.values(byType).reduce((x, y) => x + y, 0)).toBe(productCount(profile));
    expect(productCount(profile)).toBe(1220); // the toolkit's 1,200 plus 20 of the types it lacks
  });

  it('creates the scopes, categories and customers of the profile', async () => {
    await db.query(`USE \`${first}\``);
    expect(await count('SELECT COUNT(*) AS n FROM store_website WHERE website_id > 0')).toBe(
      profile.websites,
    );
    expect(await count('SELECT COUNT(*) AS n FROM store_group WHERE group_id > 0')).toBe(profile.storeGroups);
    expect(await count('SELECT COUNT(*) AS n FROM store WHERE store_id > 0')).toBe(profile.storeViews);
    expect(await count('SELECT COUNT(*) AS n FROM customer_group')).toBe(4 + profile.extraCustomerGroups);
    expect(await count('SELECT COUNT(*) AS n FROM catalog_category_entity WHERE level >= 2')).toBe(
      profile.categories,
    );
    expect(await count('SELECT MAX(level) AS n FROM catalog_category_entity')).toBe(
      1 + profile.categoryNesting,
    );
    expect(await count('SELECT COUNT(*) AS n FROM customer_entity')).toBe(profile.customers);
  });

  it('creates the orders and their invoices, shipments and credit memos', async () => {
    await db.query(`USE \`${first}\``);
    expect(await count('SELECT COUNT(*) AS n FROM sales_order')).toBe(profile.orders);
    const invoices = Math.round(profile.orders * profile.feed.invoiced);
    expect(await count('SELECT COUNT(*) AS n FROM sales_invoice')).toBe(invoices);
    expect(await count('SELECT COUNT(*) AS n FROM sales_shipment')).toBe(
      Math.round(invoices * profile.feed.shipped),
    );
    expect(await count('SELECT COUNT(*) AS n FROM sales_creditmemo')).toBe(
      Math.round(invoices * profile.feed.refunded),
    );
    expect(await count('SELECT COUNT(*) AS n FROM sales_shipment_track')).toBe(
      await count('SELECT COUNT(*) AS n FROM sales_shipment'),
    );
  });

  it('creates MSI sources, stocks and a source item per sku and source it serves', async () => {
    await db.query(`USE \`${first}\``);
    expect(await count('SELECT COUNT(*) AS n FROM inventory_source')).toBe(profile.sources);
    expect(await count('SELECT COUNT(*) AS n FROM inventory_stock')).toBe(profile.stocks);
    expect(
      await count("SELECT COUNT(*) AS n FROM inventory_source_item WHERE source_code = 'default'"),
    ).toBeGreaterThan(productCount(profile) * 0.9);
    expect(await count('SELECT COUNT(DISTINCT sku) AS n FROM inventory_source_item')).toBeLessThanOrEqual(
      productCount(profile),
    );
    expect(await count('SELECT COUNT(*) AS n FROM inventory_reservation')).toBeGreaterThan(0);
    expect(await count('SELECT COUNT(*) AS n FROM cataloginventory_stock_item')).toBe(productCount(profile));
  });

  it('gives the same database for the same seed', async () => {
    for (const table of [
      'catalog_product_entity_varchar',
      'catalog_product_entity_decimal',
      'catalog_category_entity',
      'sales_order',
      'sales_invoice',
      'inventory_source_item',
      'url_rewrite',
    ]) {
      const checksum = async (database: string): Promise<string> => {
        const [rows] = await db.query<RowDataPacket[]>(`CHECKSUM TABLE \`${database}\`.\`${table}\``);
        return String(rows[0]?.['Checksum']);
      };
      const a = await checksum(first);
      expect(a).toMatch(/^\d+$/);
      expect({ table, checksum: await checksum(second) }).toEqual({ table, checksum: a });
    }
  });
});
