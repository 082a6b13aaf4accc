import { spawn } from 'node:child_process';
import { serviceCommand } from '@cde/testing/runtime';

/** What one `cde` run printed and how it ended. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built `cde` CLI with the given environment; fails when it does not end within `timeoutMs`. */
export function runCde(
  env: Readonly<Record<string, string>>,
  args: readonly string[],
  timeoutMs = 120_000,
): Promise<CliRun> {
  const { command, args: base } = serviceCommand('cli');
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...base, ...args], {
      env: { ...process.env, ...env, USER: 'e2e' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`cde ${args.join(' ')} did not end within ${timeoutMs} ms:\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
