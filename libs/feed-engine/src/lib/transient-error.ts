/**
 * Errors that say nothing about the data being read: the database or the network failed for a while. A sync that
 * meets one must fail as a whole so its transport retries it; so must a schema error (`schema-error.ts`); only other
 * errors are blamed on an entity.
 */
const TRANSIENT_CODES: ReadonlySet<string> = new Set([
  // Node and network.
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  // mysql2 client.
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'POOL_CLOSED',
  // MariaDB / MySQL server.
  'ER_LOCK_DEADLOCK',
  'ER_LOCK_WAIT_TIMEOUT',
  'ER_CON_COUNT_ERROR',
  'ER_TOO_MANY_USER_CONNECTIONS',
  'ER_SERVER_SHUTDOWN',
  'ER_NORMAL_SHUTDOWN',
  'ER_QUERY_INTERRUPTED',
  'ER_QUERY_TIMEOUT',
  'ER_STATEMENT_TIMEOUT',
  'ER_CONNECTION_KILLED',
  'ER_NET_READ_INTERRUPTED',
  'ER_NET_WRITE_INTERRUPTED',
  'ER_NET_READ_ERROR',
  'ER_NET_ERROR_ON_WRITE',
  'ER_OUT_OF_RESOURCES',
]);

const TRANSIENT_NAMES: ReadonlySet<string> = new Set([
  'TimeoutError',
  'AbortError',
  'ConnectionNotFoundError',
]);

/** The error and what it wraps (TypeORM's `driverError`, a `cause`), outermost first, a few levels deep. */
export function errorChain(error: unknown): Record<string, unknown>[] {
  const chain: Record<string, unknown>[] = [];
  const visit = (e: unknown, depth: number): void => {
    if (typeof e !== 'object' || e === null || depth > 5) return;
    const record = e as Record<string, unknown>;
    chain.push(record);
    visit(record['driverError'], depth + 1);
    visit(record['cause'], depth + 1);
  };
  visit(error, 0);
  return chain;
}

/** Whether an error (or what it wraps: TypeORM's `driverError`, a `cause`) is a transient failure, not bad data. */
export function isTransientError(error: unknown): boolean {
  return errorChain(error).some(
    (e) =>
      (typeof e['code'] === 'string' && TRANSIENT_CODES.has(e['code'])) ||
      (typeof e['name'] === 'string' && TRANSIENT_NAMES.has(e['name'])) ||
      // mysql2 flags errors after which the connection is unusable.
      e['fatal'] === true,
  );
}
