import {
  OpsCode,
  Topics,
  type FeedDeadLetterMessage,
  type FeedItemMessage,
  type FeedName,
} from '@cde/contracts';
import {
  changeOf,
  diffItems,
  ENTITY_CHANGES,
  ExitCode,
  formatTable,
  OpsError,
  parseFeeds,
  parseItemId,
  statusWords,
  usageError,
  verdictOf,
  type Explanation,
  type FailedDelivery,
  type PublishedVersion,
  type SourceChange,
} from '@cde/ops';
import { COMMERCE_DATABASE, FEEDS } from '@cde/contracts';
import type { CliContext } from '../cli-context';
import { err, print } from '../output';

export interface ExplainFlags {
  feed?: string;
  id?: string;
  timeout: string;
  json?: boolean;
}

const parse = <T>(value: Buffer | null): T | null => {
  if (!value) return null;
  try {
    return JSON.parse(value.toString('utf8')) as T;
  } catch {
    return null;
  }
};

async function publishedVersions(
  ctx: CliContext,
  feed: FeedName,
  feedId: string,
  timeoutMs: number,
): Promise<PublishedVersion[]> {
  const versions: PublishedVersion[] = [];
  await ctx.kafka().readToEnd(
    Topics.feed(feed),
    (m) => {
      if (m.key?.toString('utf8') !== feedId) return;
      const v = parse<FeedItemMessage>(m.value);
      if (!v) return;
      versions.push({
        offset: m.offset,
        producedAt: v.producedAt,
        feedHash: v.feedHash,
        attempt: v.attempt,
        deleted: v.deleted,
        traceId: v.traceId,
        ...(v.sourceCommitTime ? { sourceCommitTime: v.sourceCommitTime } : {}),
        item: v.item,
      });
    },
    timeoutMs,
  );
  return versions;
}

async function failedDeliveries(
  ctx: CliContext,
  feed: FeedName,
  feedId: string,
  timeoutMs: number,
): Promise<FailedDelivery[]> {
  const topic = Topics.feedDeadLetter(feed);
  if (!(await ctx.kafka().topicExists([topic])).has(topic)) return [];
  const out: FailedDelivery[] = [];
  await ctx.kafka().readToEnd(
    topic,
    (m) => {
      if (m.key?.toString('utf8') !== feedId) return;
      const v = parse<FeedDeadLetterMessage>(m.value);
      if (v)
        out.push({
          failedAt: v.failedAt,
          attempts: v.attempts,
          statusCode: v.statusCode,
          code: v.code,
          reason: v.reason,
          feedHash: v.feedHash,
        });
    },
    timeoutMs,
  );
  return out;
}

async function sourceChanges(
  ctx: CliContext,
  feed: FeedName,
  entityId: string,
  timeoutMs: number,
): Promise<SourceChange[]> {
  const { tables, column } = ENTITY_CHANGES[feed];
  const topics = tables.map((t) => `commerce.${COMMERCE_DATABASE}.${t}`);
  const existing = await ctx.kafka().topicExists(topics);
  const changes: SourceChange[] = [];
  for (const topic of topics.filter((t) => existing.has(t))) {
    await ctx.kafka().readTail(
      topic,
      5_000,
      (m) => {
        const c = changeOf(parse<unknown>(m.value), column, entityId, m.offset);
        if (c) changes.push(c);
      },
      timeoutMs,
    );
  }
  return changes.sort((a, b) => (a.at ?? '').localeCompare(b.at ?? '')).slice(-10);
}

/** `cde explain`: why this item is what it is, from the change to the receiver. */
export async function explain(ctx: CliContext, flags: ExplainFlags): Promise<number> {
  const feeds = parseFeeds(flags.feed);
  const [feed] = feeds;
  if (!feed || feeds.length !== 1) throw usageError('--feed takes one feed for explain');
  const id = parseItemId(feed, flags.id);
  const timeoutMs = Number(flags.timeout) * 1000;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0)
    throw usageError('--timeout must be a positive number of seconds');
  const state = await (await ctx.feedStateReads()).state(feed, id.feedId);
  const published = await publishedVersions(ctx, feed, id.feedId, timeoutMs);
  if (!state && published.length === 0)
    throw new OpsError(
      OpsCode.NotFound,
      `no ${feed} item ${flags.id ?? ''} (feedId ${id.feedId}) in the feed state or on ${Topics.feed(feed)}`,
    );
  const latest = published[published.length - 1];
  const identity =
    'fields' in id
      ? id.fields
      : latest
        ? Object.fromEntries(
            Object.entries(latest.item)
              .filter(([k]) => k !== 'deleted' && typeof latest.item[k] !== 'object')
              .map(([k, v]) => [k, String(v)]),
          )
        : null;
  const entityId = state?.sourceEntityId;
  const changes = entityId ? await sourceChanges(ctx, feed, entityId, timeoutMs) : [];
  const deliveries = await failedDeliveries(ctx, feed, id.feedId, timeoutMs);
  let receiver: Record<string, unknown> | null = null;
  if (ctx.config.receiver.apiKey && identity) {
    const keys = Object.fromEntries(
      Object.entries(identity).filter(([k]) => (latest ? k in latest.item : true)),
    );
    receiver = await ctx
      .receiver()
      .item(feed, pickIdentity(feed, keys))
      .catch((error: unknown) => {
        err(`receiver: ${String(error)}`);
        return null;
      });
  }
  const differences = receiver && latest ? diffItems(receiver, latest.item) : [];
  const partial: Omit<Explanation, 'verdict'> = {
    feed,
    feedId: id.feedId,
    identity,
    state,
    changes,
    published,
    deliveries,
    receiver,
    differences,
  };
  const explanation: Explanation = { ...partial, verdict: verdictOf(partial) };
  print(flags.json ?? false, explanation, () => text(explanation));
  return ExitCode.Done;
}

function pickIdentity(feed: FeedName, fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    FEEDS[feed].identity.filter((f) => fields[f] !== undefined).map((f) => [f, fields[f] ?? '']),
  );
}

function text(e: Explanation): string {
  const s = e.state;
  const lines = [
    `${e.feed} item ${
      e.identity
        ? Object.entries(e.identity)
            .map(([k, v]) => `${k}=${v}`)
            .join(', ')
        : ''
    } (feedId ${e.feedId})`,
    `→ ${e.verdict}`,
    '',
  ];
  lines.push('changes in the Commerce DB (recent, newest last):');
  lines.push(
    ...(e.changes.length
      ? e.changes.map((c) => `  ${c.at ?? '?'}  ${c.op}  ${c.table}`)
      : ['  none in the recent change topics']),
  );
  lines.push('', 'published versions (cde.feed):');
  lines.push(
    ...(e.published.length
      ? e.published.map(
          (p) =>
            `  ${p.producedAt}  hash ${p.feedHash.slice(0, 12)}  attempt ${p.attempt}${p.deleted ? '  deleted' : ''}  trace ${p.traceId}`,
        )
      : ['  none']),
  );
  lines.push('', 'feed state:');
  lines.push(
    s
      ? `  ${statusWords(s.status)}; hash ${s.feedHash.slice(0, 12)}, sent ${s.sentHash?.slice(0, 12) ?? 'never'}, attempts ${s.attempts}${s.parked ? ', PARKED' : ''}, request id ${s.requestId ?? '-'}, last ${s.ackedAt ?? s.modifiedAt}${s.errors ? `\n  error: ${s.errors}` : ''}`
      : '  no row',
  );
  lines.push('', 'failed deliveries (dead-letter topic):');
  lines.push(
    ...(e.deliveries.length
      ? e.deliveries.map(
          (d) => `  ${d.failedAt}  attempt ${d.attempts}  HTTP ${d.statusCode}  ${d.code} ${d.reason}`,
        )
      : ['  none']),
  );
  lines.push('', `receiver's copy: ${e.receiver ? 'present' : 'none'}`);
  if (e.differences.length)
    lines.push(
      'differences, receiver → latest assembled:',
      formatTable(
        e.differences.map((d) => ['  ' + d.path, JSON.stringify(d.left), '→', JSON.stringify(d.right)]),
      ),
    );
  return lines.join('\n');
}
