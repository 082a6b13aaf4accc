import type { Connection } from 'mysql2/promise';

/** A value mysql2 escapes into SQL. */
export type SqlValue = string | number | bigint | boolean | Date | null;

interface TableBuffer {
  readonly columns: readonly string[];
  rows: SqlValue[][];
  bytes: number;
}

/**
 * Buffers rows per table and writes them as multi-row INSERTs (`INSERT INTO t (cols) VALUES (…),(…)`), the
 * fastest way to load through the protocol without LOAD DATA. Flushes a table at `maxRows` or ~`maxBytes`, and
 * everything on `flush()`. Writing is sequential on one connection, so inserts keep their order.
 */
export class BulkWriter {
  private readonly tables = new Map<string, TableBuffer>();
  private written = 0;

  constructor(
    private readonly connection: Connection,
    private readonly maxRows = 2000,
    private readonly maxBytes = 4 * 1024 * 1024,
  ) {}

  /** Rows written so far (flushed). */
  get rowsWritten(): number {
    return this.written;
  }

  async insert(table: string, columns: readonly string[], row: SqlValue[]): Promise<void> {
    if (row.length !== columns.length) {
      throw new Error(`${table}: ${row.length} values for ${columns.length} columns`);
    }
    let buffer = this.tables.get(table);
    if (!buffer) {
      buffer = { columns, rows: [], bytes: 0 };
      this.tables.set(table, buffer);
    } else if (buffer.columns !== columns && buffer.columns.join() !== columns.join()) {
      await this.flushTable(table, buffer);
      buffer = { columns, rows: [], bytes: 0 };
      this.tables.set(table, buffer);
    }
    buffer.rows.push(row);
    for (const v of row) buffer.bytes += typeof v === 'string' ? v.length + 3 : 8;
    if (buffer.rows.length >= this.maxRows || buffer.bytes >= this.maxBytes)
      await this.flushTable(table, buffer);
  }

  /** Writes every buffered row, table by table in the order tables were first used. */
  async flush(): Promise<void> {
    for (const [table, buffer] of this.tables) await this.flushTable(table, buffer);
  }

  private async flushTable(table: string, buffer: TableBuffer): Promise<void> {
    if (buffer.rows.length === 0) return;
    const rows = buffer.rows;
    buffer.rows = [];
    buffer.bytes = 0;
    const columns = buffer.columns.map((c) => `\`${c}\``).join(',');
    await this.connection.query(`INSERT INTO \`${table}\` (${columns}) VALUES ?`, [rows]);
    this.written += rows.length;
  }
}
