/**
 * Decoded Debezium change events (JsonConverter with schemas disabled, `decimal.handling.mode=string`,
 * `time.precision.mode=isostring`): what a feed consumer works with instead of raw Kafka messages.
 */

/** A column value as Debezium's JSON carries it with our connector settings. */
export type CdcValue = string | number | boolean | null;

/** A table row: column name → value. */
export type CdcRow = Readonly<Record<string, CdcValue>>;

/** c = insert, u = update, d = delete, r = read during a snapshot (initial or incremental). */
export type ChangeOperation = 'c' | 'u' | 'd' | 'r';

/** Debezium's `source.snapshot`: `false` while streaming the binlog, otherwise which kind of snapshot read. */
export type SnapshotMarker =
  | 'false'
  | 'true'
  | 'first'
  | 'first_in_data_collection'
  | 'last_in_data_collection'
  | 'last'
  | 'incremental';

/** Where in the source database's history the change happened. */
export interface SourcePosition {
  /** Binlog file and offset of the event (the file is empty during a snapshot on some servers). */
  readonly file: string;
  readonly pos: number;
  /** Row index within the binlog event (a multi-row statement has several). */
  readonly row: number;
  readonly serverId: number;
  /** Global transaction id, when the server has one (always on MariaDB; with GTID mode on MySQL). */
  readonly gtid: string | null;
}

export interface ChangeSource {
  readonly connector: string;
  /** The connector's logical name (`topic.prefix`). */
  readonly name: string;
  readonly database: string;
  readonly table: string;
  readonly snapshot: SnapshotMarker;
  readonly position: SourcePosition;
}

interface ChangeEventBase<Row extends CdcRow> {
  readonly kind: 'change';
  readonly topic: string;
  /** Primary-key columns of the row. */
  readonly key: Row | CdcRow;
  readonly source: ChangeSource;
  /** When the change was committed in the Commerce DB (`source.ts_ms`); for snapshot reads, when it was read. */
  readonly commitTime: Date;
  /** When Debezium processed the event (`ts_ms`): the difference to commitTime is capture lag. */
  readonly capturedAt: Date;
}

export interface InsertEvent<Row extends CdcRow> extends ChangeEventBase<Row> {
  readonly op: 'c';
  readonly before: null;
  readonly after: Row;
}

export interface UpdateEvent<Row extends CdcRow> extends ChangeEventBase<Row> {
  readonly op: 'u';
  readonly before: Row;
  readonly after: Row;
}

export interface DeleteEvent<Row extends CdcRow> extends ChangeEventBase<Row> {
  readonly op: 'd';
  readonly before: Row;
  readonly after: null;
}

export interface ReadEvent<Row extends CdcRow> extends ChangeEventBase<Row> {
  readonly op: 'r';
  readonly before: null;
  readonly after: Row;
}

export type ChangeEvent<Row extends CdcRow = CdcRow> =
  InsertEvent<Row> | UpdateEvent<Row> | DeleteEvent<Row> | ReadEvent<Row>;

/** The null-valued message that follows a delete, so log compaction can drop the key. */
export interface Tombstone {
  readonly kind: 'tombstone';
  readonly topic: string;
  readonly key: CdcRow;
}

/** Debezium's periodic liveness message; it carries the connector's progress, no row. */
export interface Heartbeat {
  readonly kind: 'heartbeat';
  readonly topic: string;
  readonly at: Date;
}

export type DecodedMessage<Row extends CdcRow = CdcRow> = ChangeEvent<Row> | Tombstone | Heartbeat;

/** The current row of a change: `after`, or `before` for a delete. */
export function currentOrLastRow<Row extends CdcRow>(event: ChangeEvent<Row>): Row {
  return event.op === 'd' ? event.before : event.after;
}
