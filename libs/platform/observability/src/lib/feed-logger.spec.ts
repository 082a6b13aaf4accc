import { Writable } from 'node:stream';
import { callerOf, createLogger, formatElapsed } from './feed-logger';

describe(formatElapsed.name, () => {
  it.each([
    [0, '0 ms'],
    [999, '999 ms'],
    [1_000, '00:00:01 0 ms'],
    [3_723_456, '01:02:03 456 ms'],
    [90_061_000, '1 day(s) 01:01:01'],
  ])('formats %i ms as "%s"', (ms, text) => {
    expect(formatElapsed(ms)).toBe(text);
  });
});

describe(createLogger.name, () => {
  it("writes the original's record shape with service, level, time and code, and redacts secrets", async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const sut = createLogger({ service: 'scopes-feed', destination });
    sut.warn(
      {
        feed: 'scopesWebsite',
        operation: 'partial sync',
        code: 'CDE04-19',
        elapsed: '12 ms',
        password: 's3cret',
      },
      'empty identifier',
    );
    sut.flush();
    await new Promise((resolve) => setImmediate(resolve));
    const record = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(record).toMatchObject({
      level: 'warn',
      service: 'scopes-feed',
      pid: String(process.pid),
      feed: 'scopesWebsite',
      operation: 'partial sync',
      status: 'empty identifier',
      elapsed: '12 ms',
      code: 'CDE04-19',
      password: '[redacted]',
    });
    expect(typeof record['caller']).toBe('string');
    expect(new Date(String(record['time'])).toISOString()).toBe(record['time']);
  });

  it('names the caller by its first argv tokens', () => {
    expect(callerOf(['node', '/x/y/apps/scopes-feed/src/main.ts', '--flag'])).toBe(
      'apps/scopes-feed/src/main.ts --flag',
    );
  });
});
