import { connectCommerceDbAsShop, scratchDatabaseName } from '@cde/testing/runtime';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { createCommerceSchema } from '../commerce-schema';
import { generateCatalogMetadata } from './generate-catalog-metadata';
import { createGenerationContext } from './generate-commerce-data';
import { generateScopes } from './generate-scopes';
import type { CatalogMetadata, GeneratedScopes, GenerationContext } from './generation-context';
import { PROFILES } from './profiles';

const profile = PROFILES.small;

describe(generateCatalogMetadata.name, () => {
  const database = scratchDatabaseName('catmeta');
  let db: Connection;
  let ctx: GenerationContext;
  let scopes: GeneratedScopes;
  let metadata: CatalogMetadata;
  let defaultSetRows: number;

  const rows = async (sql: string, params: unknown[] = []): Promise<RowDataPacket[]> =>
    (await db.query<RowDataPacket[]>(sql, params))[0];
  const scalar = async (sql: string, params: unknown[] = []): Promise<number> =>
    Number(Object.values((await rows(sql, params))[0]!)[0]);

  beforeAll(async () => {
    db = await connectCommerceDbAsShop({ database: null, multipleStatements: true });
    await createCommerceSchema(db, database);
    defaultSetRows = await scalar('SELECT COUNT(*) FROM eav_entity_attribute WHERE attribute_set_id = 4');
    await db.query('SET SESSION foreign_key_checks = 0, unique_checks = 0');
    ctx = await createGenerationContext(db, { profile, seed: 20261122 });
    const { random } = ctx;
    scopes = await generateScopes({ ...ctx, random: random.fork(1) });
    metadata = await generateCatalogMetadata({ ...ctx, random: random.fork(2) }, scopes);
    await db.query('SET SESSION foreign_key_checks = 1, unique_checks = 1');
    await ctx.attributes.reload(db);
  });

  afterAll(async () => {
    await db.query(`DROP DATABASE IF EXISTS \`${database}\``);
    await db.end();
  });

  describe('attribute sets', () => {
    it('creates the profile’s sets, each with a copy of the default set’s groups', async () => {
      const sets = await rows(
        'SELECT attribute_set_id, attribute_set_name FROM eav_attribute_set WHERE entity_type_id = 4 ORDER BY 1',
      );
      expect(sets.map((s) => String(s['attribute_set_name']))).toEqual([
        'Default',
        ...Array.from({ length: profile.attributeSets }, (_, i) => `Attribute Set ${i + 1}`),
      ]);
      expect(metadata.attributeSets.map((s) => s.id)).toEqual(sets.map((s) => Number(s['attribute_set_id'])));
      const defaultGroups = await rows(
        'SELECT attribute_group_name, attribute_group_code, tab_group_code, sort_order, default_id FROM eav_attribute_group WHERE attribute_set_id = 4 ORDER BY attribute_group_code',
      );
      expect(defaultGroups).toHaveLength(11);
      for (const set of metadata.attributeSets.slice(1)) {
        const groups = await rows(
          'SELECT attribute_group_name, attribute_group_code, tab_group_code, sort_order, default_id FROM eav_attribute_group WHERE attribute_set_id = ? ORDER BY attribute_group_code',
          [set.id],
        );
        expect(groups).toEqual(defaultGroups);
      }
    });

    it('puts every attribute of the default set into the same-coded group of every generated set', async () => {
      const mismatches = await scalar(
        `SELECT COUNT(*) FROM eav_attribute_set s
           JOIN eav_entity_attribute d ON d.attribute_set_id = 4
           JOIN eav_attribute_group dg ON dg.attribute_group_id = d.attribute_group_id
           LEFT JOIN eav_entity_attribute n ON n.attribute_set_id = s.attribute_set_id AND n.attribute_id = d.attribute_id
           LEFT JOIN eav_attribute_group ng ON ng.attribute_group_id = n.attribute_group_id
          WHERE s.entity_type_id = 4 AND s.attribute_set_id <> 4
            AND (ng.attribute_group_code IS NULL OR ng.attribute_group_code <> dg.attribute_group_code OR ng.attribute_set_id <> s.attribute_set_id)`,
      );
      expect(mismatches).toBe(0);
      // Default set: its install rows + 4 extra kinds + size. Generated sets: the same + their select attributes.
      expect(await scalar('SELECT COUNT(*) FROM eav_entity_attribute WHERE attribute_set_id = 4')).toBe(
        defaultSetRows + 5,
      );
      const counts = await rows(
        'SELECT attribute_set_id, COUNT(*) AS n FROM eav_entity_attribute WHERE attribute_set_id > 8 GROUP BY attribute_set_id',
      );
      expect(counts).toHaveLength(profile.attributeSets);
      for (const c of counts) expect(Number(c['n'])).toBe(defaultSetRows + 5 + profile.attributesPerSet);
    });
  });

  describe('user-defined attributes', () => {
    it('gives each generated set attributesPerSet selects with valuesPerAttribute options, plus one of each other kind', async () => {
      const [defaults, ...generated] = metadata.attributeSets;
      expect(defaults!.attributes.map((a) => a.frontendInput)).toEqual([
        'text',
        'boolean',
        'multiselect',
        'price',
      ]);
      const shared = new Map<number, number>();
      for (const set of generated) {
        const selects = set.attributes.filter((a) => a.frontendInput === 'select');
        expect(selects).toHaveLength(profile.attributesPerSet);
        expect(set.attributes).toHaveLength(profile.attributesPerSet + 4);
        for (const a of selects) {
          expect(a.options).toHaveLength(profile.valuesPerAttribute);
          shared.set(a.id, (shared.get(a.id) ?? 0) + 1);
        }
        const inDetails = await rows(
          `SELECT ea.attribute_id FROM eav_entity_attribute ea
             JOIN eav_attribute_group g ON g.attribute_group_id = ea.attribute_group_id AND g.attribute_group_code = 'product-details'
            WHERE ea.attribute_set_id = ? AND ea.attribute_id IN (?)`,
          [set.id, set.attributes.map((a) => a.id)],
        );
        expect(inDetails).toHaveLength(set.attributes.length);
      }
      // Neighbouring sets share attributes, as the toolkit's do.
      expect([...shared.values()].some((n) => n > 1)).toBe(true);
    });

    it('writes eav_attribute, catalog_eav_attribute and options as Magento does', async () => {
      const all = new Map(metadata.attributeSets.flatMap((s) => s.attributes).map((a) => [a.id, a]));
      const dbRows = await rows(
        `SELECT a.attribute_id, a.attribute_code, a.backend_type, a.frontend_input, a.backend_model, a.source_model, a.is_user_defined,
                c.is_global, c.is_filterable
           FROM eav_attribute a JOIN catalog_eav_attribute c USING (attribute_id) WHERE a.attribute_id IN (?)`,
        [[...all.keys()]],
      );
      expect(dbRows).toHaveLength(all.size);
      const scopesSeen = new Set<number>();
      for (const r of dbRows) {
        const a = all.get(Number(r['attribute_id']))!;
        expect([r['attribute_code'], r['backend_type'], r['frontend_input'], r['is_user_defined']]).toEqual([
          a.code,
          a.backendType,
          a.frontendInput,
          1,
        ]);
        if (a.frontendInput === 'select') scopesSeen.add(Number(r['is_global']));
        if (a.frontendInput === 'select' || a.frontendInput === 'multiselect') {
          expect(r['source_model']).toBe('Magento\\Eav\\Model\\Entity\\Attribute\\Source\\Table');
        }
        if (a.frontendInput === 'boolean')
          expect(r['source_model']).toBe('Magento\\Eav\\Model\\Entity\\Attribute\\Source\\Boolean');
        if (a.frontendInput === 'multiselect') {
          expect(r['backend_model']).toBe('Magento\\Eav\\Model\\Entity\\Attribute\\Backend\\ArrayBackend');
          expect(a.options.length).toBeGreaterThan(0);
        }
      }
      expect([...scopesSeen].sort()).toEqual([0, 1, 2]);
      // Every option belongs to its attribute and has exactly one admin label equal to the handed-on label.
      const options = [...all.values()].flatMap((a) => a.options.map((o) => ({ ...o, attributeId: a.id })));
      const optionRows = await rows(
        `SELECT o.option_id, o.attribute_id, v.value FROM eav_attribute_option o
           JOIN eav_attribute_option_value v ON v.option_id = o.option_id AND v.store_id = 0 WHERE o.option_id IN (?)`,
        [options.map((o) => o.id)],
      );
      expect(
        optionRows.map((r) => [Number(r['option_id']), Number(r['attribute_id']), String(r['value'])]).sort(),
      ).toEqual(options.map((o) => [o.id, o.attributeId, o.label]).sort());
    });

    it('adds store-view labels in the stores’ languages for some attributes and options', async () => {
      const labels = await rows('SELECT store_id, value FROM eav_attribute_label');
      expect(labels.length).toBeGreaterThan(0);
      expect(labels.every((l) => Number(l['store_id']) > 1)).toBe(true);
      expect(labels.map((l) => String(l['value']))).toEqual(expect.arrayContaining(['Taille']));
      const translated = await rows(
        `SELECT v.value FROM eav_attribute_option_value v JOIN eav_attribute_option o USING (option_id)
          WHERE v.store_id > 0 AND o.attribute_id = ?`,
        [ctx.attributes.product('color').id],
      );
      expect(translated.map((t) => String(t['value']))).toEqual(expect.arrayContaining(['Noir', 'Weiß']));
    });
  });

  describe('configurable attributes', () => {
    it('fills color with visual swatches and creates size with text swatches, both global, filterable, in every set', async () => {
      const [color, size] = metadata.configurableAttributes;
      expect([color.code, size.code]).toEqual(['color', 'size']);
      expect(color.id).toBe(ctx.attributes.product('color').id);
      expect(color.options).toHaveLength(profile.configurableOptions[0]);
      expect(size.options.map((o) => o.label)).toEqual(['S', 'M', 'L']);
      const swatches = await rows(
        `SELECT o.attribute_id, s.option_id, s.store_id, s.type, s.value, v.value AS label FROM eav_attribute_option_swatch s
           JOIN eav_attribute_option o USING (option_id) JOIN eav_attribute_option_value v ON v.option_id = s.option_id AND v.store_id = 0`,
      );
      const colorSwatches = swatches.filter((s) => Number(s['attribute_id']) === color.id);
      const sizeSwatches = swatches.filter((s) => Number(s['attribute_id']) === size.id);
      expect(colorSwatches).toHaveLength(profile.configurableOptions[0]);
      expect(sizeSwatches).toHaveLength(profile.configurableOptions[1]);
      for (const s of colorSwatches)
        expect([s['store_id'], s['type'], /^#[0-9a-f]{6}$/.test(String(s['value']))]).toEqual([0, 1, true]);
      for (const s of sizeSwatches)
        expect([s['store_id'], s['type'], s['value']]).toEqual([0, 0, s['label']]);

      const props = await rows(
        'SELECT attribute_id, is_global, is_filterable, additional_data FROM catalog_eav_attribute WHERE attribute_id IN (?, ?) ORDER BY attribute_id',
        [color.id, size.id],
      );
      expect(props.map((p) => [Number(p['is_global']), Number(p['is_filterable'])])).toEqual([
        [1, 1],
        [1, 1],
      ]);
      const inputTypes = props.map(
        (p) => (JSON.parse(String(p['additional_data'])) as { swatch_input_type: string }).swatch_input_type,
      );
      expect(inputTypes).toEqual(['visual', 'text']);
      for (const a of [color, size]) {
        expect(await scalar('SELECT COUNT(*) FROM eav_entity_attribute WHERE attribute_id = ?', [a.id])).toBe(
          profile.attributeSets + 1,
        );
      }
    });
  });

  describe('categories', () => {
    it('creates the profile’s categories below Default Category, nested to categoryNesting levels', async () => {
      const cats = await rows(
        'SELECT entity_id, parent_id, path, level, position FROM catalog_category_entity WHERE level >= 2 ORDER BY entity_id',
      );
      expect(cats).toHaveLength(profile.categories);
      const levels = new Set(cats.map((c) => Number(c['level'])));
      expect([...levels].sort()).toEqual(Array.from({ length: profile.categoryNesting }, (_, i) => 2 + i));
      expect(metadata.categories.map((c) => [c.id, c.parentId, c.path, c.level])).toEqual(
        cats.map((c) => [
          Number(c['entity_id']),
          Number(c['parent_id']),
          String(c['path']),
          Number(c['level']),
        ]),
      );
      // Parents come before their children in the hand-off.
      const seen = new Set([2]);
      for (const c of metadata.categories) {
        expect(seen.has(c.parentId)).toBe(true);
        seen.add(c.id);
      }
    });

    it('keeps path, level, position and children_count consistent with parent_id', async () => {
      expect(
        await scalar(
          `SELECT COUNT(*) FROM catalog_category_entity c JOIN catalog_category_entity p ON p.entity_id = c.parent_id
            WHERE c.path <> CONCAT(p.path, '/', c.entity_id) OR c.level <> p.level + 1`,
        ),
      ).toBe(0);
      // children_count counts all descendants (Root Catalog and Default Category included).
      expect(
        await scalar(
          `SELECT COUNT(*) FROM catalog_category_entity c
            WHERE c.children_count <> (SELECT COUNT(*) FROM catalog_category_entity d WHERE d.path LIKE CONCAT(c.path, '/%'))`,
        ),
      ).toBe(0);
      expect(await scalar('SELECT children_count FROM catalog_category_entity WHERE entity_id = 2')).toBe(
        profile.categories,
      );
      const positions = await rows(
        'SELECT parent_id, COUNT(*) AS n, COUNT(DISTINCT position) AS d, MIN(position) AS lo, MAX(position) AS hi FROM catalog_category_entity WHERE level >= 2 GROUP BY parent_id',
      );
      for (const p of positions)
        expect([Number(p['d']), Number(p['lo']), Number(p['hi'])]).toEqual([
          Number(p['n']),
          1,
          Number(p['n']),
        ]);
    });

    it('writes the EAV values, with url_path = parent url_path / url_key and url keys unique among siblings', async () => {
      const values = await rows(
        `SELECT c.entity_id, c.parent_id, c.level, k.value AS url_key, u.value AS url_path, pu.value AS parent_path, n.value AS name,
                am.value AS display_mode, ds.value AS sort_by, t.value AS available_sort_by, a.value AS is_active, an.value AS is_anchor
           FROM catalog_category_entity c
           JOIN catalog_category_entity_varchar k ON k.entity_id = c.entity_id AND k.store_id = 0 AND k.attribute_id = ?
           JOIN catalog_category_entity_varchar u ON u.entity_id = c.entity_id AND u.store_id = 0 AND u.attribute_id = ?
           LEFT JOIN catalog_category_entity_varchar pu ON pu.entity_id = c.parent_id AND pu.store_id = 0 AND pu.attribute_id = ?
           JOIN catalog_category_entity_varchar n ON n.entity_id = c.entity_id AND n.store_id = 0 AND n.attribute_id = ?
           JOIN catalog_category_entity_varchar am ON am.entity_id = c.entity_id AND am.store_id = 0 AND am.attribute_id = ?
           JOIN catalog_category_entity_varchar ds ON ds.entity_id = c.entity_id AND ds.store_id = 0 AND ds.attribute_id = ?
           JOIN catalog_category_entity_text t ON t.entity_id = c.entity_id AND t.store_id = 0 AND t.attribute_id = ?
           JOIN catalog_category_entity_int a ON a.entity_id = c.entity_id AND a.store_id = 0 AND a.attribute_id = ?
           JOIN catalog_category_entity_int an ON an.entity_id = c.entity_id AND an.store_id = 0 AND an.attribute_id = ?
          WHERE c.level >= 2`,
        [
          'url_key',
          'url_path',
          'url_path',
          'name',
          'display_mode',
          'default_sort_by',
          'available_sort_by',
          'is_active',
          'is_anchor',
        ].map((code) => ctx.attributes.category(code).id),
      );
      expect(values).toHaveLength(profile.categories);
      for (const v of values) {
        const expected =
          Number(v['level']) === 2
            ? String(v['url_key'])
            : `${String(v['parent_path'])}/${String(v['url_key'])}`;
        expect(v['url_path']).toBe(expected);
        expect([v['display_mode'], v['sort_by'], v['available_sort_by']]).toEqual([
          'PRODUCTS',
          'name',
          'name',
        ]);
        if (Number(v['level']) <= 2) expect(v['is_anchor']).toBe(1);
      }
      const siblingsKeys = new Set(values.map((v) => `${String(v['parent_id'])}/${String(v['url_key'])}`));
      expect(siblingsKeys.size).toBe(values.length);
      expect(values.filter((v) => v['is_active'] === 1).length).toBeGreaterThan(profile.categories * 0.8);
    });

    it('writes store-view overrides of names and url keys in the store’s language, UTF-8 intact', async () => {
      const names = await rows(
        `SELECT v.store_id, v.entity_id, v.value, LENGTH(v.value) AS bytes, CHAR_LENGTH(v.value) AS chars
           FROM catalog_category_entity_varchar v WHERE v.attribute_id = ? AND v.store_id > 0`,
        [ctx.attributes.category('name').id],
      );
      expect(names.length).toBeGreaterThan(0);
      expect(names.every((n) => Number(n['store_id']) !== 1)).toBe(true);
      const french = names.filter((n) => String(n['value']).startsWith('Catégorie '));
      expect(french.length).toBeGreaterThan(0);
      expect(french.every((n) => Number(n['bytes']) === Number(n['chars']) + 1)).toBe(true);
      expect(
        await scalar(
          'SELECT COUNT(*) FROM catalog_category_entity_varchar WHERE attribute_id = ? AND store_id > 0',
          [ctx.attributes.category('url_key').id],
        ),
      ).toBeGreaterThan(0);
    });

    it('writes one url_rewrite per category and store view, following the store’s url_path', async () => {
      const storeViews = scopes.stores.filter((s) => s.id > 0).length;
      const rewrites = await rows(
        `SELECT r.entity_id, r.store_id, r.request_path, r.target_path, r.redirect_type, r.is_autogenerated, r.metadata,
                COALESCE(s.value, d.value) AS url_path
           FROM url_rewrite r
           JOIN catalog_category_entity_varchar d ON d.entity_id = r.entity_id AND d.store_id = 0 AND d.attribute_id = ?
           LEFT JOIN catalog_category_entity_varchar s ON s.entity_id = r.entity_id AND s.store_id = r.store_id AND s.attribute_id = ?
          WHERE r.entity_type = 'category'`,
        [ctx.attributes.category('url_path').id, ctx.attributes.category('url_path').id],
      );
      expect(rewrites).toHaveLength(profile.categories * storeViews);
      expect(new Set(rewrites.map((r) => `${String(r['entity_id'])}:${String(r['store_id'])}`)).size).toBe(
        rewrites.length,
      );
      for (const r of rewrites) {
        expect(r['request_path']).toBe(`${String(r['url_path'])}.html`);
        expect([r['target_path'], r['redirect_type'], r['is_autogenerated'], r['metadata']]).toEqual([
          `catalog/category/view/id/${String(r['entity_id'])}`,
          0,
          1,
          null,
        ]);
      }
      expect(
        await scalar("SELECT COUNT(*) FROM url_rewrite WHERE entity_type = 'category' AND entity_id <= 2"),
      ).toBe(0);
    });

    it('writes unique category permissions for some categories', async () => {
      const perms = await rows('SELECT * FROM magento_catalogpermissions');
      expect(perms.length).toBeGreaterThan(0);
      const keys = new Set(
        perms.map(
          (p) => `${String(p['category_id'])}:${String(p['website_id'])}:${String(p['customer_group_id'])}`,
        ),
      );
      expect(keys.size).toBe(perms.length);
      const perCategory = new Map<number, number>();
      for (const p of perms)
        perCategory.set(Number(p['category_id']), (perCategory.get(Number(p['category_id'])) ?? 0) + 1);
      for (const n of perCategory.values()) expect(n).toBeLessThanOrEqual(3);
      const categoryIds = new Set(metadata.categories.map((c) => c.id));
      for (const p of perms) {
        expect(categoryIds.has(Number(p['category_id']))).toBe(true);
        for (const g of [
          'grant_catalog_category_view',
          'grant_catalog_product_price',
          'grant_checkout_items',
        ]) {
          expect([-1, -2, 0]).toContain(Number(p[g]));
        }
      }
    });
  });
});
