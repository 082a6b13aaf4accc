/**
 * Replay of a feed from its topic to an empty receiver (what `cde replay` and a new consumer group do), next to the
 * raw loopback HTTP ceiling for the same batches: first the same number of items, in batches of the feed's size,
 * gzip-encoded and POSTed straight to the receiver with the exporter's concurrency; then the real exporter
 * delivering the topic's backlog with both rate limits off. Target: replay ≥ 0.3 of the ceiling.
 *
 *   ./dev bench replay [--items 20000] [--concurrency 2]
 */
import { Command } from 'commander';
import { FEEDS } from '@cde/contracts';
import { encodeBatch, IngestionClient, IngestionSigner } from '@cde/export';
import { positive } from '../cli-options';
import { BenchReport } from './lib/bench-report';
import { backlogItems, ExportRun } from './lib/export-run';
import { groupUsage } from './lib/process-usage';

async function bench(itemCount: number, concurrency: number): Promise<void> {
  const run = await ExportRun.open();
  const batchSize = FEEDS.products.defaultBatchSize;
  try {
    await run.produceBacklog(itemCount);
    await run.startReceiver(0);
    const ceiling = await postDirectly(run, itemCount, batchSize, concurrency);
    await run.waitStored(itemCount, 10 * 60_000);

    const started = Date.now();
    run.startExporter(10_000);
    let peakRss = 0;
    const sampler = setInterval(() => {
      if (run.exporterPid !== undefined) peakRss = Math.max(peakRss, groupUsage(run.exporterPid).rss);
    }, 500);
    try {
      await run.waitStored(2 * itemCount, 30 * 60_000);
    } finally {
      clearInterval(sampler);
    }
    const replaySeconds = (Date.now() - started) / 1000;
    // Delivery proper: from the exporter's first accepted request to its last (its start and group join apart).
    const times = (await run.requests())
      .filter((r) => r.status === 200 && r.items > 0 && Date.parse(r.at) >= started)
      .map((r) => Date.parse(r.at))
      .sort((a, b) => a - b);
    const deliverySeconds = Math.max(((times.at(-1) ?? 0) - (times[0] ?? 0)) / 1000, 1e-3);
    const replayRate = (itemCount - batchSize) / deliverySeconds;

    const report = new BenchReport('replay', `${itemCount} items`);
    report.row('raw HTTP ceiling', { seconds: ceiling.seconds, 'items/s': itemCount / ceiling.seconds });
    report.row('exporter replay', { seconds: deliverySeconds, 'items/s': replayRate });
    report.row('exporter replay with start', {
      seconds: replaySeconds,
      'items/s': itemCount / replaySeconds,
    });
    report.row('exporter peak RSS', { MiB: peakRss / 2 ** 20 });
    report.note(
      `batches of ${batchSize}, ${concurrency} in flight; replay timed from the first to the last accepted request (the first batch's items not counted)`,
    );
    report.ratio('replay/ceiling', replayRate / (itemCount / ceiling.seconds));
    report.print();
    report.save('items/s');
  } finally {
    await run.close();
  }
}

/** POSTs `itemCount` items of its own in batches straight to the receiver; the seconds it took. */
async function postDirectly(
  run: ExportRun,
  itemCount: number,
  batchSize: number,
  concurrency: number,
): Promise<{ seconds: number }> {
  const signer = await IngestionSigner.fromPkcs8(run.privateKeyPem, {
    environmentId: 'bench',
    apiKey: run.apiKey,
  });
  const client = new IngestionClient({
    baseUrl: run.base,
    environmentId: 'bench',
    apiKey: run.apiKey,
    signer,
    requestTimeoutMs: 60_000,
    connections: concurrency,
  });
  const items = backlogItems(`${run.run}-ceiling`, itemCount).map((m) => m.item);
  const batches: (typeof items)[] = [];
  for (let i = 0; i < items.length; i += batchSize) batches.push(items.slice(i, i + batchSize));
  let next = 0;
  const started = process.hrtime.bigint();
  try {
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < batches.length) {
          const batch = batches[next++] ?? [];
          const result = await client.post('products', (await encodeBatch(batch)).body);
          if (result.statusCode !== 200)
            throw new Error(`the receiver answered ${result.statusCode} ${result.error ?? result.body}`);
        }
      }),
    );
  } finally {
    await client.close();
  }
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

new Command()
  .name('bench replay')
  .option('--items <n>', 'feed items on the topic', positive, 20_000)
  .option('--concurrency <n>', 'requests in flight for the ceiling (the exporter default is 2)', positive, 2)
  .action((o: { items: number; concurrency: number }) =>
    bench(Math.floor(o.items), Math.floor(o.concurrency)),
  )
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    process.stderr.write(`bench replay: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
