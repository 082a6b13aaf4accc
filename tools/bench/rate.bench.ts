/**
 * Delivery against a rate-limited receiver: a backlog of products items on a feed topic, the real exporter and the
 * real commerce-services receiver (limit 2 requests/s, like Commerce Services), and what the receiver saw while
 * the backlog lasted: requests/s against the limit, the share of full batches, items per request, 429s.
 * Targets: ≥ 95 % of the allowed requests used, ≥ 99 % of them full batches.
 *
 *   ./dev bench rate [--items 3000] [--rate 2]
 */
import { Command } from 'commander';
import { FEEDS } from '@cde/contracts';
import { positive } from '../cli-options';
import { BenchReport } from './lib/bench-report';
import { ExportRun } from './lib/export-run';

async function bench(itemCount: number, rate: number): Promise<void> {
  const run = await ExportRun.open();
  try {
    await run.produceBacklog(itemCount);
    await run.startReceiver(rate);
    const started = Date.now();
    run.startExporter(rate);
    const batchSize = FEEDS.products.defaultBatchSize;
    await run.waitStored(itemCount, (itemCount / batchSize / rate) * 3000 + 120_000);
    const wall = (Date.now() - started) / 1000;
    const log = (await run.requests()).filter((r) => r.items > 0 || r.status === 429);
    const ok = log.filter((r) => r.status === 200).sort((a, c) => Date.parse(a.at) - Date.parse(c.at));
    if (ok.length < 2) throw new Error(`the receiver accepted ${ok.length} request(s); nothing to measure`);
    const span = (Date.parse(ok.at(-1)!.at) - Date.parse(ok[0]!.at)) / 1000;
    const rps = (ok.length - 1) / span;
    // The backlog's last request carries what is left: every other one should be full.
    const full = ok.slice(0, -1).filter((r) => r.items === batchSize).length / (ok.length - 1);
    const report = new BenchReport('rate', `${itemCount} items`);
    report.row('receiver', {
      requests: ok.length,
      '429 answers': log.length - ok.length,
      'requests/s': rps,
      'items/request': ok.reduce((n, r) => n + r.items, 0) / ok.length,
      'items/s': itemCount / wall,
      seconds: wall,
    });
    report.note(
      `receiver limit ${rate} req/s; batch size ${batchSize}; wall time from exporter start to last item`,
    );
    report.ratio('used/allowed', rps / rate);
    report.ratio('full-batches', full);
    report.print();
    report.save('requests/s');
  } finally {
    await run.close();
  }
}

new Command()
  .name('bench rate')
  .option('--items <n>', 'feed items in the backlog', positive, 3000)
  .option('--rate <n>', 'receiver limit and exporter max, requests/s', positive, 2)
  .action((o: { items: number; rate: number }) => bench(Math.floor(o.items), o.rate))
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    process.stderr.write(`bench rate: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
