import { readTogether } from './read-together';

describe('readTogether', () => {
  it('names each result as its read, whatever order the reads finish in', async () => {
    const later = new Promise<string[]>((resolve) => setTimeout(() => resolve(['a', 'b']), 5));
    const rows = await readTogether({ links: later, titles: Promise.resolve([1, 2, 3]) });
    expect(rows).toEqual({ links: ['a', 'b'], titles: [1, 2, 3] });
  });

  it('fails as soon as one read fails', async () => {
    const never = new Promise<number[]>(() => undefined);
    await expect(readTogether({ ok: never, broken: Promise.reject(new Error('gone')) })).rejects.toThrow(
      'gone',
    );
  });
});
