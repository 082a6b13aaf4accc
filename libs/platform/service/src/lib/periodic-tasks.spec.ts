import pino from 'pino';
import { PeriodicTasks } from './periodic-tasks';

describe(PeriodicTasks.name, () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs a task on its timer, one run at a time, and logs a failed run with its code', async () => {
    const records: Record<string, unknown>[] = [];
    const logger = pino(
      { level: 'error' },
      { write: (line: string) => void records.push(JSON.parse(line) as Record<string, unknown>) },
    );
    let runs = 0;
    let finish: () => void = () => undefined;
    const sut = new PeriodicTasks(
      [
        {
          name: 'legacy',
          intervalMs: 100,
          run: () => {
            runs++;
            return new Promise<void>((resolve) => (finish = resolve));
          },
          failureCode: 'x',
        },
        {
          name: 'cleanup',
          intervalMs: 100,
          run: () => Promise.reject(new Error('db down')),
          failureCode: 'y',
        },
      ],
      logger,
    );
    sut.start();
    await jest.advanceTimersByTimeAsync(350);
    expect(runs).toBe(1);
    finish();
    await jest.advanceTimersByTimeAsync(100);
    expect(runs).toBe(2);
    expect(records.filter((r) => r['code'] === 'y').map((r) => r['operation'])).toEqual([
      'cleanup',
      'cleanup',
      'cleanup',
      'cleanup',
    ]);
    const stopped = sut.stop(1_000);
    finish();
    await stopped;
    await jest.advanceTimersByTimeAsync(500);
    expect(runs).toBe(2);
  });

  it('runs a task marked atStart once as it starts, then on its timer', async () => {
    const logger = pino({ level: 'silent' });
    let runs = 0;
    const sut = new PeriodicTasks(
      [
        {
          name: 'clock',
          intervalMs: 100,
          run: () => Promise.resolve(void runs++),
          failureCode: 'x',
          atStart: true,
        },
      ],
      logger,
    );
    sut.start();
    expect(runs).toBe(1);
    await jest.advanceTimersByTimeAsync(250);
    expect(runs).toBe(3);
    await sut.stop(1_000);
    await jest.advanceTimersByTimeAsync(500);
    expect(runs).toBe(3);
  });
});
