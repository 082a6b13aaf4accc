import { readShared, WaveReads } from './wave-reads';

describe(WaveReads.name, () => {
  it('reads once per owner for the batches of a wave, however many ask at once', async () => {
    const wave = new WaveReads();
    const owner = {};
    let reads = 0;
    const read = async (): Promise<string[]> => {
      reads++;
      await Promise.resolve();
      return ['default'];
    };
    const [a, b] = await Promise.all([wave.shared(owner, read), wave.shared(owner, read)]);
    expect(reads).toBe(1);
    expect(a).toBe(b);
  });

  it('keeps owners apart, and a new wave reads again', async () => {
    let reads = 0;
    const read = (): Promise<number> => Promise.resolve(++reads);
    const first = new WaveReads();
    const [x, y] = await Promise.all([first.shared({}, read), first.shared({}, read)]);
    expect([x, y]).toEqual([1, 2]);
    const owner = {};
    await first.shared(owner, read);
    expect(await new WaveReads().shared(owner, read)).toBe(4);
  });

  it('forgets a failed read, so the next batch of the wave reads again', async () => {
    const wave = new WaveReads();
    const owner = {};
    await expect(wave.shared(owner, () => Promise.reject(new Error('lost connection')))).rejects.toThrow(
      'lost connection',
    );
    await expect(wave.shared(owner, () => Promise.resolve('read again'))).resolves.toBe('read again');
  });

  it('reads at once for a batch outside a wave', async () => {
    let reads = 0;
    const read = (): Promise<number> => Promise.resolve(++reads);
    const owner = {};
    expect(await readShared(undefined, owner, read)).toBe(1);
    expect(await readShared(undefined, owner, read)).toBe(2);
  });
});
