import { gunzipSync } from 'node:zlib';
import { encodeBatch } from './batch-encoding';

describe(encodeBatch.name, () => {
  it('gzips the items as one JSON array, UTF-8 intact', async () => {
    const items = [{ sku: 'Größe', n: 1 }, { sku: 'b' }];
    const sut = await encodeBatch(items);
    const json = gunzipSync(sut.body).toString('utf8');
    expect(JSON.parse(json)).toEqual(items);
    expect(sut.jsonBytes).toBe(Buffer.byteLength(json));
  });
});
