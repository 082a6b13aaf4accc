import { ExportCode, type CdeEvent, type FeedDeadLetterMessage } from '@cde/contracts';
import type { DeliveryOutcome } from '@cde/platform/feed-state';
import { ExportMetrics } from './export.metrics';
import { ExportTopics } from './export-topics';
import type { ExportItem } from './feed-item-reader';
import { OutcomeService } from './outcome.service';

describe(OutcomeService.name, () => {
  const item = (feedId: string, attempt = 0): ExportItem => ({
    feed: 'products',
    feedId,
    feedHash: `h-${feedId}`,
    sourceEntityId: '9',
    traceId: `t-${feedId}`,
    attempt,
    item: { sku: feedId },
    bytes: 100,
    offsets: ['1'],
  });

  it('stores a stale refusal as 409 and dead-letters it with CDE02-19, so the current state goes out again', async () => {
    const written: DeliveryOutcome[] = [];
    const dead: FeedDeadLetterMessage[] = [];
    const sut = new OutcomeService(
      { recordOutcomes: (_feed, outcomes) => (written.push(...outcomes), Promise.resolve(outcomes.length)) },
      {
        publish: (topic, messages) => {
          if (topic.endsWith('.dlt')) dead.push(...messages.map((m) => m.value as FeedDeadLetterMessage));
          return Promise.resolve();
        },
      },
      new ExportTopics('it.', ['products']),
      new ExportMetrics({ defaultMetrics: false }),
      () => new Date('2026-05-01T10:00:00Z'),
    );
    await sut.record(
      'products',
      [item('s')],
      [
        {
          kind: 'dead-letter',
          statusCode: 409,
          reason: 'stale',
          code: ExportCode.ItemStale,
          status: 409,
          heldVersion: '2026-05-01T10:05:00.000Z',
        },
      ],
      'req-8',
    );
    expect(written).toEqual([
      { feedId: 's', sentHash: 'h-s', status: 409, errors: 'stale', requestId: 'req-8' },
    ]);
    expect(dead).toMatchObject([
      {
        feedId: 's',
        statusCode: 409,
        code: 'CDE02-19',
        attempts: 1,
        heldVersion: '2026-05-01T10:05:00.000Z',
      },
    ]);
  });

  it('writes statuses against the hash sent, dead-letters what was not accepted, and emits the audit event', async () => {
    const written: DeliveryOutcome[] = [];
    const published: { topic: string; messages: { key: string; value: unknown }[] }[] = [];
    const metrics = new ExportMetrics({ defaultMetrics: false });
    const sut = new OutcomeService(
      { recordOutcomes: (_feed, outcomes) => (written.push(...outcomes), Promise.resolve(outcomes.length)) },
      {
        publish: (topic, messages) => {
          published.push({ topic, messages: messages.map((m) => ({ key: m.key, value: m.value })) });
          return Promise.resolve();
        },
      },
      new ExportTopics('it.', ['products']),
      metrics,
      () => new Date('2026-05-01T10:00:00Z'),
    );

    await sut.record(
      'products',
      [{ ...item('a'), producedAt: '2026-05-01T09:59:59.500Z' }, item('b'), item('c', 2), item('d')],
      [
        { kind: 'recorded', status: 200, errors: null },
        { kind: 'recorded', status: 1, errors: 'bad name' },
        { kind: 'dead-letter', statusCode: 503, reason: 'HTTP 503', code: ExportCode.ServerError },
        undefined,
      ],
      'req-7',
      { statusCode: 200, requestId: 'req-7', bytes: 321, latencyMs: 12, items: 4 },
    );

    expect(written).toEqual([
      // The publish it answers, so an outcome that beats the feed service's save is not lost.
      {
        feedId: 'a',
        sentHash: 'h-a',
        status: 200,
        errors: null,
        requestId: 'req-7',
        producedAt: new Date('2026-05-01T09:59:59.500Z'),
      },
      { feedId: 'b', sentHash: 'h-b', status: 1, errors: 'bad name', requestId: 'req-7' },
      { feedId: 'c', sentHash: 'h-c', status: 2, errors: 'HTTP 503', requestId: 'req-7' },
    ]);
    const deadLetters = published.find((p) => p.topic === 'it.cde.feed.products.dlt')!.messages;
    expect(deadLetters.map((m) => [m.key, (m.value as FeedDeadLetterMessage).code])).toEqual([
      ['b', ExportCode.Rejected],
      ['c', ExportCode.ServerError],
    ]);
    expect(deadLetters[1]!.value).toEqual({
      feed: 'products',
      feedId: 'c',
      sourceEntityId: '9',
      feedHash: 'h-c',
      attempts: 3,
      statusCode: 503,
      reason: 'HTTP 503',
      code: ExportCode.ServerError,
      failedAt: '2026-05-01T10:00:00.000Z',
      traceId: 't-c',
    });
    const [event] = published.find((p) => p.topic === 'it.cde.events')!.messages;
    expect(event).toEqual({
      key: 'products',
      value: expect.objectContaining({
        type: 'export.batch-delivered',
        service: 'exporter',
        feed: 'products',
        items: 4,
        failedItems: 2,
        statusCode: 200,
        requestId: 'req-7',
        bytes: 321,
        latencyMs: 12,
      }) as CdeEvent,
    });
    const counted = await metrics.items.get();
    expect(Object.fromEntries(counted.values.map((v) => [v.labels.outcome, v.value]))).toEqual({
      accepted: 1,
      failed_item: 1,
      dead_lettered: 1,
    });
  });
});
