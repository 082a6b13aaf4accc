import { FeedAccumulator } from './feed-accumulator';

describe(FeedAccumulator.name, () => {
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  const setup = (calls: { active: number; max: number }) => {
    const sent: { at: number; batch: number[] }[] = [];
    const sut = new FeedAccumulator<number>({
      batchSize: 3,
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
});
