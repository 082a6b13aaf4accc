import { SERVICE_NAMES } from '@cde/contracts';
import {
  ExitCode,
  poisonEntryOf,
  poisonTopicOf,
  replayMessageOf,
  selectPoison,
  usageError,
  type DeadLetterRecord,
  type PoisonEntry,
  type PoisonFilter,
} from '@cde/ops';
import type { CliContext } from '../cli-context';
import { out, print } from '../output';

export interface PoisonFlags {
  code?: string;
  source?: string;
  timeout: string;
  dryRun?: boolean;
  json?: boolean;
}

const list = (value: string | undefined): string[] | undefined =>
  value
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** The dead-letter topic's messages the flags select (a snapshot of the topic up to its end when asked). */
async function selected(
  ctx: CliContext,
  argument: string,
  flags: PoisonFlags,
): Promise<{ topic: string; records: DeadLetterRecord[]; entries: PoisonEntry[] }> {
  const topic = poisonTopicOf(argument, [...SERVICE_NAMES, 'exporter']);
  if (!topic)
    throw usageError(
      `"${argument}" is not a service dead-letter topic; one of ${[...SERVICE_NAMES, 'exporter'].map((s) => `cde.${s}.dlt`).join(', ')}, or the service name`,
    );
  const timeoutMs = Number(flags.timeout) * 1000;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0)
    throw usageError('--timeout must be a positive number of seconds');
  const filter: PoisonFilter = {
    ...(flags.code ? { codes: list(flags.code) } : {}),
    ...(flags.source ? { sourceTopics: list(flags.source) } : {}),
  };
  const kafka = ctx.kafka();
  const records: DeadLetterRecord[] = [];
  const entries: PoisonEntry[] = [];
  if ((await kafka.topicExists([topic])).size === 0) return { topic, records, entries };
  await kafka.readToEnd(
    topic,
    (message, partition) => {
      const record: DeadLetterRecord = {
        partition,
        offset: message.offset,
        key: message.key,
        value: message.value,
        headers: message.headers ?? {},
      };
      const entry = poisonEntryOf(record);
      if (!selectPoison(entry, filter)) return;
      records.push(record);
      entries.push(entry);
    },
    timeoutMs,
  );
  return { topic, records, entries };
}

/** `cde poison list <topic>`: each poison message with its code, reason, source and a preview of its value. */
export async function poisonList(ctx: CliContext, argument: string, flags: PoisonFlags): Promise<number> {
  const { topic, entries } = await selected(ctx, argument, flags);
  print(flags.json ?? false, { topic, count: entries.length, messages: entries }, () =>
    [
      `${topic}: ${entries.length} poison message(s)`,
      ...entries.map(
        (e) =>
          `${e.failedAt} ${e.code} ${e.sourceTopic}[${e.sourcePartition ?? '?'}]@${e.sourceOffset} (${e.service}): ${e.reason}\n  key ${e.key ?? '-'} value ${e.value ?? '-'}`,
      ),
    ].join('\n'),
  );
  return ExitCode.Done;
}

/**
 * `cde poison replay <topic>`: sends the selected messages back to their source topics with their original key,
 * value and headers. Change events are signals (the feed re-reads its entities), so a replay is harmless to repeat;
 * a message still unreadable is set aside again.
 */
export async function poisonReplay(ctx: CliContext, argument: string, flags: PoisonFlags): Promise<number> {
  const { topic, records } = await selected(ctx, argument, flags);
  const messages = records.flatMap((r) => {
    const m = replayMessageOf(r);
    return m ? [m] : [];
  });
  const byTopic = new Map<string, number>();
  for (const m of messages) byTopic.set(m.topic, (byTopic.get(m.topic) ?? 0) + 1);
  if (!flags.dryRun) await ctx.kafka().produceRaw(messages);
  const report = {
    topic,
    dryRun: flags.dryRun ?? false,
    replayed: messages.length,
    skipped: records.length - messages.length,
    toTopics: Object.fromEntries(byTopic),
  };
  print(flags.json ?? false, report, () =>
    [
      `${topic}: ${flags.dryRun ? 'would replay' : 'replayed'} ${messages.length} message(s)` +
        (report.skipped > 0 ? `, ${report.skipped} without a source topic skipped` : ''),
      ...[...byTopic].map(([t, n]) => `  ${n} → ${t}`),
    ].join('\n'),
  );
  if (!flags.json && !flags.dryRun && messages.length > 0)
    out('replayed messages that still cannot be read are set aside again; see cde poison list');
  return ExitCode.Done;
}
