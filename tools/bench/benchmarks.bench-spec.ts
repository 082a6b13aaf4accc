import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

interface BenchRun {
  readonly code: number | null;
  readonly output: string;
}

/** Runs `./dev bench <name> <args>`'s script on the test runtime (its environment), output collected. */
function runBench(
  name: string,
  args: readonly string[],
  resultsDir: string,
  timeoutMs: number,
): Promise<BenchRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), [`tools/bench/${name}.bench.ts`, ...args], {
      cwd: ROOT,
      env: { ...process.env, CDE_BENCH_RESULTS: resultsDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** The figures of the `ratios:` line a benchmark prints last. */
function ratiosOf(output: string): Record<string, number> {
  const line = output
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('ratios:'));
  if (!line) throw new Error(`no ratios line in:\n${output.slice(-3000)}`);
  return Object.fromEntries(
    line
      .slice('ratios:'.length)
      .trim()
      .split(/\s+/)
      .map((pair) => pair.split('='))
      .map(([k, v]) => [k ?? '', Number(v)]),
  );
}

/**
 * A smoke test of every benchmark scenario on the small profile against the test runtime: each runs to the end,
 * prints finite ratios and saves its JSON and SVG. Not a timing assertion: figures on a busy machine mean nothing;
 * the scenarios are run for figures on medium and large by hand (`./dev bench …`).
 */
describe('benchmarks (smoke, small)', () => {
  const results = mkdtempSync(path.join(tmpdir(), 'cde-bench-smoke-'));
  afterAll(() => rmSync(results, { recursive: true, force: true }));

  const scenarios: Record<string, { args: readonly string[]; ratios: readonly string[] }> = {
    'full-sync': {
      args: ['--profile', 'small', '--feeds', 'productAttributes', '--keep', '--timeout', '8'],
      ratios: ['productAttributes.e2e/raw', 'peakRSS/512MiB'],
    },
    // The smallest catalog feed: the smoke run proves the path, not a rate.
    // Two onboardings, each bounded so a loaded machine gets the bench's own error rather than a silent kill.
    scale: {
      args: ['--profile', 'small', '--feeds', 'productAttributes', '--reuse', '--timeout', '9'],
      ratios: ['2x/1x'],
    },
    rate: { args: ['--items', '300'], ratios: ['used/allowed', 'full-batches'] },
    replay: { args: ['--items', '1000'], ratios: ['replay/ceiling'] },
    freshness: {
      args: ['--rate', '10', '--duration', '10'],
      ratios: ['receiver.p99/debezium.p99'],
    },
    products: { args: ['--profile', 'small', '--limit', '300'], ratios: ['assembly/raw'] },
  };
  const outcomes = new Map<string, Promise<BenchRun>>();

  beforeAll(() => {
    // Two lanes at once: the catalog onboarding pair shares one generated catalog; the rest runs beside it.
    const lane = async (names: readonly string[]) => {
      for (const name of names) {
        const s = scenarios[name]!;
        const run = runBench(name, s.args, results, (name === 'scale' ? 20 : 10) * 60_000);
        outcomes.set(name, run);
        await run.catch(() => undefined);
      }
    };
    void lane(['full-sync', 'scale']);
    void lane(['rate', 'replay', 'freshness', 'products']);
  });

  it.each(Object.keys(scenarios))(
    '%s runs to the end and reports its ratios',
    async (name) => {
      for (let i = 0; i < 3600 && !outcomes.has(name); i++) await new Promise((r) => setTimeout(r, 500));
      const run = await outcomes.get(name)!;
      if (run.code !== 0) throw new Error(`bench ${name} exited ${run.code}:\n${run.output.slice(-4000)}`);
      const ratios = ratiosOf(run.output);
      for (const r of scenarios[name]!.ratios) {
        expect(ratios).toHaveProperty([r]);
        expect(Number.isFinite(ratios[r])).toBe(true);
        expect(ratios[r]).toBeGreaterThan(0);
      }
      const saved = readdirSync(results).filter((f) => f.startsWith(name));
      expect(saved.some((f) => f.endsWith('.json'))).toBe(true);
      expect(saved.some((f) => f.endsWith('.svg'))).toBe(true);
      const file = path.join(
        results,
        saved.find((f) => f.endsWith('.json'))!,
      );
      const json = JSON.parse(readFileSync(file, 'utf8')) as {
        scenario: string;
        ratios: Record<string, number>;
      };
      expect(json.scenario).toContain(name);
      expect(Object.keys(json.ratios)).toEqual(expect.arrayContaining([...scenarios[name]!.ratios]));
    },
    45 * 60_000,
  );
});
