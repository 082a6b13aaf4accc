import { connectCommerceDbAsShop, loadRuntimeConfig, scratchDatabaseName } from '@cde/testing/runtime';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { commerceTableNames, createCommerceSchema } from './commerce-schema';
import { loadMagentoDump } from './load-magento-dump';
import { magentoDumpPath } from './magento-dumps';

/** Tables we create that a Magento Open Source install without MSI does not have (checked against their modules). */
const NOT_IN_THE_OPEN_SOURCE_DUMP = [
  'inventory_source',
  'inventory_source_item',
  'inventory_stock',
  'inventory_stock_sales_channel',
  'inventory_source_stock_link',
  'inventory_reservation',
  'magento_catalogpermissions',
];

describe(createCommerceSchema.name, () => {
  const ours = scratchDatabaseName('schema_ours');
  const dump = scratchDatabaseName('schema_dump248');
  let db: Connection;

  beforeAll(async () => {
    db = await connectCommerceDbAsShop({ database: null, multipleStatements: true });
    await createCommerceSchema(db, ours);
    const { commerceDb } = loadRuntimeConfig();
    await loadMagentoDump(magentoDumpPath('2.4.8'), {
      host: commerceDb.host,
      port: commerceDb.port,
      user: 'root',
      database: dump,
    });
  });

  afterAll(async () => {
    await db.query(`DROP DATABASE IF EXISTS \`${ours}\``);
    await db.query(`DROP DATABASE IF EXISTS \`${dump}\``);
    await db.end();
  });

  const columns = async (schema: string, table: string): Promise<RowDataPacket[]> =>
    (
      await db.query<RowDataPacket[]>(
        `SELECT column_name, ordinal_position, column_type, is_nullable, column_default, extra
           FROM information_schema.columns WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position`,
        [schema, table],
      )
    )[0];

  const indexes = async (schema: string, table: string): Promise<RowDataPacket[]> =>
    (
      await db.query<RowDataPacket[]>(
        `SELECT index_name, non_unique, seq_in_index, column_name FROM information_schema.statistics
          WHERE table_schema = ? AND table_name = ? ORDER BY index_name, seq_in_index`,
        [schema, table],
      )
    )[0];

  const tablesOf = async (schema: string): Promise<Set<string>> => {
    const [rows] = await db.query<RowDataPacket[]>(
      "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = ? AND table_type = 'BASE TABLE'",
      [schema],
    );
    return new Set(rows.map((r) => String(r['t'])));
  };

  it('creates every table it declares, utf8mb4', async () => {
    const created = await tablesOf(ours);
    expect([...created].sort()).toEqual([...commerceTableNames()].sort());
    const [charsets] = await db.query<RowDataPacket[]>(
      'SELECT DISTINCT table_collation AS c FROM information_schema.tables WHERE table_schema = ? AND table_type = ?',
      [ours, 'BASE TABLE'],
    );
    expect(charsets.map((r) => String(r['c']))).toEqual(['utf8mb4_general_ci']);
  });

  it('matches the real 2.4.8 database column by column: names, order, types, nullability, defaults', async () => {
    const inDump = await tablesOf(dump);
    const compared: string[] = [];
    for (const table of commerceTableNames()) {
      if (!inDump.has(table)) continue;
      expect({ table, columns: await columns(ours, table) }).toEqual({
        table,
        columns: await columns(dump, table),
      });
      compared.push(table);
    }
    expect(compared.length).toBe(commerceTableNames().length - NOT_IN_THE_OPEN_SOURCE_DUMP.length);
    expect(
      commerceTableNames()
        .filter((t) => !inDump.has(t))
        .sort(),
    ).toEqual([...NOT_IN_THE_OPEN_SOURCE_DUMP].sort());
  });

  it('has the same keys and indexes as the real database', async () => {
    const inDump = await tablesOf(dump);
    for (const table of commerceTableNames().filter((t) => inDump.has(t))) {
      expect({ table, indexes: await indexes(ours, table) }).toEqual({
        table,
        indexes: await indexes(dump, table),
      });
    }
  });

  it('holds the rows of a fresh install: scopes, customer groups, entity types, core attributes by code', async () => {
    for (const [table, order] of [
      ['store_website', 'website_id'],
      ['store_group', 'group_id'],
      ['store', 'store_id'],
      ['customer_group', 'customer_group_id'],
      ['tax_class', 'class_id'],
      ['eav_entity_type', 'entity_type_id'],
      ['eav_attribute_set', 'attribute_set_id'],
    ] as const) {
      const [a] = await db.query<RowDataPacket[]>(`SELECT * FROM \`${ours}\`.\`${table}\` ORDER BY ${order}`);
      const [b] = await db.query<RowDataPacket[]>(`SELECT * FROM \`${dump}\`.\`${table}\` ORDER BY ${order}`);
      expect({ table, rows: a }).toEqual({ table, rows: b });
    }
    const attributes = async (schema: string): Promise<RowDataPacket[]> =>
      (
        await db.query<RowDataPacket[]>(
          `SELECT t.entity_type_code, a.attribute_code, a.backend_type, a.frontend_input, a.is_required, c.is_global
             FROM \`${schema}\`.eav_attribute a JOIN \`${schema}\`.eav_entity_type t USING (entity_type_id)
             LEFT JOIN \`${schema}\`.catalog_eav_attribute c USING (attribute_id)
            ORDER BY t.entity_type_code, a.attribute_code`,
        )
      )[0];
    const ourAttributes = await attributes(ours);
    expect(ourAttributes).toEqual(await attributes(dump));
    expect(ourAttributes.filter((a) => a['entity_type_code'] === 'catalog_product').length).toBeGreaterThan(
      60,
    );
    const [msi] = await db.query<RowDataPacket[]>(
      `SELECT s.source_code, l.stock_id, c.code FROM \`${ours}\`.inventory_source s
         JOIN \`${ours}\`.inventory_source_stock_link l USING (source_code)
         JOIN \`${ours}\`.inventory_stock_sales_channel c ON c.stock_id = l.stock_id`,
    );
    expect(msi).toEqual([{ source_code: 'default', stock_id: 1, code: 'base' }]);
    const [categories] = await db.query<RowDataPacket[]>(
      `SELECT e.entity_id, e.path, e.level, v.value AS name FROM \`${ours}\`.catalog_category_entity e
         JOIN \`${ours}\`.catalog_category_entity_varchar v ON v.entity_id = e.entity_id AND v.store_id = 0
         JOIN \`${ours}\`.eav_attribute a ON a.attribute_id = v.attribute_id AND a.attribute_code = 'name'
        ORDER BY e.entity_id`,
    );
    expect(categories).toEqual([
      { entity_id: 1, path: '1', level: 0, name: 'Root Catalog' },
      { entity_id: 2, path: '1/2', level: 1, name: 'Default Category' },
    ]);
  });
});
