import { SingleBar } from 'cli-progress';
import { formatElapsed } from '@cde/platform/observability';

export const out = (line: string): void => void process.stdout.write(`${line}\n`);
export const err = (line: string): void => void process.stderr.write(`${line}\n`);

/** `--json`: one JSON document on stdout; otherwise the text. */
export function print(json: boolean, data: unknown, text: () => string): void {
  if (json) out(JSON.stringify(data, null, 2));
  else out(text());
}

export interface Progress {
  update(done: number, total?: number | null): void;
  stop(): void;
}

/**
 * Progress of long work: a bar with totals and ETA on a terminal (stderr), plain lines at most every 5 s otherwise
 * (logs, CI), nothing with `--json` or `--quiet`.
 */
export function progress(label: string, enabled: boolean): Progress {
  if (!enabled) return { update: () => undefined, stop: () => undefined };
  if (process.stderr.isTTY) {
    const bar = new SingleBar({
      format: `${label} [{bar}] {percentage}% | {value}/{total} | ETA {eta_formatted} | {duration_formatted}`,
      stream: process.stderr,
      hideCursor: true,
    });
    let started = false;
    return {
      update(done, total) {
        if (!started) {
          bar.start(total ?? done, done);
          started = true;
        }
        if (total !== undefined && total !== null) bar.setTotal(total);
        bar.update(done);
      },
      stop: () => (started ? bar.stop() : undefined),
    };
  }
  const startedAt = Date.now();
  let last = 0;
  return {
    update(done, total) {
      if (Date.now() - last < 5_000) return;
      last = Date.now();
      const elapsed = Date.now() - startedAt;
      const eta = total && done > 0 ? ` ETA ${formatElapsed(((total - done) * elapsed) / done)}` : '';
      err(`${label}: ${done}${total ? `/${total}` : ''} (${formatElapsed(elapsed)})${eta}`);
    },
    stop: () => undefined,
  };
}
