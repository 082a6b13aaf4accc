import { FeedAccumulator } from './feed-accumulator';

describe(FeedAccumulator.name, () => {
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  const setup = (calls: { active: number; max: number }, maxBytes = 1_000_000) => {
    const sent: { at: number; batch: number[] }[] = [];
    const sut = new FeedAccumulator<number>({
      batchSize: 3,
      maxBytes,
      // An item's size is its value: a test picks large numbers for large items.
      sizeOf: (n) => n,
      lingerMs: 200,
      calls: () => calls,
      dispatch: (batch) => sent.push({ at: Date.now(), batch }),
    });
    return { sut, sent };
  };

  it('sends full batches at once and merges tails of concurrent calls within the linger', async () => {
    const { sut, sent } = setup({ active: 1, max: 4 });
    sut.add([1, 2, 3, 4]);
    expect(sent).toEqual([{ at: 0, batch: [1, 2, 3] }]);
    await jest.advanceTimersByTimeAsync(50);
    sut.add([5]);
    await jest.advanceTimersByTimeAsync(50);
    sut.add([6, 7]);
    expect(sent.at(-1)).toEqual({ at: 100, batch: [4, 5, 6] });
    await jest.advanceTimersByTimeAsync(200);
    // The linger started with item 4 was cancelled when the tail filled; item 7 got a linger of its own.
    expect(sent.at(-1)).toEqual({ at: 300, batch: [7] });
  });

  it('does not linger when nothing more can arrive, but still merges calls of the same tick', async () => {
    const { sut, sent } = setup({ active: 4, max: 4 });
    sut.add([1]);
    sut.add([2]);
    await jest.advanceTimersByTimeAsync(0);
    expect(sent).toEqual([{ at: 0, batch: [1, 2] }]);
  });

  it('flushes the tail on demand', () => {
    const { sut, sent } = setup({ active: 1, max: 4 });
    sut.add([1]);
    sut.flush();
    sut.flush();
    expect(sent).toEqual([{ at: 0, batch: [1] }]);
  });

  it('cuts batches by bytes as well, and sends an item over the limit alone', async () => {
    const { sut, sent } = setup({ active: 1, max: 4 }, 1_000);
    sut.add([400, 500, 300, 2_000, 7]);
    expect(sent.map((s) => s.batch)).toEqual([[400, 500], [300], [2_000]]);
    await jest.advanceTimersByTimeAsync(200);
    expect(sent.at(-1)?.batch).toEqual([7]);
  });
});
