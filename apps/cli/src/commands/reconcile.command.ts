import { OpsCode, parseFeedName, type ResyncCommand } from '@cde/contracts';
import { ExitCode, OpsError, receiverDiff, usageError } from '@cde/ops';
import type { CliContext } from '../cli-context';
import { err, out } from '../output';
import { EXIT_OF, runOne } from './resync.command';

export interface ReconcileFlags {
  dryRun?: boolean;
  timeout: string;
  json?: boolean;
}

/** Kafka's default limit for one message, with room for the command's envelope. */
const MAX_COMMAND_BYTES = 900_000;

/**
 * `cde reconcile <feed>`: anti-entropy between the Commerce DB, the feed state and the receiver. Compares the
 * receiver's copy with the feed state, then runs a reconciliation job on the owning service: a full sync that first
 * forgets what the receiver contradicts, deletes what the database no longer yields and, at the end, what only the
 * receiver holds. `--dry-run` reports the same counts and changes nothing.
 */
export async function reconcile(ctx: CliContext, feedArg: string, flags: ReconcileFlags): Promise<number> {
  const feed = parseFeedName(feedArg.trim());
  if (!feed) throw usageError(`unknown feed "${feedArg}"`);
  const timeoutMs = Number(flags.timeout) * 1000;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0)
    throw usageError('--timeout must be a positive number of seconds');
  await ctx.requireServed([feed]);
  const state = await (await ctx.feedStateReads()).deliveries(feed);
  let held: Record<string, unknown>[];
  try {
    held = await ctx.receiver().items(feed);
  } catch (error) {
    throw new OpsError(OpsCode.Unavailable, `the receiver's read API: ${String(error)}`);
  }
  const diff = receiverDiff(feed, state, held);
  const dryRun = flags.dryRun ?? false;
  const command: ResyncCommand = {
    type: 'resync',
    ...ctx.newCommandBase(),
    feed,
    options: {
      dryRun,
      cleanupFeed: false,
      noReindex: false,
      continueResync: false,
      force: false,
      reconcile: diff.request,
    },
  };
  if (Buffer.byteLength(JSON.stringify(command)) > MAX_COMMAND_BYTES)
    throw new OpsError(
      OpsCode.Failed,
      `${feed}: ${diff.missing + diff.undeleted} items to resend and ${diff.unknown} to delete are too many for one ` +
        `command; resend the feed with cde resync --feed ${feed} --force, which also deletes what the database no longer has`,
    );
  const say = (line: string): void => (flags.json ? err(line) : out(line));
  say(
    `${feed}: compared ${diff.checked} identities with the receiver: ${diff.missing} missing there, ` +
      `${diff.undeleted} deleted here but live there, ${diff.unknown} only there` +
      (diff.unidentified > 0 ? `, ${diff.unidentified} without identity (not compared)` : ''),
  );
  const result = await runOne(
    ctx,
    command,
    { wait: true, timeout: flags.timeout, json: flags.json ?? false },
    timeoutMs,
  );
  const finished =
    typeof result.detail === 'object' && result.detail.type === 'resync.finished' ? result.detail : undefined;
  const report = {
    feed,
    commandId: command.commandId,
    outcome: result.outcome,
    dryRun,
    checked: diff.checked,
    missing: diff.missing + diff.undeleted,
    unknown: diff.unknown,
    ...(finished
      ? {
          processed: finished.processed,
          // A sync's synced count includes the deletes it sent.
          stale: finished.synced - finished.deleted,
          deleted: finished.deleted,
          failed: finished.failed,
        }
      : {}),
  };
  if (flags.json) out(JSON.stringify(report, null, 2));
  else if (finished)
    out(
      `${feed}: reconciled${dryRun ? ' (dry run: nothing sent or saved)' : ''}: checked ${report.checked}, ` +
        `missing ${report.missing}, stale ${finished.synced - finished.deleted} ${dryRun ? 'to send' : 'sent'}, deleted ${finished.deleted}` +
        `${dryRun ? ' (would be)' : ''} over ${finished.processed} source entities`,
    );
  return Math.max(EXIT_OF[result.outcome], ExitCode.Done);
}
