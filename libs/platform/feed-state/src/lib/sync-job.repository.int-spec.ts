import { connectCommerceDbAsShop, loadRuntimeConfig, scratchDatabaseName } from '@cde/testing/runtime';
import type { DataSource } from 'typeorm';
import { createFeedStateDataSource, runFeedStateMigrations } from './feed-state.data-source';
import { SyncJobRepository } from './sync-job.repository';

const progress = (afterId: string, processed: number) => ({
  queryIndex: 0,
  afterId,
  processed,
  synced: processed,
  skipped: 0,
  deleted: 0,
  failed: 0,
});

describe(SyncJobRepository.name, () => {
  const database = scratchDatabaseName('sync_jobs');
  let dataSource: DataSource;
  let sut: SyncJobRepository;

  beforeAll(async () => {
    const root = await connectCommerceDbAsShop({ database: null });
    await root.query(`CREATE DATABASE \`${database}\``);
    await root.end();
    const { commerceDb } = loadRuntimeConfig();
    dataSource = createFeedStateDataSource(
      { host: commerceDb.host, port: commerceDb.port, user: 'root', password: '', database },
      4,
    );
    await dataSource.initialize();
    await runFeedStateMigrations(dataSource);
    sut = new SyncJobRepository(dataSource);
  });

  afterAll(async () => {
    await dataSource.query(`DROP DATABASE IF EXISTS \`${database}\``);
    await dataSource.destroy();
  });

  it('adds an identical waiting job once, and a singleton once ever', async () => {
    const spec = '{"scope":{"all":true}}';
    const first = await sut.add({ feed: 'variants', kind: 'fan-out', reason: 'store 1', spec });
    expect(first).toMatchObject({ feed: 'variants', kind: 'fan-out', state: 'pending', afterId: null });
    expect(await sut.add({ feed: 'variants', kind: 'fan-out', reason: 'store 2', spec })).toBeUndefined();
    // Another feed's is another job.
    expect(await sut.add({ feed: 'categories', kind: 'fan-out', reason: 'store 1', spec })).toBeDefined();

    const onboarding = {
      feed: 'variants',
      kind: 'onboarding',
      reason: 'first start',
      spec,
      singleton: 'onboarding:variants',
    } as const;
    expect(await sut.add(onboarding)).toBeDefined();
    expect(await sut.add(onboarding)).toBeUndefined();
  });

  it('leaves the jobs of the requesters a runner excludes waiting, and claims the others', async () => {
    const spec = '{"scope":{"all":true},"reconcile":{"resend":[],"unknown":[]}}';
    const held = await sut.add({
      feed: 'prices',
      kind: 'resync',
      reason: 'binlog loss',
      spec,
      requestedBy: 'binlog-loss',
    });
    const other = await sut.add({
      feed: 'prices',
      kind: 'resync',
      reason: 'resync',
      spec: '{"scope":{"ids":["1"]}}',
    });
    const options = { excludeRequestedBy: ['binlog-loss'] };
    expect(await sut.claimNext('prices', 'runner-a', 60_000, options)).toMatchObject({ id: other!.id });
    expect(await sut.claimNext('prices', 'runner-a', 60_000, options)).toBeUndefined();
    expect(await sut.claimNext('prices', 'runner-a', 60_000, { excludeKinds: ['onboarding'] })).toMatchObject(
      {
        id: held!.id,
        requestedBy: 'binlog-loss',
      },
    );
  });

  it('claims fan-outs before onboarding, leases a job to one runner, and lets another take it when the lease lapses', async () => {
    const idle = async () => (await sut.idleOnboarding('variants'))?.afterId;
    expect(await idle()).toBeNull();
    const a = await sut.claimNext('variants', 'runner-a', 60_000, { excludeKinds: [] });
    expect(a).toMatchObject({ kind: 'fan-out', leaseOwner: 'runner-a', state: 'running' });
    // The onboarding job is next; a runner that may not onboard yet gets nothing.
    expect(
      await sut.claimNext('variants', 'runner-b', 60_000, { excludeKinds: ['onboarding'] }),
    ).toBeUndefined();
    const b = await sut.claimNext('variants', 'runner-b', 50);
    expect(b).toMatchObject({ kind: 'onboarding', leaseOwner: 'runner-b' });
    // Held: a fan-out may not count on its place.
    expect(await sut.idleOnboarding('variants')).toBeUndefined();

    expect(await sut.saveProgress(b!.id, 'runner-b', 50, progress('100', 100))).toBe(true);
    // Runner b dies: after its lease lapses, runner c resumes from where b got to.
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(await idle()).toBe('100');
    const c = await sut.claimNext('variants', 'runner-c', 60_000);
    expect(c).toMatchObject({ id: b!.id, leaseOwner: 'runner-c', afterId: '100', processed: 100 });
    expect(await sut.idleOnboarding('variants')).toBeUndefined();
    // Stepped aside (released): idle again, at its saved place.
    await sut.release(c!.id, 'runner-c');
    expect(await idle()).toBe('100');
    expect(await sut.claimNext('variants', 'runner-c', 60_000)).toMatchObject({ id: c!.id });
    // b's late writes are refused.
    expect(await sut.saveProgress(b!.id, 'runner-b', 50, progress('200', 200))).toBe(false);
    expect(await sut.finish(b!.id, 'runner-b', 'done')).toBe(false);
    expect(await sut.finish(c!.id, 'runner-c', 'done')).toBe(true);
    expect(await sut.idleOnboarding('variants')).toBeUndefined();
    expect(await sut.finish(a!.id, 'runner-a', 'done')).toBe(true);
    expect((await sut.open('variants')).map((j) => j.id)).toEqual([]);
  });

  it('counts failed waves, ends a failed job, and reopens it for the command that continues it', async () => {
    const job = await sut.add({
      feed: 'products',
      kind: 'resync',
      reason: 'resync c1',
      spec: '{"scope":{"all":true}}',
      commandId: 'c1',
      requestedBy: 'cli:ops@host',
    });
    await sut.claimNext('products', 'runner', 60_000);
    await sut.saveProgress(job!.id, 'runner', 60_000, progress('500', 500));
    expect(await sut.recordFailure(job!.id, 'runner', 60_000, 'connection lost')).toBe(1);
    expect(await sut.recordFailure(job!.id, 'runner', 60_000, 'connection lost')).toBe(2);
    await sut.finish(job!.id, 'runner', 'failed', 'connection lost');
    expect(await sut.latest('products', 'resync')).toEqual([
      expect.objectContaining({ id: job!.id, state: 'failed', attempts: 2, lastError: 'connection lost' }),
    ]);
    expect(await sut.reopen(job!.id, { commandId: 'c2', requestedBy: 'cli:ops@host' })).toBe(true);
    const resumed = await sut.claimNext('products', 'runner-2', 60_000);
    expect(resumed).toMatchObject({
      id: job!.id,
      commandId: 'c2',
      afterId: '500',
      processed: 500,
      attempts: 0,
    });
    await sut.release(resumed!.id, 'runner-2');
    // A released job is claimable at once.
    expect(await sut.claimNext('products', 'runner-3', 60_000)).toMatchObject({ id: job!.id });
  });

  it('cleans up finished jobs but keeps singletons, whose existence says the feed was onboarded', async () => {
    const removed = await sut.cleanup(new Date(Date.now() + 60_000));
    expect(removed).toBeGreaterThan(0);
    const [row] = await dataSource.query<{ n: number | string }[]>(
      "SELECT COUNT(*) AS n FROM cde_sync_job WHERE singleton = 'onboarding:variants'",
    );
    expect(Number(row?.n)).toBe(1);
  });
});
