import { fullBatches, tailAction } from './http-batching';

describe(tailAction.name, () => {
  const base = { batchSize: 100, lingerMs: 200, activeCalls: 1, maxCalls: 4 };

  it('has nothing to hold when the items make full batches', () => {
    expect(fullBatches(250, 100)).toBe(2);
    expect(tailAction({ ...base, pending: 200 })).toBe('none');
  });

  it('lingers on a partial tail while another partition can still reach a handler', () => {
    expect(tailAction({ ...base, pending: 130 })).toBe('linger');
  });

  it('sends a partial tail at once when every consumer worker is busy, or without a linger', () => {
    expect(tailAction({ ...base, pending: 30, activeCalls: 4 })).toBe('flush-soon');
    expect(tailAction({ ...base, pending: 30, lingerMs: 0 })).toBe('flush-soon');
  });
});
