import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from './repo-root';

const run = promisify(execFile);

/** The parts of the local runtime `./dev` runs as processes of its own. */
export type RuntimePart = 'mariadb' | 'kafka' | 'connect';

export interface RestartedPart {
  readonly part: RuntimePart;
  /** From the stop (or kill -9) to the part answering again, as `./dev` checks it. */
  readonly tookMs: number;
}

/**
 * Stops a part of the runtime the test runs on (SIGTERM, or kill -9 of its process group with `kill`) and starts it
 * again as `./dev up` does, data kept: `./dev restart <part>`, on the run dir and ports `./dev test` exported. Refuses
 * to run outside such a runtime, so that a spec started from an editor never restarts a developer's runtime.
 */
export async function restartRuntimePart(
  part: RuntimePart,
  options: { readonly kill?: boolean; readonly timeoutMs?: number } = {},
): Promise<RestartedPart> {
  const runDir = process.env['CDE_RUN_DIR'];
  if (runDir === undefined || runDir === '' || process.env['CDE_PORT_OFFSET'] === undefined) {
    throw new Error('restartRuntimePart needs the runtime of `./dev test` (CDE_RUN_DIR, CDE_PORT_OFFSET)');
  }
  const started = Date.now();
  const args = ['restart', part, ...(options.kill === true ? ['--kill'] : [])];
  try {
    await run(path.join(REPO_ROOT, 'dev'), args, {
      cwd: REPO_ROOT,
      env: process.env,
      timeout: options.timeoutMs ?? 300_000,
      maxBuffer: 4 * 1024 * 1024,
    });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`./dev ${args.join(' ')} failed (${(error as Error).message}):\n${stdout}\n${stderr}`);
  }
  return { part, tookMs: Date.now() - started };
}
