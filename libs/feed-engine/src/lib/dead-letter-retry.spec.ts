import { decideRetry, DEFAULT_RETRY_POLICY, retryDueAt } from './dead-letter-retry';

describe(retryDueAt.name, () => {
  const policy = { maxAttempts: 5, baseDelayMs: 1_000, maxDelayMs: 10_000 };
  it('waits longer after each failed delivery, up to the cap', () => {
    const failedAt = '2026-11-22T10:00:00.000Z';
    const base = Date.parse(failedAt);
    expect([1, 2, 3, 4, 5, 6].map((attempts) => retryDueAt({ failedAt, attempts }, policy) - base)).toEqual([
      1_000, 2_000, 4_000, 8_000, 10_000, 10_000,
    ]);
  });
});

describe(decideRetry.name, () => {
  it('retries a transient failure however often it failed: it is never final', () => {
    for (const attempts of [1, DEFAULT_RETRY_POLICY.maxAttempts, 1_000]) {
      expect(decideRetry({ attempts, feedHash: 'h', code: 'CDE02-08' }, { sentHash: 'h' })).toBe('retry');
    }
  });

  it('parks an item the receiver rejected at once (retrying unchanged data cannot succeed)', () => {
    expect(decideRetry({ attempts: 1, feedHash: 'h', code: 'CDE02-09' }, { sentHash: 'h' })).toBe('park');
  });

  it('drops a failure of a version that a newer publish replaced', () => {
    expect(decideRetry({ attempts: 1, feedHash: 'old' }, { sentHash: 'new' })).toBe('moot');
  });

  it('reads an item refused as stale again even when a newer version was published since (it may hold older content)', () => {
    expect(decideRetry({ attempts: 1, feedHash: 'old', code: 'CDE02-19' }, { sentHash: 'new' })).toBe(
      'retry',
    );
  });

  it('retries when the state does not know the item (it is re-assembled from the DB)', () => {
    expect(decideRetry({ attempts: 1, feedHash: 'h' }, undefined)).toBe('retry');
  });
});
