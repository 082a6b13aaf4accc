import { KafkaTransportCode, Topics, type FeedItemMessage } from '@cde/contracts';
import { decodeJson, isTombstone, poisonAt, readBatch, type Decoded } from './decode-json';
import type { KafkaBatchMessage } from './kafka-batch';

function poisonOf<T>(decoded: Decoded<T>): { offset: string; code: string; reason: string } {
  if (decoded.ok) throw new Error('expected poison');
  return decoded.poison;
}

describe(decodeJson.name, () => {
  it('returns the payload of a JSON object, typed by its topic', () => {
    const value: Pick<FeedItemMessage, 'feed' | 'feedId'> = { feed: 'products', feedId: 'abc' };
    const decoded = decodeJson(Topics.feed('products'), {
      offset: '3',
      value: Buffer.from(JSON.stringify(value)),
    });
    expect(decoded.ok && decoded.value.feed).toBe('products');
    expect(decoded.ok && decoded.value.feedId).toBe('abc');
  });

  it('accepts a string value as well as a buffer', () => {
    const decoded = decodeJson(Topics.commands, { offset: '0', value: '{"type":"resync"}' });
    expect(decoded.ok && decoded.value.type).toBe('resync');
  });

  it.each([
    ['not JSON', '{"feed":', KafkaTransportCode.MalformedJson, /not JSON/],
    ['an array', '[1,2]', KafkaTransportCode.MalformedJson, /not an object \(array\)/],
    ['a number', '42', KafkaTransportCode.MalformedJson, /not an object \(number\)/],
    ['null', 'null', KafkaTransportCode.MalformedJson, /not an object \(null\)/],
    ['empty', '', KafkaTransportCode.EmptyValue, /no value/],
  ])('names the message as poison, with its offset, when the value is %s', (_, value, code, reason) => {
    const poison = poisonOf(decodeJson(Topics.events, { offset: '17', value: Buffer.from(value) }));
    expect(poison.offset).toBe('17');
    expect(poison.code).toBe(code);
    expect(poison.reason).toMatch(reason);
  });

  it('treats a tombstone as poison: callers check isTombstone first', () => {
    const tombstone = { offset: '5', value: null };
    expect(isTombstone(tombstone)).toBe(true);
    expect(poisonOf(decodeJson(Topics.feed('products'), tombstone)).code).toBe(KafkaTransportCode.EmptyValue);
    expect(isTombstone({ offset: '6', value: Buffer.from('{}') })).toBe(false);
  });
});

describe(readBatch.name, () => {
  const message = (offset: string, value: string | null): KafkaBatchMessage => ({
    key: null,
    value: value === null ? null : Buffer.from(value),
    headers: {},
    offset,
    timestamp: '0',
  });

  it('keeps the usable messages in order, skips tombstones and returns the rest as poison', () => {
    const sut = readBatch(
      [
        message('1', '{"n":1}'),
        message('2', null),
        message('3', '{"n":'),
        message('4', '{"n":4,"bad":true}'),
      ],
      (m) => {
        const decoded = decodeJson(Topics.events, m);
        if (decoded.ok && 'bad' in decoded.value) return poisonAt(m.offset, 'CDE03-09', 'refused');
        return decoded;
      },
    );
    expect(sut.values.map((v) => v.message.offset)).toEqual(['1']);
    expect(sut.poison.map((p) => [p.offset, p.code])).toEqual([
      ['3', KafkaTransportCode.MalformedJson],
      ['4', 'CDE03-09'],
    ]);
  });
});
