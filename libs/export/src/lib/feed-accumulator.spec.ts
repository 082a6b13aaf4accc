import { FeedAccumulator } from './feed-accumulator';

describe(FeedAccumulator.name, () => {
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  /** `gated`: a batch's request starts when the test says so (a busy rate gate); else at once. */
  const setup = (calls: { active: number; max: number }, maxBytes = 1_000_000, gated = false) => {
    const sent: { at: number; batch: number[] }[] = [];
    /** What each dispatched batch calls once its request starts, in dispatch order. */
    const starts: (() => void)[] = [];
    const sut = new FeedAccumulator<number>({
      batchSize: 3,
      maxBytes,
      // An item's size is its value: a test picks large numbers for large items.
      sizeOf: (n) => n,
      lingerMs: 200,
      calls: () => calls,
      dispatch: (batch, started) => {
        sent.push({ at: Date.now(), batch });
        if (gated) starts.push(started);
        else started();
      },
    });
    /** Every dispatched batch's request starts (the gate let them all through). */
    const startAll = () => starts.forEach((start) => start());
    return { sut, sent, starts, startAll };
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

  it('holds a tail behind batches still waiting for their turn, and tops it up with what comes meanwhile', async () => {
    const { sut, sent, starts } = setup({ active: 2, max: 2 }, 1_000_000, true);
    sut.add([1, 2, 3, 4]);
    await jest.advanceTimersByTimeAsync(1_000);
    // Batch [1, 2, 3] waits for the rate gate: the tail could not go before it, so it waits too.
    expect(sent.map((s) => s.batch)).toEqual([[1, 2, 3]]);
    sut.add([5, 6, 7, 8]);
    expect(sent.map((s) => s.batch)).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    starts[0]!();
    await jest.advanceTimersByTimeAsync(1_000);
    // [4, 5, 6] still waits: tail 7, 8 stays behind it; a start told twice counts once.
    starts[0]!();
    expect(sent).toHaveLength(2);
    starts[1]!();
    await jest.advanceTimersByTimeAsync(0);
    // Nothing waits before it any more and nothing more can come: it goes.
    expect(sent.at(-1)).toEqual({ at: 2_000, batch: [7, 8] });
  });

  it('lingers first when more can come, then waits behind what has not started', async () => {
    const { sut, sent, startAll } = setup({ active: 1, max: 4 }, 1_000_000, true);
    sut.add([1, 2, 3, 4]);
    await jest.advanceTimersByTimeAsync(500);
    expect(sent.map((s) => s.batch)).toEqual([[1, 2, 3]]);
    startAll();
    // The last one before it started: the tail gets a linger of its own, then goes.
    await jest.advanceTimersByTimeAsync(199);
    expect(sent).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(sent.at(-1)).toEqual({ at: 700, batch: [4] });
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
