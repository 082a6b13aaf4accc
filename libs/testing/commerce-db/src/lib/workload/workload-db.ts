import type { Connection, ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import { AttributeRegistry, type AttributeInfo } from '../generator/attribute-registry';
import type { SqlValue } from '../generator/bulk-writer';
import type { OrderableProduct } from '../generator/generation-context';
import { formatIncrementId, IdAllocator, loadSequenceInfo, type SequenceInfo } from '../generator/sales-ids';
import type { RowOut } from '../generator/sales-order-columns';
import type { OrderAddress, OrderCustomer } from '../generator/sales-order-rows';
import type { SeededRandom } from '../generator/seeded-random';

/** How many ids each pool samples; pools are refreshed every REFRESH_EVERY changes. */
const POOL_SIZE = 400;
export const REFRESH_EVERY = 1000;

export interface WorkloadStore {
  readonly id: number;
  readonly code: string;
  readonly websiteId: number;
  /** sales_order.store_name (website, group and view names on three lines). */
  readonly name: string;
}

export interface ProductRef {
  readonly entityId: number;
  readonly sku: string;
  readonly typeId: string;
}

export interface CategoryRef {
  readonly id: number;
  readonly parentId: number;
  readonly path: string;
  readonly level: number;
}

export interface WorkloadCustomer extends OrderCustomer {
  readonly id: number;
  readonly websiteId: number;
  readonly billing: OrderAddress;
  readonly shipping: OrderAddress;
}

/**
 * What the workload found in the database (tables, attributes, scopes, sequences) and bounded samples of ids to
 * change. Works with our generated schema and with real Magento dumps (with or without MSI, with or without orders).
 */
export class WorkloadDb {
  products: ProductRef[] = [];
  categories: CategoryRef[] = [];
  orderable: OrderableProduct[] = [];
  customers: WorkloadCustomer[] = [];
  /** Orders that can be invoiced (not invoiced, not canceled). */
  toInvoice: number[] = [];
  /** Invoiced orders with physical items left to ship. */
  toShip: number[] = [];
  /** Products this run created (deleted first, so a long run does not erode the catalog). */
  readonly created: ProductRef[] = [];

  private constructor(
    readonly connection: Connection,
    readonly random: SeededRandom,
    readonly tables: ReadonlySet<string>,
    readonly attributes: AttributeRegistry,
    readonly stores: readonly WorkloadStore[],
    readonly sequences: ReadonlyMap<string, SequenceInfo>,
    /** MSI's stock per website code; empty without MSI. */
    readonly stockOfWebsite: ReadonlyMap<number, number>,
    readonly defaultSourceCode: string | null,
    public ids: IdAllocator,
    readonly log: (line: string) => void,
  ) {}

  static async discover(
    connection: Connection,
    random: SeededRandom,
    log: (line: string) => void,
  ): Promise<WorkloadDb> {
    const [tableRows] = await connection.query<RowDataPacket[]>(
      "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'",
    );
    const tables = new Set(tableRows.map((r) => String(r['t'])));
    const attributes = await AttributeRegistry.load(connection);
    const [storeRows] = await connection.query<RowDataPacket[]>(
      `SELECT s.store_id, s.code, s.website_id, s.name, g.name AS group_name, w.name AS website_name
         FROM store s JOIN store_group g ON g.group_id = s.group_id JOIN store_website w ON w.website_id = s.website_id
        WHERE s.store_id > 0 AND s.is_active = 1 ORDER BY s.store_id`,
    );
    const stores = storeRows.map((r) => ({
      id: Number(r['store_id']),
      code: String(r['code']),
      websiteId: Number(r['website_id']),
      name: [r['website_name'], r['group_name'], r['name']].map(String).join('\n'),
    }));
    const sequences = tables.has('sales_sequence_meta') ? await loadSequenceInfo(connection) : new Map();
    const stockOfWebsite = new Map<number, number>();
    let defaultSourceCode: string | null = null;
    if (tables.has('inventory_source_item') && tables.has('inventory_stock_sales_channel')) {
      const [channels] = await connection.query<RowDataPacket[]>(
        `SELECT w.website_id, c.stock_id FROM inventory_stock_sales_channel c
           JOIN store_website w ON w.code = c.code WHERE c.type = 'website'`,
      );
      for (const c of channels) stockOfWebsite.set(Number(c['website_id']), Number(c['stock_id']));
      const [sources] = await connection.query<RowDataPacket[]>(
        "SELECT source_code FROM inventory_source ORDER BY source_code = 'default' DESC, source_code LIMIT 1",
      );
      defaultSourceCode = sources[0] ? String(sources[0]['source_code']) : null;
    }
    const db = new WorkloadDb(
      connection,
      random,
      tables,
      attributes,
      stores,
      sequences,
      stockOfWebsite,
      defaultSourceCode,
      await IdAllocator.load(connection),
      log,
    );
    await db.refresh();
    log(
      `workload: ${tables.size} tables, ${stores.length} store views, MSI ${db.hasMsi ? 'on' : 'off'}, ` +
        `${db.products.length} products, ${db.categories.length} categories, ${db.orderable.length} orderable, ` +
        `${db.customers.length} customers, ${db.toInvoice.length} orders to invoice, ${db.toShip.length} to ship`,
    );
    return db;
  }

  get hasMsi(): boolean {
    return this.defaultSourceCode !== null;
  }

  /** Whether the table exists in this database. */
  has(table: string): boolean {
    return this.tables.has(table);
  }

  productAttribute(code: string): AttributeInfo | undefined {
    return this.attributes.find('catalog_product', code);
  }

  async query<T extends RowDataPacket[] | ResultSetHeader>(sql: string, values: unknown[] = []): Promise<T> {
    const [result] = await this.connection.query<T>(sql, values);
    return result;
  }

  /** Inserts built rows, one multi-row INSERT per run of rows of the same table (keeps FK order). */
  async insertRows(rows: readonly RowOut[]): Promise<void> {
    let i = 0;
    while (i < rows.length) {
      const first = rows[i]!;
      const batch: SqlValue[][] = [];
      while (i < rows.length && rows[i]!.table === first.table) batch.push(rows[i++]!.row);
      const columns = first.columns.map((c) => `\`${c}\``).join(',');
      await this.connection.query(`INSERT INTO \`${first.table}\` (${columns}) VALUES ?`, [batch]);
    }
  }

  /** Re-samples every pool (bounded queries). */
  async refresh(): Promise<void> {
    this.products = await this.sampleProducts();
    this.categories = await this.loadCategories();
    this.orderable = await this.sampleOrderable();
    this.customers = await this.sampleCustomers();
    if (this.has('sales_order')) {
      const open = await this.query<RowDataPacket[]>(
        `SELECT entity_id FROM sales_order WHERE state IN ('new', 'processing') AND total_invoiced IS NULL
          ORDER BY entity_id DESC LIMIT ${POOL_SIZE}`,
      );
      this.toInvoice = open.map((r) => Number(r['entity_id']));
      const ship = await this.query<RowDataPacket[]>(
        `SELECT entity_id FROM sales_order WHERE state = 'processing' AND total_invoiced IS NOT NULL AND is_virtual = 0
          ORDER BY entity_id DESC LIMIT ${POOL_SIZE}`,
      );
      this.toShip = ship.map((r) => Number(r['entity_id']));
    }
  }

  /** Ids spread over the whole id range: a few windows at random starting points (no ORDER BY RAND()). */
  private async windows(
    base: readonly [table: string, column: string],
    table: string,
    idColumn: string,
    select: string,
    where: string,
    values: unknown[],
    n: number,
  ): Promise<RowDataPacket[]> {
    const range = await this.query<RowDataPacket[]>(
      `SELECT MIN(\`${base[1]}\`) AS lo, MAX(\`${base[1]}\`) AS hi FROM \`${base[0]}\``,
    );
    const lo = Number(range[0]?.['lo'] ?? 0);
    const hi = Number(range[0]?.['hi'] ?? 0);
    if (hi === 0) return [];
    const seen = new Set<number>();
    const out: RowDataPacket[] = [];
    const parts = 4;
    for (let k = 0; k < parts; k++) {
      const start = lo + Math.floor(this.random.next() * (hi - lo + 1));
      const rows = await this.query<RowDataPacket[]>(
        `SELECT ${select} FROM ${table} WHERE ${idColumn} >= ? ${where ? `AND ${where}` : ''} ORDER BY ${idColumn} LIMIT ?`,
        [start, ...values, Math.ceil(n / parts)],
      );
      // A window that starts near the end comes back short; top it up from the start.
      const more =
        rows.length < n / parts
          ? await this.query<RowDataPacket[]>(
              `SELECT ${select} FROM ${table} WHERE ${idColumn} >= ? ${where ? `AND ${where}` : ''} ORDER BY ${idColumn} LIMIT ?`,
              [lo, ...values, Math.ceil(n / parts) - rows.length],
            )
          : [];
      for (const r of [...rows, ...more]) {
        const id = Number(r['id']);
        if (!seen.has(id)) {
          seen.add(id);
          out.push(r);
        }
      }
    }
    return out;
  }

  private async sampleProducts(): Promise<ProductRef[]> {
    const rows = await this.windows(
      ['catalog_product_entity', 'entity_id'],
      'catalog_product_entity e',
      'e.entity_id',
      'e.entity_id AS id, e.sku, e.type_id',
      '',
      [],
      POOL_SIZE,
    );
    return rows.map((r) => ({
      entityId: Number(r['id']),
      sku: String(r['sku']),
      typeId: String(r['type_id']),
    }));
  }

  private async loadCategories(): Promise<CategoryRef[]> {
    const rows = await this.query<RowDataPacket[]>(
      'SELECT entity_id, parent_id, path, level FROM catalog_category_entity ORDER BY entity_id LIMIT 20000',
    );
    return rows.map((r) => ({
      id: Number(r['entity_id']),
      parentId: Number(r['parent_id']),
      path: String(r['path']),
      level: Number(r['level']),
    }));
  }

  /** Enabled simple, virtual and downloadable products with a price, with their websites and configurable parent. */
  private async sampleOrderable(): Promise<OrderableProduct[]> {
    const price = this.productAttribute('price');
    const name = this.productAttribute('name');
    const status = this.productAttribute('status');
    const weight = this.productAttribute('weight');
    if (!price || !name || !status) return [];
    const rows = await this.windows(
      ['catalog_product_entity', 'entity_id'],
      `catalog_product_entity e
         JOIN catalog_product_entity_decimal p ON p.entity_id = e.entity_id AND p.attribute_id = ${price.id} AND p.store_id = 0
         JOIN catalog_product_entity_int s ON s.entity_id = e.entity_id AND s.attribute_id = ${status.id} AND s.store_id = 0
         LEFT JOIN catalog_product_entity_varchar n ON n.entity_id = e.entity_id AND n.attribute_id = ${name.id} AND n.store_id = 0
         ${weight ? `LEFT JOIN catalog_product_entity_decimal w ON w.entity_id = e.entity_id AND w.attribute_id = ${weight.id} AND w.store_id = 0` : ''}`,
      'e.entity_id',
      `e.entity_id AS id, e.sku, e.type_id, p.value AS price, n.value AS name, ${weight ? 'w.value' : 'NULL'} AS weight,
       (SELECT GROUP_CONCAT(website_id) FROM catalog_product_website WHERE product_id = e.entity_id) AS websites,
       (SELECT MIN(parent_id) FROM catalog_product_super_link WHERE product_id = e.entity_id) AS parent_id`,
      "e.type_id IN ('simple', 'virtual', 'downloadable') AND s.value = 1 AND p.value > 0",
      [],
      POOL_SIZE,
    );
    const parentIds = [
      ...new Set(rows.filter((r) => r['parent_id'] !== null).map((r) => Number(r['parent_id']))),
    ];
    const parents = new Map<number, { entityId: number; sku: string; name: string }>();
    if (parentIds.length > 0) {
      const ps = await this.query<RowDataPacket[]>(
        `SELECT e.entity_id, e.sku, n.value AS name FROM catalog_product_entity e
           LEFT JOIN catalog_product_entity_varchar n ON n.entity_id = e.entity_id AND n.attribute_id = ? AND n.store_id = 0
          WHERE e.entity_id IN (?)`,
        [name.id, parentIds],
      );
      for (const p of ps) {
        const id = Number(p['entity_id']);
        parents.set(id, { entityId: id, sku: String(p['sku']), name: String(p['name'] ?? p['sku']) });
      }
    }
    return rows
      .filter((r) => r['websites'] !== null)
      .map((r) => {
        const parent = r['parent_id'] === null ? undefined : parents.get(Number(r['parent_id']));
        return {
          entityId: Number(r['id']),
          sku: String(r['sku']),
          name: String(r['name'] ?? r['sku']),
          typeId: String(r['type_id']) as OrderableProduct['typeId'],
          price: Number(r['price']),
          weight: r['weight'] === null ? null : Number(r['weight']),
          websiteIds: String(r['websites']).split(',').map(Number),
          ...(parent ? { parent } : {}),
        };
      });
  }

  private async sampleCustomers(): Promise<WorkloadCustomer[]> {
    if (!this.has('customer_entity') || !this.has('customer_address_entity')) return [];
    const rows = await this.windows(
      ['customer_entity', 'entity_id'],
      `customer_entity c JOIN customer_address_entity b ON b.entity_id = c.default_billing
         JOIN customer_address_entity s ON s.entity_id = c.default_shipping`,
      'c.entity_id',
      `c.entity_id AS id, c.website_id, c.email, c.firstname, c.lastname, c.group_id, c.dob, c.gender,
       b.entity_id AS b_id, b.firstname AS b_firstname, b.lastname AS b_lastname, b.company AS b_company,
       b.street AS b_street, b.city AS b_city, b.region AS b_region, b.region_id AS b_region_id,
       b.postcode AS b_postcode, b.country_id AS b_country_id, b.telephone AS b_telephone,
       s.entity_id AS s_id, s.firstname AS s_firstname, s.lastname AS s_lastname, s.company AS s_company,
       s.street AS s_street, s.city AS s_city, s.region AS s_region, s.region_id AS s_region_id,
       s.postcode AS s_postcode, s.country_id AS s_country_id, s.telephone AS s_telephone`,
      'c.is_active = 1',
      [],
      POOL_SIZE / 4,
    );
    const address = (r: RowDataPacket, p: 'b' | 's'): OrderAddress => ({
      customerAddressId: Number(r[`${p}_id`]),
      firstname: String(r[`${p}_firstname`]),
      lastname: String(r[`${p}_lastname`]),
      company: r[`${p}_company`] === null ? null : String(r[`${p}_company`]),
      street: String(r[`${p}_street`]).split('\n')[0]!,
      city: String(r[`${p}_city`]),
      region: r[`${p}_region`] === null ? null : String(r[`${p}_region`]),
      regionId: r[`${p}_region_id`] === null ? null : Number(r[`${p}_region_id`]),
      postcode: String(r[`${p}_postcode`] ?? ''),
      countryId: String(r[`${p}_country_id`]),
      telephone: String(r[`${p}_telephone`]),
    });
    return rows.map((r) => ({
      id: Number(r['id']),
      websiteId: Number(r['website_id']),
      email: String(r['email']),
      firstname: String(r['firstname']),
      lastname: String(r['lastname']),
      groupId: Number(r['group_id']),
      dob: r['dob'] === null ? null : String(r['dob']).slice(0, 10),
      gender: r['gender'] === null ? null : Number(r['gender']),
      billing: address(r, 'b'),
      shipping: address(r, 's'),
    }));
  }

  /** The next increment id of a store's sequence, taken the way Magento takes it (an insert into its table). */
  async nextIncrementId(
    type: 'order' | 'invoice' | 'shipment',
    storeId: number,
  ): Promise<string | undefined> {
    const info = this.sequences.get(`${type}:${storeId}`);
    if (!info || !this.has(info.table)) return undefined;
    const result = await this.query<ResultSetHeader>(`INSERT INTO \`${info.table}\` () VALUES ()`);
    return formatIncrementId(info, result.insertId);
  }
}
