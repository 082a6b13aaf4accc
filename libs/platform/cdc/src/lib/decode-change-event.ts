import { CdcCode } from '@cde/contracts';
import { z } from 'zod';
import { CdcDecodeError, type CdcMessageOrigin } from './cdc-decode.error';
import type { CdcRow, ChangeEvent, DecodedMessage, SnapshotMarker } from './change-event';
import { COMMERCE_HEARTBEAT_TOPIC } from './commerce-topic';

/** The parts of a Kafka message the decoder needs; kafkajs' `KafkaMessage` plus its topic fits. */
export interface RawCdcMessage {
  readonly topic: string;
  readonly partition?: number;
  readonly offset?: string;
  readonly key: Buffer | string | null;
  readonly value: Buffer | string | null;
}

/** Validates a row beyond "an object of scalars", e.g. a zod schema of the columns a consumer reads. */
export type RowParser<Row extends CdcRow> = (row: CdcRow) => Row;

const cdcValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const row = z.record(z.string(), cdcValue);

const snapshotMarker = z
  .union([
    z.enum([
      'false',
      'true',
      'first',
      'first_in_data_collection',
      'last_in_data_collection',
      'last',
      'incremental',
    ]),
    z.boolean(),
  ])
  .nullish()
  .transform((v): SnapshotMarker =>
    v === undefined || v === null || v === false ? 'false' : v === true ? 'true' : v,
  );

const source = z.object({
  connector: z.string(),
  name: z.string(),
  ts_ms: z.number().int().nonnegative(),
  snapshot: snapshotMarker,
  db: z.string(),
  table: z.string().nullish(),
  server_id: z.number().int().nullish(),
  gtid: z.string().nullish(),
  file: z.string().nullish(),
  pos: z.number().int().nullish(),
  row: z.number().int().nullish(),
});

const envelope = z.object({
  op: z.string(),
  before: row.nullish(),
  after: row.nullish(),
  source,
  ts_ms: z.number().int().nonnegative().nullish(),
});

const heartbeat = z.object({ ts_ms: z.number().int().nonnegative() });

/**
 * Decodes one message from a `commerce.<db>.<table>` topic (or the connector's heartbeat topic) into a typed
 * change event, tombstone or heartbeat. Throws {@link CdcDecodeError} with a `CDE10-nn` code for anything else;
 * never returns a half-decoded event.
 */
export function decodeChangeEvent<Row extends CdcRow = CdcRow>(
  message: RawCdcMessage,
  parseRow?: RowParser<Row>,
): DecodedMessage<Row> {
  const origin: CdcMessageOrigin = {
    topic: message.topic,
    partition: message.partition,
    offset: message.offset,
  };

  if (message.topic.startsWith(COMMERCE_HEARTBEAT_TOPIC)) {
    const value = parseJson(message.value, origin, 'value');
    const parsed = heartbeat.safeParse(value);
    if (!parsed.success) {
      throw new CdcDecodeError(
        CdcCode.InvalidEnvelope,
        `heartbeat without ts_ms: ${z.prettifyError(parsed.error)}`,
        origin,
      );
    }
    return { kind: 'heartbeat', topic: message.topic, at: new Date(parsed.data.ts_ms) };
  }

  const key = decodeKey(message.key, origin);
  if (message.value === null || message.value.length === 0) {
    return { kind: 'tombstone', topic: message.topic, key };
  }

  const value = parseJson(message.value, origin, 'value');
  if (isSchemaEnvelope(value)) {
    throw new CdcDecodeError(CdcCode.InvalidEnvelope, schemaEnvelopeReason('value'), origin);
  }
  const parsed = envelope.safeParse(value);
  if (!parsed.success) {
    throw new CdcDecodeError(CdcCode.InvalidEnvelope, z.prettifyError(parsed.error), origin);
  }
  const env = parsed.data;
  const before = env.before ?? null;
  const after = env.after ?? null;
  const typed = (r: CdcRow): Row => applyRowParser(r, parseRow, origin);

  const base = {
    kind: 'change' as const,
    topic: message.topic,
    key,
    source: {
      connector: env.source.connector,
      name: env.source.name,
      database: env.source.db,
      table: env.source.table ?? '',
      snapshot: env.source.snapshot,
      position: {
        file: env.source.file ?? '',
        pos: env.source.pos ?? 0,
        row: env.source.row ?? 0,
        serverId: env.source.server_id ?? 0,
        gtid: env.source.gtid ?? null,
      },
    },
    commitTime: new Date(env.source.ts_ms),
    capturedAt: new Date(env.ts_ms ?? env.source.ts_ms),
  };

  const missing = (what: string): CdcDecodeError =>
    new CdcDecodeError(CdcCode.InconsistentEnvelope, `op "${env.op}" without ${what}`, origin);

  let event: ChangeEvent<Row>;
  switch (env.op) {
    case 'c':
      if (!after) throw missing('after');
      event = { ...base, op: 'c', before: null, after: typed(after) };
      break;
    case 'r':
      if (!after) throw missing('after');
      event = { ...base, op: 'r', before: null, after: typed(after) };
      break;
    case 'u':
      if (!after || !before) throw missing(after ? 'before (is binlog_row_image FULL?)' : 'after');
      event = { ...base, op: 'u', before: typed(before), after: typed(after) };
      break;
    case 'd':
      if (!before) throw missing('before');
      event = { ...base, op: 'd', before: typed(before), after: null };
      break;
    default:
      throw new CdcDecodeError(CdcCode.UnsupportedOperation, `unsupported op "${env.op}"`, origin);
  }
  return event;
}

function decodeKey(raw: Buffer | string | null, origin: CdcMessageOrigin): CdcRow {
  if (raw === null || raw.length === 0) {
    throw new CdcDecodeError(CdcCode.InvalidKey, 'message has no key (table without primary key?)', origin);
  }
  const value = parseJson(raw, origin, 'key');
  if (isSchemaEnvelope(value)) {
    throw new CdcDecodeError(CdcCode.InvalidKey, schemaEnvelopeReason('key'), origin);
  }
  const parsed = row.safeParse(value);
  if (!parsed.success) {
    throw new CdcDecodeError(
      CdcCode.InvalidKey,
      `key is not an object of columns: ${z.prettifyError(parsed.error)}`,
      origin,
    );
  }
  return parsed.data;
}

/**
 * Kafka Connect's JSON converter with schemas enabled wraps every key and value in `{"schema": …, "payload": …}`.
 * Read as an envelope it fails for a missing `op` and `source`, which hides the cause; named, the error points at
 * the converter setting.
 */
function isSchemaEnvelope(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 2 && keys.includes('schema') && keys.includes('payload');
}

function schemaEnvelopeReason(part: 'key' | 'value'): string {
  return (
    `${part} is a Kafka Connect envelope with schemas ({"schema", "payload"}): the connector must write plain ` +
    `JSON (${part}.converter.schemas.enable=false, as deploy/debezium/commerce-connector.json sets it)`
  );
}

function parseJson(raw: Buffer | string | null, origin: CdcMessageOrigin, part: 'key' | 'value'): unknown {
  if (raw === null) {
    throw new CdcDecodeError(CdcCode.InvalidEnvelope, `${part} is empty`, origin);
  }
  const text = typeof raw === 'string' ? raw : raw.toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new CdcDecodeError(CdcCode.MalformedJson, `${part} is not JSON: ${detail}`, origin);
  }
}

function applyRowParser<Row extends CdcRow>(
  value: CdcRow,
  parseRow: RowParser<Row> | undefined,
  origin: CdcMessageOrigin,
): Row {
  if (!parseRow) return value as Row;
  try {
    return parseRow(value);
  } catch (error) {
    const detail =
      error instanceof z.ZodError
        ? z.prettifyError(error)
        : error instanceof Error
          ? error.message
          : String(error);
    throw new CdcDecodeError(CdcCode.InvalidRow, `row does not match its schema: ${detail}`, origin);
  }
}

/** A {@link RowParser} from a zod object schema of the columns a consumer reads (other columns pass through). */
export function zodRowParser<Shape extends z.ZodRawShape>(
  shape: Shape,
): RowParser<CdcRow & z.infer<z.ZodObject<Shape>>> {
  const schema = z.looseObject(shape);
  return (value) => schema.parse(value) as CdcRow & z.infer<z.ZodObject<Shape>>;
}
