import { EntityLocks } from './entity-locks';

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe(EntityLocks.name, () => {
  it('makes a sync of overlapping ids wait for the one holding them, and lets disjoint ids through', async () => {
    const locks = new EntityLocks();
    const order: string[] = [];
    const releaseA = await locks.acquire(['1', '2']);
    const b = locks.acquire(['2', '3']).then((release) => {
      order.push('b');
      return release;
    });
    const c = locks.acquire(['4']).then((release) => {
      order.push('c');
      return release;
    });
    await tick();
    expect(order).toEqual(['c']);
    releaseA();
    (await b)();
    (await c)();
    expect(order).toEqual(['c', 'b']);
    expect(locks.size).toBe(0);
  });

  it('hands ids to one waiter at a time when several wait for them', async () => {
    const locks = new EntityLocks();
    const first = await locks.acquire(['p']);
    let inside = 0;
    let most = 0;
    const waiter = async (): Promise<void> => {
      const release = await locks.acquire(['p']);
      inside++;
      most = Math.max(most, inside);
      await tick();
      inside--;
      release();
    };
    const all = Promise.all([waiter(), waiter(), waiter()]);
    first();
    await all;
    expect(most).toBe(1);
    expect(locks.size).toBe(0);
  });
});
