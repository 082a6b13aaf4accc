import { OpsCode } from '@cde/contracts';
import { OpsError } from '@cde/ops';

/** Runs `work` but gives up after `ms`, as "unavailable": an operator's command never hangs on a dead part. */
export async function within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new OpsError(OpsCode.Unavailable, `${what}: no answer within ${ms / 1000}s`)),
      ms,
    );
  });
  try {
    return await Promise.race([
      work.catch((error: unknown) => {
        if (error instanceof OpsError) throw error;
        throw new OpsError(
          OpsCode.Unavailable,
          `${what}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
