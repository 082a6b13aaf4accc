import { connectCommerceDbAsShop, scratchDatabaseName } from '@cde/testing/runtime';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { createCommerceSchema } from '../commerce-schema';
import { generateCatalogMetadata } from './generate-catalog-metadata';
import { generateProducts } from './generate-products';
import { createGenerationContext } from './generate-commerce-data';
import { generateScopes } from './generate-scopes';
import type {
  CatalogMetadata,
  GeneratedCatalog,
  GeneratedScopes,
  GenerationContext,
} from './generation-context';
import { PROFILES, productCount } from './profiles';

describe(generateProducts.name, () => {
  const profile = PROFILES.small;
  const database = scratchDatabaseName('products');
  let db: Connection;
  let ctx: GenerationContext;
  let scopes: GeneratedScopes;
  let metadata: CatalogMetadata;
  let catalog: GeneratedCatalog;

  const rows = async (sql: string, values: unknown[] = []): Promise<RowDataPacket[]> =>
    (await db.query<RowDataPacket[]>(sql, values))[0];
  const count = async (sql: string, values: unknown[] = []): Promise<number> =>
    Number((await rows(sql, values))[0]!['n']);
  const attributeId = (code: string): number => ctx.attributes.product(code).id;

  beforeAll(async () => {
    db = await connectCommerceDbAsShop({ database: null, multipleStatements: true });
    await createCommerceSchema(db, database);
    await db.query('SET SESSION foreign_key_checks = 0, unique_checks = 0');
    ctx = await createGenerationContext(db, { profile, seed: 7 });
    const { random } = ctx;
    scopes = await generateScopes({ ...ctx, random: random.fork(1) });
    metadata = await generateCatalogMetadata({ ...ctx, random: random.fork(2) }, scopes);
    await ctx.writer.flush();
    await ctx.attributes.reload(db);
    catalog = await generateProducts({ ...ctx, random: random.fork(3) }, scopes, metadata);
  });

  afterAll(async () => {
    await db.query(`DROP DATABASE IF EXISTS \`${database}\``);
    await db.end();
  });

  it('writes exactly the profile’s products per type, created before now', async () => {
    const [a, b] = profile.configurableOptions;
    const byType = Object.fromEntries(
      (await rows('SELECT type_id, COUNT(*) AS n FROM catalog_product_entity GROUP BY type_id')).map((r) => [
        String(r['type_id']),
        Number(r['n']),
      ]),
    );
    expect(byType).toEqual({
      simple: profile.simpleProducts + profile.configurableProducts * a * b,
      configurable: profile.configurableProducts,
      bundle: profile.bundleProducts,
      grouped: profile.groupedProducts,
      downloadable: profile.downloadableProducts,
      virtual: profile.virtualProducts,
    });
    expect(await count('SELECT COUNT(*) AS n FROM catalog_product_entity')).toBe(productCount(profile));
    expect(await count('SELECT COUNT(DISTINCT sku) AS n FROM catalog_product_entity')).toBe(
      productCount(profile),
    );
    expect(
      await count(
        'SELECT COUNT(*) AS n FROM catalog_product_entity WHERE created_at > ? OR updated_at > ? OR updated_at < created_at',
        ['2026-11-01', '2026-11-01'],
      ),
    ).toBe(0);
    expect(
      await count(
        "SELECT COUNT(*) AS n FROM catalog_product_entity WHERE sku = 'product_dynamic_1' AND type_id = 'simple'",
      ),
    ).toBe(1);
  });

  it('wires every configurable to its color × size children', async () => {
    const [a, b] = profile.configurableOptions;
    const [color, size] = metadata.configurableAttributes;
    const perParent = await rows(
      `SELECT p.entity_id, p.has_options, p.required_options,
              (SELECT COUNT(*) FROM catalog_product_super_link l WHERE l.parent_id = p.entity_id) AS links,
              (SELECT COUNT(*) FROM catalog_product_relation r WHERE r.parent_id = p.entity_id) AS relations,
              (SELECT COUNT(*) FROM catalog_product_super_attribute s WHERE s.product_id = p.entity_id AND s.attribute_id IN (?, ?)) AS supers,
              (SELECT COUNT(DISTINCT c.value, z.value) FROM catalog_product_super_link l
                 JOIN catalog_product_entity_int c ON c.entity_id = l.product_id AND c.attribute_id = ? AND c.store_id = 0
                 JOIN catalog_product_entity_int z ON z.entity_id = l.product_id AND z.attribute_id = ? AND z.store_id = 0
                WHERE l.parent_id = p.entity_id) AS combos
         FROM catalog_product_entity p WHERE p.type_id = 'configurable'`,
      [color.id, size.id, color.id, size.id],
    );
    expect(perParent).toHaveLength(profile.configurableProducts);
    for (const p of perParent) {
      expect([Number(p['links']), Number(p['relations']), Number(p['combos'])]).toEqual([
        a * b,
        a * b,
        a * b,
      ]);
      expect([Number(p['supers']), Number(p['has_options']), Number(p['required_options'])]).toEqual([
        2, 1, 1,
      ]);
    }
    expect(await count('SELECT COUNT(*) AS n FROM catalog_product_super_attribute_label')).toBe(
      2 * profile.configurableProducts,
    );
    // Children are not visible individually and share their parent's websites.
    expect(
      await count(
        `SELECT COUNT(*) AS n FROM catalog_product_super_link l
           JOIN catalog_product_entity_int v ON v.entity_id = l.product_id AND v.attribute_id = ? AND v.store_id = 0
          WHERE v.value <> 1`,
        [attributeId('visibility')],
      ),
    ).toBe(0);
    expect(
      await count(
        `SELECT COUNT(*) AS n FROM catalog_product_super_link l JOIN catalog_product_website w ON w.product_id = l.product_id
          WHERE NOT EXISTS (SELECT 1 FROM catalog_product_website pw WHERE pw.product_id = l.parent_id AND pw.website_id = w.website_id)`,
      ),
    ).toBe(0);
  });

  it('gives every product status, visibility and name at store 0, and a price to every product that has one', async () => {
    for (const code of ['status', 'visibility', 'name']) {
      const attribute = ctx.attributes.product(code);
      expect(
        await count(
          `SELECT COUNT(*) AS n FROM catalog_product_entity e
            WHERE NOT EXISTS (SELECT 1 FROM catalog_product_entity_${attribute.backendType} v
                               WHERE v.entity_id = e.entity_id AND v.attribute_id = ? AND v.store_id = 0)`,
          [attribute.id],
        ),
      ).toBe(0);
    }
    // Grouped products and dynamic-price bundles have no price of their own in Magento.
    expect(
      await count(
        `SELECT COUNT(*) AS n FROM catalog_product_entity e
          WHERE e.type_id IN ('simple', 'virtual', 'downloadable', 'configurable')
            AND NOT EXISTS (SELECT 1 FROM catalog_product_entity_decimal v WHERE v.entity_id = e.entity_id AND v.attribute_id = ? AND v.store_id = 0)`,
        [attributeId('price')],
      ),
    ).toBe(0);
    expect(
      await count(
        'SELECT COUNT(*) AS n FROM catalog_product_entity_decimal WHERE attribute_id = ? AND store_id <> 0',
        [attributeId('price')],
      ),
    ).toBe(0);
    // Disabled products: at store 0 and only in one website's store views.
    expect(
      await count(
        'SELECT COUNT(*) AS n FROM catalog_product_entity_int WHERE attribute_id = ? AND store_id = 0 AND value = 2',
        [attributeId('status')],
      ),
    ).toBeGreaterThan(0);
    expect(
      await count(
        'SELECT COUNT(*) AS n FROM catalog_product_entity_int WHERE attribute_id = ? AND store_id > 0 AND value = 2',
        [attributeId('status')],
      ),
    ).toBeGreaterThan(0);
  });

  it('puts every product in a website, and some not in all of them', async () => {
    expect(
      await count(
        'SELECT COUNT(*) AS n FROM catalog_product_entity e WHERE NOT EXISTS (SELECT 1 FROM catalog_product_website w WHERE w.product_id = e.entity_id)',
      ),
    ).toBe(0);
    expect(
      await count(
        'SELECT COUNT(*) AS n FROM (SELECT product_id FROM catalog_product_website GROUP BY product_id HAVING COUNT(*) < ?) x',
        [scopes.websites.length],
      ),
    ).toBeGreaterThan(0);
  });

  it('overrides names in store views with UTF-8 intact, and keeps store-view rows in the product’s websites', async () => {
    const names = await rows(
      'SELECT value FROM catalog_product_entity_varchar WHERE attribute_id = ? AND store_id > 0',
      [attributeId('name')],
    );
    expect(names.length).toBeGreaterThan(profile.simpleProducts * profile.feed.storeViewOverrides * 0.5);
    const values = names.map((r) => String(r['value']));
    expect(values.every((v) => v.includes(' – '))).toBe(true);
    expect(values.some((v) => /[éèäöüßçãõ]/.test(v))).toBe(true);
    expect(
      await count(
        `SELECT COUNT(*) AS n FROM catalog_product_entity_varchar v JOIN store s ON s.store_id = v.store_id
          WHERE v.store_id > 0 AND NOT EXISTS (SELECT 1 FROM catalog_product_website w WHERE w.product_id = v.entity_id AND w.website_id = s.website_id)`,
      ),
    ).toBe(0);
  });

  it('writes tier, group and special prices', async () => {
    expect(
      await count('SELECT COUNT(*) AS n FROM catalog_product_entity_tier_price WHERE qty > 1'),
    ).toBeGreaterThan(0);
    expect(
      await count(
        'SELECT COUNT(*) AS n FROM catalog_product_entity_tier_price WHERE qty = 1 AND all_groups = 0',
      ),
    ).toBeGreaterThan(0);
    expect(
      await count(
        'SELECT COUNT(*) AS n FROM catalog_product_entity_tier_price WHERE percentage_value IS NOT NULL',
      ),
    ).toBeGreaterThan(0);
    expect(
      await count('SELECT COUNT(*) AS n FROM catalog_product_entity_tier_price WHERE website_id > 0'),
    ).toBeGreaterThan(0);
    expect(
      await count('SELECT COUNT(*) AS n FROM catalog_product_entity_decimal WHERE attribute_id = ?', [
        attributeId('special_price'),
      ]),
    ).toBeGreaterThan(0);
    expect(
      await count(
        'SELECT COUNT(*) AS n FROM catalog_product_entity_datetime WHERE attribute_id = ? AND value < ?',
        [attributeId('special_to_date'), '2026-11-01'],
      ),
    ).toBeGreaterThan(0);
    expect(
      await count(
        'SELECT COUNT(*) AS n FROM catalog_product_entity_datetime WHERE attribute_id = ? AND value > ?',
        [attributeId('special_from_date'), '2026-11-01'],
      ),
    ).toBeGreaterThan(0);
  });

  it('keeps a stock item for every product and source items for every sku with quantity', async () => {
    expect(
      await count(
        'SELECT COUNT(*) AS n FROM cataloginventory_stock_item WHERE stock_id = 1 AND website_id = 0',
      ),
    ).toBe(productCount(profile));
    expect(
      await count(
        'SELECT COUNT(*) AS n FROM cataloginventory_stock_status WHERE stock_id = 1 AND website_id = 0',
      ),
    ).toBe(productCount(profile));
    expect(
      await count(
        `SELECT COUNT(*) AS n FROM catalog_product_entity e WHERE e.type_id IN ('simple', 'virtual', 'downloadable')
            AND NOT EXISTS (SELECT 1 FROM inventory_source_item s WHERE s.sku = e.sku AND s.source_code = 'default')`,
      ),
    ).toBe(0);
    expect(
      await count("SELECT COUNT(*) AS n FROM inventory_source_item WHERE source_code <> 'default'"),
    ).toBeGreaterThan(0);
    expect(await count('SELECT COUNT(*) AS n FROM inventory_source_item WHERE status = 0')).toBeGreaterThan(
      0,
    );
    expect(await count('SELECT COUNT(*) AS n FROM inventory_stock_1')).toBe(productCount(profile));
    expect(await count('SELECT COUNT(*) AS n FROM inventory_stock_2')).toBeGreaterThan(0);
    expect(
      await count('SELECT COUNT(*) AS n FROM inventory_reservation WHERE quantity < 0 AND metadata LIKE ?', [
        '{"event_type":"order_placed"%',
      ]),
    ).toBeGreaterThan(0);
  });

  it('writes URL rewrites only for products visible individually, unique per store view', async () => {
    const visibility = attributeId('visibility');
    expect(
      await count(
        `SELECT COUNT(*) AS n FROM url_rewrite u JOIN catalog_product_entity_int v ON v.entity_id = u.entity_id AND v.attribute_id = ? AND v.store_id = 0
          WHERE u.entity_type = 'product' AND v.value = 1`,
        [visibility],
      ),
    ).toBe(0);
    expect(
      await count(
        `SELECT COUNT(*) AS n FROM catalog_product_entity e JOIN catalog_product_entity_int v ON v.entity_id = e.entity_id AND v.attribute_id = ? AND v.store_id = 0
          WHERE v.value <> 1 AND NOT EXISTS (SELECT 1 FROM url_rewrite u WHERE u.entity_type = 'product' AND u.entity_id = e.entity_id AND u.metadata IS NULL)`,
        [visibility],
      ),
    ).toBe(0);
    expect(
      await count(
        'SELECT COUNT(*) AS n FROM (SELECT 1 FROM url_rewrite GROUP BY request_path, store_id HAVING COUNT(*) > 1) x',
      ),
    ).toBe(0);
    expect(
      await count(
        `SELECT COUNT(*) AS n FROM url_rewrite u JOIN catalog_url_rewrite_product_category c ON c.url_rewrite_id = u.url_rewrite_id
          WHERE u.target_path = CONCAT('catalog/product/view/id/', c.product_id, '/category/', c.category_id)`,
      ),
    ).toBe(
      await count(
        "SELECT COUNT(*) AS n FROM url_rewrite WHERE entity_type = 'product' AND metadata IS NOT NULL",
      ),
    );
  });

  it('indexes prices and applies catalog rules for yesterday, today and tomorrow', async () => {
    expect(await count('SELECT COUNT(*) AS n FROM catalogrule')).toBe(profile.catalogPriceRules);
    const dates = (
      await rows('SELECT DISTINCT rule_date FROM catalogrule_product_price ORDER BY rule_date')
    ).map((r) => String(r['rule_date']));
    expect(dates).toEqual(['2026-10-31', '2026-11-01', '2026-11-02']);
    expect(await count('SELECT COUNT(*) AS n FROM catalogrule_product')).toBeGreaterThan(0);
    expect(
      await count('SELECT COUNT(*) AS n FROM catalog_product_index_price WHERE final_price > price'),
    ).toBe(0);
    expect(
      await count('SELECT COUNT(DISTINCT customer_group_id) AS n FROM catalog_product_index_price'),
    ).toBe(scopes.customerGroupIds.length);
    // A product's rule price today caps its final price in the index.
    expect(
      await count(
        `SELECT COUNT(*) AS n FROM catalogrule_product_price r JOIN catalog_product_index_price i
            ON i.entity_id = r.product_id AND i.website_id = r.website_id AND i.customer_group_id = r.customer_group_id
          JOIN catalog_product_entity e ON e.entity_id = r.product_id
          WHERE r.rule_date = '2026-11-01' AND e.type_id <> 'configurable' AND i.final_price > r.rule_price`,
      ),
    ).toBe(0);
  });

  it('hands orderable products with prices, websites and parents to the sales part', () => {
    expect(catalog.categoryIds).toEqual(metadata.categories.map((c) => c.id));
    expect(catalog.orderable.length).toBeGreaterThan(profile.simpleProducts / 2);
    expect(catalog.orderable.every((p) => p.price > 0 && p.websiteIds.length > 0)).toBe(true);
    expect(catalog.orderable.some((p) => p.parent !== undefined)).toBe(true);
    expect(catalog.orderable.filter((p) => p.typeId === 'simple').every((p) => p.weight === 1)).toBe(true);
  });
});
