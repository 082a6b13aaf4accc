import type { FeedName } from '@cde/contracts';
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

function setup(
  respond: Responder,
  options: {
    maxAttempts?: number;
    failRecording?: boolean;
    breaker?: { failureThreshold: number; openMs: number; maxOpenMs: number };
  } = {},
) {
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
  const metrics = new ExportMetrics({ defaultMetrics: false });
  const gate = new RateGate({ maxRps: 1000, maxConcurrency: 2, defaultRetryAfterMs: 10 });
  const sut = new DeliveryService({
    client,
    gate,
    outcomes,
    retry: { maxAttempts: options.maxAttempts ?? 3, baseDelayMs: 2, maxDelayMs: 5, jitter: 'full' },
    breaker: options.breaker ?? { failureThreshold: 1_000, openMs: 100, maxOpenMs: 100 },
    metrics,
    logger: pino({ level: 'silent' }),
    extendedLog: false,
  });
  const deliver = (
    skus: string[],
    deadlineMs = 10_000,
    priorFailures = 0,
    started?: () => void,
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
              bytes: 100,
              offsets: ['0'],
            },
            deadline: Date.now() + deadlineMs,
            priorFailures,
            settle,
            fail,
          }),
        ),
    );
    sut.deliver('products', pending, started);
    return Promise.allSettled(results);
  };
  const fateOf = (feedId: string) => recorded.filter((r) => r.feedId === feedId).map((r) => r.fate);
  return { sut, deliver, requests, recorded, fateOf, metrics };
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

  it('defers the batch to a rerun once the retries of the call are spent: nothing is dead-lettered', async () => {
    const { deliver, recorded, requests } = setup(() => ({ statusCode: 500, body: 'boom' }), {
      maxAttempts: 3,
    });
    const results = await deliver(['a', 'b']);
    expect(requests).toHaveLength(3);
    expect(recorded).toEqual([]);
    expect(results).toEqual(
      ['a', 'b'].map(() => ({
        status: 'fulfilled',
        value: { kind: 'deferred', failures: 3, reason: 'HTTP 500: boom; retries of the call spent' },
      })),
    );
  });

  it('counts the retries of one call, and keeps the failures of earlier runs for the backoff', async () => {
    const { deliver, requests } = setup(() => ({ statusCode: 502 }), { maxAttempts: 3 });
    const results = await deliver(['a'], 10_000, 2);
    expect(requests).toHaveLength(3);
    expect(results[0]).toMatchObject({ value: { kind: 'deferred', failures: 5 } });
  });

  it('treats other 4xx (a refused key) as transient too (CDE02-10)', async () => {
    const { deliver, recorded } = setup(() => ({ statusCode: 403 }), { maxAttempts: 1 });
    const results = await deliver(['a']);
    expect(recorded).toEqual([]);
    expect(results[0]).toMatchObject({ value: { kind: 'deferred', failures: 1 } });
  });

  it('opens the circuit after failures in a row: no request until the probe, which closes it', async () => {
    let down = true;
    const breaker = { failureThreshold: 2, openMs: 300, maxOpenMs: 1_000 };
    const { deliver, requests, fateOf, metrics } = setup(
      () => (down ? { statusCode: 503 } : { statusCode: 200 }),
      { maxAttempts: 10, breaker },
    );
    const delivered = deliver(['a', 'b']);
    await new Promise((resolve) => setTimeout(resolve, 150));
    // Two failures opened it: the batch waits instead of retrying every few ms.
    expect(requests).toHaveLength(2);
    down = false;
    await delivered;
    expect(requests).toHaveLength(3);
    expect(requests[2]!.at - requests[1]!.at).toBeGreaterThanOrEqual(295);
    expect(fateOf('a')).toEqual([{ kind: 'recorded', status: 200, errors: null }]);
    const transitions = await metrics.breakerTransitions.get();
    expect(transitions.values.map((v) => [v.labels.state, v.value])).toEqual([
      ['open', 1],
      ['half-open', 1],
      ['closed', 1],
    ]);
    expect((await metrics.breakerState.get()).values[0]?.value).toBe(0);
  });

  it('defers a batch whose wait for the open circuit would pass its deadline', async () => {
    const breaker = { failureThreshold: 1, openMs: 5_000, maxOpenMs: 5_000 };
    const { deliver, requests, recorded } = setup(() => ({ statusCode: 503 }), {
      maxAttempts: 10,
      breaker,
    });
    const results = await deliver(['a'], 1_000);
    expect(requests).toHaveLength(1);
    expect(recorded).toEqual([]);
    expect(results[0]).toMatchObject({
      value: { kind: 'deferred', reason: expect.stringContaining('circuit open') as string },
    });
  });

  it('tells once that a batch started, as its first request starts, whatever comes of it', async () => {
    let told = 0;
    const toldAtPost: number[] = [];
    const accepted = setup(() => {
      toldAtPost.push(told);
      return { statusCode: 200 };
    });
    await accepted.deliver(['a'], 10_000, 0, () => told++);
    expect([toldAtPost, told]).toEqual([[1], 1]);

    // Throttled, then deferred once the Retry-After passes the deadline: still told once, at the first start.
    told = 0;
    toldAtPost.length = 0;
    const throttled = setup(() => {
      toldAtPost.push(told);
      return { statusCode: 429, retryAfter: '10' };
    });
    const [result] = await throttled.deliver(['a'], 1_000, 0, () => told++);
    expect(result).toMatchObject({ status: 'fulfilled', value: { kind: 'deferred' } });
    expect([toldAtPost, told]).toEqual([[1], 1]);
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
    // Drain once the first request was answered (429), not after a fixed pause that a busy machine can outlast.
    for (let i = 0; i < 500 && requests.length === 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 10));
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
