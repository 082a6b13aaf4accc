import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { IngestionHeaders } from '@cde/contracts';

/** Express middleware: every response carries a fresh `x-request-id` (a UUID), whatever route answers. */
export function assignRequestId(_req: IncomingMessage, res: ServerResponse, next: () => void): void {
  res.setHeader(IngestionHeaders.requestId, randomUUID());
  next();
}

/** The id assignRequestId gave this response. */
export function requestIdOf(res: ServerResponse): string {
  const id = res.getHeader(IngestionHeaders.requestId);
  return typeof id === 'string' ? id : '';
}
