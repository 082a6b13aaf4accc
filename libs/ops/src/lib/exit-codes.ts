import { OpsCode } from '@cde/contracts';

/** What `cde` exits with, so a script can tell the outcomes apart. */
export const ExitCode = {
  Done: 0,
  Failed: 1,
  BadUsage: 2,
  Refused: 3,
  TimedOut: 4,
  Unavailable: 5,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

const EXIT_OF: Readonly<Record<OpsCode, ExitCode>> = {
  [OpsCode.BadUsage]: ExitCode.BadUsage,
  [OpsCode.NoService]: ExitCode.Unavailable,
  [OpsCode.Unavailable]: ExitCode.Unavailable,
  [OpsCode.TimedOut]: ExitCode.TimedOut,
  [OpsCode.Refused]: ExitCode.Refused,
  [OpsCode.Failed]: ExitCode.Failed,
  [OpsCode.NotFound]: ExitCode.Failed,
};

/** An operation that cannot go on: its code (catalog) decides the exit code. */
export class OpsError extends Error {
  override readonly name = 'OpsError';
  readonly exitCode: ExitCode;

  constructor(
    readonly code: OpsCode,
    message: string,
  ) {
    super(message);
    this.exitCode = EXIT_OF[code];
  }
}

export const usageError = (message: string): OpsError => new OpsError(OpsCode.BadUsage, message);
