// The boundary rules as data: these checks fail if a change to the constraints lets feeds import each other.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { FEED_DOMAINS, depConstraints, specDepConstraints } from './module-boundaries';

interface Constraint {
  sourceTag: string;
  onlyDependOnLibsWithTags: string[];
}

/** Nx's semantics: a dependency is allowed when, for every constraint of the source's tags, it has an allowed tag. */
function allowed(constraints: Constraint[], sourceTags: string[], targetTags: string[]): boolean {
  return constraints
    .filter((c) => sourceTags.includes(c.sourceTag))
    .every((c) => c.onlyDependOnLibsWithTags.some((t) => targetTags.includes(t)));
}

describe('module boundaries', () => {
  const feedLib = (domain: string): string[] => ['type:feature', `domain:${domain}`];

  it.each(
    FEED_DOMAINS.flatMap((a: string) =>
      FEED_DOMAINS.filter((b: string) => b !== a).map((b: string) => [a, b]),
    ),
  )('forbids the %s feed from importing the %s feed', (a: string, b: string) => {
    expect(allowed(depConstraints, feedLib(a), feedLib(b))).toBe(false);
    expect(allowed(specDepConstraints, feedLib(a), feedLib(b))).toBe(false);
  });

  it('lets a feed use the shared engine, platform and contracts', () => {
    for (const domain of FEED_DOMAINS) {
      for (const type of ['type:engine', 'type:platform', 'type:contracts']) {
        expect(allowed(depConstraints, feedLib(domain), [type, 'domain:shared'])).toBe(true);
      }
    }
  });

  it('keeps test support out of production code but lets specs use it', () => {
    const testing = ['type:testing', 'domain:shared'];
    expect(allowed(depConstraints, ['type:platform', 'domain:shared'], testing)).toBe(false);
    expect(allowed(specDepConstraints, ['type:platform', 'domain:shared'], testing)).toBe(true);
  });

  it('keeps contracts free of platform code', () => {
    expect(
      allowed(depConstraints, ['type:contracts', 'domain:shared'], ['type:platform', 'domain:shared']),
    ).toBe(false);
  });
});

describe('eslint with the Nx project graph', () => {
  // Runs the real CLI: ESLint loads its ESM config by dynamic import, which Jest's module sandbox cannot do.
  const root = path.resolve(__dirname, '../..');
  const run = (bin: string, args: string[], input?: string): { status: number | null; out: string } => {
    const r = spawnSync(path.join(root, 'node_modules/.bin', bin), args, {
      cwd: root,
      input,
      encoding: 'utf8',
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
      timeout: 120_000,
    });
    return { status: r.status, out: `${r.stdout}${r.stderr}` };
  };

  it('reports a platform lib importing test support (the rule runs, it is not skipped)', () => {
    expect(run('nx', ['show', 'projects']).status).toBe(0);
    const source = "import { testKafka } from '@cde/testing/runtime';\nexport const kafka = testKafka;\n";
    const result = run(
      'eslint',
      ['--stdin', '--stdin-filename', 'libs/platform/cdc/src/index.ts', '--format', 'json'],
      source,
    );
    const [report] = JSON.parse(result.out.slice(result.out.indexOf('['))) as {
      messages: { ruleId: string; message: string }[];
    }[];
    expect(report!.messages).toContainEqual(
      expect.objectContaining({
        ruleId: '@nx/enforce-module-boundaries',
        message: expect.stringContaining('type:platform') as string,
      }),
    );
  }, 120_000);

  it('keeps I/O out of pure assemblers at run time, but lets them import types', () => {
    const source = [
      "import { queryByIds, type CommerceDb } from '@cde/platform/commerce-db';",
      "import type { Pool } from 'mysql2/promise';",
      "import { readFileSync } from 'node:fs';",
      'export const rows = (db: CommerceDb, pool: Pool): unknown[] => [queryByIds, db, pool, readFileSync];',
      '',
    ].join('\n');
    const result = run(
      'eslint',
      [
        '--stdin',
        '--stdin-filename',
        'libs/feeds/products/src/lib/products/assemble-product-items.ts',
        '--format',
        'json',
      ],
      source,
    );
    const [report] = JSON.parse(result.out.slice(result.out.indexOf('['))) as {
      messages: { ruleId: string; message: string; line: number }[];
    }[];
    const restricted = report!.messages.filter(
      (m) => m.ruleId === '@typescript-eslint/no-restricted-imports',
    );
    expect(restricted.map((m) => m.line)).toEqual([1, 3]);
  }, 120_000);
});
