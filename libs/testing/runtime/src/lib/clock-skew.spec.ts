import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { clockSkewEnv, clockSkewPreload } from './clock-skew';

describe(clockSkewEnv.name, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cde-clock-skew-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** What a Node process started with the environment sees, measured against this process's clock. */
  const observe = (env: Record<string, string>): Record<string, number | boolean | string> => {
    const script = `
      const fs = require('node:fs');
      const made = fs.statSync(process.execPath).mtime;
      class Stamp extends Date {}
      console.log(JSON.stringify({
        now: Date.now(),
        constructed: new Date().getTime(),
        subclass: new Stamp().getTime(),
        called: Date.parse(Date()),
        fromValue: new Date(0).getTime(),
        parsed: Date.parse('2026-01-01T00:00:00.000Z'),
        nodeDateIsDate: made instanceof Date,
        ownDateIsDate: new Date() instanceof Date,
        iso: new Date(86_400_000).toISOString(),
      }));`;
    const before = Date.now();
    const out = execFileSync(process.execPath, ['-e', script], {
      env: { ...process.env, ...env },
      encoding: 'utf8',
    });
    return { ...(JSON.parse(out) as Record<string, number | boolean | string>), before, after: Date.now() };
  };

  it("shifts the child's wall clock by the offset, and nothing else", () => {
    const seen = observe(clockSkewEnv(-300_000, dir, ''));
    const before = Number(seen['before']) - 300_000;
    const after = Number(seen['after']) - 300_000;
    for (const field of ['now', 'constructed', 'subclass']) {
      expect(Number(seen[field])).toBeGreaterThanOrEqual(before);
      expect(Number(seen[field])).toBeLessThanOrEqual(after);
    }
    // Date() has second precision.
    expect(Number(seen['called'])).toBeGreaterThanOrEqual(before - 1_000);
    expect(Number(seen['called'])).toBeLessThanOrEqual(after);
    expect(seen).toMatchObject({
      fromValue: 0,
      parsed: Date.parse('2026-01-01T00:00:00.000Z'),
      nodeDateIsDate: true,
      ownDateIsDate: true,
      iso: '1970-01-02T00:00:00.000Z',
    });
  });

  it("keeps the caller's NODE_OPTIONS", () => {
    expect(clockSkewEnv(1_000, dir, '--max-old-space-size=512')['NODE_OPTIONS']).toMatch(
      /^--max-old-space-size=512 --require ".*clock-skewplus1000\.cjs"$/,
    );
  });

  it('refuses an offset that is not whole milliseconds', () => {
    expect(() => clockSkewPreload(0.5)).toThrow(/whole milliseconds/);
  });
});
