import type { RowDataPacket } from 'mysql2/promise';
import type { FeedName } from '@cde/contracts';
import type { Pipeline } from '../../../apps/pipeline-e2e/src/pipeline-harness';

/** Items published without an outcome yet, or waiting for a retry, summed over the feeds (parked ones are final). */
export async function itemsOnTheWay(pipeline: Pipeline, feeds: readonly FeedName[]): Promise<number> {
  let total = 0;
  for (const feed of feeds) total += await pipeline.onTheWay(feed);
  return total;
}

/** No sync job open for the feeds, each feed's onboarding done, nothing on its way. */
async function onboardedAndQuiet(pipeline: Pipeline, feeds: readonly FeedName[]): Promise<boolean> {
  const [jobs] = await pipeline.shop.query<RowDataPacket[]>(
    `SELECT COUNT(*) AS open FROM \`${pipeline.stateDb}\`.cde_sync_job
      WHERE feed IN (?) AND (state IN ('pending', 'running') OR (singleton IS NOT NULL AND state <> 'done'))`,
    [feeds],
  );
  const [onboarded] = await pipeline.shop.query<RowDataPacket[]>(
    `SELECT COUNT(*) AS n FROM \`${pipeline.stateDb}\`.cde_sync_job WHERE singleton IN (?) AND state = 'done'`,
    [feeds.map((f) => `onboarding:${f}`)],
  );
  return (
    Number(jobs[0]?.['open'] ?? 1) === 0 &&
    Number(onboarded[0]?.['n'] ?? 0) === feeds.length &&
    (await itemsOnTheWay(pipeline, feeds)) === 0
  );
}

/** Polls `quiet` each second until it holds twice in a row; false when `timeoutMs` passed first. */
async function holdsTwice(quiet: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  let streak = 0;
  while (streak < 2) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    streak = (await quiet()) ? streak + 1 : 0;
  }
  return true;
}

/**
 * Waits until every feed is onboarded and nothing is left on its way to the receiver, twice in a row a second
 * apart; throws when that takes longer than `timeoutMs`.
 */
export async function waitOnboarded(
  pipeline: Pipeline,
  feeds: readonly FeedName[],
  timeoutMs: number,
): Promise<void> {
  if (await holdsTwice(() => onboardedAndQuiet(pipeline, feeds), timeoutMs)) return;
  const [jobs] = await pipeline.shop.query<RowDataPacket[]>(
    `SELECT feed, kind, singleton, state, processed, total, attempts, last_error FROM \`${pipeline.stateDb}\`.cde_sync_job
      WHERE feed IN (?) ORDER BY created_at DESC LIMIT 10`,
    [feeds],
  );
  throw new Error(
    `not onboarded within ${Math.round(timeoutMs / 1000)} s: ${await itemsOnTheWay(pipeline, feeds)} items on ` +
      `their way; latest sync jobs ${JSON.stringify(jobs)}`,
  );
}

/** Waits until nothing of the feeds is on its way, twice a second apart; false when `timeoutMs` passed first. */
export function waitDrained(
  pipeline: Pipeline,
  feeds: readonly FeedName[],
  timeoutMs: number,
): Promise<boolean> {
  return holdsTwice(async () => (await itemsOnTheWay(pipeline, feeds)) === 0, timeoutMs);
}
