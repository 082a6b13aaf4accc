/**
 * `cde`: the operator's command line. `cde resync --feed=<feed> [options]` takes every option of the original's
 * `bin/magento saas:resync`, sends the command on `cde.commands` and follows its progress on `cde.events` until
 * the owning feed service reports the result (exit 0 complete, 1 failed or refused, 2 bad usage).
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { FEED_NAMES, Topics, type ResyncCommand } from '@cde/contracts';
import { createKafka, decodeJson, KafkaPublisher } from '@cde/platform/kafka';
import { createLogger, formatElapsed } from '@cde/platform/observability';
import { Command, CommanderError } from 'commander';
import { loadConfig } from './app.config';
import { addOrdersCommands, OrdersLinkUsageError } from './orders-link';
import { parseResyncFlags, ResyncUsageError, type ResyncFlags } from './resync-options';

const out = (line: string): void => void process.stdout.write(`${line}\n`);
const err = (line: string): void => void process.stderr.write(`${line}\n`);

async function resync(flags: ResyncFlags & { wait: boolean; timeout: string }): Promise<number> {
  const { feed, options, warnings } = parseResyncFlags(flags);
  for (const w of warnings) err(`warning: ${w}`);
  const timeoutMs = Number(flags.timeout) * 1000;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0)
    throw new ResyncUsageError(`--timeout must be a positive number of seconds`);
  const config = loadConfig();
  const logger = createLogger({ service: 'cli', level: 'error' });
  const kafka = createKafka({
    brokers: config.kafka.brokers,
    clientId: 'cde-cli',
    logger,
    security: config.kafka.security,
  });
  const command: ResyncCommand = {
    type: 'resync',
    commandId: randomUUID(),
    requestedAt: new Date().toISOString(),
    requestedBy: `cli:${config.user}@${hostname()}`,
    feed,
    options,
  };

  const consumer = kafka.consumer({ groupId: `cde-cli-${command.commandId}` });
  const publisher = new KafkaPublisher(kafka);
  const admin = kafka.admin();
  let result = 1;
  try {
    let settle!: (code: number) => void;
    const finished = new Promise<number>((resolve) => (settle = resolve));
    if (flags.wait) {
      const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
      await consumer.connect();
      await consumer.subscribe({ topic: Topics.events, fromBeginning: false });
      await consumer.run({
        eachMessage: ({ message }) => {
          // Events of other commands, and anything that is not an event, are someone else's.
          const decoded = decodeJson(Topics.events, message);
          if (!decoded.ok || decoded.value.commandId !== command.commandId) return Promise.resolve();
          const event = decoded.value;
          switch (event.type) {
            case 'resync.started':
              out(`${feed}: started by ${event.holder}`);
              break;
            case 'resync.progress':
              out(
                `${feed}: progress processed ${event.processed}, synced ${event.synced}, skipped ${event.skipped}, deleted ${event.deleted} (${formatElapsed(event.elapsedMs)})`,
              );
              break;
            case 'resync.refused':
              err(`${feed}: refused (${event.code}): ${event.reason}`);
              settle(1);
              break;
            case 'resync.finished':
              out(
                `${feed}: ${event.status}${event.dryRun ? ' (dry run: nothing sent or saved)' : ''}: processed ${event.processed}, ` +
                  `synced ${event.synced}, skipped ${event.skipped}, deleted ${event.deleted}, failed ${event.failed} in ${formatElapsed(event.elapsedMs)}` +
                  (event.error ? ` — ${event.error}` : ''),
              );
              settle(event.status === 'complete' ? 0 : 1);
              break;
            default:
              break;
          }
          return Promise.resolve();
        },
      });
      await joined;
    }
    await publisher.publish(Topics.commands, [{ key: feed, value: command }]);
    out(`${feed}: resync ${command.commandId} requested`);
    if (!flags.wait) return 0;
    const timer = setTimeout(() => {
      err(
        `${feed}: no result within ${flags.timeout}s; the resync may still be running (is the ${feed} service up?)`,
      );
      settle(1);
    }, timeoutMs);
    result = await finished;
    clearTimeout(timer);
    return result;
  } finally {
    await publisher.disconnect().catch(() => undefined);
    await consumer.disconnect().catch(() => undefined);
    if (flags.wait) {
      await admin.connect().catch(() => undefined);
      await admin.deleteGroups([`cde-cli-${command.commandId}`]).catch(() => undefined);
      await admin.disconnect().catch(() => undefined);
    }
  }
}

const program = new Command()
  .name('cde')
  .description('Operate cde: resync feeds')
  .exitOverride()
  .showHelpAfterError();

program
  .command('resync')
  .description('Resync a feed, like bin/magento saas:resync')
  .requiredOption('--feed <feed>', `feed name (${FEED_NAMES.join(', ')}), case-insensitive`)
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
  .option('--timeout <seconds>', 'how long to wait for the result', '3600')
  .action(async (flags: ResyncFlags & { wait: boolean; timeout: string }) => {
    process.exitCode = await resync(flags);
  });

addOrdersCommands(program, out);

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? 0 : 2;
    return;
  }
  if (error instanceof ResyncUsageError || error instanceof OrdersLinkUsageError) {
    err(`cde: ${error.message}`);
    process.exitCode = 2;
    return;
  }
  err(`cde: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
