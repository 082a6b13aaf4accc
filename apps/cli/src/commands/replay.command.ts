import { readFileSync } from 'node:fs';
import { FEEDS, OpsCode, Topics, type FeedItemMessage, type FeedItemPayload } from '@cde/contracts';
import { classifyResponse, encodeBatch, IngestionClient, IngestionSigner } from '@cde/export';
import { ExitCode, OpsError, parseFeeds, usageError } from '@cde/ops';
import type { CliContext } from '../cli-context';
import { err, print, progress } from '../output';

export interface ReplayFlags {
  feed?: string;
  rps?: string;
  timeout: string;
  json?: boolean;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The latest version of every item the compacted topic holds (a later message answers for earlier ones). */
async function latestItems(
  ctx: CliContext,
  topic: string,
  timeoutMs: number,
  showProgress: boolean,
): Promise<FeedItemPayload[]> {
  const latest = new Map<string, FeedItemPayload>();
  const bar = progress(`reading ${topic}`, showProgress);
  await ctx.kafka().readToEnd(
    topic,
    (m) => {
      const key = m.key?.toString('utf8');
      if (!key) return;
      if (!m.value) {
        latest.delete(key);
        return;
      }
      try {
        const v = JSON.parse(m.value.toString('utf8')) as FeedItemMessage;
        latest.delete(key);
        latest.set(key, v.item);
      } catch {
        // not a feed item message: the exporter dead-letters it; a replay skips it
      }
    },
    timeoutMs,
    (read, total) => bar.update(read, total),
  );
  bar.stop();
  return [...latest.values()];
}

/**
 * `cde replay`: rebuilds the receiver's copy of a feed from its compacted topic alone (no Commerce DB, no feed
 * state): every item's latest version, in batches of the feed's size, at the allowed request rate, through the
 * exporter's delivery client (signature, gzip, 429 and Retry-After, retries of 5xx).
 */
export async function replay(ctx: CliContext, flags: ReplayFlags): Promise<number> {
  const feeds = parseFeeds(flags.feed);
  const timeoutMs = Number(flags.timeout) * 1000;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0)
    throw usageError('--timeout must be a positive number of seconds');
  const rps = flags.rps === undefined ? ctx.config.receiver.maxRps : Number(flags.rps);
  if (!Number.isFinite(rps) || rps <= 0 || rps > 10_000)
    throw usageError(`--rps must be a positive number, got "${flags.rps}"`);
  const r = ctx.config.receiver;
  const missing = [
    ['CDE_EXPORT_ENVIRONMENT_ID', r.environmentId],
    ['CDE_EXPORT_API_KEY', r.apiKey],
    ['CDE_EXPORT_PRIVATE_KEY_FILE', r.privateKeyFile],
  ].filter(([, v]) => !v);
  if (missing.length > 0)
    throw usageError(`replay sends to the receiver: set ${missing.map(([k]) => k).join(', ')}`);
  let pem: string;
  try {
    pem = readFileSync(r.privateKeyFile, 'utf8');
  } catch (error) {
    throw usageError(`cannot read CDE_EXPORT_PRIVATE_KEY_FILE: ${String(error)}`);
  }
  const signer = await IngestionSigner.fromPkcs8(pem, { environmentId: r.environmentId, apiKey: r.apiKey });
  const client = new IngestionClient({
    baseUrl: r.baseUrl,
    environmentId: r.environmentId,
    apiKey: r.apiKey,
    signer,
    requestTimeoutMs: 30_000,
    connections: 2,
  });
  const deadline = Date.now() + timeoutMs;
  const results: { feed: string; items: number; sent: number; failed: number; requests: number }[] = [];
  try {
    for (const feed of feeds) {
      const items = await latestItems(ctx, Topics.feed(feed), timeoutMs, !flags.json);
      const batchSize = FEEDS[feed].defaultBatchSize;
      const bar = progress(`replaying ${feed}`, !flags.json);
      let sent = 0;
      let failed = 0;
      let requests = 0;
      let next = Date.now();
      for (let i = 0; i < items.length; i += batchSize) {
        const batch = items.slice(i, i + batchSize);
        const { body } = await encodeBatch(batch);
        for (let attempt = 1; ; attempt++) {
          if (Date.now() > deadline)
            throw new OpsError(
              OpsCode.TimedOut,
              `${feed}: replay not done within ${flags.timeout}s (${sent} of ${items.length} sent)`,
            );
          await sleep(Math.max(0, next - Date.now()));
          next = Date.now() + 1000 / rps;
          requests++;
          const verdict = classifyResponse(await client.post(feed, body), batch.length, Date.now());
          if (verdict.kind === 'accepted' || verdict.kind === 'rejected') {
            const bad = verdict.kind === 'rejected' ? batch.length : verdict.failedItems.size;
            failed += bad;
            sent += batch.length - bad;
            if (bad > 0)
              err(
                `${feed}: ${bad} items refused by the receiver${verdict.kind === 'rejected' ? `: ${verdict.reason}` : ''}`,
              );
            break;
          }
          if (verdict.kind === 'throttled') {
            next = Date.now() + (verdict.retryAfterMs ?? 1000);
            continue;
          }
          if (attempt >= 5)
            throw new OpsError(OpsCode.Unavailable, `${feed}: the receiver keeps failing: ${verdict.reason}`);
          next = Date.now() + 500 * 2 ** attempt;
        }
        bar.update(sent + failed, items.length);
      }
      bar.stop();
      results.push({ feed, items: items.length, sent, failed, requests });
      if (!flags.json)
        err(
          `${feed}: replayed ${sent} of ${items.length} items in ${requests} requests${failed ? `, ${failed} refused` : ''}`,
        );
    }
  } finally {
    await client.close();
  }
  print(flags.json ?? false, { results }, () =>
    results.map((x) => `${x.feed}: ${x.sent}/${x.items} sent, ${x.failed} refused`).join('\n'),
  );
  return results.some((x) => x.failed > 0) ? ExitCode.Failed : ExitCode.Done;
}
