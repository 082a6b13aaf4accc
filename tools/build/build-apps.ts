/**
 * The build step: one plain-JavaScript bundle per app, `dist/apps/<app>/main.js`, that Node runs without tsx or any
 * other dev dependency. Our own code (the app and the libs it imports) is bundled; npm packages stay external and
 * must be production dependencies of package.json, so `npm ci --omit=dev` is all an image needs beside the bundle.
 *
 *   tsx tools/build/build-apps.ts [app...]     (default: every app with a src/main.ts)
 */
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { build, type Metafile } from 'esbuild';

const ROOT = path.resolve(__dirname, '../..');

/** Node's own line: the bundles use its syntax as it is. */
export const NODE_TARGET = 'node24';

export interface BuiltApp {
  readonly app: string;
  readonly outfile: string;
  readonly bytes: number;
  /** npm packages the bundle requires at run time. */
  readonly packages: readonly string[];
}

/** Apps that are deployables (a `src/main.ts`), in name order. */
export function buildableApps(root = ROOT): string[] {
  return readdirSync(path.join(root, 'apps'))
    .filter((app) => existsSync(path.join(root, 'apps', app, 'src/main.ts')))
    .sort();
}

/** The package a bare import names: `@nestjs/core/x` → `@nestjs/core`, `kafkajs` → `kafkajs`. */
export function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

/** The npm packages a bundle leaves for run time (its external imports that are not Node built-ins). */
export function externalPackages(metafile: Metafile): string[] {
  const packages = new Set<string>();
  for (const output of Object.values(metafile.outputs)) {
    for (const imported of output.imports) {
      if (!imported.external || imported.path.startsWith('node:')) continue;
      packages.add(packageOf(imported.path));
    }
  }
  return [...packages].filter((p) => !isBuiltin(p)).sort();
}

export async function buildApp(app: string, root = ROOT): Promise<BuiltApp> {
  const outdir = path.join(root, 'dist/apps', app);
  rmSync(outdir, { recursive: true, force: true });
  const outfile = path.join(outdir, 'main.js');
  const result = await build({
    absWorkingDir: root,
    entryPoints: [path.join(root, 'apps', app, 'src/main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: NODE_TARGET,
    format: 'cjs',
    // Every npm package is loaded from node_modules at run time, as it was published.
    packages: 'external',
    tsconfig: path.join(root, 'tsconfig.base.json'),
    sourcemap: 'linked',
    sourcesContent: false,
    // Nest names providers and log contexts after classes.
    keepNames: true,
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
  });
  const packages = externalPackages(result.metafile);
  const { dependencies = {} } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  const notShipped = packages.filter((p) => !(p in dependencies));
  if (notShipped.length > 0) {
    throw new Error(
      `${app} imports ${notShipped.join(', ')}, which package.json does not list as dependencies: ` +
        'an image installs production dependencies only',
    );
  }
  // Static files an app serves (the admin dashboard's page) ship beside its bundle.
  const assets = path.join(root, 'apps', app, 'src/web/assets');
  if (existsSync(assets)) cpSync(assets, path.join(outdir, 'assets'), { recursive: true });
  writeFileSync(path.join(outdir, 'packages.json'), `${JSON.stringify(packages, null, 2)}\n`);
  return { app, outfile, bytes: statSync(outfile).size, packages };
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const apps = wanted.length > 0 ? wanted : buildableApps();
  const unknown = apps.filter((a) => !buildableApps().includes(a));
  if (unknown.length > 0) throw new Error(`not an app with a src/main.ts: ${unknown.join(', ')}`);
  const started = Date.now();
  for (const app of apps) {
    const built = await buildApp(app);
    process.stdout.write(
      `built ${path.relative(ROOT, built.outfile)} (${(built.bytes / 1024).toFixed(0)} KiB, ${built.packages.length} packages)\n`,
    );
  }
  process.stdout.write(`${apps.length} apps built in ${Date.now() - started} ms\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`build failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
