import { ExportCode, type FeedName } from '@cde/contracts';
import { gunzipSync } from 'node:zlib';
import pino from 'pino';
import type { ItemFate } from './delivery-outcomes';
import { DeliveryService } from './delivery.service';
import { ExportMetrics } from './export.metrics';
import type { ExportItem } from './feed-item-reader';
import type { IngestionResult } from './ingestion-response';
import type { ItemResult, PendingItem } from './pending-item';
import { RateGate } from './rate-gate';

type Responder = (skus: string[], attempt: number) => Partial<IngestionResult> & { statusCode: number };

interface Recorded {
  readonly feedId: string;
  readonly fate: ItemFate;
  readonly statusCode: number | undefined;
}

function setup(respond: Responder, options: { maxAttempts?: number; failRecording?: boolean } = {}) {
  const requests: { at: number; skus: string[] }[] = [];
  const recorded: Recorded[] = [];
  const client = {
    post: (_feed: FeedName, body: Buffer): Promise<IngestionResult> => {
      const skus = (JSON.parse(gunzipSync(body).toString()) as { sku: string }[]).map((i) => i.sku);
      requests.push({ at: Date.now(), skus });
      return Promise.resolve({
        body: '',
        requestId: `r${requests.length}`,
        retryAfter: null,
        ...respond(skus, requests.length),
      });
    },
  };
  const outcomes = {
    record: (
      _feed: FeedName,
      items: readonly ExportItem[],
      fates: readonly (ItemFate | undefined)[],
      _requestId: string | null,
      response?: { statusCode: number },
    ): Promise<number> => {
      if (options.failRecording) return Promise.reject(new Error('db down'));
      items.forEach((item, i) => {
        const fate = fates[i];
        if (fate) recorded.push({ feedId: item.feedId, fate, statusCode: response?.statusCode });
      });
      return Promise.resolve(items.length);
    },
  };
  const gate = new RateGate({ maxRps: 1000, maxConcurrency: 2, defaultRetryAfterMs: 10 });
  const sut = new DeliveryService({
    client,
    gate,
    outcomes,
    retry: { maxAttempts: options.maxAttempts ?? 3, baseDelayMs: 2, maxDelayMs: 5, jitter: 'full' },
    metrics: new ExportMetrics({ defaultMetrics: false }),
    logger: pino({ level: 'silent' }),
    extendedLog: false,
  });
  const deliver = (
    skus: string[],
    deadlineMs = 10_000,
    priorFailures = 0,
  ): Promise<PromiseSettledResult<ItemResult>[]> => {
    const pending: PendingItem[] = [];
    const results = skus.map(
      (sku) =>
        new Promise<ItemResult>((settle, fail) =>
          pending.push({
            export: {
              feed: 'products',
              feedId: sku,
              feedHash: `h-${sku}`,
              sourceEntityId: '1',
              traceId: 't',
              attempt: 0,
              item: { sku },
              offsets: ['0'],
            },
            deadline: Date.now() + deadlineMs,
            priorFailures,
            settle,
            fail,
          }),
        ),
    );
    sut.deliver('products', pending);
    return Promise.allSettled(results);
  };
  const fateOf = (feedId: string) => recorded.filter((r) => r.feedId === feedId).map((r) => r.fate);
  return { sut, deliver, requests, recorded, fateOf };
}

const skus = (n: number, prefix = 's'): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe(DeliveryService.name, () => {
  it('records 200 for accepted items and the listed status for failed ones', async () => {
    const { deliver, fateOf } = setup(() => ({
      statusCode: 200,
      body: JSON.stringify({ failedItems: { '1': { message: 'bad name', field: 'name' } } }),
    }));
    const results = await deliver(['a', 'b', 'c']);
    expect(results.every((r) => r.status === 'fulfilled' && r.value.kind === 'settled')).toBe(true);
    expect(fateOf('a')).toEqual([{ kind: 'recorded', status: 200, errors: null }]);
    expect(fateOf('b')).toEqual([{ kind: 'recorded', status: 1, errors: 'name: bad name' }]);
  });

  it('splits a rejected batch until the bad items stand alone, so their neighbours get through', async () => {
    const { deliver, fateOf, recorded, requests } = setup((batch) =>
      batch.some((s) => s.startsWith('bad'))
        ? { statusCode: 400, body: '{"error":"invalid item"}' }
        : { statusCode: 200 },
    );
    const batch = [...skus(10), 'bad-1', ...skus(5, 't'), 'bad-2'];
    await deliver(batch);
    expect(fateOf('bad-1')).toEqual([{ kind: 'recorded', status: 400, errors: 'invalid item' }]);
    expect(fateOf('bad-2')).toEqual([{ kind: 'recorded', status: 400, errors: 'invalid item' }]);
    expect(recorded.filter((r) => r.fate.kind === 'recorded' && r.fate.status === 200)).toHaveLength(15);
    // Every item is settled exactly once.
    expect(new Set(recorded.map((r) => r.feedId)).size).toBe(recorded.length);
    expect(requests.length).toBeLessThan(20);
  });

  it('uses the items a 400 names and resends the rest together', async () => {
    const { deliver, fateOf, requests } = setup((batch) =>
      batch.includes('b')
        ? {
            statusCode: 400,
            body: JSON.stringify({ error: 'bad', failedItems: { '1': { message: 'no price' } } }),
          }
        : { statusCode: 200 },
    );
    await deliver(['a', 'b', 'c']);
    expect(requests.map((r) => r.skus)).toEqual([
      ['a', 'b', 'c'],
      ['a', 'c'],
    ]);
    expect(fateOf('b')).toEqual([{ kind: 'recorded', status: 400, errors: 'no price' }]);
    expect(fateOf('c')).toEqual([{ kind: 'recorded', status: 200, errors: null }]);
  });

  it('retries 5xx with backoff and delivers once the receiver is back', async () => {
    const { deliver, fateOf, requests } = setup((_batch, n) =>
      n <= 2 ? { statusCode: 503 } : { statusCode: 200 },
    );
    await deliver(['a']);
    expect(requests).toHaveLength(3);
    expect(fateOf('a')).toEqual([{ kind: 'recorded', status: 200, errors: null }]);
  });

  it('gives status 2 and dead-letters the items once the retry budget is spent', async () => {
    const { deliver, fateOf, requests } = setup(() => ({ statusCode: 500, body: 'boom' }), {
      maxAttempts: 3,
    });
    const results = await deliver(['a', 'b']);
    expect(requests).toHaveLength(3);
    expect(fateOf('a')).toEqual([
      { kind: 'dead-letter', statusCode: 500, reason: 'HTTP 500: boom', code: ExportCode.ServerError },
    ]);
    expect(results.every((r) => r.status === 'fulfilled' && r.value.kind === 'settled')).toBe(true);
  });

  it('counts failures of earlier runs against the budget', async () => {
    const { deliver, requests } = setup(() => ({ statusCode: 502 }), { maxAttempts: 3 });
    await deliver(['a'], 10_000, 2);
    expect(requests).toHaveLength(1);
  });

  it('treats other 4xx as retryable (CDE02-10)', async () => {
    const { deliver, fateOf } = setup(() => ({ statusCode: 403 }), { maxAttempts: 1 });
    await deliver(['a']);
    expect(fateOf('a')).toEqual([
      { kind: 'dead-letter', statusCode: 403, reason: 'HTTP 403', code: ExportCode.ClientError },
    ]);
  });

  it('waits for Retry-After after a 429 and does not count it against the retry budget', async () => {
    const { deliver, requests, fateOf } = setup(
      (_b, n) => (n <= 3 ? { statusCode: 429, retryAfter: '0.05' } : { statusCode: 200 }),
      {
        maxAttempts: 1,
      },
    );
    await deliver(['a']);
    expect(requests).toHaveLength(4);
    for (let i = 1; i < requests.length; i++)
      expect(requests[i]!.at - requests[i - 1]!.at).toBeGreaterThanOrEqual(49);
    expect(fateOf('a')).toEqual([{ kind: 'recorded', status: 200, errors: null }]);
  });

  it('defers instead of waiting past the deadline', async () => {
    const { deliver, recorded } = setup(() => ({ statusCode: 429, retryAfter: '10' }));
    const results = await deliver(['a'], 1_000);
    expect(results[0]).toEqual({
      status: 'fulfilled',
      value: { kind: 'deferred', failures: 0, reason: expect.stringContaining('call budget') as string },
    });
    expect(recorded).toEqual([]);
  });

  it('defers what waits when draining', async () => {
    const { sut, deliver, requests } = setup(() => ({ statusCode: 429, retryAfter: '5' }));
    const results = deliver(['a']);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await sut.drain(100);
    expect(await results).toEqual([
      { status: 'fulfilled', value: { kind: 'deferred', failures: 0, reason: 'shutting down' } },
    ]);
    expect(requests).toHaveLength(1);
  });

  it('fails the items when their outcome cannot be recorded', async () => {
    const { deliver } = setup(() => ({ statusCode: 200 }), { failRecording: true });
    const results = await deliver(['a', 'b']);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });
});
