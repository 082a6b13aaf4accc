import { IN_CHUNK, idChunks, isMissingTable, unlessMissingTable } from './sql';

const missing = (): Error =>
  Object.assign(new Error("Table 'magento.x' doesn't exist"), { code: 'ER_NO_SUCH_TABLE' });

describe('SQL helpers', () => {
  it('chunks distinct ids as strings, IN_CHUNK at a time, none for no ids', () => {
    expect(idChunks([])).toEqual([]);
    expect(idChunks([3, '3', 4, '5'])).toEqual([['3', '4', '5']]);
    const ids = Array.from({ length: IN_CHUNK * 2 + 1 }, (_, i) => i + 1);
    expect(idChunks(ids).map((c) => c.length)).toEqual([IN_CHUNK, IN_CHUNK, 1]);
    expect(idChunks(ids).flat()).toEqual(ids.map(String));
  });

  it("recognizes MySQL's and MariaDB's missing table error", () => {
    expect(isMissingTable(missing())).toBe(true);
    expect(isMissingTable(new Error('other'))).toBe(false);
    expect(isMissingTable(null)).toBe(false);
  });

  it('reads a missing table as empty and rethrows any other error', async () => {
    await expect(unlessMissingTable(Promise.resolve([1]), [])).resolves.toEqual([1]);
    await expect(unlessMissingTable(Promise.reject(missing()), null)).resolves.toBeNull();
    await expect(unlessMissingTable(Promise.reject(new Error('lost')), [])).rejects.toThrow('lost');
  });
});
