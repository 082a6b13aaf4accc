import { NO_FAULTS } from './fault-switches';
import { FaultsService } from './faults.service';

describe(FaultsService.name, () => {
  const create = (hangTimeoutMs = 5_000, random?: () => number): FaultsService =>
    new FaultsService({ initial: NO_FAULTS, seed: 1, hangTimeoutMs, random });

  it('lets requests pass with no switch on', async () => {
    await expect(create().beforeIngestion(new AbortController().signal)).resolves.toBe('pass');
  });

  it('fails requests by errorRate with its random source, deterministically for a seed', async () => {
    const sut = create(5_000, () => 0.1);
    sut.update({ errorRate: 0.2 });
    await expect(sut.beforeIngestion(new AbortController().signal)).resolves.toBe('error');
    sut.update({ errorRate: 0.05 });
    await expect(sut.beforeIngestion(new AbortController().signal)).resolves.toBe('pass');

    const verdicts = async (): Promise<string[]> => {
      const s = create();
      s.update({ errorRate: 0.5, seed: 9 });
      const out: string[] = [];
      for (let i = 0; i < 20; i++) out.push(await s.beforeIngestion(new AbortController().signal));
      return out;
    };
    const first = await verdicts();
    expect(await verdicts()).toEqual(first);
    expect(new Set(first)).toEqual(new Set(['pass', 'error']));
  });

  it('holds requests while hang is on and releases them when it is switched off', async () => {
    const sut = create();
    sut.update({ hang: true });
    const verdict = sut.beforeIngestion(new AbortController().signal);
    await new Promise((r) => setTimeout(r, 20));
    expect(sut.heldRequests()).toBe(1);
    sut.update({ hang: false });
    await expect(verdict).resolves.toBe('pass');
    expect(sut.heldRequests()).toBe(0);
  });

  it('drops a held request when the client gives up, and answers itself after the hang timeout', async () => {
    const sut = create(50);
    sut.update({ hang: true });
    const client = new AbortController();
    const gone = sut.beforeIngestion(client.signal);
    client.abort();
    await expect(gone).resolves.toBe('client_gone');
    await expect(sut.beforeIngestion(new AbortController().signal)).resolves.toBe('hang_timeout');
    expect(sut.heldRequests()).toBe(0);
  });

  it('adds latency, cut short when the client gives up', async () => {
    const sut = create();
    sut.update({ latencyMs: 60 });
    const started = Date.now();
    await expect(sut.beforeIngestion(new AbortController().signal)).resolves.toBe('pass');
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
    sut.update({ latencyMs: 10_000 });
    await expect(sut.beforeIngestion(AbortSignal.timeout(20))).resolves.toBe('client_gone');
  });

  it('resets every switch and overrides the rate limit until then', () => {
    const sut = create();
    expect(sut.rateLimit(2)).toBe(2);
    sut.update({ rateLimit: 0, hang: true, rejectItems: [{ field: 'sku', value: 'A' }] });
    expect(sut.rateLimit(2)).toBe(0);
    expect(sut.reset()).toEqual(NO_FAULTS);
    expect(sut.rateLimit(2)).toBe(2);
  });
});
