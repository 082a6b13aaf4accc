import type { Connection, RowDataPacket } from 'mysql2/promise';

/** The primary-key column of every table whose ids the sales rows allocate themselves. */
export const SALES_ID_COLUMNS = {
  customer_entity: 'entity_id',
  customer_address_entity: 'entity_id',
  sales_order: 'entity_id',
  sales_order_item: 'item_id',
  sales_order_address: 'entity_id',
  sales_order_payment: 'entity_id',
  sales_order_status_history: 'entity_id',
  sales_order_tax: 'tax_id',
  sales_order_tax_item: 'tax_item_id',
  sales_invoice: 'entity_id',
  sales_invoice_item: 'entity_id',
  sales_shipment: 'entity_id',
  sales_shipment_item: 'entity_id',
  sales_shipment_track: 'entity_id',
  sales_creditmemo: 'entity_id',
  sales_creditmemo_item: 'entity_id',
  sales_creditmemo_comment: 'entity_id',
  sales_payment_transaction: 'transaction_id',
} as const;

export type SalesIdTable = keyof typeof SALES_ID_COLUMNS;

/**
 * Hands out primary keys: MAX(id) is read once per table, then counted up in memory, so rows can reference each
 * other without reading insert ids back. Only valid while nothing else inserts into these tables.
 */
export class IdAllocator {
  private constructor(private readonly last: Map<SalesIdTable, number>) {}

  static async load(connection: Connection): Promise<IdAllocator> {
    const tables = Object.keys(SALES_ID_COLUMNS) as SalesIdTable[];
    const select = tables
      .map((t) => `(SELECT COALESCE(MAX(\`${SALES_ID_COLUMNS[t]}\`), 0) FROM \`${t}\`) AS \`${t}\``)
      .join(', ');
    const [rows] = await connection.query<RowDataPacket[]>(`SELECT ${select}`);
    const row = rows[0];
    return new IdAllocator(new Map(tables.map((t) => [t, Number(row?.[t] ?? 0)])));
  }

  next(table: SalesIdTable): number {
    const id = (this.last.get(table) ?? 0) + 1;
    this.last.set(table, id);
    return id;
  }
}

export const SEQUENCE_TYPES = ['order', 'invoice', 'shipment', 'creditmemo'] as const;
export type SequenceType = (typeof SEQUENCE_TYPES)[number];

export interface SequenceInfo {
  readonly table: string;
  readonly prefix: string;
  readonly suffix: string;
  readonly step: number;
  readonly startValue: number;
}

/**
 * Magento's increment id for a value of the sequence table (Magento\SalesSequence\Model\Sequence):
 * `sprintf("%s%'.09d%s", prefix, (value - start) * step + start, suffix)`, so store 1 (no prefix) gives
 * `000000001` and a later store view 2 (prefix "2") `2000000001`.
 */
export function formatIncrementId(info: Omit<SequenceInfo, 'table'>, value: number): string {
  const n = (value - info.startValue) * info.step + info.startValue;
  return `${info.prefix}${String(n).padStart(9, '0')}${info.suffix}`;
}

/** The active sequence profile of every (type, store) registered in sales_sequence_meta. */
export async function loadSequenceInfo(connection: Connection): Promise<Map<string, SequenceInfo>> {
  const [rows] = await connection.query<RowDataPacket[]>(
    `SELECT m.entity_type, m.store_id, m.sequence_table, p.prefix, p.suffix, p.step, p.start_value
       FROM sales_sequence_meta m JOIN sales_sequence_profile p ON p.meta_id = m.meta_id AND p.is_active = 1`,
  );
  const out = new Map<string, SequenceInfo>();
  for (const r of rows) {
    out.set(sequenceKey(String(r['entity_type']) as SequenceType, Number(r['store_id'])), {
      table: String(r['sequence_table']),
      prefix: r['prefix'] === null ? '' : String(r['prefix']),
      suffix: r['suffix'] === null ? '' : String(r['suffix']),
      step: Number(r['step']) || 1,
      startValue: Number(r['start_value']) || 1,
    });
  }
  return out;
}

export function sequenceKey(type: SequenceType, storeId: number): string {
  return `${type}:${storeId}`;
}

/**
 * Issues increment ids per (type, store) in memory and records every issued value, so the generator can write
 * them into `sequence_<type>_<store>` and Magento-like code later continues after them.
 */
export class SequenceCounters {
  private readonly last = new Map<string, number>();

  private constructor(private readonly info: ReadonlyMap<string, SequenceInfo>) {}

  static async load(connection: Connection, storeIds: readonly number[]): Promise<SequenceCounters> {
    const info = await loadSequenceInfo(connection);
    const counters = new SequenceCounters(info);
    for (const storeId of storeIds) {
      for (const type of SEQUENCE_TYPES) {
        const seq = info.get(sequenceKey(type, storeId));
        if (!seq) throw new Error(`no sales sequence registered for ${type} of store ${storeId}`);
        const [rows] = await connection.query<RowDataPacket[]>(
          `SELECT COALESCE(MAX(sequence_value), 0) AS v FROM \`${seq.table}\``,
        );
        counters.last.set(sequenceKey(type, storeId), Number(rows[0]?.['v'] ?? 0));
      }
    }
    return counters;
  }

  /** The next value and its increment id; `table` is where the value must be inserted. */
  next(type: SequenceType, storeId: number): { value: number; incrementId: string; table: string } {
    const key = sequenceKey(type, storeId);
    const info = this.info.get(key);
    const last = this.last.get(key);
    if (!info || last === undefined) throw new Error(`sales sequence ${key} was not loaded`);
    // The table's AUTO_INCREMENT starts at start_value (Magento\SalesSequence\Model\Builder).
    const value = Math.max(last + 1, info.startValue);
    this.last.set(key, value);
    return { value, incrementId: formatIncrementId(info, value), table: info.table };
  }
}
