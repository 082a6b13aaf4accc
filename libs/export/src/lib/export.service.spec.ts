import type { FeedItemMessage, FeedName } from '@cde/contracts';
import { BatchHeldBackError, type KafkaBatch } from '@cde/platform/kafka';
import pino from 'pino';
import { ExportMetrics } from './export.metrics';
import { DeliveryDeferredError, ExportService } from './export.service';
import { ExportTopics } from './export-topics';
import type { PendingItem } from './pending-item';

const message = (offset: number, sku: string, hash = `h-${sku}`) => {
  const value: FeedItemMessage = {
    feed: 'products',
    feedId: sku,
    feedHash: hash,
    sourceEntityId: '1',
    deleted: false,
    item: { sku, description: 'private' },
    producedAt: '2026-01-01T00:00:00Z',
    traceId: 't',
    attempt: 0,
  };
  return {
    key: null,
    value: Buffer.from(JSON.stringify(value)),
    headers: {},
    offset: String(offset),
    timestamp: '0',
  };
};

function setup(decide: (item: PendingItem, run: number) => 'settle' | 'defer') {
  const delivered: { feed: FeedName; skus: string[]; run: number; fields: string[] }[] = [];
  let run = 0;
  const topics = new ExportTopics('', ['products']);
  const sut = new ExportService({
    topics,
    batchSizes: { products: 2 },
    maxRequestBytes: 1_000_000,
    lingerMs: 0,
    callBudgetMs: 1_000,
    maxCalls: 1,
    redaction: { products: [['description']] },
    delivery: {
      deliver: (feed, batch, started) => {
        // Its request starts at once (a tail held behind it may go).
        started?.();
        delivered.push({
          feed,
          skus: batch.map((p) => String(p.export.item['sku'])),
          run,
          fields: [...new Set(batch.flatMap((p) => Object.keys(p.export.item)))],
        });
        for (const pending of batch) {
          if (decide(pending, run) === 'settle') pending.settle({ kind: 'settled' });
          else pending.settle({ kind: 'deferred', failures: pending.priorFailures + 1, reason: 'throttled' });
        }
      },
      drain: () => Promise.resolve(),
    },
    metrics: new ExportMetrics({ defaultMetrics: false }),
    logger: pino({ level: 'silent' }),
  });
  const batch = (messages: KafkaBatch['messages']): KafkaBatch => ({
    topic: topics.feed('products'),
    partition: 0,
    highWatermark: '100',
    messages,
  });
  const nextRun = () => run++;
  return { sut, delivered, batch, nextRun };
}

describe(ExportService.name, () => {
  it('sends the latest version per feedId, redacted, in batches of the feed size, and reports poison', async () => {
    const { sut, delivered, batch } = setup(() => 'settle');
    const outcome = await sut.exportBatch(
      batch([
        message(1, 'a', 'a1'),
        message(2, 'b'),
        { key: null, value: Buffer.from('{'), headers: {}, offset: '3', timestamp: '0' },
        message(4, 'a', 'a2'),
        message(5, 'c'),
      ]),
    );
    expect(outcome.poison).toEqual([expect.objectContaining({ offset: '3' })]);
    expect(delivered.map((d) => d.skus)).toEqual([['b', 'a'], ['c']]);
    expect(delivered[0]!.fields).toEqual(['sku']);
  });

  it('throws when items were deferred, and on the rerun sends only what was not settled, keeping the retry budget', async () => {
    const failures: number[] = [];
    const { sut, delivered, batch, nextRun } = setup((item, run) => {
      failures.push(item.priorFailures);
      return run === 0 && item.export.feedId === 'b' ? 'defer' : 'settle';
    });
    const messages = [message(1, 'a'), message(2, 'b')];
    const deferral = sut.exportBatch(batch(messages));
    await expect(deferral).rejects.toBeInstanceOf(DeliveryDeferredError);
    // Held back on purpose: the transport's watchdog does not take a long outage for a stalled consumer.
    await expect(deferral).rejects.toBeInstanceOf(BatchHeldBackError);
    nextRun();
    await expect(sut.exportBatch(batch(messages))).resolves.toEqual({ poison: [] });
    expect(delivered.map((d) => [d.run, d.skus])).toEqual([
      [0, ['a', 'b']],
      [1, ['b']],
    ]);
    expect(failures).toEqual([0, 0, 1]);
    // The batch completed: a redelivery (e.g. after a rebalance) is sent in full again.
    nextRun();
    await sut.exportBatch(batch(messages));
    expect(delivered.at(-1)!.skus).toEqual(['a', 'b']);
  });

  it('refuses work once draining', async () => {
    const { sut, batch } = setup(() => 'settle');
    await sut.drain(0);
    await expect(sut.exportBatch(batch([message(1, 'a')]))).rejects.toBeInstanceOf(DeliveryDeferredError);
  });
});
