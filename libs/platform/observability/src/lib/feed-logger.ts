import pino, { type DestinationStream, type Logger } from 'pino';
import { traceLogFields } from './tracing';

/**
 * One JSON record per line in the original's shape (`feed`, `operation`, `status`, `elapsed`, `pid`, `caller`)
 * plus `service`, `level`, `time`, `traceId` and, on warnings and errors, `code` (CDEgg-nn). `status` is the
 * message: `logger.info({ feed, operation }, 'Complete')`.
 */
export interface FeedLogFields {
  readonly feed?: string;
  /** `full sync`, `partial sync`, `retry failed items`, `full sync (legacy)`… */
  readonly operation?: string;
  readonly elapsed?: string;
  readonly traceId?: string;
  readonly code?: string;
}

export interface LoggerOptions {
  readonly service: string;
  readonly level?: pino.LevelWithSilent;
  /** Where records go; stdout by default (tests pass a stream to read them). */
  readonly destination?: DestinationStream;
}

/** The first six argv tokens, as the original logs its caller (`bin/magento saas:resync --feed=prices`). */
export function callerOf(argv: readonly string[] = process.argv): string {
  return argv
    .slice(1, 7)
    .map((a) =>
      a.replace(/^.*\/(apps|tools|libs|node_modules\/\.bin)\//, (_m, dir: string) =>
        dir === 'node_modules/.bin' ? '' : `${dir}/`,
      ),
    )
    .join(' ');
}

export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      messageKey: 'status',
      base: { service: options.service, pid: String(process.pid), caller: callerOf() },
      timestamp: () => `,"time":"${new Date().toISOString()}"`,
      formatters: { level: (label) => ({ level: label }) },
      // The active span's ids in every record written inside it (nothing while tracing is off); a `traceId` the
      // call passes itself wins.
      mixin: traceLogFields,
      // Secrets and payloads never reach the logs by accident.
      redact: {
        paths: [
          'password',
          '*.password',
          'apiKey',
          '*.apiKey',
          'privateKey',
          '*.privateKey',
          'authorization',
        ],
        censor: '[redacted]',
      },
    },
    options.destination ?? pino.destination({ sync: false }),
  );
}

/** `"<n> ms"`, `"HH:MM:SS <n> ms"` or `"<d> day(s) HH:MM:SS"`, as the original formats `elapsed`. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.round(ms));
  if (total < 1000) return `${total} ms`;
  const days = Math.floor(total / 86_400_000);
  const h = Math.floor((total % 86_400_000) / 3_600_000);
  const m = Math.floor((total % 3_600_000) / 60_000);
  const s = Math.floor((total % 60_000) / 1000);
  const hms = [h, m, s].map((n) => String(n).padStart(2, '0')).join(':');
  return days > 0 ? `${days} day(s) ${hms}` : `${hms} ${total % 1000} ms`;
}
