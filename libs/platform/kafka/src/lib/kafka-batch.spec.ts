import { decodeHeaders, toBatchMessage } from './kafka-batch';

describe(decodeHeaders.name, () => {
  it('decodes buffers and strings as UTF-8, keeps the last of a repeated header, drops undefined', () => {
    expect(
      decodeHeaders({
        plain: 'a',
        buffer: Buffer.from('é'),
        repeated: [Buffer.from('first'), 'last'],
        missing: undefined,
      }),
    ).toEqual({ plain: 'a', buffer: 'é', repeated: 'last' });
  });

  it('gives an empty record for a message without headers', () => {
    expect(decodeHeaders(undefined)).toEqual({});
  });
});

describe(toBatchMessage.name, () => {
  it('keeps key and value as buffers and the offset and timestamp as strings', () => {
    const key = Buffer.from('k');
    const message = toBatchMessage({
      key,
      value: null,
      headers: { h: Buffer.from('v') },
      offset: '9',
      timestamp: '1700000000000',
      attributes: 0,
    });
    expect(message).toEqual({
      key,
      value: null,
      headers: { h: 'v' },
      offset: '9',
      timestamp: '1700000000000',
    });
  });
});
