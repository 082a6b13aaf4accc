import { SyncCode } from '@cde/contracts';
import type { ServiceProcess } from '@cde/testing/runtime';
import { eventually, Pipeline } from './pipeline-harness';

/** The JSON log records of a service from line `mark` on. */
function recordsSince(service: ServiceProcess, mark: number): Record<string, unknown>[] {
  return service.lines.slice(mark).flatMap((line) => {
    try {
      return [JSON.parse(line) as Record<string, unknown>];
    } catch {
      return [];
    }
  });
}

/**
 * A schema change that breaks a reader, through the whole pipeline: the feed service fails loudly once (CDE04-29),
 * holds the change back uncommitted across retries and a restart, parks nothing, and goes on once the schema is back.
 */
describe('a column renamed under a running feed service', () => {
  const pipeline = new Pipeline({
    feedService: 'scopes-feed',
    feeds: ['scopesWebsite'],
    feedServiceEnv: { CDE_FEEDS: 'scopesWebsite' },
  });
  const code = `${pipeline.tag}_sw`;
  let renamed = false;

  const rename = async (from: string, to: string): Promise<void> => {
    await pipeline.shop.query(`ALTER TABLE store_group RENAME COLUMN ${from} TO ${to}`);
    renamed = to !== 'code';
  };
  const received = async (): Promise<boolean> =>
    (await pipeline.items('scopesWebsite')).some((i) => i['websiteCode'] === code);

  beforeAll(async () => {
    await pipeline.start();
    await pipeline.waitSettled('scopesWebsite', 120_000);
  });

  afterAll(async () => {
    // Whatever failed, the shared Commerce DB gets its schema back.
    if (renamed) await rename('group_code', 'code');
    await pipeline.shop.query('DELETE FROM store_website WHERE code = ?', [code]);
    await pipeline.stop();
  });

  it('holds the change back, told once per process, and delivers it once the column is back', async () => {
    let mark = pipeline.feedService.lines.length;
    await rename('code', 'group_code');
    await pipeline.shop.query(
      'INSERT INTO store_website (code, name, sort_order, default_group_id, is_default) VALUES (?, ?, 60, 0, 0)',
      [code, 'Schema change'],
    );
    const coded = (service: ServiceProcess, from: number, c: string) =>
      recordsSince(service, from).filter((r) => r['code'] === c);

    // Several retries of the batch by the transport, one record of the cause.
    expect(
      await eventually(
        () => Promise.resolve(coded(pipeline.feedService, mark, 'CDE11-01').length >= 4),
        90_000,
        500,
      ),
    ).toBe(true);
    const told = coded(pipeline.feedService, mark, SyncCode.SchemaMismatch);
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ level: 'error', feed: 'scopesWebsite', dbError: 'ER_BAD_FIELD_ERROR' });
    expect(told[0]!['status']).toMatch(
      /^CDE04-29 feed scopesWebsite cannot read the Commerce DB: Unknown column 'code' in '[^']+' \(ER_BAD_FIELD_ERROR, reading store_group\)\. .*upgrade cde/,
    );
    expect(coded(pipeline.feedService, mark, SyncCode.EntityUnreadable)).toEqual([]);
    expect(await pipeline.parkedOrRetrying('scopesWebsite')).toBe(0);
    expect(await received()).toBe(false);

    // Nothing was committed: a new process reads the same change again, and tells the cause once more.
    const restarted = await pipeline.restartFeedServiceAfterKill();
    mark = 0;
    await restarted.waitForLine(/CDE04-29/, 90_000);
    expect(coded(restarted, mark, SyncCode.SchemaMismatch)).toHaveLength(1);

    // The fix: the column is back. The next retry reads, without another restart.
    await rename('group_code', 'code');
    expect(await eventually(received, 90_000)).toBe(true);
    await restarted.waitForLine(/reads the Commerce DB again/, 10_000);
    expect(coded(restarted, mark, SyncCode.SchemaMismatch)).toHaveLength(1);
    expect(await pipeline.parkedOrRetrying('scopesWebsite')).toBe(0);
  });
});
