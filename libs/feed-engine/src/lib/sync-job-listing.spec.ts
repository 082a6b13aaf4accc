import type { SyncJob } from '@cde/platform/feed-state';
import { fanOutReach, listPage } from './sync-job-listing';
import type { FeedReader } from './feed-definition';
import type { CommerceDb } from '@cde/platform/commerce-db';
import { serializeSpec } from './sync-job-spec';

const FEED = 'products';
/** A job repository whose idle onboarding is `job`. */
const jobs = (job?: Partial<SyncJob>) => ({
  idleOnboarding: () => Promise.resolve(job as SyncJob | undefined),
});
const all = serializeSpec({ scope: { all: true } });

describe(fanOutReach.name, () => {
  it("is the idle onboarding's place, null before it starts", async () => {
    const reader = { listsEveryEntity: true };
    expect(await fanOutReach(FEED, reader, jobs({ spec: all, afterId: '40' }))).toBe('40');
    expect(await fanOutReach(FEED, reader, jobs({ spec: all, afterId: null }))).toBeNull();
  });

  it('is everything without an idle onboarding that walks every entity for real, or a reader that lists them all', async () => {
    const reader = { listsEveryEntity: true };
    expect(await fanOutReach(FEED, reader, jobs())).toBeUndefined();
    expect(await fanOutReach(FEED, {}, jobs({ spec: all, afterId: '40' }))).toBeUndefined();
    const dryRun = serializeSpec({ scope: { all: true }, dryRun: true });
    expect(await fanOutReach(FEED, reader, jobs({ spec: dryRun, afterId: '40' }))).toBeUndefined();
    const ids = serializeSpec({ scope: { ids: ['1'] } });
    expect(await fanOutReach(FEED, reader, jobs({ spec: ids, afterId: '40' }))).toBeUndefined();
    expect(await fanOutReach(FEED, reader, jobs({ spec: 'not json', afterId: '40' }))).toBeUndefined();
  });
});

describe(listPage.name, () => {
  const reader = {
    listEntityIds: (after: string, limit: number) =>
      Promise.resolve(['8', '9', '10', '11'].filter((id) => Number(id) > Number(after)).slice(0, limit)),
  } as unknown as FeedReader;
  const db = {} as CommerceDb;
  const at = (afterId: string | null, reach: string | null | undefined) => ({
    queryIndex: 0,
    afterId,
    reach,
  });

  it('cuts a page at the reach, comparing ids as numbers', async () => {
    expect(await listPage(reader, db, { all: true }, at(null, undefined), 3)).toEqual(['8', '9', '10']);
    expect(await listPage(reader, db, { all: true }, at(null, '9'), 3)).toEqual(['8', '9']);
    expect(await listPage(reader, db, { all: true }, at('9', '10'), 3)).toEqual(['10']);
    expect(await listPage(reader, db, { all: true }, at('10', '10'), 3)).toEqual([]);
    expect(await listPage(reader, db, { ids: ['2', '30', '100'] }, at(null, '30'), 5)).toEqual(['2', '30']);
  });

  it('lists nothing with a null reach, and nothing more once the listings are exhausted', async () => {
    expect(await listPage(reader, db, { all: true }, at(null, null), 3)).toEqual([]);
    expect(await listPage(reader, db, { queries: [] }, at(null, undefined), 3)).toBeUndefined();
  });
});
