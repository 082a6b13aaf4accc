/**
 * Runs the change workload against a Commerce DB: a paced, realistic mix of Magento-like writes, one JSON line
 * per committed change (kind, entity ids, tables, commit time) for freshness benchmarks and reliability tests.
 *
 *   ./dev workload --rate 5 --duration 60 [--database magento] [--max-changes 1000] [--seed 1] [--out changes.jsonl]
 */
import { Command } from 'commander';
import { createWriteStream } from 'node:fs';
import { createConnection } from 'mysql2/promise';
import { runChangeWorkload } from '@cde/testing/commerce-db';
import { positive } from '../cli-options';

interface WorkloadFlags {
  database: string;
  port: number;
  rate: number;
  duration: number;
  maxChanges: number;
  seed: number;
  out?: string;
}

async function main(flags: WorkloadFlags): Promise<void> {
  if (!/^[a-z0-9_]+$/.test(flags.database)) throw new Error(`invalid database name "${flags.database}"`);
  const connection = await createConnection({
    host: '127.0.0.1',
    port: flags.port,
    user: 'root',
    database: flags.database,
    charset: 'utf8mb4',
  });
  const sink = flags.out ? createWriteStream(flags.out, { flags: 'a' }) : process.stdout;
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  try {
    const records = await runChangeWorkload(connection, {
      ratePerSecond: flags.rate,
      maxChanges: Math.floor(flags.maxChanges),
      maxDurationMs: flags.duration * 1000,
      seed: Math.floor(flags.seed),
      signal: controller.signal,
      onChange: (record) =>
        void sink.write(`${JSON.stringify({ ...record, committedAt: record.committedAt.toISOString() })}\n`),
      log: (line) => void process.stderr.write(`workload: ${line}\n`),
    });
    process.stderr.write(`workload: ${records.length} changes committed\n`);
  } finally {
    await connection.end();
    if (sink !== process.stdout) sink.end();
  }
}

new Command()
  .name('workload')
  .option('--database <name>', 'Commerce database', 'magento')
  .option('--port <port>', 'MariaDB port', positive, 3307)
  .option('--rate <n>', 'changes per second (never exceeded)', positive, 5)
  .option('--duration <seconds>', 'stop after this long', positive, 60)
  .option('--max-changes <n>', 'stop after this many changes', positive, 100_000)
  .option('--seed <n>', 'random seed', positive, 1)
  .option('--out <file>', 'append JSON lines here instead of stdout')
  .action(main)
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    process.stderr.write(`workload: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
