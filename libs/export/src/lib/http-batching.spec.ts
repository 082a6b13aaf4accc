import { readyBatchLength, tailAction } from './http-batching';

describe(tailAction.name, () => {
  const base = { batchSize: 100, lingerMs: 200, activeCalls: 1, maxCalls: 4, waitingAhead: 0 };

  it('has nothing to hold when the items make full batches', () => {
    expect(tailAction({ ...base, pending: 200 })).toBe('none');
  });

  it('lingers on a partial tail while another partition can still reach a handler', () => {
    expect(tailAction({ ...base, pending: 130 })).toBe('linger');
  });

  it('sends a partial tail at once when every consumer worker is busy, or without a linger', () => {
    expect(tailAction({ ...base, pending: 30, activeCalls: 4 })).toBe('flush-soon');
    expect(tailAction({ ...base, pending: 30, lingerMs: 0 })).toBe('flush-soon');
  });

  it('holds such a tail behind batches of the feed still waiting for their turn, which it cannot pass', () => {
    expect(tailAction({ ...base, pending: 30, activeCalls: 4, waitingAhead: 2 })).toBe('behind');
    expect(tailAction({ ...base, pending: 30, lingerMs: 0, waitingAhead: 1 })).toBe('behind');
    // While more can still come, the linger decides first.
    expect(tailAction({ ...base, pending: 30, waitingAhead: 1 })).toBe('linger');
  });
});

describe(readyBatchLength.name, () => {
  const sizes =
    (...bytes: number[]) =>
    (i: number) =>
      bytes[i] ?? 0;

  it('cuts a batch when the batch size is reached within the byte limit', () => {
    expect(readyBatchLength(250, () => 10, { batchSize: 100, maxBytes: 10_000 })).toBe(100);
    expect(readyBatchLength(99, () => 10, { batchSize: 100, maxBytes: 10_000 })).toBe(0);
  });

  it('cuts a shorter batch before the item that would pass the byte limit', () => {
    expect(readyBatchLength(4, sizes(400, 400, 300, 10), { batchSize: 100, maxBytes: 1_000 })).toBe(2);
    expect(readyBatchLength(3, sizes(400, 590, 10), { batchSize: 100, maxBytes: 1_000 })).toBe(0);
  });

  it('sends an item larger than the limit on its own, so the receiver decides about it alone', () => {
    expect(readyBatchLength(3, sizes(5_000, 10, 10), { batchSize: 100, maxBytes: 1_000 })).toBe(1);
    expect(readyBatchLength(3, sizes(10, 5_000, 10), { batchSize: 100, maxBytes: 1_000 })).toBe(1);
  });
});
