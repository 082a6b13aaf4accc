import { gzipSync } from 'node:zlib';
import { decodeBatch } from './batch-body';

const limits = { maxBytes: 1024 * 1024, maxItems: 3 };
const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));

describe(decodeBatch.name, () => {
  it('gunzips a gzip body and accepts plain JSON too', async () => {
    const items = [{ sku: 'A' }, { sku: 'B' }];
    await expect(decodeBatch(gzipSync(json(items)), 'gzip', limits)).resolves.toEqual({ ok: true, items });
    await expect(decodeBatch(json(items), undefined, limits)).resolves.toEqual({ ok: true, items });
    await expect(decodeBatch(json([]), 'identity', limits)).resolves.toEqual({ ok: true, items: [] });
  });

  it.each([
    ['malformed gzip', Buffer.from('not gzip at all'), 'gzip', 'malformed_gzip'],
    ['gzip without the header', gzipSync(json([{}])), undefined, 'invalid_json'],
    ['invalid JSON', Buffer.from('[{"sku":'), undefined, 'invalid_json'],
    ['an object', json({ sku: 'A' }), undefined, 'not_an_array'],
    ['an array of scalars', json([{ sku: 'A' }, 'B']), undefined, 'item_not_an_object'],
    ['an array of arrays', json([[]]), undefined, 'item_not_an_object'],
    ['too many items', json([{}, {}, {}, {}]), undefined, 'items_limit_exceeded'],
    ['another encoding', json([]), 'br', 'unsupported_content_encoding'],
  ])('refuses %s', async (_name, raw, encoding, error) => {
    await expect(decodeBatch(raw, encoding, limits)).resolves.toMatchObject({ ok: false, error });
  });

  it('bounds the inflated size (gzip bomb)', async () => {
    const bomb = gzipSync(Buffer.alloc(4 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(limits.maxBytes);
    await expect(decodeBatch(bomb, 'gzip', limits)).resolves.toMatchObject({
      ok: false,
      error: 'body_too_large',
    });
  });

  it('tells how many items an over-full batch had', async () => {
    await expect(decodeBatch(json([{}, {}, {}, {}]), undefined, limits)).resolves.toMatchObject({ items: 4 });
  });
});
