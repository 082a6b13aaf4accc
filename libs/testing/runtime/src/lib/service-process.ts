import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './repo-root';

export interface ServiceProcess {
  readonly child: ChildProcess;
  /** Log lines so far (stdout and stderr). */
  readonly lines: string[];
  /** Resolves with the first line matching, rejecting after `timeoutMs` or when the process exits first. */
  waitForLine(pattern: RegExp, timeoutMs: number): Promise<string>;
  /** SIGTERM and wait for exit (bounded), then SIGKILL. */
  stop(timeoutMs?: number): Promise<number | null>;
  /** SIGKILL to the whole process group: a crash, no shutdown hooks. */
  kill(): Promise<void>;
}

/**
 * How an app is run: from its build (`dist/apps/<name>/main.js`, what images and `./dev up` run) when
 * `CDE_APPS_FROM=dist`, which `./dev test` sets once it built them, else from source through tsx (a spec run from
 * an editor).
 */
export function serviceCommand(
  name: string,
  from: string | undefined = process.env['CDE_APPS_FROM'],
): { command: string; args: string[] } {
  if (from === 'dist') {
    return {
      command: process.execPath,
      args: ['--enable-source-maps', path.join(REPO_ROOT, 'dist/apps', name, 'main.js')],
    };
  }
  return {
    command: path.join(REPO_ROOT, 'node_modules/.bin/tsx'),
    args: [path.join(REPO_ROOT, 'apps', name, 'src/main.ts')],
  };
}

/**
 * Where a started service's output is kept for a look after the run: `<run dir>/logs/<name>-<pid>.log`, beside the
 * runtime's own logs, which `./dev test` keeps until the next run. Undefined outside a runtime (no CDE_RUN_DIR).
 */
export function serviceLogFile(
  name: string,
  pid: number | undefined,
  runDir: string | undefined = process.env['CDE_RUN_DIR'],
): string | undefined {
  if (runDir === undefined || runDir === '' || pid === undefined) return undefined;
  return path.join(runDir, 'logs', `${name}-${pid}.log`);
}

/**
 * Starts an app of this repository as a real process, as `./dev up` does, with the test's environment on top of the
 * runtime's. Its output is kept in memory (`lines`) and in {@link serviceLogFile}.
 */
export function startService(
  name: string,
  env: Readonly<Record<string, string>>,
  options: {
    /** Node options before the app (only when it runs from its build). */
    readonly nodeArgs?: readonly string[];
    /** `dist` runs the build whatever CDE_APPS_FROM says. */
    readonly from?: 'dist';
  } = {},
): ServiceProcess {
  const { command, args } = serviceCommand(name, options.from ?? process.env['CDE_APPS_FROM']);
  const child = spawn(command, command === process.execPath ? [...(options.nodeArgs ?? []), ...args] : args, {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: tsx runs the app in a child process, and signals must reach both.
    detached: true,
  });
  const signal = (name: NodeJS.Signals): void => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, name);
    } catch {
      // Already gone.
    }
  };
  const lines: string[] = [];
  const logFile = serviceLogFile(name, child.pid);
  // A log that cannot be written must not fail the test that started the service.
  const log =
    logFile === undefined
      ? undefined
      : createWriteStream(logFile, { flags: 'a' }).on('error', () => undefined);
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  const onData = (chunk: Buffer): void => {
    log?.write(chunk);
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
      lines.push(line);
      for (const w of waiters.filter((x) => x.pattern.test(line))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  void exited.then(() => log?.end());

  return {
    child,
    lines,
    waitForLine(pattern, timeoutMs) {
      const seen = lines.find((l) => pattern.test(l));
      if (seen) return Promise.resolve(seen);
      return new Promise<string>((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new Error(
                `${name}: no line matching ${String(pattern)} within ${timeoutMs} ms; last lines:\n${lines.slice(-15).join('\n')}`,
              ),
            ),
          timeoutMs,
        );
        waiters.push({
          pattern,
          resolve: (line) => {
            clearTimeout(timer);
            resolve(line);
          },
        });
        void exited.then((code) => {
          clearTimeout(timer);
          reject(
            new Error(
              `${name} exited (${String(code)}) before a line matching ${String(pattern)}; last lines:\n${lines.slice(-15).join('\n')}`,
            ),
          );
        });
      });
    },
    async stop(timeoutMs = 30_000) {
      if (child.exitCode !== null) return child.exitCode;
      signal('SIGTERM');
      const timer = setTimeout(() => signal('SIGKILL'), timeoutMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
    async kill() {
      if (child.exitCode !== null) return;
      signal('SIGKILL');
      await exited;
    },
  };
}
