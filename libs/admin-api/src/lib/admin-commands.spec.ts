import { FEED_NAMES } from '@cde/contracts';
import { commandsFor } from './admin-commands';

describe(commandsFor.name, () => {
  const now = new Date('2026-12-05T08:00:00Z');

  it('turns a resync of one feed into one command naming the requester', () => {
    const parsed = commandsFor({ action: 'resync', feed: 'products', dryRun: true }, 'dashboard:admin', now);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value).toHaveLength(1);
    expect(parsed.value[0]).toMatchObject({
      type: 'resync',
      feed: 'products',
      requestedBy: 'dashboard:admin',
      requestedAt: '2026-12-05T08:00:00.000Z',
      options: { dryRun: true, force: false, cleanupFeed: false, noReindex: false, continueResync: false },
    });
    expect(parsed.value[0]?.commandId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('resyncs every feed for "all", and passes the ids of a partial resync', () => {
    const all = commandsFor({ action: 'resync', feed: 'all' }, 'dashboard:a', now);
    expect(all.ok && all.value.map((c) => c.feed)).toEqual([...FEED_NAMES]);
    const ids = commandsFor({ action: 'resync', feed: 'PRICES', byIds: ['SKU-1'] }, 'dashboard:a', now);
    expect(ids.ok && ids.value[0]).toMatchObject({ feed: 'prices', options: { byIds: ['SKU-1'] } });
  });

  it('retries parked items of a feed, all or listed', () => {
    const id = 'a'.repeat(40);
    const parsed = commandsFor(
      { action: 'retry-parked', feed: 'scopesWebsite', feedIds: [id] },
      'dashboard:a',
      now,
    );
    expect(parsed.ok && parsed.value[0]).toMatchObject({ type: 'retry-parked', feedIds: [id] });
  });

  it.each([
    [{ action: 'nuke', feed: 'products' }, /action/],
    [{ action: 'resync', feed: 'nope' }, /unknown feed "nope"/],
    [{ action: 'resync', feed: 'all', byIds: ['x'] }, /byIds needs one feed/],
    [{ action: 'retry-parked', feed: 'products', feedIds: ['zz'] }, /40 hex digits/],
    [null, /expected object/i],
  ])('refuses %j', (body, message) => {
    const parsed = commandsFor(body, 'dashboard:a', now);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(message);
  });
});
