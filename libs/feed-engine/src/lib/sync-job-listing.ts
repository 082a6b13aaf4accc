import type { FeedName } from '@cde/contracts';
import { pageKeyset, type CommerceDb } from '@cde/platform/commerce-db';
import type { SyncJobRepository } from '@cde/platform/feed-state';
import type { FeedReader } from './feed-definition';
import { compareIds, idsPage, parseSpec, type SyncScope } from './sync-job-spec';

/**
 * How far a job goes in its listings: every id (undefined), or only up to this source id, for a fan-out whose
 * later ids the waiting onboarding reads after the change (null: it has passed none, so the fan-out has none).
 */
export type Reach = string | null | undefined;

/**
 * A fan-out's reach. The feed's onboarding, while it waits (not started, or stepped aside for fan-outs like this
 * one), reads every entity after its saved place later, so after this change: the fan-out syncs only the entities
 * up to that place, none if it has not started. Only where the reader lists every entity it collects (an id the
 * onboarding does not list would be neither synced nor left alone as a fan-out would), and only for the
 * onboarding: it never gives up, where a resync may fail for good or be a dry run.
 */
export async function fanOutReach(
  feed: FeedName,
  reader: Pick<FeedReader, 'listsEveryEntity'>,
  jobs: Pick<SyncJobRepository, 'idleOnboarding'>,
): Promise<Reach> {
  if (reader.listsEveryEntity !== true) return undefined;
  const onboarding = await jobs.idleOnboarding(feed);
  if (!onboarding) return undefined;
  try {
    const spec = parseSpec(onboarding.spec);
    return 'all' in spec.scope && !spec.dryRun ? onboarding.afterId : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The next page of a job's current listing within its reach (empty past it), or undefined when the scope has no
 * listing left.
 */
export async function listPage(
  reader: FeedReader,
  db: CommerceDb,
  scope: Exclude<SyncScope, { stored: true }>,
  at: { readonly queryIndex: number; readonly afterId: string | null; readonly reach: Reach },
  limit: number,
): Promise<string[] | undefined> {
  if (at.reach === null) return [];
  const ids = await listed(reader, db, scope, at.queryIndex, at.afterId, limit);
  return ids && withinReach(ids, at.reach);
}

async function listed(
  reader: FeedReader,
  db: CommerceDb,
  scope: Exclude<SyncScope, { stored: true }>,
  queryIndex: number,
  afterId: string | null,
  limit: number,
): Promise<string[] | undefined> {
  if ('all' in scope) return reader.listEntityIds(afterId ?? '0', limit);
  if ('ids' in scope) return idsPage(scope.ids, afterId, limit);
  const query = scope.queries[queryIndex];
  return query === undefined ? undefined : pageKeyset(db, query, afterId, limit);
}

/** The ids of an ascending page within reach: a prefix of it. */
function withinReach(ids: string[], reach: string | undefined): string[] {
  if (reach === undefined) return ids;
  const past = ids.findIndex((id) => compareIds(id, reach) > 0);
  return past < 0 ? ids : ids.slice(0, past);
}
