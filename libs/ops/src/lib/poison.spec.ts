import { DeadLetterHeaders } from '@cde/contracts';
import { poisonEntryOf, poisonTopicOf, replayMessageOf, selectPoison, type DeadLetterRecord } from './poison';

const record = (over: Partial<DeadLetterRecord> = {}): DeadLetterRecord => ({
  partition: 0,
  offset: '4',
  key: Buffer.from('{"entity_id":7}'),
  value: Buffer.from('{"op":"x"}'),
  headers: {
    traceparent: Buffer.from('00-abc-def-01'),
    [DeadLetterHeaders.code]: Buffer.from('CDE10-03'),
    [DeadLetterHeaders.reason]: Buffer.from('op "x" is not one of c, u, d, r'),
    [DeadLetterHeaders.sourceTopic]: Buffer.from('commerce.magento.catalog_product_entity'),
    [DeadLetterHeaders.sourcePartition]: Buffer.from('2'),
    [DeadLetterHeaders.sourceOffset]: Buffer.from('1234'),
    [DeadLetterHeaders.service]: Buffer.from('products-feed'),
    [DeadLetterHeaders.failedAt]: Buffer.from('2026-12-06T10:00:00.000Z'),
  },
  ...over,
});

describe('poison messages', () => {
  it('reads why and where a message failed from its headers', () => {
    expect(poisonEntryOf(record())).toEqual({
      partition: 0,
      offset: '4',
      code: 'CDE10-03',
      reason: 'op "x" is not one of c, u, d, r',
      sourceTopic: 'commerce.magento.catalog_product_entity',
      sourcePartition: 2,
      sourceOffset: '1234',
      service: 'products-feed',
      failedAt: '2026-12-06T10:00:00.000Z',
      key: '{"entity_id":7}',
      value: '{"op":"x"}',
    });
  });

  it('cuts a long value to a preview', () => {
    const entry = poisonEntryOf(record({ value: Buffer.from('x'.repeat(1000)) }));
    expect(entry.value).toHaveLength(301);
  });

  it('selects by code and by source topic', () => {
    const entry = poisonEntryOf(record());
    expect(selectPoison(entry, {})).toBe(true);
    expect(selectPoison(entry, { codes: ['CDE10-01'] })).toBe(false);
    expect(selectPoison(entry, { codes: ['CDE10-03'], sourceTopics: [entry.sourceTopic] })).toBe(true);
    expect(selectPoison(entry, { sourceTopics: ['commerce.magento.store'] })).toBe(false);
  });

  it('replays the original key, value and headers to the source topic, without the dead-letter headers', () => {
    const message = replayMessageOf(record());
    expect(message?.topic).toBe('commerce.magento.catalog_product_entity');
    expect(Object.keys(message?.headers ?? {})).toEqual(['traceparent']);
    expect(message?.value?.toString()).toBe('{"op":"x"}');
    expect(replayMessageOf(record({ headers: {} }))).toBeUndefined();
  });

  it('names the dead-letter topic by itself or by its service', () => {
    const services = ['products-feed', 'exporter'];
    expect(poisonTopicOf('products-feed', services)).toBe('cde.products-feed.dlt');
    expect(poisonTopicOf('cde.exporter.dlt', services)).toBe('cde.exporter.dlt');
    expect(poisonTopicOf('cde.feed.products.dlt', services)).toBeUndefined();
    expect(poisonTopicOf('orders', services)).toBeUndefined();
  });
});
