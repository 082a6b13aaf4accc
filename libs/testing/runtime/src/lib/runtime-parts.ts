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
  const started = Date.now();
  await dev(['restart', part, ...(options.kill === true ? ['--kill'] : [])], options.timeoutMs);
  return { part, tookMs: Date.now() - started };
}

/** The first half of {@link restartRuntimePart}: `./dev stop <part>`; the part stays down until started again. */
export async function stopRuntimePart(
  part: RuntimePart,
  options: { readonly kill?: boolean; readonly timeoutMs?: number } = {},
): Promise<void> {
  await dev(['stop', part, ...(options.kill === true ? ['--kill'] : [])], options.timeoutMs);
}

/**
 * The second half: `./dev start <part>`, as `./dev up` starts it, data kept. Connect starts as a worker only, its
 * connector coming back from Kafka in whatever state it is in (it is not registered again). Returns how long it took.
 */
export async function startRuntimePart(
  part: RuntimePart,
  options: { readonly timeoutMs?: number } = {},
): Promise<RestartedPart> {
  const started = Date.now();
  await dev(['start', part], options.timeoutMs);
  return { part, tookMs: Date.now() - started };
}

async function dev(args: readonly string[], timeoutMs = 300_000): Promise<void> {
  const runDir = process.env['CDE_RUN_DIR'];
  if (runDir === undefined || runDir === '' || process.env['CDE_PORT_OFFSET'] === undefined) {
    throw new Error(
      `./dev ${args[0] ?? ''} needs the runtime of \`./dev test\` (CDE_RUN_DIR, CDE_PORT_OFFSET)`,
    );
  }
  try {
    await run(path.join(REPO_ROOT, 'dev'), args, {
      cwd: REPO_ROOT,
      env: process.env,
      timeout: timeoutMs,
      maxBuffer: 4 * 1024 * 1024,
    });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`./dev ${args.join(' ')} failed (${(error as Error).message}):\n${stdout}\n${stderr}`);
  }
}
