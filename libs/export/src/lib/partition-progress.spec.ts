import { PartitionProgress } from './partition-progress';

describe(PartitionProgress.name, () => {
  it('remembers settled offsets and retry budgets of a partition until its batch completes', () => {
    const sut = new PartitionProgress();
    sut.markSettled('t', 0, ['1', '2']);
    sut.markDeferred('t', 0, 'a', 'h1', 2);
    expect([...sut.settledOffsets('t', 0)]).toEqual(['1', '2']);
    expect(sut.settledOffsets('t', 1).size).toBe(0);
    expect(sut.failuresOf('t', 0, 'a', 'h1')).toBe(2);
    expect(sut.failuresOf('t', 0, 'a', 'h2')).toBe(0);
    sut.forget('t', 0);
    expect(sut.settledOffsets('t', 0).size).toBe(0);
    expect(sut.failuresOf('t', 0, 'a', 'h1')).toBe(0);
  });

  it('forgets partitions left untouched for too long', () => {
    let now = 0;
    const sut = new PartitionProgress(1_000, () => now);
    sut.markSettled('t', 0, ['1']);
    now = 5_000;
    sut.markSettled('t', 1, ['1']);
    sut.forget('t', 1);
    expect(sut.size()).toBe(0);
  });
});
