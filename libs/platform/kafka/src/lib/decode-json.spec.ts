import { KafkaTransportCode, Topics, type FeedItemMessage } from '@cde/contracts';
import { decodeJson, isTombstone } from './decode-json';
import { PoisonMessageError } from './poison-message.error';

function poisonFrom(run: () => unknown): PoisonMessageError {
  try {
    run();
  } catch (error) {
    if (error instanceof PoisonMessageError) return error;
    throw error;
  }
  throw new Error('expected a PoisonMessageError');
}

describe(decodeJson.name, () => {
  it('returns the payload of a JSON object, typed by its topic', () => {
    const value: Pick<FeedItemMessage, 'feed' | 'feedId'> = { feed: 'products', feedId: 'abc' };
    const decoded = decodeJson(Topics.feed('products'), {
      offset: '3',
      value: Buffer.from(JSON.stringify(value)),
    });
    expect(decoded.feed).toBe('products');
    expect(decoded.feedId).toBe('abc');
  });

  it('accepts a string value as well as a buffer', () => {
    expect(decodeJson(Topics.commands, { offset: '0', value: '{"type":"resync"}' }).type).toBe('resync');
  });

  it.each([
    ['not JSON', '{"feed":', KafkaTransportCode.MalformedJson, /not JSON/],
    ['an array', '[1,2]', KafkaTransportCode.MalformedJson, /not an object \(array\)/],
    ['a number', '42', KafkaTransportCode.MalformedJson, /not an object \(number\)/],
    ['null', 'null', KafkaTransportCode.MalformedJson, /not an object \(null\)/],
    ['empty', '', KafkaTransportCode.EmptyValue, /no value/],
  ])('throws a poison error with the offset when the value is %s', (_, value, code, reason) => {
    const error = poisonFrom(() => decodeJson(Topics.events, { offset: '17', value: Buffer.from(value) }));
    expect(error.offset).toBe('17');
    expect(error.code).toBe(code);
    expect(error.reason).toMatch(reason);
  });

  it('treats a tombstone as poison: callers check isTombstone first', () => {
    const tombstone = { offset: '5', value: null };
    expect(isTombstone(tombstone)).toBe(true);
    expect(poisonFrom(() => decodeJson(Topics.feed('products'), tombstone)).code).toBe(
      KafkaTransportCode.EmptyValue,
    );
    expect(isTombstone({ offset: '6', value: Buffer.from('{}') })).toBe(false);
  });
});
