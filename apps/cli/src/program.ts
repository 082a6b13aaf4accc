import { FEED_NAMES } from '@cde/contracts';
import { Command, Option } from 'commander';
import { CliContext } from './cli-context';
import { addOrdersCommands } from './orders-link';
import { out } from './output';
import { doctor } from './commands/doctor.command';
import { estimateCommand } from './commands/estimate.command';
import { explain } from './commands/explain.command';
import { failedList, failedPark, failedRetry, type FailedFlags } from './commands/failed.command';
import { poisonList, poisonReplay, type PoisonFlags } from './commands/poison.command';
import { reconcile, type ReconcileFlags } from './commands/reconcile.command';
import { replay } from './commands/replay.command';
import { resync, type ResyncCliFlags } from './commands/resync.command';
import { status } from './commands/status.command';

const FEED_HELP = `feed name (${FEED_NAMES.join(', ')}), case-insensitive`;
const json = new Option('--json', 'print one JSON document on stdout');

/** Runs a command with its context and records its exit code. */
function run<F>(action: (ctx: CliContext, flags: F) => Promise<number>): (flags: F) => Promise<void> {
  return async (flags: F) => {
    const ctx = new CliContext();
    try {
      process.exitCode = await action(ctx, flags);
    } finally {
      await ctx.close();
    }
  };
}

function failedFilters(command: Command): Command {
  return command
    .option('--feed <feeds>', `${FEED_HELP}; a comma-separated list; default all`)
    .option(
      '--code <codes>',
      'error codes of the code catalog, comma-separated (e.g. the rejection code, cde failed list shows them)',
    )
    .option('--older-than <age>', 'only items failed at least this long ago: 45s, 30m, 2h, 1d')
    .option('--ids <ids>', 'feedIds, entity ids or identity values (e.g. SKUs), comma-separated')
    .option('--state <state>', 'parked, retrying or rejected')
    .option('--limit <n>', 'at most this many items', '1000')
    .addOption(json);
}

function poisonFilters(command: Command): Command {
  return command
    .argument('<topic>', 'the dead-letter topic (cde.products-feed.dlt) or its service (products-feed)')
    .option('--code <codes>', 'error codes of the code catalog, comma-separated')
    .option('--source <topics>', 'source topics, comma-separated')
    .option('--timeout <seconds>', 'bound on reading the topic', '120')
    .addOption(json);
}

/** `reconcile` and `poison`: repair what the pipeline could not see or could not read. */
function addRepairCommands(program: Command): void {
  program
    .command('reconcile')
    .description(
      "Anti-entropy: compare the receiver's copy of a feed with the feed state and the Commerce DB; resend what is missing or stale, delete what the DB no longer has",
    )
    .argument('<feed>', FEED_HELP)
    .option('--dry-run', 'report what would be resent and deleted; send and save nothing')
    .option('--timeout <seconds>', 'how long to wait for the result', '3600')
    .addOption(json)
    .action((feed: string, flags: ReconcileFlags) =>
      run<ReconcileFlags>((ctx, f) => reconcile(ctx, feed, f))(flags),
    );

  const poison = program
    .command('poison')
    .description('Change events and commands a service could not decode, set aside on its dead-letter topic');
  poisonFilters(
    poison.command('list').description('List poison messages with their error, source topic and offset'),
  ).action((topic: string, flags: PoisonFlags) =>
    run<PoisonFlags>((ctx, f) => poisonList(ctx, topic, f))(flags),
  );
  poisonFilters(
    poison
      .command('replay')
      .description('Send poison messages back to their source topic (after the fix that makes them readable)')
      .option('--dry-run', 'list what would be replayed; send nothing'),
  ).action((topic: string, flags: PoisonFlags) =>
    run<PoisonFlags>((ctx, f) => poisonReplay(ctx, topic, f))(flags),
  );
}

/** The `cde` program: one subcommand per operation, each with its own `--help`. */
export function buildProgram(version: string): Command {
  const program = new Command()
    .name('cde')
    .description(
      'Operate cde: resync, reconcile, status, failed items, poison, replay, explain, estimate, doctor',
    )
    .version(version)
    .exitOverride()
    .showHelpAfterError();

  program
    .command('resync')
    .description(
      'Resync feeds, like bin/magento saas:resync (--feed all: every served feed in the documented order)',
    )
    .requiredOption('--feed <feed>', `${FEED_HELP}; a comma-separated list, or all`)
    .option('--by-ids <ids>', 'comma-separated ids to resync; bypasses the hash')
    .option('--id-type <type>', 'how --by-ids values are read: sku (default), productId, id')
    .option('--dry-run', 'collect and log payloads; send and save nothing')
    .option('--cleanup-feed', 'empty the feed state first so everything is resent (deletes are then lost)')
    .option('--no-reindex', 'legacy feeds: resend the stored state without re-reading the Commerce DB')
    .option('--continue-resync', 'resume an interrupted full resync from its checkpoint')
    .option('--thread-count <n>', 'pages processed at a time')
    .option('--batch-size <n>', 'source ids per page')
    .option('--force', 'resend even items that look synchronized')
    .option('--no-wait', 'return once the command is sent')
    .option('--timeout <seconds>', 'how long to wait for each feed’s result', '3600')
    .addOption(json)
    .action(run<ResyncCliFlags>(resync));

  addRepairCommands(program);

  program
    .command('status')
    .description(
      'Per feed: source records, sent, pending, failed, retrying, parked, deleted, last sync, lag, freshness, mode',
    )
    .option('--feed <feeds>', `${FEED_HELP}; a comma-separated list; default all`)
    .addOption(json)
    .action(run(status));

  const failed = program
    .command('failed')
    .description('Items that did not reach the receiver: list, retry or park them');
  failedFilters(failed.command('list').description('List failed, retrying and parked items')).action(
    run<FailedFlags>(failedList),
  );
  failedFilters(
    failed.command('retry').description('Send the selected items again with their current content'),
  ).action(run<FailedFlags>(failedRetry));
  failedFilters(
    failed.command('park').description('Stop retrying the selected items (they stay visible)'),
  ).action(run<FailedFlags>(failedPark));

  program
    .command('replay')
    .description("Rebuild the receiver's copy of a feed from its compacted topic, without the Commerce DB")
    .requiredOption('--feed <feed>', `${FEED_HELP}; a comma-separated list, or all`)
    .option('--rps <n>', 'requests per second (default CDE_EXPORT_MAX_RPS)')
    .option('--timeout <seconds>', 'give up after this long', '3600')
    .addOption(json)
    .action(run(replay));

  program
    .command('explain')
    .description(
      'Why an item is what it is: its changes, versions, deliveries, the receiver’s copy and the diff',
    )
    .requiredOption('--feed <feed>', FEED_HELP)
    .requiredOption(
      '--id <identity>',
      'identity fields (sku=MH01,storeViewCode=default), their values in order, or a feedId',
    )
    .option('--timeout <seconds>', 'bound on reading each topic', '120')
    .addOption(json)
    .action(run(explain));

  program
    .command('estimate')
    .description('Data volume and sync time per feed from the real counts, batch sizes and the request rate')
    .option('--feed <feeds>', `${FEED_HELP}; a comma-separated list; default all`)
    .option('--rps <n>', 'requests per second the SaaS accepts (default CDE_EXPORT_MAX_RPS)')
    .option('--products-per-minute <n>', 'a products allocation, e.g. 1000 for Commerce Optimizer')
    .addOption(json)
    .action(run(estimateCommand));

  program
    .command('doctor')
    .description(
      'Check binlog, connector, topics, consumer groups, grants, clock and receiver; each failure with its fix',
    )
    .addOption(json)
    .action(run(doctor));

  addOrdersCommands(program, out);
  return program;
}
