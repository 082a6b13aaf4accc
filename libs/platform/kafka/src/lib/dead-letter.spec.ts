import { DeadLetterHeaders } from '@cde/contracts';
import type { KafkaMessage } from 'kafkajs';
import { deadLetterMessage } from './dead-letter';

const batch = { topic: 'commerce.magento.customer_group', partition: 2 };

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
