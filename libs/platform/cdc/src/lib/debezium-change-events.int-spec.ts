import {
  collectMessages,
  connectCommerceDbAsShop,
  testKafka,
  uniqueName,
  type CollectedMessage,
} from '@cde/testing/runtime';
import type { Connection, ResultSetHeader } from 'mysql2/promise';
import { type DecodedMessage } from './change-event';
import { tableTopic } from './commerce-topic';
import { decodeChangeEvent, zodRowParser } from './decode-change-event';
import { z } from 'zod';

/** Magento 2.4's `customer_group`, as declared in the Customer module (and found in the 2.4.8 dump). */
const CUSTOMER_GROUP_DDL = `CREATE TABLE IF NOT EXISTS customer_group (
  customer_group_id int(10) unsigned NOT NULL AUTO_INCREMENT,
  customer_group_code varchar(32) NOT NULL COMMENT 'Customer Group Code',
  tax_class_id int(10) unsigned NOT NULL DEFAULT 0 COMMENT 'Tax Class ID',
  PRIMARY KEY (customer_group_id),
  KEY CUSTOMER_GROUP_CUSTOMER_GROUP_CODE (customer_group_code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci COMMENT='Customer Group'`;

const customerGroupRow = zodRowParser({
  customer_group_id: z.number().int(),
  customer_group_code: z.string(),
  tax_class_id: z.number().int(),
});

describe('Debezium change events from the Commerce DB', () => {
  const kafka = testKafka('cde-cdc-test');
  let db: Connection;

  beforeAll(async () => {
    db = await connectCommerceDbAsShop();
    await db.query(CUSTOMER_GROUP_DDL);
  });

  afterAll(async () => {
    await db.end();
  });

  it('delivers an insert, an update, a delete and its tombstone, decoded by @cde/platform/cdc', async () => {
    const code = uniqueName('cdc'); // ≤ 32 chars, unique per run
    const renamed = `${code}-vip`;
    const startedAt = Date.now();

    const [insert] = await db.execute<ResultSetHeader>(
      'INSERT INTO customer_group (customer_group_code, tax_class_id) VALUES (?, 3)',
      [code],
    );
    const id = insert.insertId;
    await db.execute('UPDATE customer_group SET customer_group_code = ? WHERE customer_group_id = ?', [
      renamed,
      id,
    ]);
    await db.execute('DELETE FROM customer_group WHERE customer_group_id = ?', [id]);

    const ours = (m: CollectedMessage): boolean =>
      m.message.key?.toString() === JSON.stringify({ customer_group_id: id });
    const collected = await collectMessages(kafka, {
      topic: tableTopic('magento', 'customer_group'),
      until: (seen) => seen.filter(ours).length >= 4,
      timeoutMs: 90_000,
    });

    const decoded: DecodedMessage[] = collected
      .filter(ours)
      .map(({ topic, partition, message }) =>
        decodeChangeEvent(
          { topic, partition, offset: message.offset, key: message.key, value: message.value },
          customerGroupRow,
        ),
      );
    expect(decoded.map((d) => (d.kind === 'change' ? d.op : d.kind))).toEqual(['c', 'u', 'd', 'tombstone']);

    const [created, updated, deleted, tombstone] = decoded;
    if (created?.kind !== 'change' || created.op !== 'c') throw new Error('expected an insert first');
    expect(created.key).toEqual({ customer_group_id: id });
    expect(created.after).toEqual({ customer_group_id: id, customer_group_code: code, tax_class_id: 3 });
    expect(created.source).toMatchObject({
      connector: 'mariadb',
      name: 'commerce',
      database: 'magento',
      table: 'customer_group',
      snapshot: 'false',
    });
    expect(created.source.position.file).toMatch(/^commerce-bin\.\d+$/);
    expect(created.source.position.pos).toBeGreaterThan(0);
    expect(created.source.position.gtid).toMatch(/^\d+-\d+-\d+$/);
    // Commit time comes from the binlog (second precision): within this test's run, never after capture.
    expect(created.commitTime.getTime()).toBeGreaterThanOrEqual(Math.floor(startedAt / 1000) * 1000);
    expect(created.commitTime.getTime()).toBeLessThanOrEqual(created.capturedAt.getTime());

    if (updated?.kind !== 'change' || updated.op !== 'u') throw new Error('expected an update second');
    expect(updated.before.customer_group_code).toBe(code);
    expect(updated.after.customer_group_code).toBe(renamed);

    if (deleted?.kind !== 'change' || deleted.op !== 'd') throw new Error('expected a delete third');
    expect(deleted.after).toBeNull();
    expect(deleted.before).toEqual({ customer_group_id: id, customer_group_code: renamed, tax_class_id: 3 });

    expect(tombstone).toEqual({
      kind: 'tombstone',
      topic: 'commerce.magento.customer_group',
      key: { customer_group_id: id },
    });
  });
});
