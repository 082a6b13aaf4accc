import { z } from 'zod';
import fixtures from './__fixtures__/customer-group-events.json';
import { CdcCode } from '@cde/contracts';
import { CdcDecodeError } from './cdc-decode.error';
import { currentOrLastRow } from './change-event';
import { parseTableTopic, tableTopic } from './commerce-topic';
import { decodeChangeEvent, zodRowParser, type RawCdcMessage } from './decode-change-event';

// Fixtures follow messages captured from the Debezium MariaDB connector of the local runtime.
const message = (name: keyof typeof fixtures, patch: Partial<RawCdcMessage> = {}): RawCdcMessage => ({
  ...fixtures[name],
  partition: 0,
  offset: '7',
  ...patch,
});

const withValue = (
  name: keyof typeof fixtures,
  edit: (value: Record<string, unknown>) => void,
): RawCdcMessage => {
  const value = JSON.parse(fixtures[name].value as string) as Record<string, unknown>;
  edit(value);
  return message(name, { value: JSON.stringify(value) });
};

function expectDecodeError(raw: RawCdcMessage, code: CdcCode, reason: RegExp): void {
  let caught: unknown;
  try {
    decodeChangeEvent(raw);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(CdcDecodeError);
  const error = caught as CdcDecodeError;
  expect(error.code).toBe(code);
  expect(error.reason).toMatch(reason);
  expect(error.origin).toEqual({ topic: raw.topic, partition: 0, offset: '7' });
  expect(error.message).toContain(`${code} `);
  expect(error.message).toContain('partition 0 offset 7');
}

describe(decodeChangeEvent.name, () => {
  it('decodes an insert with its key, row, source position and commit time', () => {
    const sut = decodeChangeEvent(message('insert'));
    expect(sut).toEqual({
      kind: 'change',
      op: 'c',
      topic: 'commerce.magento.customer_group',
      key: { customer_group_id: 4 },
      before: null,
      after: { customer_group_id: 4, customer_group_code: 'Wholesale EU', tax_class_id: 3 },
      source: {
        connector: 'mariadb',
        name: 'commerce',
        database: 'magento',
        table: 'customer_group',
        snapshot: 'false',
        position: { file: 'commerce-bin.000001', pos: 5399, row: 0, serverId: 1, gtid: '0-1-23' },
      },
      commitTime: new Date(1795325282000),
      capturedAt: new Date(1795325282854),
    });
  });

  it('decodes an update with both row images, UTF-8 intact', () => {
    const sut = decodeChangeEvent(message('update'));
    if (sut.kind !== 'change' || sut.op !== 'u') throw new Error(`expected an update, got ${sut.kind}`);
    expect(sut.before.customer_group_code).toBe('Wholesale EU');
    expect(sut.after.customer_group_code).toBe('Wholesale EU – Größe');
    expect(currentOrLastRow(sut)).toBe(sut.after);
  });

  it('decodes a delete, whose last row is the before image', () => {
    const sut = decodeChangeEvent(message('delete'));
    if (sut.kind !== 'change' || sut.op !== 'd') throw new Error(`expected a delete, got ${sut.kind}`);
    expect(sut.after).toBeNull();
    expect(currentOrLastRow(sut)).toEqual({
      customer_group_id: 4,
      customer_group_code: 'Wholesale EU – Größe',
      tax_class_id: 3,
    });
  });

  it('decodes the tombstone that follows a delete', () => {
    expect(decodeChangeEvent(message('tombstone'))).toEqual({
      kind: 'tombstone',
      topic: 'commerce.magento.customer_group',
      key: { customer_group_id: 4 },
    });
    expect(decodeChangeEvent(message('tombstone', { value: Buffer.alloc(0) })).kind).toBe('tombstone');
  });

  it('decodes a snapshot read and keeps its snapshot marker', () => {
    const sut = decodeChangeEvent(message('snapshotRead'));
    expect(sut).toMatchObject({ kind: 'change', op: 'r', before: null, source: { snapshot: 'first' } });
  });

  it('accepts Buffers as kafkajs delivers them', () => {
    const raw = fixtures.insert;
    const sut = decodeChangeEvent({
      topic: raw.topic,
      key: Buffer.from(raw.key),
      value: Buffer.from(raw.value),
    });
    expect(sut).toMatchObject({ kind: 'change', op: 'c' });
  });

  it('decodes a heartbeat', () => {
    expect(decodeChangeEvent(message('heartbeat'))).toEqual({
      kind: 'heartbeat',
      topic: '__debezium-heartbeat.commerce',
      at: new Date(1795325193260),
    });
  });

  it('types rows with a zod schema of the columns a consumer reads', () => {
    const parse = zodRowParser({ customer_group_id: z.number().int(), customer_group_code: z.string() });
    const sut = decodeChangeEvent(message('insert'), parse);
    if (sut.kind !== 'change' || sut.op !== 'c') throw new Error('expected an insert');
    const id: number = sut.after.customer_group_id;
    expect(id).toBe(4);
    expect(sut.after.tax_class_id).toBe(3); // other columns pass through
  });

  describe('malformed input', () => {
    it('rejects a value that is not JSON (CDE10-01)', () => {
      expectDecodeError(
        message('insert', { value: '{"before":' }),
        CdcCode.MalformedJson,
        /value is not JSON/,
      );
    });

    it('rejects a key that is not JSON (CDE10-01)', () => {
      expectDecodeError(
        message('insert', { key: 'customer_group_id=4' }),
        CdcCode.MalformedJson,
        /key is not JSON/,
      );
    });

    it('rejects JSON that is not an envelope (CDE10-02)', () => {
      expectDecodeError(message('insert', { value: '{"hello":"world"}' }), CdcCode.InvalidEnvelope, /source/);
      expectDecodeError(message('insert', { value: '[1,2]' }), CdcCode.InvalidEnvelope, /.+/);
      expectDecodeError(
        withValue('insert', (v) => ((v['after'] as Record<string, unknown>)['nested'] = { a: 1 })),
        CdcCode.InvalidEnvelope,
        /after/,
      );
    });

    it('names a Kafka Connect envelope with schemas as such (CDE10-02, CDE10-05)', () => {
      const withSchema = (payload: unknown): string =>
        JSON.stringify({ schema: { type: 'struct', optional: false, fields: [] }, payload });
      expectDecodeError(
        message('insert', { value: withSchema(JSON.parse(fixtures.insert.value)) }),
        CdcCode.InvalidEnvelope,
        /value is a Kafka Connect envelope with schemas .*value\.converter\.schemas\.enable=false/,
      );
      expectDecodeError(
        message('insert', { key: withSchema({ customer_group_id: 4 }) }),
        CdcCode.InvalidKey,
        /key is a Kafka Connect envelope with schemas .*key\.converter\.schemas\.enable=false/,
      );
    });

    it('rejects a heartbeat without a timestamp (CDE10-02)', () => {
      expectDecodeError(message('heartbeat', { value: '{}' }), CdcCode.InvalidEnvelope, /heartbeat/);
    });

    it('rejects operations we do not capture (CDE10-03)', () => {
      expectDecodeError(
        withValue('insert', (v) => (v['op'] = 't')),
        CdcCode.UnsupportedOperation,
        /"t"/,
      );
    });

    it('rejects envelopes that contradict their op (CDE10-04)', () => {
      expectDecodeError(
        withValue('insert', (v) => (v['after'] = null)),
        CdcCode.InconsistentEnvelope,
        /without after/,
      );
      expectDecodeError(
        withValue('update', (v) => (v['before'] = null)),
        CdcCode.InconsistentEnvelope,
        /FULL/,
      );
      expectDecodeError(
        withValue('delete', (v) => (v['before'] = null)),
        CdcCode.InconsistentEnvelope,
        /without before/,
      );
    });

    it('rejects a missing or non-object key (CDE10-05)', () => {
      expectDecodeError(message('insert', { key: null }), CdcCode.InvalidKey, /no key/);
      expectDecodeError(message('insert', { key: '42' }), CdcCode.InvalidKey, /not an object/);
    });

    it('rejects a row that does not match the consumer schema (CDE10-07)', () => {
      const parse = zodRowParser({ customer_group_code: z.number() });
      let caught: unknown;
      try {
        decodeChangeEvent(message('insert'), parse);
      } catch (error) {
        caught = error;
      }
      expect(caught).toMatchObject({
        code: CdcCode.InvalidRow,
        reason: expect.stringContaining('customer_group_code') as string,
      });
    });
  });
});

describe(parseTableTopic.name, () => {
  it('splits a Debezium table topic and builds it back', () => {
    expect(parseTableTopic('commerce.magento.catalog_product_entity')).toEqual({
      prefix: 'commerce',
      database: 'magento',
      table: 'catalog_product_entity',
    });
    expect(tableTopic('magento', 'catalog_product_entity')).toBe('commerce.magento.catalog_product_entity');
  });

  it.each(['commerce.magento', 'commerce..store', 'a.b.c.d', ''])('rejects "%s" (CDE10-06)', (topic) => {
    expect(() => parseTableTopic(topic)).toThrow(
      expect.objectContaining({ code: CdcCode.InvalidTopic }) as Error,
    );
  });
});
