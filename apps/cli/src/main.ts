/**
 * `cde`: the operator's command line. Exit codes a script can trust: 0 done, 1 failed, 2 bad usage, 3 refused,
 * 4 timed out, 5 unavailable (see @cde/ops).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { OpsCode } from '@cde/contracts';
import { ExitCode, OpsError } from '@cde/ops';
import { CommanderError } from 'commander';
import { OrdersLinkUsageError } from './orders-link';
import { err, out } from './output';
import { buildProgram } from './program';

/** The repository's version: apps/cli/src and dist/apps/cli both sit three levels below its package.json. */
function versionOf(): string {
  try {
    const pkg = JSON.parse(readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

const wantsJson = process.argv.includes('--json');

function fail(code: OpsCode, exitCode: number, message: string): void {
  err(`cde: ${message} (${code})`);
  if (wantsJson) out(JSON.stringify({ error: { code, message, exitCode } }));
  process.exitCode = exitCode;
}

buildProgram(versionOf())
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? ExitCode.Done : ExitCode.BadUsage;
      return;
    }
    if (error instanceof OpsError) return fail(error.code, error.exitCode, error.message);
    if (error instanceof OrdersLinkUsageError)
      return fail(OpsCode.BadUsage, ExitCode.BadUsage, error.message);
    fail(OpsCode.Failed, ExitCode.Failed, error instanceof Error ? error.message : String(error));
  })
  .finally(() => {
    // Clients that linger (a broker reconnect timer) must not keep a finished command alive.
    setTimeout(() => process.exit(), 200).unref();
  });
