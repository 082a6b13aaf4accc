import { DeadLetterHeaders } from '@cde/contracts';
import { CdcDecodeError } from '@cde/platform/cdc';
import { CdcCode } from '@cde/contracts';
import type { KafkaMessage } from 'kafkajs';
import { deadLetterMessage, poisonOf } from './dead-letter';
import { PoisonMessageError } from './poison-message.error';

const batch = { topic: 'commerce.magento.customer_group', partition: 2 };

describe(poisonOf.name, () => {
  it('reads a PoisonMessageError', () => {
    expect(poisonOf(new PoisonMessageError('12', 'CDE01-16', 'cannot build identifier'), batch)).toEqual({
      offset: '12',
      code: 'CDE01-16',
      reason: 'cannot build identifier',
    });
  });

  it('reads a CdcDecodeError about a message of the same partition', () => {
    const error = new CdcDecodeError(CdcCode.MalformedJson, 'value is not JSON', {
      ...batch,
      offset: '7',
    });
    expect(poisonOf(error, batch)).toEqual({
      offset: '7',
      code: CdcCode.MalformedJson,
      reason: 'value is not JSON',
    });
  });

  it('does not take a CdcDecodeError without an offset or about another partition as poison', () => {
    const noOffset = new CdcDecodeError(CdcCode.InvalidTopic, 'bad topic', { topic: batch.topic });
    const otherPartition = new CdcDecodeError(CdcCode.InvalidKey, 'bad key', {
      ...batch,
      partition: 3,
      offset: '1',
    });
    expect(poisonOf(noOffset, batch)).toBeUndefined();
    expect(poisonOf(otherPartition, batch)).toBeUndefined();
  });

  it('takes any other error as transient', () => {
    expect(poisonOf(new Error('ECONNREFUSED'), batch)).toBeUndefined();
    expect(poisonOf({ status: 'error', message: 'Internal server error' }, batch)).toBeUndefined();
  });
});

describe(deadLetterMessage.name, () => {
  it('keeps key, value and headers and adds why and where it failed', () => {
    const original: KafkaMessage = {
      key: Buffer.from('{"customer_group_id":4}'),
      value: Buffer.from('{not json'),
      headers: { traceparent: Buffer.from('00-abc-01') },
      offset: '41',
      timestamp: '1700000000000',
      attributes: 0,
    };
    const failedAt = new Date('2026-11-22T10:00:00.000Z');
    const message = deadLetterMessage(
      batch,
      original,
      { offset: '41', code: 'CDE10-01', reason: 'value is not JSON' },
      'scopes-feed',
      failedAt,
    );
    expect(message.key).toBe(original.key);
    expect(message.value).toBe(original.value);
    expect(message.timestamp).toBeUndefined();
    expect(message.headers).toEqual({
      traceparent: original.headers?.['traceparent'],
      [DeadLetterHeaders.code]: 'CDE10-01',
      [DeadLetterHeaders.reason]: 'value is not JSON',
      [DeadLetterHeaders.sourceTopic]: batch.topic,
      [DeadLetterHeaders.sourcePartition]: '2',
      [DeadLetterHeaders.sourceOffset]: '41',
      [DeadLetterHeaders.service]: 'scopes-feed',
      [DeadLetterHeaders.failedAt]: '2026-11-22T10:00:00.000Z',
    });
  });
});
