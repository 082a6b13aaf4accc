import type { Connection, RowDataPacket } from 'mysql2/promise';

export type BackendType = 'static' | 'varchar' | 'int' | 'decimal' | 'text' | 'datetime';
/** catalog_eav_attribute.is_global: 0 store view, 1 global, 2 website. */
export type AttributeScope = 'store' | 'global' | 'website';

export interface AttributeInfo {
  readonly id: number;
  readonly code: string;
  readonly entityTypeId: number;
  readonly backendType: BackendType;
  readonly frontendInput: string | null;
  readonly scope: AttributeScope;
}

export type EntityTypeCode = 'catalog_product' | 'catalog_category' | 'customer' | 'customer_address';

/**
 * Attributes by (entity type code, attribute code), read from the database: attribute ids differ between
 * installs (module install order), so nothing outside this class uses a literal id.
 */
export class AttributeRegistry {
  private constructor(
    private readonly entityTypes: ReadonlyMap<string, { id: number; defaultSetId: number }>,
    private readonly byCode: Map<string, AttributeInfo>,
  ) {}

  static async load(connection: Connection): Promise<AttributeRegistry> {
    const [types] = await connection.query<RowDataPacket[]>(
      'SELECT entity_type_id, entity_type_code, default_attribute_set_id FROM eav_entity_type',
    );
    const entityTypes = new Map<string, { id: number; defaultSetId: number }>();
    for (const t of types) {
      entityTypes.set(String(t['entity_type_code']), {
        id: Number(t['entity_type_id']),
        defaultSetId: Number(t['default_attribute_set_id']),
      });
    }
    const registry = new AttributeRegistry(entityTypes, new Map());
    await registry.reload(connection);
    return registry;
  }

  /** Re-reads the attributes, e.g. after the generator created some. */
  async reload(connection: Connection): Promise<void> {
    const [rows] = await connection.query<RowDataPacket[]>(
      `SELECT a.attribute_id, a.attribute_code, a.entity_type_id, a.backend_type, a.frontend_input, ca.is_global
         FROM eav_attribute a LEFT JOIN catalog_eav_attribute ca ON ca.attribute_id = a.attribute_id`,
    );
    this.byCode.clear();
    for (const r of rows) {
      const info: AttributeInfo = {
        id: Number(r['attribute_id']),
        code: String(r['attribute_code']),
        entityTypeId: Number(r['entity_type_id']),
        backendType: String(r['backend_type']) as BackendType,
        frontendInput: r['frontend_input'] === null ? null : String(r['frontend_input']),
        scope: r['is_global'] === 1 ? 'global' : r['is_global'] === 2 ? 'website' : 'store',
      };
      this.byCode.set(`${info.entityTypeId}:${info.code}`, info);
    }
  }

  entityType(code: EntityTypeCode): { id: number; defaultSetId: number } {
    const t = this.entityTypes.get(code);
    if (!t) throw new Error(`entity type ${code} is missing (is the schema's default data loaded?)`);
    return t;
  }

  find(entityType: EntityTypeCode, code: string): AttributeInfo | undefined {
    return this.byCode.get(`${this.entityType(entityType).id}:${code}`);
  }

  get(entityType: EntityTypeCode, code: string): AttributeInfo {
    const info = this.find(entityType, code);
    if (!info) throw new Error(`attribute ${entityType}.${code} does not exist`);
    return info;
  }

  product(code: string): AttributeInfo {
    return this.get('catalog_product', code);
  }

  category(code: string): AttributeInfo {
    return this.get('catalog_category', code);
  }
}
