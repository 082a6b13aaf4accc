import { OpsCode, Topics, type CdeEvent, type FeedName, type ResyncCommand } from '@cde/contracts';
import { ExitCode, OpsError, parseFeeds, RESYNC_ORDER, usageError } from '@cde/ops';
import { decodeJson } from '@cde/platform/kafka';
import { formatElapsed } from '@cde/platform/observability';
import type { CliContext } from '../cli-context';
import { err, out, progress } from '../output';
import { parseResyncFlags, ResyncUsageError, type ResyncFlags } from '../resync-options';

export interface ResyncCliFlags extends ResyncFlags {
  wait: boolean;
  timeout: string;
  json?: boolean;
}

export interface FeedResult {
  feed: FeedName;
  commandId: string;
  outcome: 'complete' | 'failed' | 'refused' | 'timed out' | 'sent' | 'skipped';
  detail?: CdeEvent | string;
}

export const EXIT_OF: Record<FeedResult['outcome'], ExitCode> = {
  complete: ExitCode.Done,
  sent: ExitCode.Done,
  skipped: ExitCode.Done,
  failed: ExitCode.Failed,
  refused: ExitCode.Refused,
  'timed out': ExitCode.TimedOut,
};

/** `cde resync`: one feed, a list, or `all` in the documented order, one after another; the worst outcome decides. */
export async function resync(ctx: CliContext, flags: ResyncCliFlags): Promise<number> {
  const all = flags.feed?.trim().toLowerCase() === 'all';
  const feeds = parseFeeds(flags.feed);
  const timeoutMs = Number(flags.timeout) * 1000;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0)
    throw usageError('--timeout must be a positive number of seconds');
  const parsed = feeds.map((feed) => {
    try {
      return parseResyncFlags({ ...flags, feed });
    } catch (error) {
      if (error instanceof ResyncUsageError) throw usageError(error.message);
      throw error;
    }
  });
  for (const w of parsed[0]?.warnings ?? []) err(`warning: ${w}`);
  const { served } = await ctx.served();
  const missing = feeds.filter((f) => !served.has(f));
  if (missing.length > 0 && !all) {
    throw new OpsError(
      OpsCode.NoService,
      missing.map((f) => `no service serves feed ${f}`).join('; ') +
        ' (is its service running with the feed in CDE_FEEDS?)',
    );
  }
  const results: FeedResult[] = [];
  for (const { feed, options } of parsed) {
    if (!served.has(feed)) {
      err(`${feed}: skipped, no service serves it`);
      results.push({ feed, commandId: '', outcome: 'skipped', detail: 'no service serves it' });
      continue;
    }
    const command: ResyncCommand = { type: 'resync', ...ctx.newCommandBase(), feed, options };
    results.push(await runOne(ctx, command, flags, timeoutMs));
  }
  if (flags.json) out(JSON.stringify({ order: all ? RESYNC_ORDER : feeds, results }, null, 2));
  return Math.max(...results.map((r) => EXIT_OF[r.outcome]), ExitCode.Done);
}

/** Sends one resync command and, unless `--no-wait`, follows its events to the end (or the timeout). */
export async function runOne(
  ctx: CliContext,
  command: ResyncCommand,
  flags: Pick<ResyncCliFlags, 'wait' | 'timeout' | 'json'>,
  timeoutMs: number,
): Promise<FeedResult> {
  const { feed, commandId } = command;
  const say = (line: string): void => (flags.json ? err(line) : out(line));
  if (!flags.wait) {
    await ctx.kafka().sendCommand(command);
    say(`${feed}: resync ${commandId} requested`);
    return { feed, commandId, outcome: 'sent' };
  }
  const kafka = ctx.kafka();
  const groupId = `cde-cli-${commandId}`;
  const consumer = kafka.kafka.consumer({ groupId });
  const bar = progress(`${feed}`, !flags.json);
  try {
    let settle!: (r: FeedResult) => void;
    const finished = new Promise<FeedResult>((resolve) => (settle = resolve));
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.connect();
    await consumer.subscribe({ topic: Topics.events, fromBeginning: false });
    await consumer.run({
      eachMessage: ({ message }) => {
        const decoded = decodeJson(Topics.events, message);
        if (!decoded.ok || decoded.value.commandId !== commandId) return Promise.resolve();
        const event = decoded.value;
        if (event.type === 'resync.started') {
          say(`${feed}: started by ${event.holder}`);
          bar.update(0, event.total ?? null);
        } else if (event.type === 'resync.progress') {
          bar.update(event.processed, event.total ?? null);
        } else if (event.type === 'resync.refused') {
          bar.stop();
          err(`${feed}: refused (${event.code}): ${event.reason}`);
          settle({ feed, commandId, outcome: 'refused', detail: event });
        } else if (event.type === 'resync.finished') {
          bar.stop();
          say(
            `${feed}: ${event.status}${event.dryRun ? ' (dry run: nothing sent or saved)' : ''}: processed ${event.processed}, ` +
              `synced ${event.synced}, skipped ${event.skipped}, deleted ${event.deleted}, failed ${event.failed} in ${formatElapsed(event.elapsedMs)}` +
              (event.error ? ` — ${event.error}` : ''),
          );
          settle({
            feed,
            commandId,
            outcome: event.status === 'complete' ? 'complete' : 'failed',
            detail: event,
          });
        }
        return Promise.resolve();
      },
    });
    await joined;
    await kafka.sendCommand(command);
    say(`${feed}: resync ${commandId} requested`);
    const timer = setTimeout(() => {
      bar.stop();
      err(
        `${feed}: no result within ${flags.timeout}s; the resync may still be running (${OpsCode.TimedOut})`,
      );
      settle({ feed, commandId, outcome: 'timed out' });
    }, timeoutMs);
    const result = await finished;
    clearTimeout(timer);
    return result;
  } finally {
    bar.stop();
    await consumer.disconnect().catch(() => undefined);
    const admin = await kafka.connectedAdmin();
    await admin.deleteGroups([groupId]).catch(() => undefined);
  }
}
